"""Every check of a password counts towards the same lockout as the login, and is refused once locked: the
confirmation before deleting one's account, the current password before changing it, the API token."""

import html

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from mentor.accounts.models import User
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW = "une-toute-nouvelle-phrase"


@pytest.fixture(autouse=True)
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3


def text(response):
    return html.unescape(response.content.decode())


def delete_account(client, password):
    return client.post(reverse("accounts:delete"), {"password": password}, REMOTE_ADDR="10.0.0.1")


def change_password(client, password):
    data = {"old_password": password, "new_password1": NEW, "new_password2": NEW}
    return client.post(reverse("accounts:password_change"), data, REMOTE_ADDR="10.0.0.1")


def ask_token(user, password):
    return APIClient().post(
        reverse("api:token"), {"email": user.email, "password": password}, REMOTE_ADDR="10.0.0.1"
    )


def log_in(client, user, password):
    return client.post(
        reverse("accounts:login"), {"username": user.email, "password": password}, REMOTE_ADDR="10.0.0.1"
    )


def assert_lockout_page(response):
    assert response.status_code == 429
    assert "Connexion temporairement bloquée" in text(response)


@pytest.mark.parametrize("confirm", [delete_account, change_password])
def test_wrong_confirmations_lock_and_then_even_the_right_password_is_refused(client, confirm):
    user = UserFactory()
    client.force_login(user)
    for _ in range(2):
        response = confirm(client, "pas le bon")
        assert response.status_code in (200, 400)
        assert "Connexion temporairement bloquée" not in text(response)
    assert_lockout_page(confirm(client, "pas le bon"))
    assert_lockout_page(confirm(client, DEFAULT_PASSWORD))
    user.refresh_from_db()
    assert User.objects.filter(pk=user.pk, email=user.email).exists()  # not deleted
    assert user.check_password(DEFAULT_PASSWORD) and not user.check_password(NEW)  # not changed


def test_every_kind_of_check_adds_to_the_same_count(client):
    user = UserFactory()
    client.force_login(user)
    assert delete_account(client, "pas le bon").status_code == 400
    assert change_password(client, "pas le bon").status_code == 200
    assert ask_token(user, "pas le bon").status_code == 429  # the third failure: locked
    # At the login, the right password is refused: the three failures were counted together.
    client.logout()
    assert_lockout_page(log_in(client, user, DEFAULT_PASSWORD))


def test_a_locked_login_refuses_the_confirmations_too(client):
    user = UserFactory()
    for _ in range(3):
        log_in(client, user, "pas le bon")
    client.force_login(user)
    assert_lockout_page(delete_account(client, DEFAULT_PASSWORD))
    assert User.objects.filter(pk=user.pk, email=user.email).exists()


def test_the_right_confirmations_still_work(client):
    user = UserFactory()
    client.force_login(user)
    assert change_password(client, DEFAULT_PASSWORD).status_code == 302
    assert delete_account(client, NEW).status_code == 302
    assert not User.objects.filter(email=user.email).exists()
