"""The exact query count of every page that the other budgets do not cover, measured with few rows and with
many: a page whose count moves with its rows reads something once per line."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mentor.accounts.enums import Role
from mentor.accounts.models import AccountRequest, EntityChangeRequest
from mentor.editorial import workflow
from mentor.offer.catalogue import resident
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PartnershipAgreementFactory,
    SessionFactory,
    TrainingFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

SIZES = [0, 12]


def test_the_sign_in_and_sign_up_pages(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert client.get(reverse("accounts:login")).status_code == 200
    with django_assert_num_queries(1):
        assert client.get(reverse("accounts:signup")).status_code == 200


def test_the_profile_page(client, realm, django_assert_num_queries):
    client.force_login(realm.users["agent"])
    with django_assert_num_queries(6):
        assert client.get(reverse("accounts:profile")).status_code == 200


def test_the_entity_change_page(client, realm, django_assert_num_queries):
    client.force_login(realm.users["agent"])
    with django_assert_num_queries(6):
        assert client.get(reverse("accounts:entity_change")).status_code == 200


@pytest.mark.parametrize("extra", [1, 12])
def test_the_catalogue_page(client, realm, django_assert_num_queries, extra):
    for n in range(extra):
        SessionFactory(training=TrainingFactory(title=f"Formation publiée {n}", collection=realm.management))
    client.force_login(realm.users["agent"])
    resident.INDEX.searcher()  # the process has built its resident index (its first search does)
    with django_assert_num_queries(10):
        response = client.get(reverse("www:catalogue"))
    assert f"Formation publiée {extra - 1}" in response.content.decode()


@pytest.mark.parametrize("extra", SIZES)
def test_the_contribution_index(client, world, django_assert_num_queries, extra):
    for n in range(extra):
        training = world.training(title=f"Formation en cours {n}")
        if n % 2:
            workflow.fire("submit", training, world.designer)
    client.force_login(world.designer)
    with django_assert_num_queries(7):
        response = client.get(reverse("www:contribute:index"))
    assert response.content.decode().count("Formation en cours") == extra


@pytest.mark.parametrize("extra", SIZES)
def test_a_step_of_a_draft_and_the_new_training_form(client, world, django_assert_num_queries, extra):
    for n in range(extra):
        world.training(title=f"Autre formation {n}")
    training = world.training()
    client.force_login(world.designer)
    with django_assert_num_queries(5):
        assert client.get(reverse("www:contribute:step", args=[training.pk, 1])).status_code == 200
    with django_assert_num_queries(10):
        assert client.get(reverse("www:contribute:create")).status_code == 200


@pytest.mark.parametrize("extra", SIZES)
def test_the_organisations_index_and_team_page(client, realm, django_assert_num_queries, extra):
    for n in range(extra):
        service = OrganisationFactory(code=f"SVC{n}", name=f"Service {n}", parent=realm.dgfip)
        MembershipFactory(organisation=service, role=Role.DESIGNER, user=UserFactory(entity=service))
    client.force_login(realm.users["entity_admin"])
    with django_assert_num_queries(5):
        assert client.get(reverse("www:organisation:index")).status_code == 200
    with django_assert_num_queries(6):
        assert client.get(reverse("www:organisation:team", args=[realm.mef.pk])).status_code == 200


@pytest.mark.parametrize("extra", SIZES)
def test_the_requests_page(client, realm, django_assert_num_queries, extra):
    for _ in range(extra):
        AccountRequest.objects.create(
            user=UserFactory(is_active=False, entity=None, email_confirmed_at=timezone.now()),
            entity=realm.drfip,
        )
        EntityChangeRequest.objects.create(
            user=UserFactory(entity=realm.pref), from_entity=realm.pref, to_entity=realm.dgfip
        )
    client.force_login(realm.users["mentor_team"])
    with django_assert_num_queries(6):
        response = client.get(reverse("www:organisation:requests"))
    page = response.content.decode()
    assert page.count("Demande un compte rattaché à") == extra
    assert page.count("Demande à être rattaché(e) à") == extra


@pytest.mark.parametrize("extra", SIZES)
def test_the_agreements_page(client, realm, django_assert_num_queries, extra):
    for n in range(extra):
        agreement = PartnershipAgreementFactory(
            partner=OrganisationFactory(code=f"PART{n}", name=f"Partenaire {n}"),
            ends_on=timezone.localdate() + timedelta(days=10),
        )
        agreement.contributed_collections.add(realm.management)
    client.force_login(realm.users["dgafp_admin"])
    with django_assert_num_queries(5):
        response = client.get(reverse("www:organisation:agreements"))
    assert response.content.decode().count("Partenaire ") == extra


@pytest.mark.parametrize(
    "name", ["www:legal_notice", "www:personal_data", "www:site_map", "www:accessibility"]
)
def test_the_mandatory_pages_read_nothing_from_the_database(client, django_assert_num_queries, name):
    with django_assert_num_queries(0):
        assert client.get(reverse(name)).status_code == 200
