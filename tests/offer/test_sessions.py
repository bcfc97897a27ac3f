from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from mentor.accounts.enums import Role
from mentor.offer import sessions
from mentor.offer.enums import RegistrationStatus, SessionStatus
from mentor.offer.models import Session
from mentor.offer.sessions import TRANSITIONS, TransitionRefused
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    RegistrationFactory,
    SessionFactory,
    UserFactory,
)
from tests.tasks import run_tasks

pytestmark = pytest.mark.django_db

S = SessionStatus


@pytest.fixture
def manager():
    return UserFactory(email="gestionnaire@example.gouv.fr")


def managed_session(manager, **kwargs):
    session = SessionFactory(**kwargs)
    session.managers.add(manager)
    return session


def test_every_status_but_archived_has_a_way_out_and_every_transition_targets_a_known_status():
    sources = set().union(*(t.sources for t in TRANSITIONS.values()))
    # "": a session just saved by schedule_session(), which the "schedule" transition puts in preparation.
    assert sources == (set(SessionStatus) - {S.ARCHIVED}) | {""}
    assert {t.target for t in TRANSITIONS.values()} <= set(SessionStatus)


@pytest.mark.parametrize(
    ("name", "before", "after"),
    [
        ("open_registration", S.IN_PREPARATION, S.REGISTRATION_OPEN),
        ("open_registration", S.POSTPONED, S.REGISTRATION_OPEN),
        ("start", S.REGISTRATION_OPEN, S.IN_PROGRESS),
        ("complete", S.IN_PROGRESS, S.COMPLETED),
        ("postpone", S.REGISTRATION_OPEN, S.POSTPONED),
        ("cancel", S.IN_PREPARATION, S.CANCELLED),
        ("archive", S.COMPLETED, S.ARCHIVED),
        ("archive", S.CANCELLED, S.ARCHIVED),
    ],
)
def test_a_manager_applies_each_transition(manager, name, before, after):
    session = managed_session(manager, status=before)
    getattr(sessions, name)(session, manager)
    session.refresh_from_db()
    assert session.status == after
    log = session.transition_logs.get()
    assert (log.transition, log.from_status, log.to_status, log.actor) == (name, before, after, manager)


@pytest.mark.parametrize(
    ("name", "before"),
    [("start", S.IN_PREPARATION), ("complete", S.REGISTRATION_OPEN), ("archive", S.IN_PROGRESS), ("open_registration", S.ARCHIVED), ("cancel", S.COMPLETED)],
)  # fmt: skip
def test_a_transition_from_the_wrong_status_is_refused_in_french(manager, name, before):
    session = managed_session(manager, status=before)
    with pytest.raises(TransitionRefused, match="est impossible : la session est au statut"):
        getattr(sessions, name)(session, manager)
    session.refresh_from_db()
    assert session.status == before
    assert not session.transition_logs.exists()


def test_only_managers_organiser_session_managers_and_dgafp_admins_may_act():
    ministry = OrganisationFactory()
    organiser = OrganisationFactory(parent=ministry, deconcentrated=True)
    session = SessionFactory(organiser=organiser, status=S.IN_PREPARATION)
    inherited = MembershipFactory(organisation=ministry, role=Role.SESSION_MANAGER).user
    designer = MembershipFactory(organisation=organiser, role=Role.DESIGNER).user
    admin = MembershipFactory(organisation=OrganisationFactory(), role=Role.DGAFP_ADMIN).user
    with pytest.raises(TransitionRefused, match="ne gérez pas cette session"):
        sessions.open_registration(session, designer)
    assert not sessions.guard(session, "open_registration", UserFactory())
    sessions.open_registration(session, inherited)
    sessions.postpone(session, admin)
    session.refresh_from_db()
    assert session.status == S.POSTPONED
    assert set(Session.objects.managed_by(inherited)) == {session}
    assert set(Session.objects.managed_by(designer)) == set()


