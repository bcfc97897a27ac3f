"""The main menu shows each working space to those who work in it, and only to them."""

import pytest
from django.urls import reverse

from mentor.accounts.enums import Role
from tests.factories import (
    CollectionFactory,
    MembershipFactory,
    OrganisationFactory,
    SessionFactory,
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


SESSIONS = reverse("www:managed_sessions")
ORGANISATION = reverse("www:organisation:index")


def pages_links(client, user):
    client.force_login(user)
    html = client.get(reverse("www:catalogue")).content.decode()
    return {SESSIONS: f'href="{SESSIONS}"' in html, ORGANISATION: f'href="{ORGANISATION}"' in html}


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (None, {SESSIONS: False, ORGANISATION: False}),
        # Designers schedule the sessions of their trainings.
        (Role.DESIGNER, {SESSIONS: True, ORGANISATION: False}),
        (Role.SESSION_MANAGER, {SESSIONS: True, ORGANISATION: False}),
        # They schedule the sessions of the trainings their organisation adopted.
        (Role.ENTITY_ADMIN, {SESSIONS: True, ORGANISATION: True}),
        (Role.MENTOR_TEAM, {SESSIONS: True, ORGANISATION: True}),
        (Role.DGAFP_ADMIN, {SESSIONS: True, ORGANISATION: True}),
    ],
)
def test_session_managers_and_entity_administrators_find_their_pages_in_the_menu(
    client, organisation, role, expected
):
    user = (
        MembershipFactory(organisation=organisation, role=role).user
        if role
        else UserFactory(entity=organisation)
    )
    assert pages_links(client, user) == expected


def test_someone_named_manager_of_a_session_sees_sessions(client, organisation):
    user = UserFactory(entity=organisation)
    SessionFactory(training=TrainingFactory(owner=organisation)).managers.add(user)
    assert pages_links(client, user) == {SESSIONS: True, ORGANISATION: False}
