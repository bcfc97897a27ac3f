import pytest
from django.db import transaction

from mentor.accounts.enums import Role
from mentor.accounts.services import delete_account
from mentor.offer import registration as registrations
from mentor.offer.enums import RegistrationMode, RegistrationStatus, SessionStatus
from mentor.offer.models import Registration, Session
from mentor.offer.registration import RegistrationRefused
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    RegistrationFactory,
    SessionFactory,
    UserFactory,
)
from tests.tasks import run_tasks
from tests.www.registrations_world import build_world

pytestmark = pytest.mark.django_db

S = RegistrationStatus


def statuses(session):
    return list(session.registrations.order_by("created_at", "id").values_list("user__email", "status"))


def test_free_session_with_places_confirms_at_once_and_the_worker_mails_the_agent(mailoutbox):
    session = SessionFactory(capacity=2)
    agent = UserFactory()
    registration = registrations.register(session, agent)
    assert registration.status == S.CONFIRMED
    assert mailoutbox == []  # the request only writes the message; the worker sends it
    assert run_tasks() == 1
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [agent.email]
    assert "Inscription confirmée" in mailoutbox[0].subject
    assert session.title in mailoutbox[0].body or str(session) in mailoutbox[0].body


def test_a_rolled_back_registration_sends_no_mail(mailoutbox, django_capture_on_commit_callbacks):
    session = SessionFactory()
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        registrations.register(session, UserFactory())
        raise RuntimeError("the request failed later")
    assert run_tasks() == 0  # the message and its task went with the rollback
    assert mailoutbox == []
    assert not Registration.objects.exists()


def test_on_request_session_makes_a_request_that_a_manager_accepts(
    mailoutbox, django_capture_on_commit_callbacks
):
    manager = UserFactory(email="gestionnaire@example.gouv.fr")
    session = SessionFactory(registration_mode=RegistrationMode.ON_REQUEST)
    session.managers.add(manager)
    agent = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        request = registrations.register(session, agent)
    run_tasks()
    assert request.status == S.REQUESTED
    assert {tuple(m.to) for m in mailoutbox} == {(agent.email,), (manager.email,)}
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        registrations.accept(request, by=manager)
    run_tasks()
    request.refresh_from_db()
    assert request.status == S.CONFIRMED
    assert request.decided_by == manager and request.decided_at is not None
    assert [m.to for m in mailoutbox] == [[agent.email]]
    assert "acceptée" in mailoutbox[0].subject


def test_a_request_accepted_when_full_goes_to_the_waiting_list():
    manager = UserFactory()
    session = SessionFactory(registration_mode=RegistrationMode.ON_REQUEST, capacity=1)
    session.managers.add(manager)
    RegistrationFactory(session=session, status=S.CONFIRMED)
    request = registrations.register(session, UserFactory())
    registrations.accept(request, by=manager)
    request.refresh_from_db()
    assert request.status == S.WAITING


def test_full_session_puts_agents_on_the_waiting_list_and_promotes_the_first_when_a_place_frees_up(
    mailoutbox, django_capture_on_commit_callbacks
):
    session = SessionFactory(capacity=1)
    first, second, third = UserFactory(), UserFactory(), UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        held = registrations.register(session, first)
        registrations.register(session, second)
        registrations.register(session, third)
    run_tasks()
    assert statuses(session) == [
        (first.email, S.CONFIRMED),
        (second.email, S.WAITING),
        (third.email, S.WAITING),
    ]
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        registrations.cancel(held, by=first)
    run_tasks()
    assert statuses(session) == [
        (first.email, S.CANCELLED),
        (second.email, S.CONFIRMED),
        (third.email, S.WAITING),
    ]
    assert {m.to[0]: m.subject for m in mailoutbox} == {
        first.email: f"[Mentor] Inscription annulée : « {session.training.title} »",
        second.email: f"[Mentor] Une place s'est libérée : inscription confirmée : « {session.training.title} »",
    }


