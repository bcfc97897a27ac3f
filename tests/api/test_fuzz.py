"""Schemathesis fuzzes the API against its own OpenAPI schema, on a live server holding the demo data, anonymously
and with the token of several roles: no server error, and every response (status, headers, body) as the schema
says. The number of examples per operation is bounded so that the run stays short."""

import pytest
import schemathesis
from django.core.management import call_command
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from mentor.accounts.api_tokens import create_token
from mentor.accounts.models import User

ROLES = {
    "anonyme": None,
    "agent": "agent.bretagne@dgfip.finances.gouv.fr",
    "conceptrice": "conceptrice@dgfip.finances.gouv.fr",
    "equipe-mentor": "referente@finances.gouv.fr",
    "admin-dgafp": "admin@fonction-publique.gouv.fr",
}
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture(params=list(ROLES), ids=list(ROLES))
def role(request):
    return request.param


@pytest.fixture
def api_schema(live_server, role, settings):
    # The fuzzer sends hundreds of requests a minute from one address: the rate limits have their own tests.
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anonymous": "100000/min", "token": "100000/min"},
    }
    call_command("load_reference_data")
    call_command("load_demo_data")
    return schemathesis.openapi.from_url(f"{live_server.url}/api/v1/schema/")


@pytest.fixture
def auth_headers(api_schema, role):
    if ROLES[role] is None:
        return {}
    _, key = create_token(User.objects.get(email=ROLES[role]), "schemathesis")
    return {"Authorization": f"Token {key}"}


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=10, deadline=None, database=None, suppress_health_check=list(HealthCheck))
def test_every_answer_conforms_to_the_schema(case, auth_headers):
    case.call_and_validate(headers=auth_headers, checks=CHECKS)
