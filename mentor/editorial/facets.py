"""The catalogue's "Label Mentor" facet, registered from EditorialConfig.ready() (offer never imports
editorial)."""

from django.db.models import Q
from django.db.models.signals import post_delete, post_save

from mentor.offer.catalogue import register_facet
from mentor.offer.catalogue.facets import YesFacet
from mentor.offer.catalogue.invalidation import trainings_changed

from .models import Label


class LabelFacet(YesFacet):
    param = "label"
    label = "Label"
    choices = [("1", "Formations labellisées Mentor")]

    def condition(self, values, user):
        # Uncorrelated: the few labelled trainings are listed once and hashed.
        return Q(pk__in=Label.objects.valid().values("training_id"))


def _labels_changed(sender, instance, using, **kwargs):
    trainings_changed([instance.training_id], using)


def register():
    register_facet(LabelFacet())
    # The facet reads labels: a label awarded, renewed or withdrawn changes the catalogue of those who see it.
    post_save.connect(_labels_changed, sender=Label, dispatch_uid="editorial.label_saved")
    post_delete.connect(_labels_changed, sender=Label, dispatch_uid="editorial.label_deleted")
