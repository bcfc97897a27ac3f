"""Sessions are scheduled and rescheduled from /gestion/sessions/, through the session lifecycle: by the
organiser's session managers, the training's designers, and the organisations that adopted it for their agents."""

import html
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from mentor.accounts.enums import Role
from mentor.offer.enums import OpenTo, RegistrationStatus, SessionStatus
from mentor.offer.models import Adoption, Session, SessionTransitionLog
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    RegistrationFactory,
    SessionFactory,
    TrainingFactory,
    UserFactory,
)
from tests.tasks import run_tasks

pytestmark = pytest.mark.django_db

NEW = reverse("www:new_session")


def text(response) -> str:
    return " ".join(html.unescape(response.content.decode()).split())


def when(days, hour=9):
    moment = timezone.localtime() + timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


def fields(training, organiser, **overrides):
    return {
        "training": training.pk,
        "organiser": organiser.pk,
        "title": "Session de printemps",
        "starts_at": when(30).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": when(31, 17).strftime("%Y-%m-%dT%H:%M"),
        "capacity": "12",
        "place": "Paris",
        "registration_mode": "free",
        "open_to": OpenTo.ALL,
        **overrides,
    }


@pytest.fixture
def owner():
    return OrganisationFactory(name="Institut de la gestion publique", code="IGPDE")


@pytest.fixture
def training(owner):
    return TrainingFactory(owner=owner, title="Piloter un budget")


def test_a_session_manager_schedules_a_session_through_the_lifecycle(client, owner, training):
    manager = MembershipFactory(organisation=owner, role=Role.SESSION_MANAGER).user
    client.force_login(manager)
    assert "Piloter un budget" in text(client.get(NEW))
    response = client.post(NEW, fields(training, owner))
    session = Session.objects.get()
    assert response.status_code == 302 and response.url == reverse("www:managed_session", args=[session.pk])
    assert (session.status, session.capacity, session.place) == (SessionStatus.IN_PREPARATION, 12, "Paris")
    assert session.starts_at == when(30) and manager in session.managers.all()
    log = SessionTransitionLog.objects.get(session=session)
    assert (log.transition, log.to_status, log.actor) == ("schedule", SessionStatus.IN_PREPARATION, manager)


def test_a_designer_schedules_a_permanent_session_and_manages_it(client, owner, training):
    designer = UserFactory(entity=owner)
    training.designers.add(designer)
    client.force_login(designer)
    response = client.post(NEW, fields(training, owner, is_permanent="on", starts_at="", ends_at=""))
    assert response.status_code == 302
    session = Session.objects.get()
    assert session.is_permanent and session.starts_at is None
    assert "Session de printemps" in text(client.get(reverse("www:managed_sessions")))


def test_an_adopter_schedules_its_own_sessions_and_no_one_else_may(client, owner, training):
    adopter = OrganisationFactory(name="Ministère de l'Intérieur", code="MI")
    Adoption.objects.create(training=training, organisation=adopter)
    team = MembershipFactory(organisation=adopter, role=Role.MENTOR_TEAM).user
    client.force_login(team)
    # For the owner: refused with the reason, nothing saved.
    response = client.post(NEW, fields(training, owner))
    assert response.status_code == 400
    assert "Vous ne programmez pas de sessions pour l'Institut de la gestion publique" in text(response)
    assert not Session.objects.exists()
    response = client.post(NEW, fields(training, adopter, open_to=OpenTo.OWNER))
    assert response.status_code == 302
    assert Session.objects.get().organiser == adopter


def test_an_agent_has_nothing_to_schedule_and_a_forged_training_is_refused(client, training):
    agent = UserFactory()
    client.force_login(agent)
    assert "Aucune formation publiée ne vous permet de programmer une session" in text(client.get(NEW))
    response = client.post(NEW, fields(training, training.owner))
    assert response.status_code == 400 and "Choisissez une formation que vous pouvez programmer" in text(
        response
    )
    assert not Session.objects.exists()


