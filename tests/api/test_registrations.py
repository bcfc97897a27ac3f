"""An agent's own registrations through the API: the same rules as the session page."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from mentor.accounts.api_tokens import create_token
from mentor.offer.enums import OpenTo, RegistrationStatus
from mentor.offer.models import Registration
from tests.factories import OrganisationFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db


def api(user, read_only=False):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {create_token(user, 'agent', read_only)[1]}")
    return client


def url(session):
    return reverse("api:session-registration", kwargs={"pk": session.pk})


def test_an_agent_registers_lists_and_cancels():
    agent = UserFactory(entity=OrganisationFactory())
    session = SessionFactory(capacity=1)
    client = api(agent)
    created = client.post(url(session))
    assert created.status_code == 201
    assert created.json()["status"] == RegistrationStatus.CONFIRMED
    assert [r["session"] for r in client.get(reverse("api:my-registrations")).json()["results"]] == [
        session.pk
    ]
    twice = client.post(url(session))
    assert twice.status_code == 409
    assert twice.json()["code"] == "refused"
    assert "déjà inscrit" in twice.json()["message"]
    assert client.delete(url(session)).status_code == 204
    assert Registration.objects.get().status == RegistrationStatus.CANCELLED
    assert client.delete(url(session)).status_code == 404


def test_a_full_session_puts_the_agent_on_the_waiting_list():
    session = SessionFactory(capacity=1)
    api(UserFactory()).post(url(session))
    assert api(UserFactory()).post(url(session)).json()["status"] == RegistrationStatus.WAITING


def test_a_session_the_agent_may_not_see_is_a_404_and_reading_tokens_do_not_register():
    reserved = SessionFactory(open_to=OpenTo.OWNER)
    assert api(UserFactory(entity=OrganisationFactory())).post(url(reserved)).status_code == 404
    assert api(UserFactory(), read_only=True).post(url(SessionFactory())).status_code == 403
    assert APIClient().post(url(SessionFactory())).status_code == 401
    assert not Registration.objects.exists()
