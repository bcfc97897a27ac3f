import pytest
from playwright.sync_api import expect

from mentor.accounts.models import ApiToken
from tests.browser.accessibility import assert_accessible
from tests.browser.test_editorial import log_in
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_user_creates_uses_and_revokes_a_token_from_the_profile(page):
    user = UserFactory(email="camille@example.gouv.fr")
    log_in(page, user)
    page.goto("/compte/profil/")
    page.get_by_role("link", name="Gérer mes jetons d'accès à l'API").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jetons d'accès à l'API")
    expect(page.get_by_text("Vous n'avez aucun jeton actif.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Nom du jeton").fill("Plateforme RH")
    page.get_by_text("Lecture seule : ce jeton ne pourra rien modifier").click()
    page.get_by_role("button", name="Créer le jeton").click()
    expect(page.get_by_text("Copiez sa clé maintenant")).to_be_visible()
    key = page.locator("#cle-du-jeton").inner_text()
    assert len(key) == 40
    expect(page.get_by_role("cell", name="Plateforme RH", exact=True)).to_be_visible()
    expect(page.get_by_role("cell", name="Lecture seule")).to_be_visible()
    expect(page.get_by_role("cell", name="Jamais")).to_be_visible()
    assert_accessible(page)
    # The key works, and its use shows on the page.
    response = page.request.get("/api/v1/me/", headers={"Authorization": f"Token {key}"})
    assert response.json()["email"] == "camille@example.gouv.fr"
    page.goto("/compte/profil/jetons/")
    expect(page.get_by_role("cell", name="Jamais")).to_have_count(0)
    expect(page.get_by_role("cell", name="Plateforme RH", exact=True)).to_be_visible()
    page.get_by_role("button", name="Révoquer le jeton Plateforme RH").click()
    expect(page.get_by_text("Le jeton est révoqué : il ne donne plus accès à l'API.")).to_be_visible()
    expect(page.get_by_text("Vous n'avez aucun jeton actif.")).to_be_visible()
    assert page.request.get("/api/v1/me/", headers={"Authorization": f"Token {key}"}).status == 401
    assert ApiToken.objects.get().revoked_at is not None
