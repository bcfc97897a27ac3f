"""The designer's space in a real browser: a Mentor team offers a training as a model, a designer starts a draft
from it, walks the design steps (checklists, deliverables, a SCORM package checked on upload) and submits it; the
library, a resource and the community page. Every page is checked with axe."""

import pytest
from playwright.sync_api import expect

from mentor.bootstrap.reference import load_design_steps
from mentor.design import library
from mentor.design.enums import ResourceCategory, ResourceKind
from mentor.design.models import CommunityPage, Resource
from mentor.offer.models import Training
from tests.browser.accessibility import assert_accessible
from tests.browser.test_editorial import log_in
from tests.design.packages import build, files_12, valid_2004

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def tick_all(page, texts):
    for text in texts:
        page.get_by_text(text, exact=True).click()
        expect(page.get_by_label(text, exact=True)).to_be_checked()


def test_a_designer_goes_from_a_model_to_a_submitted_training_with_a_checked_package(
    page, world, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    load_design_steps()
    model = world.publish_metier(
        title="Conduire un entretien professionnel", content_outline="1. Préparer\n2. Mener"
    )
    (tmp_path / "cadrage.pdf").write_bytes(PDF)
    (tmp_path / "scenario.pdf").write_bytes(PDF)
    (tmp_path / "module-http.zip").write_bytes(
        build({**files_12(), "index.html": '<img src="http://exemple.fr/a.png">'})
    )
    (tmp_path / "module.zip").write_bytes(valid_2004())

    # The ministry's Mentor team offers the published training as a model.
    log_in(page, world.team)
    page.goto(f"/relectures/formations/{model.pk}/")
    page.get_by_role("button", name="Proposer comme modèle aux concepteurs").click()
    expect(page.get_by_text("est proposée comme modèle aux concepteurs.").first).to_be_visible()

    # The designer starts a draft from it.
    log_in(page, world.designer)
    page.goto("/contribuer/")
    page.get_by_role("link", name="Partir d'un modèle").click()
    expect(page.get_by_role("link", name="Conduire un entretien professionnel")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Modèle").select_option(label="Conduire un entretien professionnel")
    page.get_by_label("Intitulé de la nouvelle formation").fill("Conduire un entretien annuel")
    page.get_by_role("button", name="Créer le brouillon à partir du modèle").click()
    expect(
        page.get_by_text("Conçue à partir du modèle « Conduire un entretien professionnel ».")
    ).to_be_visible()
    expect(page.get_by_text("À faire")).to_have_count(5)
    expect(page.get_by_text("L'étape de conception « Cadrage » n'est pas terminée.")).to_be_visible()
    assert_accessible(page)
    training = Training.objects.get(title="Conduire un entretien annuel")

    # Its content, in the contribution steps (the model gave the outline, the audience and the modality).
    page.goto(f"/contribuer/formations/{training.pk}/etapes/1/")
    page.get_by_label("Accroche").fill("Préparer et mener l'entretien annuel.")
    page.get_by_label("Description", exact=True).fill("Les étapes de l'entretien professionnel annuel.")
    page.get_by_role("button", name="Enregistrer et continuer").click()
    page.get_by_label("Courriel du contact").fill("rh@dgfip.gouv.fr")
    page.get_by_role("button", name="Enregistrer et continuer").click()
    page.get_by_text("Ouvrir les données", exact=True).click()
    page.get_by_role("button", name="Enregistrer et continuer").click()
    page.get_by_label("Lien d'accès à la formation").fill("https://mentor.gouv.fr/course/view.php?id=88")
    page.get_by_role("button", name="Enregistrer", exact=True).click()

    # Framing: marking it done without its deliverable is refused with the reason.
    page.get_by_role("link", name="Cadrage").click()
    assert_accessible(page)
    page.get_by_role("button", name="Enregistrer et terminer l'étape").click()
    expect(
        page.get_by_text("Le livrable « La note de cadrage » est à déposer (un fichier).").first
    ).to_be_visible()
    tick_all(
        page,
        [
            "Le besoin est décrit et justifié",
            "Le public visé et ses prérequis sont définis",
            "Les objectifs pédagogiques sont formulés avec des verbes d'action",
            "L'offre existante a été consultée pour éviter un doublon",
        ],
    )
    page.get_by_label("La note de cadrage").set_input_files(str(tmp_path / "cadrage.pdf"))
    page.get_by_role("button", name="Enregistrer et terminer l'étape").click()
    expect(page.get_by_text("Étape « Cadrage » terminée.")).to_be_visible()

    page.get_by_role("link", name="2. Scénarisation").click()
    tick_all(
        page,
        [
            "Chaque objectif est couvert par au moins une activité",
            "Les activités mettent l'apprenant en action",
            "Une évaluation finale est prévue",
        ],
    )
    page.get_by_label("Le scénario pédagogique (storyboard)").set_input_files(str(tmp_path / "scenario.pdf"))
    page.get_by_role("button", name="Enregistrer et terminer l'étape").click()
    expect(page.get_by_text("Étape « Scénarisation » terminée.")).to_be_visible()

    page.get_by_role("link", name="3. Médiatisation").click()
    tick_all(
        page,
        [
            "Les vidéos sont sous-titrées et transcrites",
            "Les images porteuses d'information ont une alternative textuelle",
            "Les droits des médias utilisés sont acquis",
        ],
    )
    page.get_by_label("Le lien vers la maquette ou l'espace de production").fill(
        "https://maquette.mentor.gouv.fr/88"
    )
    page.get_by_role("button", name="Enregistrer et terminer l'étape").click()
    expect(page.get_by_text("Étape « Médiatisation » terminée.")).to_be_visible()

    # Integration: a package with an http:// resource is stored with its failing report; a conforming one passes.
    page.get_by_role("link", name="4. Intégration").click()
    page.get_by_label("Paquet SCORM (zip)").set_input_files(str(tmp_path / "module-http.zip"))
    page.get_by_role("button", name="Déposer et vérifier le paquet").click()
    expect(page.get_by_text("Non conforme", exact=True)).to_be_visible()
    expect(page.get_by_text("index.html, ligne 1")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Paquet SCORM (zip)").set_input_files(str(tmp_path / "module.zip"))
    page.get_by_role("button", name="Déposer et vérifier le paquet").click()
    expect(page.get_by_text("Conforme", exact=True)).to_be_visible()
    expect(page.get_by_text("Non conforme", exact=True)).to_have_count(0)
    tick_all(page, ["Le paquet se lance sur la plateforme de test", "Le suivi (progression, score) remonte"])
    page.get_by_role("button", name="Enregistrer et terminer l'étape").click()
    expect(page.get_by_text("Étape « Intégration » terminée.")).to_be_visible()

    page.get_by_role("link", name="5. Tests").click()
    tick_all(
        page,
        [
            "Au moins trois agents du public visé l'ont testé",
            "Le module fonctionne sur les navigateurs de l'État",
            "Les corrections demandées sont faites",
        ],
    )
    page.get_by_label("Le compte rendu des tests").fill(
        "Testé par cinq agents de la DGFiP ; deux corrections."
    )
    page.get_by_role("button", name="Enregistrer et terminer l'étape").click()
    expect(page.get_by_text("Étape « Tests » terminée.")).to_be_visible()

    page.get_by_role("link", name="Vérifier et soumettre").click()
    expect(page.get_by_text("Terminée", exact=True)).to_have_count(5)
    expect(page.get_by_text("il manque")).to_have_count(0)
    page.get_by_role("button", name="Soumettre à la relecture").click()
    expect(page.get_by_text("« Soumettre à la relecture » : c'est fait.")).to_be_visible()
    training.refresh_from_db()
    assert training.status == "submitted"

    # The reviewer sees the package's report on the review page.
    log_in(page, world.team)
    page.goto(f"/relectures/formations/{training.pk}/")
    expect(page.get_by_text("Exigences techniques : « module.zip »")).to_be_visible()
    expect(page.get_by_text("Conforme", exact=True)).to_be_visible()


def test_the_library_a_resource_and_the_community_page(page, world, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    guide = library.save_resource(
        Resource(
            title="Guide de référence pédagogique",
            category=ResourceCategory.PEDAGOGICAL_GUIDE,
            description="Concevoir une formation en ligne.",
            kind=ResourceKind.FILE,
        )
    )
    library.save_resource(
        Resource(
            title="Cahier des exigences techniques",
            category=ResourceCategory.TECHNICAL_REQUIREMENTS,
            description="Les paquets SCORM.",
            kind=ResourceKind.LINK,
            url="https://mentor.gouv.fr/exigences",
        )
    )
    CommunityPage.objects.create(description="Les acteurs de Mentor.", how_to_join="Écrire à la DGAFP.")
    (tmp_path / "guide.pdf").write_bytes(PDF)

    # A collection lead manages the library: a new version of the guide, with its note.
    log_in(page, world.lead_reviewer)
    page.goto(f"/conception/ressources/{guide.pk}/")
    page.get_by_role("link", name="Déposer une nouvelle version").click()
    assert_accessible(page)
    page.get_by_label("Nouvelle version du fichier").set_input_files(str(tmp_path / "guide.pdf"))
    page.get_by_label("Ce qui a changé").fill("Chapitre sur l'évaluation")
    page.get_by_role("button", name="Déposer la version").click()
    expect(page.get_by_text("Version 1 de « Guide de référence pédagogique » déposée.")).to_be_visible()
    page.get_by_role("link", name="Modifier la description").click()
    assert_accessible(page)

    # A designer reads and searches it.
    log_in(page, world.designer)
    page.goto("/contribuer/")
    page.get_by_role("link", name="Espace des concepteurs").click()
    expect(page.get_by_role("heading", name="Guide de référence pédagogique")).to_have_count(1)
    expect(page.get_by_text("Version 1 : Chapitre sur l'évaluation")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Rechercher une ressource").fill("exigences techniques")
    page.get_by_role("button", name="Rechercher").click()
    expect(page.get_by_role("status")).to_have_text("1 ressource pour « exigences techniques »")
    expect(page.get_by_role("link", name="Cahier des exigences techniques").first).to_be_visible()
    expect(page.get_by_role("link", name="Guide de référence pédagogique")).to_have_count(
        1
    )  # the recent list only
    page.goto(f"/conception/ressources/{guide.pk}/")
    expect(page.get_by_role("link", name="guide.pdf")).to_be_visible()
    expect(page.get_by_role("link", name="Déposer une nouvelle version")).to_have_count(0)
    assert_accessible(page)
    page.goto("/conception/")
    page.get_by_role("link", name="La communauté des acteurs de Mentor").click()
    expect(page.get_by_text("Écrire à la DGAFP.")).to_be_visible()
    expect(page.get_by_role("link", name="Modifier la page")).to_have_count(0)
    assert_accessible(page)

    # The DGAFP administrator edits the community page.
    log_in(page, world.admin)
    page.goto("/conception/communaute/")
    page.get_by_role("link", name="Modifier la page").click()
    assert_accessible(page)
    page.get_by_label("Prochains rendez-vous").fill("Webinaire le 14 janvier.")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Webinaire le 14 janvier.")).to_be_visible()
