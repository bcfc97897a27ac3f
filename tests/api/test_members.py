"""Entity administrators read and manage the members and roles of their tree through the API."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from mentor.accounts.api_tokens import create_token
from mentor.accounts.enums import Role
from mentor.accounts.models import Membership

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {create_token(user, 'annuaire')[1]}")
    return client


def members(code):
    return reverse("api:members", kwargs={"code": code})


def test_an_entity_admin_reads_members_and_roles_of_their_tree(realm):
    body = api(realm.users["entity_admin"]).get(members("MEF")).json()
    emails = {m["email"] for m in body["members"]}
    assert realm.users["agent"].email in emails  # attached to the DRFiP, below the ministry
    assert {(r["user"], r["role"]) for r in body["roles"]} >= {
        (realm.users["entity_admin"].email, Role.ENTITY_ADMIN),
        (realm.users["mentor_team"].email, Role.MENTOR_TEAM),
    }


def test_an_entity_admin_grants_and_withdraws_a_role(realm):
    client = api(realm.users["entity_admin"])
    agent = realm.users["agent"]
    granted = client.post(
        members("MEF"), {"user": agent.email, "organisation": "DGFIP", "role": Role.DESIGNER}, format="json"
    )
    assert granted.status_code == 201, granted.json()
    membership = Membership.objects.get(user=agent, role=Role.DESIGNER)
    twice = client.post(
        members("MEF"), {"user": agent.email, "organisation": "DGFIP", "role": Role.DESIGNER}, format="json"
    )
    assert twice.status_code == 400
    url = reverse("api:role", kwargs={"code": "MEF", "pk": membership.pk})
    assert client.delete(url).status_code == 204
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert client.delete(url).status_code == 404


def test_others_are_refused_and_roles_outside_the_tree_are_unknown(realm):
    refused = api(realm.users["agent"]).get(members("MEF"))
    assert refused.status_code == 403
    assert (
        refused.json()["message"]
        == "Seuls les administrateurs du ministère de l'Économie peuvent gérer cette entité."
    )
    client = api(realm.users["entity_admin"])
    outside = client.post(
        members("MEF"),
        {"user": realm.users["agent"].email, "organisation": "PREF", "role": Role.DESIGNER},
        format="json",
    )
    assert outside.status_code == 400
    assert "organisation" in outside.json()["errors"]
    dgafp_only = client.post(
        members("MEF"),
        {"user": realm.users["agent"].email, "organisation": "DGFIP", "role": Role.DGAFP_ADMIN},
        format="json",
    )
    assert dgafp_only.status_code == 403
    assert APIClient().get(members("MEF")).status_code == 401
