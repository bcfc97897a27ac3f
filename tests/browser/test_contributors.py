import pytest
from playwright.sync_api import expect

from mentor.organisations.enums import OrganisationKind as K
from tests.browser.accessibility import assert_accessible
from tests.browser.test_editorial import log_in
from tests.factories import (
    OrganisationFactory,
    PartnershipAgreementFactory,
    TeamMembershipFactory,
    TrainingFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_visitor_finds_who_contributes_from_the_home_page_and_an_agent_how_to_reach_them(
    page, reference_data
):
    ministry = OrganisationFactory(name="Ministère de l'Intérieur", code="MI")
    prefecture = OrganisationFactory(
        name="Préfecture de la Gironde", code="PREF", kind=K.DECONCENTRATED_SERVICE, parent=ministry
    )
    PartnershipAgreementFactory(partner=ministry)
    TeamMembershipFactory(organisation=ministry, email="mentor@interieur.gouv.fr")
    TrainingFactory(owner=prefecture, title="Accueillir le public en préfecture")
    page.goto("/")
    page.get_by_role("link", name="Qui contribue à l'offre ?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Qui contribue à l'offre ?")
    row = page.get_by_role("row", name="Préfecture de la Gironde (PREF)")
    expect(row).to_contain_text("Couverte par la convention du ministère de l'Intérieur")
    expect(row).to_contain_text("1 formation")
    expect(page.get_by_role("heading", name="Les directions interministérielles")).to_be_visible()
    expect(page.get_by_text("mentor@interieur.gouv.fr")).to_have_count(0)
    assert_accessible(page)

    log_in(page, UserFactory(entity=prefecture))
    page.goto("/contributeurs/")
    row = page.get_by_role("row", name="Préfecture de la Gironde (PREF)")
    expect(row.get_by_role("link", name="mentor@interieur.gouv.fr")).to_be_visible()
    assert_accessible(page)
