"""Repeated failed logins lock the account, and separately the address they come from (django-axes)."""

import html

import pytest
from django.urls import reverse

from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def axes_on(settings):
    # The test settings switch django-axes off for Django's request-less test logins.
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3


def log_in(client, email, password, address="10.0.0.1"):
    return client.post(
        reverse("accounts:login"), {"username": email, "password": password}, REMOTE_ADDR=address
    )


def text(response):
    return html.unescape(response.content.decode())


def test_a_wrong_password_says_so_in_french_before_the_limit(client, realm):
    response = log_in(client, realm.users["agent"].email, "mauvais")
    assert response.status_code == 200
    assert "Adresse électronique ou mot de passe incorrect" in text(response)


def test_the_account_is_locked_after_repeated_failures_even_from_other_addresses(client, realm):
    email = realm.users["agent"].email
    for n in range(3):
        log_in(client, email, "mauvais", address=f"10.0.0.{n + 1}")
    # The right password, from yet another address, is refused: the account is locked.
    response = log_in(client, email, DEFAULT_PASSWORD, address="10.0.0.99")
    assert response.status_code == 429
    page = text(response)
    assert "Connexion temporairement bloquée" in page
    assert "fr-alert" in page  # the design system's page, not a bare error
    assert "_auth_user_id" not in client.session


def test_the_address_is_locked_after_failures_on_several_accounts(client, realm):
    for name in ["designer", "mentor_team", "entity_admin"]:
        log_in(client, realm.users[name].email, "mauvais", address="10.9.9.9")
    response = log_in(client, realm.users["agent"].email, DEFAULT_PASSWORD, address="10.9.9.9")
    assert response.status_code == 429
    # The same account from another address still logs in.
    response = log_in(client, realm.users["agent"].email, DEFAULT_PASSWORD, address="10.1.1.1")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(realm.users["agent"].pk)


def test_a_successful_login_before_the_limit_resets_the_count(client, realm):
    email = realm.users["agent"].email
    for _ in range(2):
        log_in(client, email, "mauvais")
    assert log_in(client, email, DEFAULT_PASSWORD).status_code == 302
    client.logout()
    for _ in range(2):
        log_in(client, email, "mauvais")
    assert log_in(client, email, DEFAULT_PASSWORD).status_code == 302
