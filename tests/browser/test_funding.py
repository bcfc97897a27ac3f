"""Calls for projects in the browser: an applicant submits a proposal; an evaluator scores it and the committee
records its decision. Every page of the journeys passes axe."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from mentor.funding import evaluation
from mentor.funding.enums import CallStatus, ProposalStatus, Verdict
from mentor.funding.models import Proposal
from mentor.funding.workflow import PROPOSALS
from tests.browser.accessibility import assert_accessible
from tests.browser.test_editorial import log_in
from tests.funding.fixtures import PDF

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_applicant_submits_a_proposal_in_the_browser(page, calls, tmp_path):
    call = calls.call()
    log_in(page, calls.applicant)
    page.get_by_role("link", name="Appels à projets").click()
    expect(page.get_by_role("link", name="Appel à projets 2026")).to_be_visible()
    assert_accessible(page)
    page.goto("/")
    page.get_by_role("link", name="Découvrir l'appel à projets").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Appel à projets 2026")
    assert_accessible(page)
    page.get_by_label("Intitulé du projet").fill("Former à la sobriété numérique")
    page.get_by_role("button", name="Préparer une proposition").click()
    expect(page.get_by_text("Brouillon créé")).to_be_visible()
    expect(page.get_by_text("Décrivez au moins une formation prévue.")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Le projet").fill("Un parcours sur la sobriété numérique.")
    page.get_by_label("Objectifs").fill("Réduire l'empreinte des services.")
    page.locator("label", has_text="Transition écologique").click()
    page.get_by_label("Public visé").fill("Les agents des services informatiques.")
    page.get_by_label("Nombre d'agents visés").fill("400")
    page.get_by_label("Équipe projet").fill("Deux concepteurs.")
    page.get_by_label("Coût total (€)").fill("60000")
    page.get_by_label("Financement propre (€)").fill("30000")
    page.get_by_label("Autres financements (€)").fill("0")
    page.get_by_label("Cofinancement demandé (€)").fill("30000")
    page.locator("#id_formations-0-title").fill("La sobriété numérique")
    page.locator("#id_formations-0-modality").select_option(value="e_learning")
    page.locator("#id_formations-0-duration_hours").fill("3")
    page.locator("#id_formations-0-collection").select_option(label="Numérique")
    page.locator("#id_formations-0-scope").select_option(value="transverse")
    page.locator("#id_calendrier-0-label").fill("Conception")
    page.locator("#id_calendrier-0-planned_on").fill("2026-09-01")
    page.get_by_role("button", name="Enregistrer la proposition").click()
    expect(page.get_by_text("Proposition enregistrée.")).to_be_visible()
    expect(page.get_by_text("Pièce obligatoire manquante : Présentation du projet.")).to_be_visible()
    expect(page.get_by_text("Décrivez au moins une formation prévue.")).to_have_count(0)

    document = tmp_path / "projet.pdf"
    document.write_bytes(PDF)
    page.get_by_label("Fichier").set_input_files(str(document))
    page.get_by_role("button", name="Joindre le fichier").click()
    expect(page.get_by_text("« projet.pdf » est joint à la proposition.")).to_be_visible()
    expect(page.get_by_text("Avant de déposer, il manque")).to_have_count(0)
    page.get_by_role("button", name="Déposer la proposition").click()
    expect(page.get_by_text("« Déposer la proposition » : c'est fait.")).to_be_visible()
    expect(page.get_by_role("button", name="Retirer la proposition")).to_be_visible()
    assert_accessible(page)
    proposal = Proposal.objects.get(call=call)
    assert proposal.status == ProposalStatus.SUBMITTED and proposal.requested == Decimal("30000")


def test_an_evaluator_scores_and_the_committee_records_a_decision(page, calls):
    call = calls.call()
    proposal = PROPOSALS.fire("submit", calls.proposal(call), calls.applicant)
    evaluation.assign(proposal, calls.evaluator, calls.admin)

    log_in(page, calls.evaluator)
    page.goto("/appels/evaluations/")
    assert_accessible(page)
    page.get_by_role("link", name="Former à la sobriété").click()
    page.get_by_role("button", name="Commencer l'évaluation").click()
    page.get_by_label("Pertinence (poids 2) : note de 0 à 4").fill("4")
    page.get_by_label("Faisabilité (poids 1) : note de 0 à 4").fill("3")
    assert_accessible(page)
    page.get_by_role("button", name="Terminer l'évaluation").click()
    expect(page.get_by_text("Terminée : note pondérée 91,67 / 100")).to_be_visible()

    call.status = CallStatus.CLOSED
    call.save()
    log_in(page, calls.admin)
    page.goto(f"/appels/{call.pk}/")
    page.get_by_role("link", name="Gestion et sélection").click()
    expect(page.get_by_role("cell", name="91,67")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Tableau de bord").click()
    expect(page.get_by_text("1 proposition déposée, 0 retenue")).to_be_visible()
    assert_accessible(page)
    page.go_back()
    page.get_by_role("link", name="Former à la sobriété").click()
    page.locator("input[name=verdict][value=selected] + label").click()
    expect(page.locator("input[name=verdict][value=selected]")).to_be_checked()
    page.get_by_label("Montant accordé (€)").fill("15000")
    assert_accessible(page)
    page.get_by_role("button", name="Enregistrer la décision").click()
    expect(page.get_by_text("Décision enregistrée : retenu.")).to_be_visible()
    expect(page.get_by_text("Retenu — montant accordé : 15\u202f000,00\u00a0€")).to_be_visible()
    proposal.refresh_from_db()
    assert proposal.verdict == Verdict.SELECTED and proposal.granted == Decimal("15000")

    # The results are published in one move; the funded project is followed on its page.
    page.get_by_role("navigation", name="vous êtes ici :").get_by_role("link", name=call.title).click()
    page.get_by_role("link", name="Gestion et sélection").click()
    page.get_by_role("button", name="Publier les résultats").click()
    expect(page.get_by_text("« Publier les résultats » : c'est fait.")).to_be_visible()
    page.get_by_role("link", name="Former à la sobriété").click()
    page.get_by_label("Montant (€)").fill("5000")
    page.get_by_label("Versé le").fill("2026-12-01")
    page.get_by_role("button", name="Enregistrer le versement").click()
    expect(page.get_by_text("Versement enregistré.")).to_be_visible()
    expect(page.get_by_text("5\u202f000,00\u00a0€ versés sur 15\u202f000,00\u00a0€ accordés")).to_be_visible()
    assert_accessible(page)
