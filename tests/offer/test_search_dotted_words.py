"""A title with a dotted or slashed word ("data.gouv.fr") is found by that word, on both engines: PostgreSQL's
parser would otherwise index it as one host token that no query word matches."""

import pytest

from mentor.core.search import parse_query
from mentor.offer import search_index
from mentor.offer.models import Training
from tests.factories import TrainingFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "typed",
    [
        "Ouvrir un jeu de données sur data.gouv.fr : atelier",
        "data.gouv.fr",
        "atelier data.gouv.fr",
        "jeu données",
    ],
)
def test_a_title_with_a_dotted_word_is_found_by_it(typed):
    training = TrainingFactory(title="Ouvrir un jeu de données sur data.gouv.fr : atelier")
    TrainingFactory(title="Piloter un budget")

    found = search_index.matching(Training.objects.all(), parse_query(typed))

    assert list(found.values_list("pk", flat=True)) == [training.pk]
