"""The roles a user holds are read once per request, then every permission decides in memory: these tests run
without a database (pytest-django refuses any query in a test not marked for it)."""

import pytest

from mentor.accounts import roles as roles_module
from mentor.accounts.enums import Role
from mentor.accounts.models import Membership, User
from mentor.accounts.roles import Held, RoleSet
from mentor.core.permissions import check
from mentor.organisations.models import Organisation

MEF = Organisation(pk=1, code="MEF", name="Ministère de l'Économie", path="/1/")
DGFIP = Organisation(pk=2, code="DGFIP", name="DGFiP", path="/1/2/")
DRFIP = Organisation(pk=3, code="DRFIP", name="DRFiP de Bretagne", path="/1/2/3/")
MI = Organisation(pk=4, code="MI", name="Ministère de l'Intérieur", path="/4/")


def user_holding(*held: Held, superuser=False) -> User:
    """A user whose roles were read for this request (no database behind them)."""
    user = User(pk=99, email="u@x.gouv.fr", is_superuser=superuser)
    user.__dict__["_roles"] = RoleSet(held=held, is_superuser=superuser, version=roles_module._version)
    return user


def test_inherited_roles_reach_the_subtree_and_others_only_their_organisation():
    roles = RoleSet(held=(Held(Role.ENTITY_ADMIN, 1, "/1/"), Held(Role.DESIGNER, 2, "/1/2/")))
    assert roles.holds(Role.ENTITY_ADMIN, DRFIP) and not roles.holds(Role.ENTITY_ADMIN, MI)
    assert roles.holds(Role.DESIGNER, DGFIP) and not roles.holds(Role.DESIGNER, DRFIP)
    assert roles.holds(Role.DESIGNER) and not roles.holds(Role.MENTOR_TEAM)
    assert not roles.is_dgafp_admin and RoleSet(is_superuser=True).is_dgafp_admin


def test_a_collection_reviewer_reviews_the_sub_collections_too():
    roles = RoleSet(held=(Held(Role.COLLECTION_REVIEWER, 5, "/5/", frozenset({9, 10, 11})),))
    assert roles.reviewed_collection_ids == {9, 10, 11}


@pytest.mark.parametrize(
    ("held", "organisation", "allowed"),
    [
        ((Held(Role.ENTITY_ADMIN, 1, "/1/"),), DRFIP, True),
        ((Held(Role.ENTITY_ADMIN, 1, "/1/"),), MI, False),
        ((Held(Role.MENTOR_TEAM, 1, "/1/"),), DRFIP, False),
        ((Held(Role.DGAFP_ADMIN, 7, "/7/"),), MI, True),
    ],
)
def test_who_administers_an_organisation_is_decided_in_memory(held, organisation, allowed):
    user = user_holding(*held)
    decision = check(user, "accounts.administer_organisation", organisation)
    assert bool(decision) is allowed
    assert (
        allowed
        or decision.reason == f"Seuls les administrateurs {organisation.of_name} peuvent gérer cette entité."
    )


def test_an_entity_administrator_may_not_hand_out_the_dgafp_role():
    user = user_holding(Held(Role.ENTITY_ADMIN, 1, "/1/"))
    decision = check(user, "accounts.grant_role", Membership(organisation=DGFIP, role=Role.DGAFP_ADMIN))
    assert not decision and "DGAFP seulement" in decision.reason


@pytest.mark.django_db
def test_roles_are_read_in_one_query_and_again_after_a_change(django_assert_num_queries):
    from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

    ministry = OrganisationFactory()
    service = OrganisationFactory(parent=ministry)
    user = UserFactory()
    MembershipFactory(user=user, organisation=ministry, role=Role.MENTOR_TEAM)
    with django_assert_num_queries(1):
        for _ in range(5):
            assert roles_module.holds_role(user, Role.MENTOR_TEAM, service)
            assert not roles_module.is_dgafp_admin(user)
    MembershipFactory(user=user, organisation=service, role=Role.DESIGNER)
    with django_assert_num_queries(1):
        assert roles_module.holds_role(user, Role.DESIGNER, service)
