"""What the workflow kernel (core/workflow.py) guarantees to the editorial workflow and to the session lifecycle."""

import html

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentor.core.models import OutgoingEmail
from mentor.editorial import workflow
from mentor.offer import sessions
from mentor.offer.enums import SessionStatus
from mentor.offer.enums import TrainingStatus as S
from mentor.offer.models import Training
from mentor.www.contribute import views as contribute_views
from tests.factories import SessionFactory, UserFactory
from tests.tasks import run_tasks

pytestmark = pytest.mark.django_db


def lock_clauses(queries) -> list[str]:
    return [q["sql"][q["sql"].index("FOR UPDATE") :] for q in queries if "FOR UPDATE" in q["sql"]]


def test_a_transition_locks_the_row_of_its_subject_alone(world):
    """On PostgreSQL, FOR UPDATE without OF would also lock the owner and the collection joined to the training,
    making every transition of a collection wait for the others."""
    training = world.training()
    session = SessionFactory(status=SessionStatus.IN_PREPARATION)
    with CaptureQueriesContext(connection) as queries:
        workflow.fire("submit", training, world.designer)
        workflow.fire("start_review", training, world.team)
        sessions.open_registration(session, UserFactory(is_superuser=True))
    clauses = lock_clauses(queries.captured_queries)
    if connection.features.has_select_for_update:
        assert len(clauses) >= 3
        assert all(" OF " in clause for clause in clauses), clauses
    else:  # SQLite serialises writers with its IMMEDIATE transactions instead
        assert clauses == []
    assert training.transition_logs.count() == 2 and session.transition_logs.count() == 1


def test_a_refused_transition_changes_nothing_and_writes_no_message(world):
    training = world.training()
    with pytest.raises(workflow.TransitionRefused, match="Seuls les concepteurs"):
        workflow.fire("submit", training, world.team)
    training.refresh_from_db()
    assert training.status == S.DRAFT
    assert not training.transition_logs.exists() and not OutgoingEmail.objects.exists()


def test_a_title_with_a_line_break_is_submitted_and_the_reviewers_are_told(client, world):
    """D1: the line break reached the subject of the reviewers' e-mail, which the mail layer refuses: the request
    answered 500 after committing the submission, and nobody was told."""
    training = world.training(title="Sécuriser\r\nses données")
    client.force_login(world.designer)
    response = client.post(reverse("www:contribute:transition", kwargs={"pk": training.pk, "name": "submit"}))
    assert response.status_code == 302
    training.refresh_from_db()
    assert training.status == S.SUBMITTED
    run_tasks()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([world.team.email, world.second_team.email])
    assert {m.subject for m in mail.outbox} == {
        "[Mentor] La formation « Sécuriser ses données » attend votre relecture"
    }


def test_a_step_saved_just_after_a_concurrent_submission_is_refused(client, world, monkeypatch):
    """The step's page read the draft, then another request submitted it before the step was written: the save
    checks again on the locked row instead of changing a submitted training."""
    training = world.training()
    real_decision = contribute_views.edit_decision

    def decide_then_someone_submits(user, read):
        decision = real_decision(user, read)
        workflow.fire("submit", Training.objects.get(pk=read.pk), world.designer)
        return decision

    monkeypatch.setattr(contribute_views, "edit_decision", decide_then_someone_submits)
    client.force_login(world.designer)
    response = client.post(
        reverse("www:contribute:step", kwargs={"pk": training.pk, "step": 1}),
        {
            "title": "Un autre titre",
            "teaser": training.teaser,
            "description": training.description,
            "learning_outcomes": training.learning_outcomes,
        },
    )
    assert response.status_code == 403
    assert "ne peut pas être modifiée maintenant" in html.unescape(response.content.decode())
    training.refresh_from_db()
    assert (training.title, training.status) == ("Ouvrir les données de son service", S.SUBMITTED)


def test_every_transition_is_announced_inside_its_transaction(world):
    """Apps above a machine react to its transitions through ``core.workflow.transitioned``."""
    from mentor.core.workflow import transitioned
    from mentor.editorial.workflow import EditorialWorkflow
    from mentor.offer.sessions import SessionLifecycle

    heard = []

    def listen(sender, subject, transition, user, **kwargs):
        heard.append((sender, transition.name, subject.status))

    transitioned.connect(listen)
    try:
        training = world.training()
        workflow.fire("submit", training, world.designer)
        sessions.open_registration(SessionFactory(status=SessionStatus.IN_PREPARATION), None)
        with pytest.raises(workflow.TransitionRefused):
            workflow.fire("submit", training, world.designer)
    finally:
        transitioned.disconnect(listen)
    assert heard == [
        (EditorialWorkflow, "submit", S.SUBMITTED),
        (SessionLifecycle, "open_registration", SessionStatus.REGISTRATION_OPEN),
    ]
