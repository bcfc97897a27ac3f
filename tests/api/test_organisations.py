"""The tree of organisations: read by everyone, in the tree's order and by pages; written by DGAFP administrators."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from mentor.accounts.api_tokens import create_token
from mentor.organisations.models import Organisation

pytestmark = pytest.mark.django_db
LIST = reverse("api:organisations")


def api(user=None):
    client = APIClient()
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {create_token(user, 'annuaire')[1]}")
    return client


def url(code):
    return reverse("api:organisation", kwargs={"code": code})


def test_everyone_reads_the_tree_in_order_and_by_pages(world):
    body = api().get(LIST, {"page_size": 2}).json()
    assert body["count"] == Organisation.objects.count()
    assert len(body["results"]) == 2
    everything = api().get(LIST, {"page_size": 100}).json()["results"]
    codes = [o["code"] for o in everything]
    assert codes.index("MEF") < codes.index("DGFIP")  # a parent before its children
    dgfip = api().get(url("DGFIP")).json()
    assert (dgfip["parent"], dgfip["ministry"]) == ("MEF", "MEF")


def test_a_dgafp_administrator_creates_moves_and_updates_idempotently(world):
    client = api(world.admin)
    body = {"name": "Direction de l'immobilier", "kind": "central_administration", "parent": "MEF"}
    assert client.put(url("DIMMO"), body, format="json").status_code == 201
    assert Organisation.objects.get(code="DIMMO").ministry == world.ministry
    again = client.put(url("DIMMO"), body, format="json")
    assert again.status_code == 200
    updated_at = Organisation.objects.get(code="DIMMO").updated_at
    client.put(url("DIMMO"), body, format="json")
    assert Organisation.objects.get(code="DIMMO").updated_at == updated_at
    moved = client.put(url("DIMMO"), {**body, "parent": "MI"}, format="json")
    assert moved.json()["ministry"] == "MI"
    bad = client.put(url("DIMMO"), {**body, "siret": "12345678901234"}, format="json")
    assert bad.status_code == 400
    assert "siret" in bad.json()["errors"]


def test_others_may_not_write(world):
    body = {"name": "Nouvelle", "kind": "other"}
    refused = api(world.team).put(url("NOUV"), body, format="json")
    assert refused.status_code == 403
    assert refused.json()["message"] == "Seuls les administrateurs DGAFP modifient l'arbre des organisations."
    assert api().put(url("NOUV"), body, format="json").status_code == 401
    assert not Organisation.objects.filter(code="NOUV").exists()
