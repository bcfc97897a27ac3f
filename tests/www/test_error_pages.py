import pytest
from django.test import override_settings

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_missing_page_is_a_french_dsfr_404(client):
    response = client.get("/collections/nulle-part/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page introuvable" in html
    assert "fr-header" in html


@override_settings(ROOT_URLCONF="tests.www.refusal_urls")
def test_a_refusal_shows_its_french_reason_on_a_dsfr_403(client):
    client.force_login(UserFactory())
    response = client.get("/refus/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "Accès refusé" in html
    assert "Seule l&#x27;équipe Mentor peut faire cela." in html
