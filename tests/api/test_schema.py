import pytest
from django.core.management import call_command
from django.urls import reverse


def test_the_openapi_schema_has_no_warning(tmp_path):
    # --fail-on-warn turns any warning of the generator into an error.
    call_command("spectacular", "--fail-on-warn", "--validate", "--file", str(tmp_path / "schema.yml"))
    schema = (tmp_path / "schema.yml").read_text()
    for path in (
        "/api/v1/trainings/",
        "/api/v1/trainings/{id}/sessions/",
        "/api/v1/me/",
        "/api/v1/auth/token/",
        "/api/v1/calls/",
        "/api/v1/calls/{id}/",
    ):
        assert f"{path}:" in schema


@pytest.mark.django_db
def test_schema_and_docs_are_served(client):
    assert client.get(reverse("api:schema")).status_code == 200
    docs = client.get(reverse("api:docs"))
    assert docs.status_code == 200
    assert b"swagger" in docs.content.lower()
