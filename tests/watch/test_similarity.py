"""The similarity index follows the trainings, and the lookup ranks what is alike first."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mentor.offer.enums import TrainingStatus
from mentor.watch import index
from mentor.watch.analysis import analyse
from mentor.watch.models import TermCount, TrainingTerm
from mentor.watch.similarity import similar
from tests.factories import TrainingFactory

pytestmark = pytest.mark.django_db

RPS = {
    "title": "Prévention des risques psychosociaux",
    "description": "Stress, épuisement professionnel et facteurs de risque du rapport Gollac.",
}


def offer():
    return {
        "rps": TrainingFactory(**RPS),
        "fire": TrainingFactory(
            title="Sécurité incendie", description="Extincteurs et évacuation d'un bâtiment."
        ),
        "common": TrainingFactory(
            title="Accueil des agents du service public",
            description="Les agents du service public accueillent.",
        ),
    }


def test_the_most_alike_training_comes_first_with_the_terms_it_shares():
    trainings = offer()

    found = similar(
        analyse({"title": "Prévenir les RPS", "learning_outcomes": "Repérer l'épuisement professionnel"})
    )

    assert found[0].training_id == trainings["rps"].pk
    assert "psychosociaux" in found[0].shared_terms
    assert trainings["fire"].pk not in [m.training_id for m in found]


def test_sharing_only_common_words_is_not_being_alike():
    trainings = offer()

    found = similar(analyse({"title": "Les agents du service public face aux risques psychosociaux"}))

    assert found[0].training_id == trainings["rps"].pk
    common = [m for m in found if m.training_id == trainings["common"].pk]
    assert not common or common[0].score < found[0].score / 2


def test_the_draft_itself_and_the_archived_and_refused_trainings_are_left_out():
    trainings = offer()
    archived = TrainingFactory(**RPS, status=TrainingStatus.ARCHIVED)
    refused = TrainingFactory(**RPS, status=TrainingStatus.REJECTED)

    ids = [m.training_id for m in similar(analyse(RPS), exclude=trainings["rps"].pk)]

    assert trainings["rps"].pk not in ids
    assert archived.pk not in ids and refused.pk not in ids


def test_the_index_follows_saves_and_deletions():
    training = TrainingFactory(title="Numismatique")
    assert TermCount.objects.get(term="numismat").trainings == 1
    assert TermCount.objects.get(term="*").trainings == 1

    training.title = "Cryogénie"
    training.save()
    assert TermCount.objects.get(term="numismat").trainings == 0
    assert TermCount.objects.get(term="cryogen").trainings == 1

    training.delete()
    assert TermCount.objects.get(term="cryogen").trainings == 0
    assert TermCount.objects.get(term="*").trainings == 0
    assert not TrainingTerm.objects.exists()


def test_a_status_change_does_not_analyse_again():
    training = TrainingFactory(title="Numismatique")
    training.status = TrainingStatus.SUBMITTED
    with CaptureQueriesContext(connection) as queries:
        training.save(update_fields=["status"])
    assert queries.captured_queries
    assert not [q for q in queries.captured_queries if "watch_" in q["sql"]]
    training.title = "Cryogénie"
    with CaptureQueriesContext(connection) as queries:
        training.save(update_fields=["title"])
    assert [q for q in queries.captured_queries if "watch_" in q["sql"]]


def test_rebuild_gives_the_index_that_saves_give():
    offer()
    by_saves = set(TrainingTerm.objects.values_list("training_id", "term_id", "weight"))
    counts = set(TermCount.objects.filter(trainings__gt=0).values_list("term", "trainings"))

    assert index.rebuild() == 3

    assert set(TrainingTerm.objects.values_list("training_id", "term_id", "weight")) == by_saves
    assert set(TermCount.objects.values_list("term", "trainings")) == counts


def test_the_lookup_reads_the_database_a_fixed_number_of_times(django_assert_num_queries):
    offer()
    TrainingFactory.create_batch(5, **RPS)
    draft = analyse(RPS)
    with django_assert_num_queries(4):  # term rarities, candidates, their statuses, their terms
        similar(draft)
