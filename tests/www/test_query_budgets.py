"""Exact query counts of the pages that act on many rows: the count does not move when rows are added, so no
permission or row is read once per line."""

import pytest
from django.urls import reverse

from mentor.accounts.enums import Role
from mentor.editorial import workflow
from mentor.offer.enums import RegistrationStatus, SessionStatus
from mentor.watch.models import SatisfactionAnswer
from tests.factories import MembershipFactory, RegistrationFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("extra", [0, 20])
def test_the_organisation_management_page(client, realm, django_assert_num_queries, extra):
    for _ in range(extra):
        MembershipFactory(organisation=realm.drfip, role=Role.DESIGNER, user=UserFactory(entity=realm.drfip))
    client.force_login(realm.users["entity_admin"])
    url = reverse("www:organisation:manage", args=[realm.mef.pk])
    with django_assert_num_queries(10):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("extra", [0, 20])
def test_the_managed_session_page(client, django_assert_num_queries, extra):
    manager = UserFactory()
    session = SessionFactory(status=SessionStatus.REGISTRATION_OPEN)
    session.managers.add(manager)
    for n in range(extra):
        RegistrationFactory(
            session=session, status=[RegistrationStatus.CONFIRMED, RegistrationStatus.REQUESTED][n % 2]
        )
    client.force_login(manager)
    with django_assert_num_queries(8):
        assert client.get(reverse("www:managed_session", args=[session.pk])).status_code == 200


# At least one other training: the page lists the similar ones (a lookup that finds none stops earlier).
@pytest.mark.parametrize("extra", [1, 10])
def test_the_contribution_page_of_a_training(client, world, django_assert_num_queries, extra):
    training = world.training()
    for n in range(extra):
        world.training(title=f"Autre formation {n}")
    workflow.fire("submit", training, world.designer)
    client.force_login(world.designer)
    sessions = [SessionFactory(training=training) for _ in range(min(extra, 2))]
    for n in range(extra):  # satisfaction answers on two sessions
        registration = RegistrationFactory(session=sessions[n % 2])
        SatisfactionAnswer.objects.create(
            session=registration.session,
            user=registration.user,
            expectations=4,
            usefulness=4,
            content=4,
            delivery=4,
            recommend=4,
        )
    with django_assert_num_queries(25):
        assert client.get(reverse("www:contribute:training", args=[training.pk])).status_code == 200


@pytest.mark.parametrize("extra", [1, 10])
def test_the_review_page_of_a_training(client, world, django_assert_num_queries, extra):
    training = world.training()
    workflow.fire("submit", training, world.designer)
    for n in range(extra):
        workflow.fire("submit", world.training(title=f"Autre formation {n}"), world.designer)
    workflow.fire("start_review", training, world.team)
    client.force_login(world.team)
    with django_assert_num_queries(29):
        assert client.get(reverse("www:review:training", args=[training.pk])).status_code == 200