def test_dates_in_the_wrong_order_or_missing_are_refused_in_french(client, owner, training):
    client.force_login(MembershipFactory(organisation=owner, role=Role.SESSION_MANAGER).user)
    response = client.post(NEW, fields(training, owner, ends_at=when(10).strftime("%Y-%m-%dT%H:%M")))
    assert "La fin de la session ne peut pas précéder son début." in text(response)
    response = client.post(NEW, fields(training, owner, starts_at="", ends_at=""))
    assert "Indiquez le début et la fin de la session, ou cochez « session permanente »." in text(response)
    assert not Session.objects.exists()


def test_a_postponed_session_gets_new_dates_and_its_agents_are_told(client, owner, training):
    manager = MembershipFactory(organisation=owner, role=Role.SESSION_MANAGER).user
    session = SessionFactory(training=training, organiser=owner, status=SessionStatus.POSTPONED)
    agent = UserFactory(email="camille@example.gouv.fr")
    RegistrationFactory(session=session, user=agent, status=RegistrationStatus.CONFIRMED)
    client.force_login(manager)
    page = text(client.get(reverse("www:managed_session", args=[session.pk])))
    assert "Fixer de nouvelles dates" in page
    new_start = when(60)
    response = client.post(
        reverse("www:session_reschedule", args=[session.pk]),
        {"starts_at": new_start.strftime("%Y-%m-%dT%H:%M"), "ends_at": when(61).strftime("%Y-%m-%dT%H:%M")},
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.status, session.starts_at) == (SessionStatus.REGISTRATION_OPEN, new_start)
    assert SessionTransitionLog.objects.filter(session=session, transition="reschedule").count() == 1
    run_tasks()
    message = mail.outbox[-1]
    assert message.to == [agent.email] and message.subject.startswith("[Mentor] Nouvelles dates de session")
    day = new_start.day
    assert f"du {'1er' if day == 1 else day} " in message.body


def test_past_dates_are_refused_and_change_nothing(client, owner, training):
    manager = MembershipFactory(organisation=owner, role=Role.SESSION_MANAGER).user
    session = SessionFactory(training=training, organiser=owner)
    before = session.starts_at
    client.force_login(manager)
    response = client.post(
        reverse("www:session_reschedule", args=[session.pk]),
        {"starts_at": when(-3).strftime("%Y-%m-%dT%H:%M"), "ends_at": when(-2).strftime("%Y-%m-%dT%H:%M")},
        follow=True,
    )
    assert "Les nouvelles dates doivent être à venir." in text(response)
    session.refresh_from_db()
    assert session.starts_at == before


def test_the_training_page_leads_an_adopter_to_schedule_its_sessions(client, owner, training):
    adopter = OrganisationFactory(name="Ministère de l'Intérieur", code="MI")
    Adoption.objects.create(training=training, organisation=adopter)
    client.force_login(UserFactory(entity=adopter))
    link = f"{NEW}?formation={training.pk}"
    page = client.get(training.get_absolute_url()).content.decode()
    assert "Mutualisation" in page and link not in page  # an agent of the adopter schedules nothing
    client.force_login(MembershipFactory(organisation=adopter, role=Role.ENTITY_ADMIN).user)
    page = client.get(training.get_absolute_url()).content.decode()
    assert link in page
    form = client.get(link).content.decode()
    assert f'<option value="{training.pk}" selected>' in form


def test_a_session_in_preparation_changes_its_dates_and_stays_in_preparation(client, owner, training):
    manager = MembershipFactory(organisation=owner, role=Role.SESSION_MANAGER).user
    session = SessionFactory(training=training, organiser=owner, status=SessionStatus.IN_PREPARATION)
    client.force_login(manager)
    assert "Fixer de nouvelles dates" in text(client.get(reverse("www:managed_session", args=[session.pk])))
    response = client.post(
        reverse("www:session_reschedule", args=[session.pk]),
        {"starts_at": when(40).strftime("%Y-%m-%dT%H:%M"), "ends_at": when(41).strftime("%Y-%m-%dT%H:%M")},
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.status, session.starts_at) == (SessionStatus.IN_PREPARATION, when(40))
    assert SessionTransitionLog.objects.filter(session=session, transition="redate").count() == 1
