"""The main menu shows each working space to those who work in it, and only to them."""

import pytest
from django.urls import reverse

from mentor.accounts.enums import Role
from tests.factories import (
    CollectionFactory,
    MembershipFactory,
    OrganisationFactory,
    TrainingFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

CONTRIBUTE = reverse("www:contribute:index")
REVIEW = reverse("www:review:queue")


def menu_links(client, user):
    client.force_login(user)
    html = client.get(reverse("www:catalogue")).content.decode()
    return {CONTRIBUTE: f'href="{CONTRIBUTE}"' in html, REVIEW: f'href="{REVIEW}"' in html}


@pytest.fixture
def organisation():
    return OrganisationFactory(code="MIN")


def test_an_agent_sees_neither_space(client, organisation):
    assert menu_links(client, UserFactory(entity=organisation)) == {CONTRIBUTE: False, REVIEW: False}


def test_a_designer_sees_contribute(client, organisation):
    designer = MembershipFactory(organisation=organisation, role=Role.DESIGNER).user
    assert menu_links(client, designer) == {CONTRIBUTE: True, REVIEW: False}


def test_someone_listed_among_a_trainings_designers_sees_contribute(client, organisation):
    user = UserFactory(entity=organisation)
    TrainingFactory(owner=organisation).designers.add(user)
    assert menu_links(client, user) == {CONTRIBUTE: True, REVIEW: False}


@pytest.mark.parametrize("role", [Role.MENTOR_TEAM, Role.COLLECTION_REVIEWER, Role.DGAFP_ADMIN])
def test_a_reviewer_sees_review(client, organisation, role):
    # A collection reviewer reviews one collection; the other roles, none in particular.
    collection = CollectionFactory(name="Achats", slug="achats") if role == Role.COLLECTION_REVIEWER else None
    reviewer = MembershipFactory(organisation=organisation, role=role, collection=collection).user
    assert menu_links(client, reviewer) == {CONTRIBUTE: False, REVIEW: True}


def test_an_anonymous_visitor_sees_neither_space(client):
    html = client.get(reverse("www:home")).content.decode()
    assert "Se connecter" in html
    assert CONTRIBUTE not in html and REVIEW not in html
