"""Repeated wrong passwords lock an account from the address they come from, and, at a much higher count, the
address itself (django-axes, ``accounts.lockout``)."""

import html

import pytest
from django.urls import reverse

from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def axes_on(settings):
    # The test settings switch django-axes off for Django's request-less test logins.
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_ADDRESS_FAILURE_LIMIT = 8


def log_in(client, email, password, address="10.0.0.1", **headers):
    return client.post(
        reverse("accounts:login"), {"username": email, "password": password}, REMOTE_ADDR=address, **headers
    )


def text(response):
    return html.unescape(response.content.decode())


def assert_locked(response):
    assert response.status_code == 429
    page = text(response)
    assert "Connexion temporairement bloquée" in page
    assert "fr-alert" in page  # the design system's page, not a bare error


def assert_logged_in(client, response, user):
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    client.logout()


def test_a_wrong_password_says_so_in_french_before_the_limit(client, realm):
    response = log_in(client, realm.users["agent"].email, "mauvais")
    assert response.status_code == 200
    assert "Adresse électronique ou mot de passe incorrect" in text(response)


def test_the_account_is_locked_from_the_address_that_failed_and_only_there(client, realm):
    agent = realm.users["agent"]
    for _ in range(3):
        log_in(client, agent.email, "mauvais", address="10.0.0.1")
    # The right password, from that address, is refused: the account is locked there.
    assert_locked(log_in(client, agent.email, DEFAULT_PASSWORD, address="10.0.0.1"))
    assert "_auth_user_id" not in client.session
    # Its owner, elsewhere, still logs in: an attacker cannot lock anybody out of their account.
    assert_logged_in(client, log_in(client, agent.email, DEFAULT_PASSWORD, address="10.0.0.2"), agent)


def test_failures_on_several_accounts_from_one_address_lock_none_of_the_others(client, realm):
    for name in ["designer", "mentor_team", "entity_admin"]:
        for _ in range(2):
            log_in(client, realm.users[name].email, "mauvais", address="10.9.9.9")
    agent = realm.users["agent"]
    assert_logged_in(client, log_in(client, agent.email, DEFAULT_PASSWORD, address="10.9.9.9"), agent)


def test_the_address_alone_is_locked_at_its_own_much_higher_count(client, realm):
    victims = [UserFactory() for _ in range(4)]
    for victim in victims:
        for _ in range(2):  # never the account's limit
            log_in(client, victim.email, "mauvais", address="10.9.9.9")
    agent = realm.users["agent"]
    # 8 failures from this address: it is locked, for every account, even with the right password.
    assert_locked(log_in(client, agent.email, DEFAULT_PASSWORD, address="10.9.9.9"))
    # The same account from another address still logs in.
    assert_logged_in(client, log_in(client, agent.email, DEFAULT_PASSWORD, address="10.1.1.1"), agent)


def test_changing_the_case_of_the_address_does_not_start_a_new_count(client, realm):
    agent = realm.users["agent"]
    for email in [agent.email, agent.email.upper(), agent.email.title()]:
        log_in(client, email, "mauvais")
    assert_locked(log_in(client, agent.email, DEFAULT_PASSWORD))


def test_a_successful_login_before_the_limit_resets_the_account_count_not_the_address_one(client, realm):
    agent = realm.users["agent"]
    for _ in range(2):
        log_in(client, agent.email, "mauvais")
    assert_logged_in(client, log_in(client, agent.email, DEFAULT_PASSWORD), agent)
    for _ in range(2):
        log_in(client, agent.email, "mauvais")
    assert_logged_in(client, log_in(client, agent.email, DEFAULT_PASSWORD), agent)
    # Its own successful logins do not wipe what the address tried on other accounts.
    for victim in [UserFactory() for _ in range(3)]:
        for _ in range(2):
            log_in(client, victim.email, "mauvais")
        assert_logged_in(client, log_in(client, agent.email, DEFAULT_PASSWORD), agent)
    for _ in range(2):
        log_in(client, UserFactory().email, "mauvais")
    assert_locked(log_in(client, agent.email, DEFAULT_PASSWORD))


def test_behind_a_proxy_each_client_is_counted_by_the_address_the_proxy_saw(client, realm, settings):
    settings.AXES_IPWARE_PROXY_COUNT = 1
    agent = realm.users["agent"]
    proxy = "10.0.0.254"
    # What a client writes itself in X-Forwarded-For (left of what the proxy appends) changes nothing.
    for spoofed in ["1.1.1.1", "2.2.2.2", "3.3.3.3"]:
        log_in(client, agent.email, "mauvais", address=proxy, HTTP_X_FORWARDED_FOR=f"{spoofed}, 192.0.2.7")
    assert_locked(
        log_in(client, agent.email, DEFAULT_PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR="192.0.2.7")
    )
    # Another client behind the same proxy is another address: it logs in.
    response = log_in(client, agent.email, DEFAULT_PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR="192.0.2.8")
    assert_logged_in(client, response, agent)