def test_refusing_a_confirmed_agent_promotes_the_first_waiting_one():
    manager = UserFactory()
    session = SessionFactory(capacity=1)
    session.managers.add(manager)
    confirmed = RegistrationFactory(session=session, status=S.CONFIRMED)
    waiting = RegistrationFactory(session=session, status=S.WAITING)
    registrations.refuse(confirmed, by=manager, comment="Hors public visé")
    confirmed.refresh_from_db()
    waiting.refresh_from_db()
    assert (confirmed.status, confirmed.comment, waiting.status) == (
        S.REFUSED,
        "Hors public visé",
        S.CONFIRMED,
    )


def test_raising_the_capacity_promotes_waiting_agents_and_lowering_it_below_the_confirmed_is_refused():
    manager = UserFactory()
    session = SessionFactory(capacity=1)
    session.managers.add(manager)
    RegistrationFactory(session=session, status=S.CONFIRMED)
    waiting = [RegistrationFactory(session=session, status=S.WAITING) for _ in range(3)]
    registrations.set_capacity(session, 3, by=manager)
    assert [Registration.objects.get(pk=r.pk).status for r in waiting] == [
        S.CONFIRMED,
        S.CONFIRMED,
        S.WAITING,
    ]
    with pytest.raises(RegistrationRefused, match="3 inscrits confirmés"):
        registrations.set_capacity(session, 1, by=manager)
    session.refresh_from_db()
    assert session.capacity == 3
    registrations.set_capacity(session, None, by=manager)
    assert Registration.objects.get(pk=waiting[2].pk).status == S.CONFIRMED


def test_registering_twice_is_refused_with_a_clear_message():
    session = SessionFactory()
    agent = UserFactory()
    registrations.register(session, agent)
    with pytest.raises(RegistrationRefused, match="déjà inscrit"):
        registrations.register(session, agent)
    assert session.registrations.count() == 1


def test_an_agent_may_register_again_after_cancelling():
    session = SessionFactory()
    agent = UserFactory()
    registrations.cancel(registrations.register(session, agent), by=agent)
    assert registrations.register(session, agent).status == S.CONFIRMED


@pytest.mark.parametrize(
    "status", [s for s in SessionStatus if s != SessionStatus.REGISTRATION_OPEN], ids=lambda s: s.value
)
def test_registering_to_a_session_that_is_not_open_is_refused(status):
    session = SessionFactory(status=status)
    with pytest.raises(RegistrationRefused, match="ne sont pas ouvertes"):
        registrations.register(session, UserFactory())
    assert not session.registrations.exists()


def test_cancelling_someone_elses_registration_is_refused():
    registration = RegistrationFactory()
    with pytest.raises(RegistrationRefused, match="vos propres inscriptions"):
        registrations.cancel(registration, by=UserFactory())
    registration.refresh_from_db()
    assert registration.status == S.CONFIRMED


def test_cancelling_an_inactive_registration_is_refused():
    registration = RegistrationFactory(status=S.REFUSED)
    with pytest.raises(RegistrationRefused, match="ne peut plus être annulée"):
        registrations.cancel(registration, by=registration.user)


def test_acting_on_a_request_one_does_not_manage_is_refused():
    request = RegistrationFactory(
        session=SessionFactory(registration_mode=RegistrationMode.ON_REQUEST), status=S.REQUESTED
    )
    stranger = UserFactory()
    for action in (registrations.accept, registrations.refuse):
        with pytest.raises(RegistrationRefused, match="ne gérez pas cette session"):
            action(request, by=stranger)
    with pytest.raises(RegistrationRefused, match="ne gérez pas"):
        registrations.set_capacity(request.session, 50, by=stranger)
    request.refresh_from_db()
    assert request.status == S.REQUESTED


