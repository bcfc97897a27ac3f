import pytest
from playwright.sync_api import expect

from tests.browser.accessibility import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


def test_home_renders_with_the_design_system_and_opens_a_collection(page, reference_data):
    page.goto("/")
    expect(page.locator(".fr-tile__title")).to_have_count(14)
    assert_accessible(page)
    # The DSFR stylesheet is applied: the header gets the design system's Marianne font.
    font = page.evaluate("getComputedStyle(document.querySelector('.fr-header__service-title')).fontFamily")
    assert "Marianne" in font
    page.get_by_role("link", name="Management").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Management")
    expect(page.get_by_text("Manager en situation de transformation")).to_be_visible()
    assert_accessible(page)
