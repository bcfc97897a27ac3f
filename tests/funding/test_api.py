from decimal import Decimal

import pytest

from mentor.funding.enums import CallStatus

pytestmark = pytest.mark.django_db


def test_the_api_lists_published_calls_with_their_public_fields(client, calls):
    call = calls.call()
    calls.call(title="Brouillon", status=CallStatus.DRAFT)
    body = client.get("/api/v1/calls/").json()
    assert [c["title"] for c in body] == ["Appel à projets 2026"]
    assert body[0]["envelope"] == "100000.00" and Decimal(body[0]["max_rate"]) == 50
    assert body[0]["url"] == f"http://testserver/appels/{call.pk}/"
    detail = client.get(f"/api/v1/calls/{call.pk}/").json()
    assert [t["name"] for t in detail["themes"]] == ["Transition écologique", "Management"]
    assert [c["name"] for c in detail["criteria"]] == ["Pertinence", "Faisabilité"]
    assert "proposals" not in detail


def test_a_draft_or_unknown_call_is_a_structured_french_404(client, calls):
    draft = calls.call(status=CallStatus.DRAFT)
    for url in (f"/api/v1/calls/{draft.pk}/", "/api/v1/calls/999999/"):
        response = client.get(url)
        assert response.status_code == 404
        assert response.json() == {
            "code": "not_found",
            "message": "Cette ressource n'existe pas ou ne vous est pas accessible.",
        }
