import pytest
from playwright.sync_api import expect

from mentor.offer.models import Training
from tests.browser.accessibility import assert_accessible
from tests.browser.test_editorial import log_in
from tests.exchange.conftest import SCHEMAS

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_mentor_team_tries_then_imports_an_lheo_file(page, world):
    log_in(page, world.team)
    page.goto("/relectures/")
    page.get_by_role("link", name="Importer une offre au format LHEO").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Importer une offre au format LHEO")
    assert_accessible(page)
    page.get_by_label("Fichier LHEO").set_input_files(str(SCHEMAS / "lheo-2.2-onisep-bts.xml"))
    expect(page.get_by_label("Essai à blanc : tout vérifier sans rien enregistrer")).to_be_checked()
    page.get_by_role("button", name="Importer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rapport d'import LHEO")
    expect(page.get_by_text("Essai à blanc : rien n'a été enregistré.")).to_be_visible()
    expect(page.get_by_role("cell", name="BTS négociation et relation client")).to_be_visible()
    assert_accessible(page)
    assert not Training.objects.filter(title="BTS négociation et relation client").exists()

    page.get_by_role("link", name="Importer un autre fichier").click()
    page.get_by_label("Fichier LHEO").set_input_files(str(SCHEMAS / "lheo-2.2-onisep-bts.xml"))
    page.get_by_text("Essai à blanc : tout vérifier sans rien enregistrer").click()
    page.get_by_role("button", name="Importer").click()
    expect(
        page.get_by_text("1 formation lue : 1 créée, 0 mise à jour, 0 inchangée, 0 rejetée.")
    ).to_be_visible()
    expect(page.get_by_text("Essai à blanc")).to_have_count(0)
    expect(page.get_by_role("cell", name="Créée")).to_be_visible()
