import pytest
from playwright.sync_api import expect

from mentor.editorial import grid
from mentor.offer.models import Training
from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page, user):
    page.context.clear_cookies()
    page.goto("/compte/connexion/")
    page.fill("input[name=username]", user.email)
    page.fill("input[name=password]", DEFAULT_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("link", name="Mon compte").first).to_be_visible()


def test_a_designer_and_a_reviewer_take_a_training_from_draft_to_published(page, world):
    # The designer creates a draft and completes it step by step.
    log_in(page, world.designer)
    page.goto("/contribuer/")
    page.get_by_role("link", name="Proposer une formation").click()
    page.get_by_label("Intitulé").fill("Sécuriser ses données")
    page.get_by_label("Collection").select_option(label="Numérique")
    page.get_by_label("Portée").select_option(value="metier")
    page.get_by_role("button", name="Créer le brouillon").click()

    page.get_by_label("Accroche").fill("Protéger les données de son service.")
    page.get_by_label("Description", exact=True).fill("Les bons gestes pour protéger les données.")
    page.get_by_label("Objectifs pédagogiques").fill("Chiffrer, sauvegarder, partager sans risque.")
    page.get_by_role("button", name="Enregistrer et continuer").click()
    page.get_by_label("Public visé").fill("Tous les agents.")
    page.get_by_label("Courriel du contact").fill("securite@dgfip.gouv.fr")
    page.get_by_role("button", name="Enregistrer et continuer").click()
    page.get_by_text("Protéger les données", exact=True).click()
    page.get_by_role("button", name="Enregistrer et continuer").click()
    page.get_by_label("Durée à distance (heures)").fill("2")
    page.get_by_label("Lien d'accès à la formation").fill("https://mentor.gouv.fr/course/view.php?id=77")
    page.get_by_role("button", name="Enregistrer", exact=True).click()

    expect(page.get_by_role("button", name="Soumettre à la relecture")).to_be_visible()
    expect(page.get_by_text("il manque")).to_have_count(0)
    page.get_by_role("button", name="Soumettre à la relecture").click()
    expect(page.get_by_text("« Soumettre à la relecture » : c'est fait.")).to_be_visible()
    training = Training.objects.get(title="Sécuriser ses données")

    # The ministry's Mentor team reviews it against the grid and approves it.
    log_in(page, world.team)
    page.goto("/relectures/")
    page.get_by_role("link", name="Sécuriser ses données").click()
    page.get_by_role("button", name="Commencer la relecture").click()
    # The design system draws each radio button on its label, which is what a person clicks.
    for indicator in grid.applicable_indicators(training):
        page.locator(f"input[name=rating_{indicator.pk}][value=met] + label").click()
        expect(page.locator(f"input[name=rating_{indicator.pk}][value=met]")).to_be_checked()
    page.locator("input[name=decision][value=approve] + label").click()
    expect(page.locator("input[name=decision][value=approve]")).to_be_checked()
    page.get_by_role("button", name="Enregistrer la revue et décider").click()
    expect(page.get_by_text("Revue qualité enregistrée et décision transmise.")).to_be_visible()

    # The designer publishes it; it is in the catalogue.
    log_in(page, world.designer)
    page.goto(f"/contribuer/formations/{training.pk}/")
    expect(page.get_by_text("Critère satisfait").first).to_be_visible()
    page.get_by_role("button", name="Publier").click()
    page.get_by_role("link", name="Voir la fiche publiée dans le catalogue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sécuriser ses données")
    training.refresh_from_db()
    assert training.status == "published"
