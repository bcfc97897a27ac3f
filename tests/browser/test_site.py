"""The parts every page of a State site carries: its icon, the mandatory pages of the footer."""

import pytest
from playwright.sync_api import expect

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