def test_a_permanent_session_neither_starts_nor_completes(manager):
    session = managed_session(manager, is_permanent=True, starts_at=None, ends_at=None)
    with pytest.raises(TransitionRefused, match="permanente"):
        sessions.start(session, manager)


def test_an_unknown_transition_is_refused(manager):
    session = managed_session(manager)
    assert sessions.guard(session, "delete", manager).reason == "Cette action n'existe pas pour une session."


def test_cancelling_a_session_cancels_its_registrations_and_tells_the_agents(
    manager, mailoutbox, django_capture_on_commit_callbacks
):
    session = managed_session(manager)
    confirmed = RegistrationFactory(session=session)
    waiting = RegistrationFactory(session=session, status=RegistrationStatus.WAITING)
    refused = RegistrationFactory(session=session, status=RegistrationStatus.REFUSED)
    with django_capture_on_commit_callbacks(execute=True):
        sessions.cancel(session, manager)
    run_tasks()
    statuses = {r.pk: r.status for r in session.registrations.all()}
    assert statuses == {
        confirmed.pk: RegistrationStatus.CANCELLED,
        waiting.pk: RegistrationStatus.CANCELLED,
        refused.pk: RegistrationStatus.REFUSED,
    }
    assert sorted(m.to[0] for m in mailoutbox) == sorted([confirmed.user.email, waiting.user.email])
    assert all(m.subject == f"[Mentor] Session annulée : « {session.training.title} »" for m in mailoutbox)


def test_available_transitions_are_the_ones_the_guard_allows(manager):
    session = managed_session(manager, status=S.REGISTRATION_OPEN)
    assert [t.name for t in sessions.available_transitions(session, manager)] == [
        "start",
        "postpone",
        "cancel",
    ]
    assert sessions.available_transitions(session, UserFactory()) == []


def test_the_command_moves_sessions_by_date_and_is_idempotent(capsys):
    now = timezone.now()
    starting = SessionFactory(status=S.REGISTRATION_OPEN, starts_at=now - timedelta(hours=1))
    ending = SessionFactory(
        status=S.IN_PROGRESS, starts_at=now - timedelta(days=2), ends_at=now - timedelta(minutes=5)
    )
    old = SessionFactory(
        status=S.COMPLETED, starts_at=now - timedelta(days=41), ends_at=now - timedelta(days=40)
    )
    recent = SessionFactory(
        status=S.COMPLETED, starts_at=now - timedelta(days=6), ends_at=now - timedelta(days=5)
    )
    whole_run_missed = SessionFactory(
        status=S.REGISTRATION_OPEN, starts_at=now - timedelta(days=3), ends_at=now - timedelta(days=2)
    )
    future = SessionFactory(status=S.REGISTRATION_OPEN)
    permanent = SessionFactory(status=S.REGISTRATION_OPEN, is_permanent=True, starts_at=None, ends_at=None)

    call_command("update_session_statuses", "--archive-after-days", "30")
    output = capsys.readouterr().out

    def status(session):
        session.refresh_from_db()
        return session.status

    assert status(starting) == S.IN_PROGRESS
    assert status(ending) == S.COMPLETED
    assert status(old) == S.ARCHIVED
    assert status(recent) == S.COMPLETED
    assert status(whole_run_missed) == S.COMPLETED
    assert status(future) == S.REGISTRATION_OPEN
    assert status(permanent) == S.REGISTRATION_OPEN
    assert f"Session {starting.pk}" in output
    assert (
        "5 session(s) mise(s) à jour." in output
    )  # starting, ending, old, and two moves of whole_run_missed
    # The scheduled command is logged as acting on its own (no user).
    assert list(whole_run_missed.transition_logs.values_list("to_status", "actor")) == [
        (S.IN_PROGRESS, None),
        (S.COMPLETED, None),
    ]

    call_command("update_session_statuses")
    assert "0 session(s) mise(s) à jour." in capsys.readouterr().out
    assert status(recent) == S.COMPLETED
