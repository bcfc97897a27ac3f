import pytest
from django.core.exceptions import ValidationError

from mentor.offer.models import Collection

pytestmark = pytest.mark.django_db


def test_a_collection_cannot_be_its_own_ancestor(reference_data):
    rh = Collection.objects.get(slug="ressources-humaines")
    child = rh.children.first()
    rh.parent = child
    with pytest.raises(ValidationError) as error:
        rh.save()
    assert "propre ancêtre" in str(error.value)
    rh.parent = rh
    with pytest.raises(ValidationError):
        rh.full_clean()


def test_objectives_keep_their_order(reference_data):
    theme = Collection.objects.get(slug="management").orientations.first().thematic_offers.first()
    first, second = theme.objectives.all()[:2]
    first.position, second.position = 5, 1
    first.save()
    second.save()
    assert list(theme.objectives.all()[:2]) == [second, first]
