import html

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse

from mentor.core.models import EmailStatus
from mentor.organisations.models import ContactMessage
from tests.factories import CollectionFactory, TeamMembershipFactory
from tests.tasks import run_tasks

pytestmark = pytest.mark.django_db


class BrokenBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("the mail server is down")


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def text(response):
    return html.unescape(response.content.decode())


def test_an_agent_sees_the_team_of_the_nearest_ancestor_with_one(client, realm):
    TeamMembershipFactory(
        organisation=realm.mef, name="Fatima Benali", role_label="Référente formation", phone="01 02 03 04 05"
    )
    TeamMembershipFactory(organisation=realm.mi, name="Gilles Bernard")
    client.force_login(realm.users["agent"])  # DRFiP → DGFiP → MEF: only MEF has a team
    page = text(client.get(reverse("www:contact")))
    assert "L'équipe Mentor du ministère de l'Économie" in page
    assert "Fatima Benali" in page and "Référente formation" in page and "01 02 03 04 05" in page
    assert "Votre entité, DRFiP de Bretagne, n'a pas d'équipe Mentor propre" in page
    assert "Gilles Bernard" not in page


def test_the_entitys_own_team_comes_first(client, realm):
    TeamMembershipFactory(organisation=realm.mef, name="Fatima Benali")
    TeamMembershipFactory(organisation=realm.dgfip, name="Delphine Moreau")
    client.force_login(realm.users["agent"])
    page = text(client.get(reverse("www:contact")))
    assert "Delphine Moreau" in page and "Fatima Benali" not in page


def test_the_collection_leads_are_listed_with_their_team(client, realm):
    TeamMembershipFactory(
        organisation=realm.dgafp, name="Équipe DGAFP", email="mentor@fonction-publique.gouv.fr"
    )
    CollectionFactory(name="Langues", lead=realm.mi)
    page = text(client.get(reverse("www:contact")))
    assert "Management" in page and "mentor@fonction-publique.gouv.fr" in page
    assert "Langues" in page and "Ministère de l'Intérieur (MI)" in page
    assert "Connectez-vous" in page


def test_a_lead_without_a_contact_says_whom_to_write_to_instead(client, realm):
    CollectionFactory(name="Langues", lead=realm.mi)
    row = lambda page: page.split("Langues")[1].split("</tr>")[0]  # noqa: E731
    anonymous = row(text(client.get(reverse("www:contact"))))
    assert "Pas encore de contact désigné" in anonymous and "connectez-vous" in anonymous
    TeamMembershipFactory(organisation=realm.mef, email="mentor@finances.gouv.fr")
    client.force_login(realm.users["agent"])
    signed_in = row(text(client.get(reverse("www:contact"))))
    assert "écrivez à votre équipe Mentor</a>, qui transmettra" in signed_in
    assert "—" not in signed_in


def test_a_user_whose_tree_has_no_team_is_told_so(client, realm):
    client.force_login(realm.users["agent"])
    page = text(client.get(reverse("www:contact")))
    assert "Aucune équipe Mentor n'est encore désignée pour DRFiP de Bretagne" in page


def test_the_contact_form_emails_the_team(client, realm):
    TeamMembershipFactory(organisation=realm.mef, email="mentor@finances.gouv.fr")
    TeamMembershipFactory(organisation=realm.mef, email="mentor@finances.gouv.fr")
    TeamMembershipFactory(organisation=realm.mef, email="referente@finances.gouv.fr")
    agent = realm.users["agent"]
    client.force_login(agent)
    response = client.post(reverse("www:contact_send"), {"subject": "Formation métier", "body": "Bonjour !"})
    assert response.status_code == 302
    message = ContactMessage.objects.select_related("email").get()
    assert (message.organisation, message.sender, message.email.status) == (
        realm.mef,
        agent,
        EmailStatus.PENDING,
    )
    assert mail.outbox == []  # the worker sends it, not the request
    assert run_tasks() == 1
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sorted(sent.to) == ["mentor@finances.gouv.fr", "referente@finances.gouv.fr"]
    assert sent.reply_to == [agent.email] and "Bonjour !" in sent.body
    assert sent.subject == "[Mentor] Formation métier"
    message.email.refresh_from_db()
    assert message.email.status == EmailStatus.SENT


def test_a_message_that_cannot_be_sent_is_kept_and_retried_then_marked_failed(client, realm, settings):
    settings.EMAIL_BACKEND = f"{__name__}.BrokenBackend"
    settings.EMAIL_RETRY_BASE_SECONDS = 0  # every retry is due at once
    TeamMembershipFactory(organisation=realm.mef)
    client.force_login(realm.users["agent"])
    response = client.post(
        reverse("www:contact_send"), {"subject": "Question", "body": "Mon message"}, follow=True
    )
    assert "Votre message est enregistré" in text(response)
    assert run_tasks() == settings.EMAIL_MAX_ATTEMPTS
    message = ContactMessage.objects.select_related("email").get()
    assert (message.body, message.email.status, message.email.attempts) == (
        "Mon message",
        EmailStatus.FAILED,
        settings.EMAIL_MAX_ATTEMPTS,
    )
    assert "ConnectionRefusedError: the mail server is down" in message.email.last_error


def test_the_contact_form_is_throttled_per_user(client, realm):
    TeamMembershipFactory(organisation=realm.mef)
    client.force_login(realm.users["agent"])
    for n in range(5):
        assert client.post(reverse("www:contact_send"), {"subject": f"n{n}", "body": "x"}).status_code == 302
    response = client.post(reverse("www:contact_send"), {"subject": "de trop", "body": "x"})
    assert response.status_code == 429
    assert "réessayez dans une heure" in text(response)
    assert ContactMessage.objects.count() == 5
    # Another user is not affected.
    client.force_login(realm.users["designer"])
    assert client.post(reverse("www:contact_send"), {"subject": "a", "body": "b"}).status_code == 302


def test_an_invalid_message_is_refused_with_field_errors(client, realm):
    TeamMembershipFactory(organisation=realm.mef)
    client.force_login(realm.users["agent"])
    response = client.post(reverse("www:contact_send"), {"subject": "", "body": ""})
    assert response.status_code == 400
    page = text(response)
    assert "Indiquez l'objet de votre message." in page and 'aria-describedby="id_subject-erreurs"' in page
    assert not ContactMessage.objects.exists()


def test_anonymous_users_cannot_send(client, realm):
    response = client.post(reverse("www:contact_send"), {"subject": "a", "body": "b"})
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    assert not ContactMessage.objects.exists()


def test_the_contact_page_keeps_a_small_query_budget(client, realm, django_assert_num_queries):
    TeamMembershipFactory(organisation=realm.mef)
    for _ in range(10):
        TeamMembershipFactory(organisation=CollectionFactory().lead)
    client.force_login(realm.users["agent"])
    # Session, user with their entity, team (with its organisation), collections with their leads, the leads' teams.
    with django_assert_num_queries(7):
        assert client.get(reverse("www:contact")).status_code == 200
