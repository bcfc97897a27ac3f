from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from mentor.editorial import workflow
from mentor.editorial.enums import CriterionResult, Rating
from mentor.editorial.labels import award, label_eligibility
from mentor.editorial.models import Label, QualityReview
from mentor.offer.enums import Scope
from tests.tasks import run_tasks

pytestmark = pytest.mark.django_db


def test_a_review_keeps_the_grid_it_used_when_the_grid_changes_later(world):
    training = world.training()
    workflow.fire("submit", training, world.designer)
    world.review(training, world.team, plain=(Rating.NOT_MET, "Daté."))
    review = QualityReview.objects.get()
    before = [(r.criterion_name, r.statement, r.is_blocking, r.rating) for r in review.ratings.all()]

    world.relevance.name = "Pertinence (nouvelle grille)"
    world.relevance.save()
    world.plain.statement = "Énoncé réécrit"
    world.plain.is_blocking = True
    world.plain.save()
    world.accessible.delete()

    review = QualityReview.objects.get()
    assert [(r.criterion_name, r.statement, r.is_blocking, r.rating) for r in review.ratings.all()] == before
    assert [g["name"] for g in review.criterion_results()] == ["Pertinence des contenus", "Ergonomie"]


def test_criterion_results_are_computed_from_their_indicators(world):
    training = world.training(scope=Scope.TRANSVERSE)
    workflow.fire("submit", training, world.designer)
    world.review(
        training,
        world.team,
        decision="forward",
        plain=(Rating.PARTLY_MET, ""),
        accessible=(Rating.NOT_APPLICABLE, ""),
        transverse_only=(Rating.NOT_APPLICABLE, ""),
    )
    results = {g["name"]: g["result"] for g in QualityReview.objects.get().criterion_results()}
    assert results == {
        "Pertinence des contenus": CriterionResult.PARTLY_MET,
        "Ergonomie": CriterionResult.NOT_APPLICABLE,
    }
    assert not QualityReview.objects.get().meets_every_criterion()


def test_full_cross_government_path_ends_labelled(world):
    training = world.training(scope=Scope.TRANSVERSE)
    workflow.fire("submit", training, world.designer)
    world.review(training, world.team, decision="forward")
    world.review(training, world.lead_reviewer)
    assert not label_eligibility(training)  # approved, not yet published
    workflow.fire("publish", training, world.designer)
    training.refresh_from_db()
    label = award(training, world.lead_reviewer)
    assert label.review == QualityReview.objects.filter(reviewer=world.lead_reviewer).get()
    assert label.valid_until == timezone.localdate() + timedelta(days=3 * 365)


def label(world, valid_until, awarded_on=None):
    training = world.publish_metier()
    return Label.objects.create(
        training=training,
        awarded_on=awarded_on or valid_until - timedelta(days=3 * 365),
        valid_until=valid_until,
        awarded_by=world.admin,
    )


def test_the_command_reminds_once_60_days_before_expiry_and_removes_expired_labels(
    world, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    soon = label(world, today + timedelta(days=59))
    later = label(world, today + timedelta(days=61), awarded_on=today)
    expired = label(world, today - timedelta(days=1))
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("process_labels", stdout=out)
    run_tasks()
    assert "1 rappel(s) envoyé(s), 1 label(s) expiré(s) retiré(s)." in out.getvalue()
    assert set(Label.objects.values_list("pk", flat=True)) == {soon.pk, later.pk}
    assert not Label.objects.filter(pk=expired.pk).exists()
    reminders = [m for m in mail.outbox if "demandez sa réévaluation" in m.subject]
    assert {m.to[0] for m in reminders} == {world.designer.email, world.team.email, world.second_team.email}
    soon.refresh_from_db()
    assert soon.reminder_sent_at is not None

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("process_labels", stdout=StringIO())
    run_tasks()
    assert not [m for m in mail.outbox if "demandez sa réévaluation" in m.subject]
