"""The API tokens of the profile: created with a name (the key shown once), listed with their last use, revoked."""

import pytest
from django.urls import reverse

from mentor.accounts import api_tokens
from mentor.accounts.models import ApiToken
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
URL = reverse("accounts:api_tokens")


def test_a_user_creates_a_read_only_token_and_sees_its_key_once(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(URL, {"name": "Plateforme RH", "read_only": "on"})
    token = ApiToken.objects.get(user=user)
    assert (token.name, token.read_only) == ("Plateforme RH", True)
    html = response.content.decode()
    assert "Copiez sa clé maintenant" in html
    assert f"{token.prefix}" in html
    again = client.get(URL).content.decode()
    assert "Copiez sa clé maintenant" not in again
    assert "Plateforme RH" in again
    assert "Lecture seule" in again


def test_a_user_revokes_their_own_token_only(client):
    user, other = UserFactory(), UserFactory()
    mine, _ = api_tokens.create_token(user, "Le mien")
    theirs, _ = api_tokens.create_token(other, "Le sien")
    client.force_login(user)
    assert client.post(reverse("accounts:revoke_api_token", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("accounts:revoke_api_token", args=[mine.pk])).status_code == 302
    assert list(ApiToken.objects.active()) == [theirs]
    assert "Vous n'avez aucun jeton actif." in client.get(URL).content.decode()


def test_a_name_is_required(client):
    client.force_login(UserFactory())
    response = client.post(URL, {"name": ""})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize("extra", [0, 10])
def test_the_page_has_a_fixed_number_of_queries(client, django_assert_num_queries, extra):
    user = UserFactory()
    for n in range(extra):
        api_tokens.create_token(user, f"Jeton {n}")
    client.force_login(user)
    with django_assert_num_queries(5):
        assert client.get(URL).status_code == 200
