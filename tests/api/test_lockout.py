"""Under /api/, a client locked out for too many wrong passwords gets the API's structured French error, 429 and
Retry-After; the pages keep their lockout page."""

import html

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

TOKEN = reverse("api:token")


@pytest.fixture(autouse=True)
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_ADDRESS_FAILURE_LIMIT = 6


def ask_token(email, password, address="10.0.0.1"):
    return APIClient().post(TOKEN, {"email": email, "password": password}, REMOTE_ADDR=address)


def assert_api_lockout(response):
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["code"] == "locked_out"
    assert body["message"].startswith("Trop de mots de passe erronés")
    assert "réessayez dans 30 minutes" in body["message"]
    assert 1790 <= int(response["Retry-After"]) <= 1800


def test_a_wrong_password_is_the_structured_400_before_the_limit():
    user = UserFactory()
    response = ask_token(user.email, "mauvais")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"


def test_a_locked_account_gets_the_structured_429_with_retry_after_even_with_its_password():
    user = UserFactory()
    for _ in range(2):
        assert ask_token(user.email, "mauvais").status_code == 400
    assert_api_lockout(ask_token(user.email, "mauvais"))  # the failure that locks
    assert_api_lockout(ask_token(user.email, DEFAULT_PASSWORD))
    # Another address is not concerned.
    assert ask_token(user.email, DEFAULT_PASSWORD, address="10.0.0.2").status_code == 200


def test_a_locked_address_gets_the_structured_429_for_any_account():
    for victim in [UserFactory() for _ in range(3)]:
        for _ in range(2):
            ask_token(victim.email.upper(), "mauvais")
    assert_api_lockout(ask_token(UserFactory().email, DEFAULT_PASSWORD))


def test_the_pages_keep_the_lockout_page(client):
    user = UserFactory()
    for _ in range(3):
        ask_token(user.email, "mauvais")
    response = client.post(
        reverse("accounts:login"),
        {"username": user.email, "password": DEFAULT_PASSWORD},
        REMOTE_ADDR="10.0.0.1",
    )
    assert response.status_code == 429
    assert response["Content-Type"].startswith("text/html")
    assert "Connexion temporairement bloquée" in html.unescape(response.content.decode())
