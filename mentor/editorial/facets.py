"""The catalogue's "Label Mentor" facet, registered from EditorialConfig.ready() (offer never imports
editorial)."""

from django.db.models import Exists, OuterRef

from mentor.offer.catalogue import register_facet
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


def register():
    register_facet(LabelFacet())
