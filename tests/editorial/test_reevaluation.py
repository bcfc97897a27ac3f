"""Renewing a label: those who follow it ask for a re-evaluation, which opens a new quality review in the
reviewers' queue through the workflow, the label kept until the decision."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from mentor.editorial import access, workflow
from mentor.editorial.labels import award
from mentor.editorial.models import Label, TransitionLog
from mentor.offer.enums import TrainingStatus as S
from tests.tasks import run_tasks

pytestmark = pytest.mark.django_db


@pytest.fixture
def labelled(world):
    training = world.publish_metier()
    Label.objects.create(
        training=training,
        awarded_on=timezone.localdate() - timedelta(days=1050),
        valid_until=timezone.localdate() + timedelta(days=45),
        awarded_by=world.admin,
    )
    return training


def test_a_designer_asks_for_a_reevaluation_which_waits_for_the_reviewers_with_the_label_kept(
    world, labelled
):
    run_tasks()  # what the publication itself sent
    mail.outbox.clear()
    revision = workflow.request_reevaluation(labelled, world.designer)
    assert (revision.status, revision.reevaluation, revision.stage) == (S.SUBMITTED, True, "owner_team")
    assert TransitionLog.objects.filter(revision=revision, transition="request_reevaluation").count() == 1
    assert revision in access.cycles_waiting_for(world.team)
    assert Label.objects.valid().filter(training=labelled).exists()
    run_tasks()
    sent = [m for m in mail.outbox if m.to == [world.team.email]]
    assert [m.subject for m in sent] == [
        "[Mentor] Le label de « Ouvrir les données de son service » attend sa réévaluation"
    ]
    assert "Son label reste valable jusqu'à votre décision." in sent[0].body
    # The new review approves it unchanged; the label is then renewed from that review.
    world.review(revision, world.team)
    labelled.refresh_from_db()
    assert labelled.status == S.PUBLISHED and labelled.title == "Ouvrir les données de son service"
    label = award(labelled, world.admin)
    assert label.valid_until == timezone.localdate() + timedelta(days=3 * 365)


def test_the_lead_and_the_team_may_ask_an_outsider_may_not_and_never_twice(world, labelled):
    refusal = workflow.reevaluation_decision(labelled, world.outsider)
    assert not refusal and "concepteurs, l'équipe Mentor" in refusal.reason
    assert workflow.reevaluation_decision(labelled, world.lead_reviewer)
    workflow.request_reevaluation(labelled, world.team)
    again = workflow.reevaluation_decision(labelled, world.designer)
    assert not again and "déjà" not in again.reason and "en cours" in again.reason
    with pytest.raises(workflow.TransitionRefused):
        workflow.request_reevaluation(labelled, world.designer)


def test_a_training_without_label_has_nothing_to_reevaluate(world):
    training = world.publish_metier()
    decision = workflow.reevaluation_decision(training, world.designer)
    assert not decision and decision.reason == "Cette formation n'a pas de label à réévaluer."
