"""An entity administrator and a session manager find their pages from the header, as designers and reviewers
do; the administrator reads their organisation's agreements and grants only roles that give something to do."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.accounts.world import build_world
from tests.browser.accessibility import assert_accessible
from tests.browser.test_editorial import log_in
from tests.factories import PartnershipAgreementFactory, SessionFactory, TrainingFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_entity_administrator_reaches_their_organisation_and_its_agreements_from_the_menu(page):
    realm = build_world()
    today = timezone.localdate()
    agreement = PartnershipAgreementFactory(
        partner=realm.mef, starts_on=today.replace(day=1), ends_on=today.replace(year=today.year + 1, day=1)
    )
    agreement.contributed_collections.add(realm.management)
    log_in(page, realm.users["entity_admin"])
    menu = page.get_by_role("navigation", name="Menu principal")
    menu.get_by_role("link", name="Mon organisation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gérer mon organisation")
    assert_accessible(page)

    page.get_by_role("link", name="Conventions de partenariat").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Conventions de partenariat")
    row = page.get_by_role("row", name="Ministère de l'Économie")
    expect(row).to_contain_text("Active")
    expect(row).to_contain_text("1er ")
    expect(row).to_contain_text("Management")
    assert_accessible(page)

    # The ministry leads no collection: the reviewer role, which would review nothing, is not offered.
    page.goto("/organisation/")
    page.get_by_role("link", name="Ministère de l'Économie (MEF)").click()
    role = page.get_by_label("Rôle", exact=True)
    expect(role.locator("option", has_text="Concepteur")).to_have_count(1)
    expect(role.locator("option", has_text="Relecteur de collection")).to_have_count(0)
    expect(page.get_by_text("aucune ne l'est ici")).to_be_visible()
    assert_accessible(page)


def test_a_session_manager_reaches_their_sessions_from_the_menu(page):
    realm = build_world()
    SessionFactory(
        training=TrainingFactory(owner=realm.igpde, title="Piloter un budget"), organiser=realm.igpde
    )
    log_in(page, realm.users["session_manager"])
    menu = page.get_by_role("navigation", name="Menu principal")
    expect(menu.get_by_role("link", name="Mon organisation")).to_have_count(0)
    menu.get_by_role("link", name="Sessions").click()
    expect(page.get_by_role("link", name="Piloter un budget")).to_be_visible()
    expect(menu.get_by_role("link", name="Sessions")).to_have_attribute("aria-current", "page")
