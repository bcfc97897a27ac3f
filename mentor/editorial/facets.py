"""The catalogue's "Label Mentor" facet, registered from EditorialConfig.ready() (offer never imports
editorial)."""

from django.db.models import Exists, OuterRef
from django.db.models.signals import post_delete, post_save

from mentor.offer.catalogue import register_facet
from mentor.offer.catalogue.cache import catalogue_changed
from mentor.offer.catalogue.facets import ChoiceFacet

from .models import Label


class LabelFacet(ChoiceFacet):
    param = "label"
    label = "Label"
    choices = [("1", "Formations labellisées Mentor")]

    def _labelled(self):
        return Exists(Label.objects.valid().filter(training=OuterRef("pk")))

    def apply(self, queryset, values, user):
        return queryset.filter(self._labelled())

    def count(self, queryset, user):
        return {"1": queryset.filter(self._labelled()).count()}


def _labels_changed(sender, using, **kwargs):
    catalogue_changed(using)


def register():
    register_facet(LabelFacet())
    # The facet reads labels: a label awarded, renewed or withdrawn changes the catalogue.
    post_save.connect(_labels_changed, sender=Label, dispatch_uid="editorial.label_saved")
    post_delete.connect(_labels_changed, sender=Label, dispatch_uid="editorial.label_deleted")
