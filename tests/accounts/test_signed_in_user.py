"""The user of a signed-in request is read with their attachment entity, as Django's backend reads them otherwise:
an account deactivated since it signed in is signed out, an unattached account stays signed in."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_entity_is_read_with_the_account(client):
    agent = UserFactory(entity=OrganisationFactory(name="Préfecture du Rhône"))
    client.force_login(agent)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("accounts:profile"))
    assert page.status_code == 200
    assert "Préfecture du Rhône" in page.content.decode()
    assert not any('FROM "organisations_organisation"' in q["sql"] for q in queries.captured_queries)


def test_an_account_deactivated_since_it_signed_in_is_signed_out(client):
    agent = UserFactory()
    client.force_login(agent)
    agent.is_active = False
    agent.save()
    page = client.get(reverse("accounts:profile"))
    assert page.status_code == 302
    assert page["Location"].startswith(reverse("accounts:login"))


def test_an_unattached_account_stays_signed_in(client):
    client.force_login(UserFactory(entity=None))
    assert client.get(reverse("accounts:profile")).status_code == 200
