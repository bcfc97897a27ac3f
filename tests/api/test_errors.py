"""Under the API, an address that leads nowhere answers like a missing resource, and an unexpected error like any
other API error: structured JSON, in French, never the site's HTML pages."""

import pytest
from django.db import OperationalError, connection
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/trainings/abc/",
        "/api/v1/nothing/here/",
        "/api/v1/",
        "/api/v1/organisations/DGFIP/trainings/by-external-id/a%0Ab/",
    ],
)
def test_an_unknown_api_address_is_a_json_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.json() == {
        "code": "not_found",
        "message": "Cette ressource n'existe pas ou ne vous est pas accessible.",
    }


def test_an_address_without_its_slash_is_still_redirected(client):
    response = client.get("/api/v1/trainings")
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/trainings/"


def test_an_unexpected_error_under_the_api_is_a_json_500():
    def failing(execute, sql, params, many, context):
        raise OperationalError("canceling statement due to statement timeout")

    with connection.execute_wrapper(failing):
        response = Client(raise_request_exception=False).get("/api/v1/trainings/")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "code": "server_error",
        "message": "Erreur inattendue du service. Réessayez un peu plus tard.",
    }


@pytest.mark.parametrize("method", ["post", "delete"])
def test_an_identifier_beyond_64_bits_is_a_json_404(client, method):
    response = getattr(client, method)("/api/v1/sessions/32641572863033046527008309248/registration/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
