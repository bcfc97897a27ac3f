"""Addresses under the API that lead nowhere answer like a missing resource: structured JSON, in French."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/api/v1/trainings/abc/", "/api/v1/nothing/here/", "/api/v1/"])
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
