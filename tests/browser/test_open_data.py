import pytest
from playwright.sync_api import expect

from tests.browser.accessibility import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_open_data_page_offers_the_exports_and_their_licence(page, offer):
    page.goto("/")
    page.get_by_role("link", name="Données ouvertes").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Données ouvertes")
    expect(
        page.get_by_role("link", name="Licence Ouverte / Open Licence version 2.0 (Etalab)")
    ).to_be_visible()
    expect(page.get_by_text("3 formations publiées ; dernière mise à jour le")).to_be_visible()
    table = page.get_by_role("table")
    expect(table.get_by_role("link", name="Offre au format LHEO 2.3")).to_have_attribute(
        "href", f"{page.url.split('/donnees/')[0]}/api/v1/exports/lheo.xml"
    )
    expect(table.get_by_role("row")).to_have_count(4)
    assert_accessible(page)
    with page.expect_download() as download:
        page.goto("/catalogue/?modality=e_learning")
        page.get_by_role("link", name="Télécharger ces résultats (CSV)").click()
    content = download.value.path().read_bytes().decode("utf-8-sig")
    assert offer.permanent.title in content
    assert offer.rich.title not in content
