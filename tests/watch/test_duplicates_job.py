"""The nightly search for likely duplicates, as the scheduler and the command run it."""

import pytest
from django.core.management import call_command

from mentor.core.jobs import scheduled_jobs
from mentor.watch.models import LikelyDuplicate
from mentor.watch.tasks import find_duplicates
from tests.factories import TrainingFactory

pytestmark = pytest.mark.django_db

RPS = {
    "title": "Prévenir les risques psychosociaux",
    "learning_outcomes": "Repérer l'épuisement professionnel",
}


def test_the_job_is_scheduled_every_night_and_finds_pairs_across_organisations():
    assert "mentor.watch.tasks.find_duplicates" in {job.name for job in scheduled_jobs()}
    first, second = TrainingFactory(**RPS), TrainingFactory(**RPS)
    TrainingFactory(title="Sécurité incendie")
    TrainingFactory(title="Comptabilité publique")

    assert find_duplicates.call() == 1

    pair = LikelyDuplicate.objects.get()
    assert (pair.first, pair.second) == (first, second)
    assert pair.score >= 0.3 and "psychosociaux" in pair.shared_terms


def test_the_command_says_how_many_pairs_it_found(capsys):
    for _ in range(2):
        TrainingFactory(**RPS)
    TrainingFactory(title="Sécurité incendie")

    call_command("find_likely_duplicates")

    assert "1 paire de doublons probables." in capsys.readouterr().out
