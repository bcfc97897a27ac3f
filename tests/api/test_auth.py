import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def post_token(**data):
    return APIClient().post(reverse("api:token"), data, format="json")


def test_an_email_and_a_password_give_a_token_that_authenticates():
    user = UserFactory(email="camille@example.gouv.fr")
    response = post_token(email="camille@example.gouv.fr", password=DEFAULT_PASSWORD)
    assert response.status_code == 200
    assert response.json() == {"token": Token.objects.get(user=user).key}
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    assert client.get(reverse("api:me")).json()["email"] == "camille@example.gouv.fr"
    # Asking again gives the same token.
    assert post_token(email="camille@example.gouv.fr", password=DEFAULT_PASSWORD).json() == response.json()


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
    assert not Token.objects.exists()


def test_an_inactive_account_gets_no_token():
    UserFactory(email="parti@example.gouv.fr", is_active=False)
    assert post_token(email="parti@example.gouv.fr", password=DEFAULT_PASSWORD).status_code == 400


def test_missing_fields_are_named_in_french():
    body = post_token(email="pas-une-adresse").json()
    assert body["errors"]["email"][0]["code"] == "invalid"
    assert body["errors"]["email"][0]["message"] == "Saisissez une adresse e-mail valide."
    assert body["errors"]["password"] == [{"message": "Ce champ est obligatoire.", "code": "required"}]


def test_a_bad_token_is_refused():
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token 0000")
    response = client.get(reverse("api:me"))
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"
