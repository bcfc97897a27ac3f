import pytest

from mentor.organisations.enums import OrganisationKind as K
from mentor.organisations.models import TeamMembership
from tests.factories import OrganisationFactory, TeamMembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    ministry = OrganisationFactory(kind=K.MINISTRY)
    directorate = OrganisationFactory(kind=K.CENTRAL_ADMINISTRATION, parent=ministry)
    service = OrganisationFactory(kind=K.DECONCENTRATED_SERVICE, parent=directorate)
    return ministry, directorate, service


def test_an_entity_with_its_own_team_gets_it_in_order(tree):
    second = TeamMembershipFactory(organisation=tree[2], position=2)
    first = TeamMembershipFactory(organisation=tree[2], position=1)
    TeamMembershipFactory(organisation=tree[0])
    assert TeamMembership.objects.team_for(tree[2]) == (tree[2], [first, second])


def test_an_entity_without_team_falls_back_to_the_nearest_ancestor_with_one(tree):
    ministry_member = TeamMembershipFactory(organisation=tree[0])
    assert TeamMembership.objects.team_for(tree[2]) == (tree[0], [ministry_member])
    directorate_member = TeamMembershipFactory(organisation=tree[1])
    assert TeamMembership.objects.team_for(tree[2]) == (tree[1], [directorate_member])


def test_no_team_up_the_tree_gives_nothing(tree):
    TeamMembershipFactory(organisation=OrganisationFactory())
    assert TeamMembership.objects.team_for(tree[2]) == (None, [])
