"""The labelled evaluation set (similarity_set.json) inside a small generated offer: the targets of the issue
(recall@5 and precision@1 of at least 0.95, no outsider above the "likely duplicate" threshold). The command runs
the same evaluation inside 10,000 trainings (README)."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from bench.data.similarity import evaluate, load_set

pytestmark = pytest.mark.django_db


@pytest.fixture
def offer(db):
    call_command("generate_bench_data", trainings=300, users=20, seed=3, verbosity=0)


def test_the_evaluation_set_meets_the_targets_inside_a_generated_offer(offer):
    evaluation_set = load_set()
    grouped = sum(len(g["trainings"]) for g in evaluation_set["groups"])
    assert grouped + len(evaluation_set["distractors"]) >= 80

    result = evaluate(evaluation_set)

    assert result.queries == grouped
    assert result.recall_at_5 >= 0.95, result.misses
    assert result.precision_at_1 >= 0.95, result.misses
    assert result.intruders == []


def test_the_command_prints_recall_and_precision(offer, capsys):
    call_command("evaluate_similarity", trainings=0)

    out = capsys.readouterr().out
    assert "rappel à 5 = 1.000" in out or "rappel à 5 = 0.9" in out
    assert "précision à 1 =" in out
    assert "0 intrus" in out


def test_the_command_refuses_an_empty_offer(db):
    with pytest.raises(CommandError, match="L'offre est vide"):
        call_command("evaluate_similarity", trainings=0)
