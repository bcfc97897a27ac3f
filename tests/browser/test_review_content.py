"""Reviewers see every field they rate (and a revision beside the published version); a designer revising a
published training sees the revision they edit, with the published version a click away."""

import pytest
from playwright.sync_api import expect

from mentor.editorial import workflow
from tests.browser.accessibility import assert_accessible
from tests.browser.test_editorial import log_in

pytestmark = pytest.mark.django_db(transaction=True)

OUTLINE = "Module 1 : les licences ouvertes. Module 2 : publier sur data.gouv.fr."
PREREQUISITES = "Savoir utiliser un tableur."


def test_the_reviewer_sees_the_programme_and_the_prerequisites_they_rate(page, world):
    training = world.training(
        content_outline=OUTLINE, prerequisites=PREREQUISITES, keywords="données, open data"
    )
    workflow.fire("submit", training, world.designer)
    log_in(page, world.team)
    page.goto(f"/relectures/formations/{training.pk}/")
    content = page.locator("dl.mentor-editorial-content")
    for label, value in [
        ("Contenu et programme", OUTLINE),
        ("Prérequis", PREREQUISITES),
        ("Mots-clés", "données, open data"),
        ("Durée à distance (heures)", "3 h"),
        ("Certifiante", "Non"),
        ("Courriel du contact", "formation@dgfip.gouv.fr"),
    ]:
        expect(content.locator("dt", has_text=label)).to_have_count(1)
        expect(
            content.locator("dt", has_text=label).locator("xpath=following-sibling::dd[1]")
        ).to_contain_text(value)
    assert_accessible(page)


def test_a_revision_shows_the_designer_what_they_edit_and_the_reviewer_every_field(page, world):
    training = world.publish_metier(content_outline=OUTLINE)
    log_in(page, world.designer)
    page.goto(f"/contribuer/formations/{training.pk}/")
    page.get_by_role("link", name="1. Description").click()
    page.get_by_label("Accroche").fill("Publier des données fiables et réutilisables.")
    page.get_by_role("button", name="Enregistrer et continuer").click()
    page.goto(f"/contribuer/formations/{training.pk}/")
    expect(page.get_by_role("heading", name="Contenu de la révision en cours")).to_be_visible()
    content = page.locator("dl.mentor-editorial-content")
    expect(content).to_contain_text("Publier des données fiables et réutilisables.")
    expect(content).not_to_contain_text("Publier des données de qualité.")
    assert_accessible(page)
    page.get_by_role("link", name="Voir la version publiée").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(training.title)
    expect(page.get_by_text("Publier des données de qualité.")).to_be_visible()

    revision = training.revisions.get()
    workflow.fire("submit", revision, world.designer)
    log_in(page, world.team)
    page.goto(f"/relectures/formations/{training.pk}/")
    table = page.get_by_role("table", name="Modifications proposées, champ par champ")
    expect(page.get_by_text("1 champ modifié sur")).to_be_visible()
    changed = table.get_by_role("row", name="Accroche")
    expect(changed.locator("del")).to_have_text("Publier des données de qualité.")
    expect(changed.locator("ins")).to_have_text("Publier des données fiables et réutilisables.")
    # The fields the revision leaves alone are there too, as published.
    expect(table.get_by_role("row", name="Contenu et programme")).to_contain_text(OUTLINE)
    expect(table.get_by_role("row", name="Contenu et programme")).to_contain_text("Inchangé")
    assert_accessible(page)
