"""The nightly search for likely duplicates, as the scheduler and the command run it."""

import pytest
from django.core.management import call_command

from mentor.core.jobs import scheduled_jobs
from mentor.offer.enums import TrainingStatus
from mentor.watch.duplicates import find_likely_duplicates
from mentor.watch.index import analyse_training
from mentor.watch.models import LikelyDuplicate, NotDuplicate
from mentor.watch.similarity import similar
from mentor.watch.tasks import find_duplicates
from tests.factories import OrganisationFactory, TrainingFactory

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


def test_the_pairs_are_those_the_lookup_of_each_live_training_finds():
    organisations = [OrganisationFactory() for _ in range(3)]
    subjects = [
        RPS,
        {"title": "Prévention des RPS", "description": "Les risques psychosociaux au travail."},
        {"title": "Conduire le dialogue social", "learning_outcomes": "Préparer une instance"},
        {"title": "Le dialogue social dans la fonction publique", "teaser": "Instances et négociation"},
        {"title": "Initiation à la commande publique", "description": "Rédiger le cahier des charges."},
        {"title": "Commande publique : les procédures", "description": "Choisir la procédure de passation."},
    ]
    trainings = [
        TrainingFactory(owner=organisations[n % 3], **subjects[n % len(subjects)]) for n in range(15)
    ]
    trainings[0].status = TrainingStatus.ARCHIVED
    trainings[1].status = TrainingStatus.REJECTED
    for training in trainings[:2]:
        training.save(update_fields=["status"])
    live = {t.pk: t for t in trainings[2:]}
    expected = {}
    for training in live.values():
        for match in similar(analyse_training(training), 10, exclude=training.pk):
            other = live.get(match.training_id)
            if match.likely_duplicate and other and other.owner_id != training.owner_id:
                key = tuple(sorted((training.pk, other.pk)))
                expected[key] = max(match.score, expected.get(key, 0))

    find_likely_duplicates()

    found = {(p.first_id, p.second_id): p.score for p in LikelyDuplicate.objects.all()}
    assert found == expected and len(found) > 5
    assert all(t.pk not in {a for pair in found for a in pair} for t in trainings[:2])


def test_a_pair_said_not_a_duplicate_is_not_found_again():
    first, second = TrainingFactory(**RPS), TrainingFactory(**RPS)
    NotDuplicate.objects.create(first=first, second=second)

    assert find_duplicates.call() == 0
    assert not LikelyDuplicate.objects.exists()
