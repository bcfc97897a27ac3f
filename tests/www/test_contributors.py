"""« Qui contribue à l'offre ? »: partners by kind and ministry tree, their agreements, collections, the trainings
the visitor may see, their Mentor team for signed-in users; a fixed number of queries."""

import html
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mentor.organisations.enums import AgreementStatus
from mentor.organisations.enums import OrganisationKind as K
from tests.factories import (
    CollectionFactory,
    OrganisationFactory,
    PartnershipAgreementFactory,
    TeamMembershipFactory,
    TrainingFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

URL = reverse("www:contributors")


def text(response) -> str:
    return " ".join(html.unescape(response.content.decode()).split())


def row(page: str, name: str) -> str:
    return page.split(f"{name} (")[1].split("</tr>")[0]


@pytest.fixture
def tree():
    ministry = OrganisationFactory(name="Ministère de l'Intérieur", code="MI", article="le")
    prefecture = OrganisationFactory(
        name="Préfecture de la Gironde", code="PREF", kind=K.DECONCENTRATED_SERVICE, parent=ministry
    )
    school = OrganisationFactory(
        name="Institut national du service public", code="INSP", kind=K.PUBLIC_SERVICE_SCHOOL
    )
    dinum = OrganisationFactory(name="DINUM", code="DINUM", kind=K.INTERMINISTERIAL_DIRECTORATE, article="la")
    numerique = CollectionFactory(name="Numérique", slug="numerique-t", lead=dinum)
    langues = CollectionFactory(name="Langues", slug="langues-t", lead=dinum)
    today = timezone.localdate()
    PartnershipAgreementFactory(
        partner=ministry, starts_on=today - timedelta(days=10), ends_on=today + timedelta(days=400)
    ).contributed_collections.add(langues)
    PartnershipAgreementFactory(partner=school, status=AgreementStatus.DRAFT)
    TrainingFactory(owner=prefecture, collection=numerique)
    TrainingFactory(owner=prefecture, collection=numerique, metier=True)  # seen by the ministry's agents only
    TrainingFactory(owner=prefecture, collection=numerique, draft=True)  # never counted
    TeamMembershipFactory(organisation=ministry, email="mentor@interieur.gouv.fr")
    return ministry, prefecture, school, dinum


def test_partners_by_kind_and_tree_with_agreement_collections_and_visible_trainings(client, tree):
    ministry, prefecture, school, dinum = tree
    page = text(client.get(URL))
    assert '<h3 id="ministere-' in page and "Services déconcentrés" in page
    assert "Les écoles de service public" in page and "Les directions interministérielles" in page
    prefecture_row = row(page, "Préfecture de la Gironde")
    assert "dépend du ministère de l'Intérieur" in prefecture_row
    assert "Couverte par la convention du ministère de l'Intérieur" in prefecture_row
    assert "Numérique" in prefecture_row and "1 formation" in prefecture_row
    ministry_row = row(page, "Ministère de l'Intérieur")
    assert "Active : du" in ministry_row and "Langues" in ministry_row and "0 formation" in ministry_row
    assert "Brouillon" in row(page, "Institut national du service public")
    assert "Aucune convention" in row(page, "DINUM")
    # Anonymous visitors are invited to sign in for the teams, and see none.
    assert "Connectez-vous" in page and "mentor@interieur.gouv.fr" not in page


def test_a_signed_in_agent_counts_their_ministrys_trainings_and_sees_the_teams(client, tree):
    ministry, prefecture, *_ = tree
    client.force_login(UserFactory(entity=prefecture))
    page = text(client.get(URL))
    prefecture_row = row(page, "Préfecture de la Gironde")
    assert "2 formations" in prefecture_row
    assert (
        "mentor@interieur.gouv.fr" in prefecture_row
        and "l'équipe Mentor du ministère de l'Intérieur" in prefecture_row
    )
    assert "passez par la page" in row(page, "DINUM")


def test_the_home_page_links_to_it(client, tree):
    assert URL in client.get(reverse("www:home")).content.decode()


@pytest.mark.parametrize("extra", [0, 40])
def test_the_query_count_does_not_grow_with_organisations(client, tree, django_assert_num_queries, extra):
    ministry, prefecture, *_ = tree
    for n in range(extra):
        service = OrganisationFactory(kind=K.DECONCENTRATED_SERVICE, parent=ministry if n % 2 else prefecture)
        PartnershipAgreementFactory(partner=service).contributed_collections.add(CollectionFactory())
        TeamMembershipFactory(organisation=service)
        TrainingFactory(owner=service)
    client.force_login(UserFactory(entity=prefecture))
    # Session, user with their entity; organisations, agreements, their collections, collections, counted
    # trainings, teams; the menu's roles and working spaces.
    with django_assert_num_queries(10):
        assert client.get(URL).status_code == 200
