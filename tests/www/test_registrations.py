import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentor.offer.enums import RegistrationMode, RegistrationStatus, SessionStatus
from mentor.offer.models import Registration
from tests.factories import RegistrationFactory, SessionFactory, TrainingFactory, UserFactory
from tests.tasks import run_tasks

from .registrations_world import build_world

pytestmark = pytest.mark.django_db

S = RegistrationStatus


@pytest.fixture
def world():
    return build_world()


def register_url(session):
    return reverse("www:register", args=[session.pk])


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def test_an_agent_registers_and_is_told_by_e_mail_once_committed(
    client, world, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(world.agent)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(register_url(world.transverse_session), follow=True)
    run_tasks()
    assert response.redirect_chain[-1][0] == (
        f"{world.transverse.get_absolute_url()}#session-{world.transverse_session.pk}"
    )
    assert messages_of(response) == ["Votre inscription est confirmée. Un courriel vous le confirme."]
    registration = Registration.objects.get(user=world.agent)
    assert registration.status == S.CONFIRMED
    assert [m.to for m in mailoutbox] == [[world.agent.email]]
    assert "Annuler mon inscription" in response.content.decode()


@pytest.mark.parametrize(("name", "allowed"), [("agent", True), ("designer", True), ("other_agent", False)])
def test_registering_to_a_session_one_may_not_see_is_a_404(client, world, name, allowed):
    client.force_login(getattr(world, name))
    response = client.post(register_url(world.metier_session))
    assert response.status_code == (302 if allowed else 404)
    assert world.metier_session.registrations.exists() == allowed


def test_anonymous_visitors_are_sent_to_log_in_or_get_a_404_for_an_invisible_session(client, world):
    response = client.post(register_url(world.transverse_session))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert client.post(register_url(world.metier_session)).status_code == 404
    assert not Registration.objects.exists()


def test_registration_is_a_post_protected_by_csrf(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.agent)
    assert client.get(register_url(world.transverse_session)).status_code == 405
    assert client.post(register_url(world.transverse_session)).status_code == 403
    assert not Registration.objects.exists()


def test_registering_twice_or_to_a_closed_session_shows_why(client, world):
    client.force_login(world.agent)
    client.post(register_url(world.transverse_session), follow=True)
    response = client.post(register_url(world.transverse_session), follow=True)
    assert messages_of(response) == ["Vous êtes déjà inscrit à cette session, ou votre demande est en cours."]
    closed = SessionFactory(training=world.transverse, status=SessionStatus.COMPLETED)
    response = client.post(register_url(closed), follow=True)
    assert messages_of(response) == [
        "Les inscriptions à cette session ne sont pas ouvertes (statut : terminée)."
    ]
    assert Registration.objects.count() == 1


def test_an_on_request_session_and_a_full_one_say_what_happened(client, world):
    client.force_login(world.agent)
    on_request = SessionFactory(training=world.transverse, registration_mode=RegistrationMode.ON_REQUEST)
    response = client.post(register_url(on_request), follow=True)
    assert messages_of(response) == [
        "Votre demande d'inscription est transmise aux gestionnaires de la session."
    ]
    full = SessionFactory(training=world.transverse, capacity=0)
    response = client.post(register_url(full), follow=True)
    assert messages_of(response) == ["La session est complète : vous êtes inscrit sur sa liste d'attente."]


def test_an_agent_cancels_their_own_registration_but_not_someone_elses(client, world):
    mine = RegistrationFactory(session=world.transverse_session, user=world.agent)
    theirs = RegistrationFactory(session=world.transverse_session, user=world.other_agent)
    client.force_login(world.agent)
    response = client.post(reverse("www:cancel_registration", args=[theirs.pk]))
    assert response.status_code == 404
    response = client.post(reverse("www:cancel_registration", args=[mine.pk]), follow=True)
    assert messages_of(response) == ["Votre inscription est annulée."]
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.status, theirs.status) == (S.CANCELLED, S.CONFIRMED)
    response = client.post(reverse("www:cancel_registration", args=[mine.pk]), follow=True)
    assert messages_of(response) == ["Cette inscription ne peut plus être annulée (statut : annulée)."]


def test_my_registrations_lists_active_and_past_ones(client, world):
    RegistrationFactory(session=world.transverse_session, user=world.agent, status=S.WAITING)
    RegistrationFactory(session=world.metier_session, user=world.agent, status=S.REFUSED)
    RegistrationFactory(session=world.metier_session, user=world.designer)
    client.force_login(world.agent)
    response = client.get(reverse("www:my_registrations"))
    html = response.content.decode()
    assert [r.status for r in response.context["active"]] == [S.WAITING]
    assert [r.status for r in response.context["past"]] == [S.REFUSED]
    assert "Les bases du budget de l&#x27;État" in html
    assert "demande refusée" in html
    assert "Annuler mon inscription" in html
    assert world.designer.email not in html


def test_my_registrations_requires_logging_in(client):
    response = client.get(reverse("www:my_registrations"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("count", [3, 30])
def test_my_registrations_keeps_its_query_budget(client, django_assert_num_queries, count):
    agent = UserFactory()
    for _ in range(count):
        RegistrationFactory(user=agent, session=SessionFactory(training=TrainingFactory()))
    client.force_login(agent)
    # 7: the page's 6, and the menu's working spaces of a signed-in user.
    with django_assert_num_queries(6):
        response = client.get(reverse("www:my_registrations"))
    assert len(response.context["active"]) == count


def test_pages_do_not_write_on_get(client, world):
    RegistrationFactory(session=world.transverse_session, user=world.agent)
    client.force_login(world.agent)
    urls = [
        reverse("www:my_registrations"),
        world.transverse.get_absolute_url(),
        reverse("www:catalogue") + "?q=budget",
        world.collection.get_absolute_url(),
    ]
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        writes = [
            q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
        ]
        assert writes == [], url
