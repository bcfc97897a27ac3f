import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from rest_framework.test import APIClient

from mentor.accounts import api_tokens
from mentor.accounts.models import ApiToken
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def post_token(**data):
    return APIClient().post(reverse("api:token"), data, format="json")


def with_key(key):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_an_email_and_a_password_give_a_new_named_token_each_time():
    user = UserFactory(email="camille@example.gouv.fr")
    response = post_token(email="camille@example.gouv.fr", password=DEFAULT_PASSWORD, name="Mon LMS")
    assert response.status_code == 200
    body = response.json()
    assert (body["name"], body["read_only"]) == ("Mon LMS", False)
    assert with_key(body["token"]).get(reverse("api:me")).json()["email"] == "camille@example.gouv.fr"
    second = post_token(email="camille@example.gouv.fr", password=DEFAULT_PASSWORD).json()
    assert second["token"] != body["token"]
    assert second["name"].startswith("Jeton créé le ")
    assert ApiToken.objects.filter(user=user).count() == 2
    # Only a hash of the key is kept.
    assert not ApiToken.objects.filter(key_hash=body["token"]).exists()


def test_a_token_records_when_it_was_last_used():
    token, key = api_tokens.create_token(UserFactory(), "Intégration")
    assert token.last_used_at is None
    with_key(key).get(reverse("api:me"))
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_read_only_token_reads_but_does_not_write(world):
    _, key = api_tokens.create_token(world.designer, "Lecture", read_only=True)
    client = with_key(key)
    assert client.get(reverse("api:me")).status_code == 200
    url = reverse("api:training-by-external-id", kwargs={"code": "DGFIP", "external_id": "X-1"})
    refused = client.put(url, {"title": "Essai", "collection": "numerique"}, format="json")
    assert refused.status_code == 403
    assert (
        refused.json()["message"]
        == "Ce jeton est limité à la lecture : il ne permet pas de modifier l'offre."
    )


def test_a_revoked_token_no_longer_authenticates():
    user = UserFactory()
    token, key = api_tokens.create_token(user, "Ancien")
    assert api_tokens.revoke(user, token.pk)
    response = with_key(key).get(reverse("api:me"))
    assert response.status_code == 401
    assert response.json() == {"code": "authentication_failed", "message": "Jeton inconnu ou révoqué."}
    assert not api_tokens.revoke(UserFactory(), token.pk)


def test_a_failed_token_counts_towards_the_lockout(settings):
    settings.AXES_ENABLED = True
    for _ in range(2):
        client = with_key("0" * 40)
        assert client.get(reverse("api:me"), REMOTE_ADDR="192.0.2.9").status_code == 401
    attempt = AccessAttempt.objects.get(ip_address="192.0.2.9")
    assert attempt.failures_since_start == 2


def test_a_wrong_password_is_a_french_structured_error():
    UserFactory(email="camille@example.gouv.fr")
    response = post_token(email="camille@example.gouv.fr", password="pas-le-bon")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert body["message"] == "Les données envoyées ne sont pas valides."
    assert body["errors"]["non_field_errors"] == [
        {
            "message": "Adresse électronique ou mot de passe incorrect, ou compte inactif.",
            "code": "invalid_credentials",
        }
    ]
    assert not ApiToken.objects.exists()


def test_an_inactive_account_gets_no_token():
    UserFactory(email="parti@example.gouv.fr", is_active=False)
    assert post_token(email="parti@example.gouv.fr", password=DEFAULT_PASSWORD).status_code == 400


def test_missing_fields_are_named_in_french():
    body = post_token(email="pas-une-adresse").json()
    assert body["errors"]["email"][0]["code"] == "invalid"
    assert body["errors"]["email"][0]["message"] == "Saisissez une adresse e-mail valide."
    assert body["errors"]["password"] == [{"message": "Ce champ est obligatoire.", "code": "required"}]
