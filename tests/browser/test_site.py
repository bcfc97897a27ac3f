"""The parts every page of a State site carries: its icon, the mandatory pages of the footer."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.accessibility import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


def test_every_icon_the_pages_link_and_favicon_ico_are_served(page, reference_data):
    page.goto("/")
    icons = page.locator("link[rel~=icon], link[rel=apple-touch-icon]")
    expect(icons.first).to_be_attached()
    hrefs = [icons.nth(i).get_attribute("href") for i in range(icons.count())]
    assert len(hrefs) == 3
    for href in [*hrefs, "/favicon.ico"]:
        response = page.request.get(href)
        assert response.ok, f"{href} : {response.status}"
        assert response.headers["content-type"].startswith("image/"), href


def test_the_contact_page_gives_every_collection_lead_a_contact(page, reference_data):
    page.goto("/contact/")
    rows = page.get_by_role("table", name="Chefs de file par collection").locator("tbody tr")
    expect(rows).to_have_count(14)
    for i in range(14):
        expect(rows.nth(i).locator("td").nth(2).get_by_role("link")).not_to_have_count(0)
        expect(rows.nth(i).locator("td").nth(2)).not_to_have_text("—")
    expect(rows.filter(has_text="Management").get_by_role("link")).to_have_text(
        "mentor@fonction-publique.gouv.fr"
    )


@pytest.mark.parametrize(
    ("link", "heading", "says"),
    [
        ("Plan du site", "Plan du site", "Documentation de l'API"),
        ("Accessibilité : non conforme", "Déclaration d'accessibilité", "Voies de recours"),
        ("Mentions légales", "Mentions légales", "Directeur de la publication"),
        ("Données personnelles", "Données personnelles", "ne dépose que les cookies nécessaires"),
    ],
)
def test_the_footer_leads_to_the_mandatory_pages(page, link, heading, says):
    page.goto("/")
    footer = page.get_by_role("contentinfo")
    footer.get_by_role("link", name=link).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page.get_by_text(says)).to_be_visible()
    assert_accessible(page)


def test_the_accessibility_statement_lists_the_pages_the_suite_checks_with_their_result(page):
    from mentor.www.site.accessibility import CHECKED_PAGES

    page.goto("/accessibilite/")
    table = page.get_by_role("table", name=re.compile("Pages vérifiées le"))
    expect(table.locator("tbody tr")).to_have_count(len(CHECKED_PAGES))
    expect(table.get_by_role("row", name=re.compile("^Sessions que je gère"))).to_contain_text("Aucune")
