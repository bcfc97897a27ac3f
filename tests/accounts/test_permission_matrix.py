"""Every role × every protected action of the accounts app: who may, who may not, and why not."""

import pytest
from django.contrib.auth.models import AnonymousUser

from mentor.accounts.enums import Role
from mentor.accounts.models import AccountRequest, EntityChangeRequest, Membership
from mentor.core.permissions import check
from tests.accounts.world import ROLES

pytestmark = pytest.mark.django_db

EVERYONE_DENIED = dict.fromkeys(ROLES, False)


def allowed(*roles):
    return {**EVERYONE_DENIED, **dict.fromkeys(roles, True)}


# action name → (permission, builder of the object from the realm, expected decision per role)
ACTIONS = {
    "administer an entity of their tree": (
        "accounts.administer_organisation",
        lambda w: w.dgfip,
        allowed("entity_admin", "dgafp_admin"),
    ),
    "administer an entity of another ministry": (
        "accounts.administer_organisation",
        lambda w: w.pref,
        allowed("dgafp_admin"),
    ),
    "grant the designer role in their tree": (
        "accounts.grant_role",
        lambda w: Membership(user=w.users["agent"], organisation=w.drfip, role=Role.DESIGNER),
        allowed("entity_admin", "dgafp_admin"),
    ),
    "grant the DGAFP administrator role": (
        "accounts.grant_role",
        lambda w: Membership(user=w.users["agent"], organisation=w.dgfip, role=Role.DGAFP_ADMIN),
        allowed("dgafp_admin"),
    ),
    "grant a role in another ministry": (
        "accounts.grant_role",
        lambda w: Membership(user=w.users["agent"], organisation=w.pref, role=Role.DESIGNER),
        allowed("dgafp_admin"),
    ),
    "withdraw a role in their tree": (
        "accounts.withdraw_role",
        lambda w: Membership.objects.get(user=w.users["designer"]),
        allowed("entity_admin", "dgafp_admin"),
    ),
    "open the requests to decide": (
        "accounts.review_requests",
        lambda w: None,
        allowed("mentor_team", "entity_admin", "dgafp_admin"),
    ),
    "decide an account request in their tree": (
        "accounts.review_account_request",
        lambda w: AccountRequest(user=w.users["agent"], entity=w.drfip),
        allowed("mentor_team", "entity_admin", "dgafp_admin"),
    ),
    "decide an account request of another ministry": (
        "accounts.review_account_request",
        lambda w: AccountRequest(user=w.users["agent"], entity=w.pref),
        allowed("dgafp_admin"),
    ),
    "decide a change towards their tree": (
        "accounts.review_entity_change",
        lambda w: EntityChangeRequest(user=w.users["agent"], from_entity=w.pref, to_entity=w.dgfip),
        allowed("mentor_team", "entity_admin", "dgafp_admin"),
    ),
    "decide a change away from their tree": (
        "accounts.review_entity_change",
        lambda w: EntityChangeRequest(user=w.users["agent"], from_entity=w.dgfip, to_entity=w.pref),
        allowed("dgafp_admin"),
    ),
    "follow the partnership agreements": (
        "accounts.view_agreements",
        lambda w: None,
        allowed("entity_admin", "dgafp_admin"),
    ),
}

CASES = [(action, role) for action in ACTIONS for role in ROLES]


@pytest.mark.parametrize(("action", "role"), CASES, ids=[f"{a} — {r}" for a, r in CASES])
def test_authorisation_matrix(realm, action, role):
    name, build, expected = ACTIONS[action]
    user = AnonymousUser() if role == "anonymous" else realm.users[role]
    decision = check(user, name, build(realm))
    assert decision.allowed is expected[role]
    if not decision.allowed:
        assert decision.reason, "a refusal says why, in French"
    # The same permission answers Django's has_perm (templates, the API).
    assert user.has_perm(name, build(realm)) is expected[role]


def test_an_administrator_may_not_withdraw_their_own_administrator_role(realm):
    admin = realm.users["entity_admin"]
    own = Membership.objects.get(user=admin, role=Role.ENTITY_ADMIN)
    decision = check(admin, "accounts.withdraw_role", own)
    assert not decision
    assert "propre rôle" in decision.reason