def test_a_request_already_decided_cannot_be_accepted_again():
    manager = UserFactory()
    request = RegistrationFactory(status=S.REFUSED)
    request.session.managers.add(manager)
    with pytest.raises(RegistrationRefused, match="déjà été traitée"):
        registrations.accept(request, by=manager)


def test_session_managers_of_an_organisation_above_the_organiser_and_dgafp_admins_may_act():
    ministry = OrganisationFactory()
    service = OrganisationFactory(parent=ministry, deconcentrated=True)
    session = SessionFactory(organiser=service, capacity=5)
    ministry_manager = MembershipFactory(organisation=ministry, role=Role.SESSION_MANAGER).user
    admin = MembershipFactory(organisation=OrganisationFactory(), role=Role.DGAFP_ADMIN).user
    elsewhere = MembershipFactory(organisation=OrganisationFactory(), role=Role.SESSION_MANAGER).user
    registrations.set_capacity(session, 6, by=ministry_manager)
    registrations.set_capacity(session, 7, by=admin)
    with pytest.raises(RegistrationRefused):
        registrations.set_capacity(session, 8, by=elsewhere)
    session.refresh_from_db()
    assert session.capacity == 7


def test_a_session_the_agent_may_not_see_cannot_be_registered_to():
    world = build_world()
    with pytest.raises(Session.DoesNotExist):
        registrations.register(world.metier_session, world.other_agent)
    assert registrations.register(world.metier_session, world.agent).status == S.CONFIRMED
    assert not world.metier_session.registrations.filter(user=world.other_agent).exists()


def test_anonymising_a_deleted_account_frees_its_upcoming_places(
    mailoutbox, django_capture_on_commit_callbacks
):
    leaving, waiting_agent = UserFactory(), UserFactory()
    upcoming = SessionFactory(capacity=1)
    past = SessionFactory(status=SessionStatus.COMPLETED)
    RegistrationFactory(session=upcoming, user=leaving, status=S.CONFIRMED)
    RegistrationFactory(session=past, user=leaving, status=S.CONFIRMED)
    RegistrationFactory(session=upcoming, user=waiting_agent, status=S.WAITING)
    with django_capture_on_commit_callbacks(execute=True):
        assert registrations.anonymise_registrations_of(leaving) == 2
    run_tasks()
    assert not Registration.objects.filter(user=leaving).exists()
    assert list(upcoming.registrations.values_list("user", "status")) == [
        (None, S.CANCELLED),
        (waiting_agent.pk, S.CONFIRMED),
    ]
    assert list(past.registrations.values_list("user", "status")) == [(None, S.CONFIRMED)]
    assert [m.to for m in mailoutbox] == [[waiting_agent.email]]


def test_deleting_an_account_anonymises_its_registrations_and_promotes_the_waiting_list():
    leaving, waiting_agent = UserFactory(), UserFactory()
    session = SessionFactory(capacity=1)
    held = RegistrationFactory(session=session, user=leaving, status=S.CONFIRMED)
    waiting = RegistrationFactory(session=session, user=waiting_agent, status=S.WAITING)
    delete_account(leaving)
    held.refresh_from_db()
    waiting.refresh_from_db()
    assert (held.user, held.status, waiting.status) == (None, S.CANCELLED, S.CONFIRMED)


def test_registration_mails_link_to_the_site(mailoutbox, django_capture_on_commit_callbacks, settings):
    settings.SITE_URL = "https://mentor.example.gouv.fr"
    manager = UserFactory()
    session = SessionFactory(registration_mode=RegistrationMode.ON_REQUEST)
    session.managers.add(manager)
    agent = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        registrations.register(session, agent)
    run_tasks()
    bodies = {m.to[0]: m.body for m in mailoutbox}
    assert "https://mentor.example.gouv.fr/mes-formations/" in bodies[agent.email]
    assert f"https://mentor.example.gouv.fr/gestion/sessions/{session.pk}/" in bodies[manager.email]
