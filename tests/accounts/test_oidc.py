"""Single sign-on end to end: Mentor, mozilla-django-oidc and a real OpenID Connect provider on loopback.

A ``requests`` session plays the browser: it follows the redirects between the two servers and fills in the
provider's own login and consent forms.
"""

import html
import re
from urllib.parse import urljoin

import pytest
import requests

from mentor.accounts.models import User
from tests.accounts.world import build_world

pytestmark = pytest.mark.django_db(transaction=True)


def submit_provider_form(browser, response, **fields):
    """Post the provider's form as a browser would: its hidden inputs, plus what the user typed."""
    action = re.search(r'<form[^>]*action="([^"]+)"', response.text).group(1)
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', response.text))
    return browser.post(urljoin(response.url, action), data={**hidden, **fields}, timeout=30)


@pytest.fixture
def browser():
    with requests.Session() as session:
        yield session


def log_in_with_proconnect(browser, live_server, login):
    """Go through ProConnect's login as ``login`` ("unverified:" + an address: the provider did not verify it)."""
    page = browser.get(f"{live_server.url}/compte/proconnect/", timeout=30)
    assert "/interaction/" in page.url, page.text[:500]
    consent = submit_provider_form(browser, page, login=login, password="peu-importe")
    assert "/interaction/" in consent.url, consent.url + consent.text[:1500]
    return submit_provider_form(browser, consent)


def test_a_first_login_creates_the_account_attached_by_email_domain(browser, live_server, oidc_provider):
    realm = build_world()
    back = log_in_with_proconnect(browser, live_server, "Camille.Martin@dgfip.finances.gouv.fr")
    assert back.url == f"{live_server.url}/"
    user = User.objects.get(email="camille.martin@dgfip.finances.gouv.fr")
    assert (user.first_name, user.last_name, user.entity) == ("Camille", "Martin", realm.dgfip)
    assert user.is_active and user.email_confirmed_at is not None
    assert not user.has_usable_password()
    profile = browser.get(f"{live_server.url}/compte/profil/", timeout=30)
    assert profile.url == f"{live_server.url}/compte/profil/"
    assert "camille.martin@dgfip.finances.gouv.fr" in profile.text


def test_a_later_login_links_to_the_existing_account_by_verified_email(browser, live_server, oidc_provider):
    realm = build_world()
    agent = realm.users["agent"]
    agent.email_confirmed_at = None
    agent.save()
    back = log_in_with_proconnect(browser, live_server, agent.email.upper())
    assert back.url == f"{live_server.url}/"
    assert User.objects.filter(email__iexact=agent.email).count() == 1
    agent.refresh_from_db()
    assert agent.entity == realm.drfip, "the existing attachment is kept"
    assert agent.email_confirmed_at is not None
    assert agent.email in browser.get(f"{live_server.url}/compte/profil/", timeout=30).text


def test_an_unknown_domain_creates_an_account_without_entity_to_choose_later(
    browser, live_server, oidc_provider
):
    build_world()
    log_in_with_proconnect(browser, live_server, "camille@prestataire.fr")
    user = User.objects.get(email="camille@prestataire.fr")
    assert user.entity is None
    assert (
        "pas encore d'entité de rattachement"
        in browser.get(f"{live_server.url}/compte/profil/", timeout=30).text
    )


FAILURE = "La connexion avec ProConnect n'a pas abouti"


def test_an_address_the_provider_did_not_verify_opens_no_account(browser, live_server, oidc_provider):
    build_world()
    back = log_in_with_proconnect(browser, live_server, "unverified:camille.martin@dgfip.finances.gouv.fr")
    assert back.url == f"{live_server.url}/compte/connexion/"
    assert FAILURE in html.unescape(back.text)
    assert not User.objects.filter(email__iexact="camille.martin@dgfip.finances.gouv.fr").exists()
    profile = browser.get(f"{live_server.url}/compte/profil/", timeout=30)
    assert profile.url.startswith(f"{live_server.url}/compte/connexion/")


def test_an_address_the_provider_did_not_verify_is_not_linked_to_the_account_that_has_it(
    browser, live_server, oidc_provider
):
    """Whoever holds an unverified address at the provider does not get into the account of that address."""
    realm = build_world()
    agent = realm.users["agent"]
    agent.email_confirmed_at = None
    agent.save()
    back = log_in_with_proconnect(browser, live_server, f"unverified:{agent.email}")
    assert back.url == f"{live_server.url}/compte/connexion/"
    assert FAILURE in html.unescape(back.text)
    agent.refresh_from_db()
    assert agent.email_confirmed_at is None
    assert User.objects.filter(email__iexact=agent.email).count() == 1
    profile = browser.get(f"{live_server.url}/compte/profil/", timeout=30)
    assert profile.url.startswith(f"{live_server.url}/compte/connexion/")
    assert agent.email not in html.unescape(profile.text)


def test_without_configuration_single_sign_on_is_off(client, settings):
    settings.OIDC_ENABLED = False
    assert client.get("/compte/proconnect/").status_code == 404
    assert client.get("/compte/proconnect/retour/?code=x&state=y").status_code == 404
    page = client.get("/compte/connexion/").content.decode()
    assert "Se connecter" in page
    assert "ProConnect" not in page
