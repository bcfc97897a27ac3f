import pytest
from playwright.sync_api import expect

from mentor.offer.models import Collection
from tests.browser.accessibility import assert_accessible
from tests.factories import TrainingFactory

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


def test_a_parent_collection_counts_the_trainings_of_its_sub_collections(page, reference_data):
    hygiene = Collection.objects.get(slug="hygiene-sante-et-securite-au-travail")
    TrainingFactory(title="Prévenir les risques psychosociaux", collection=hygiene)
    page.goto("/collections/ressources-humaines/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ressources humaines")
    expect(
        page.get_by_text("1 formation de cette collection et de ses sous-collections vous est ouverte.")
    ).to_be_visible()
    expect(
        page.get_by_role("listitem").filter(has_text="Hygiène, santé et sécurité au travail")
    ).to_contain_text("1 formation")
    assert_accessible(page)
    page.get_by_role("link", name="Rechercher dans cette collection").click()
    expect(page.locator("#resultats")).to_have_text("1 formation trouvée")
