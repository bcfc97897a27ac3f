import re

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from tests.accounts.world import build_world
from tests.factories import TeamMembershipFactory

pytestmark = pytest.mark.django_db(transaction=True)

EMAIL = "camille.durand@dgfip.finances.gouv.fr"
PASSWORD = "une-phrase-de-passe-solide"


def test_sign_up_confirm_and_read_the_contact_page(page):
    realm = build_world()
    TeamMembershipFactory(
        organisation=realm.mef,
        name="Fatima Benali",
        role_label="Référente formation",
        email="mentor@finances.gouv.fr",
    )

    page.goto("/")
    page.get_by_role("link", name="Créer un compte").click()
    # The address is asked once: searching keeps it, and its domain proposes the entity.
    expect(page.get_by_role("textbox", name="Adresse électronique")).to_have_count(1)
    page.get_by_label("Adresse électronique professionnelle").fill(EMAIL)
    page.get_by_role("button", name="Rechercher").click()
    expect(page.get_by_role("textbox", name="Adresse électronique")).to_have_count(1)
    # The entity owning the address's domain is pre-selected; the agent picks their own service below it.
    expect(page.get_by_label("DGFiP (DGFIP)")).to_be_checked()
    # The design system draws the radio on its label, which therefore takes the click.
    page.get_by_text("DRFiP de Bretagne (DRFIP)").click()
    expect(page.get_by_label("DRFiP de Bretagne (DRFIP)")).to_be_checked()
    expect(page.get_by_label("DGFiP (DGFIP)")).not_to_be_checked()
    expect(page.get_by_label("Adresse électronique professionnelle")).to_have_value(EMAIL)
    page.get_by_label("Prénom").fill("Camille")
    page.get_by_label("Nom", exact=True).fill("Durand")
    page.get_by_label("Mot de passe", exact=False).first.fill(PASSWORD)
    page.get_by_label("Confirmation du mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Créer mon compte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirmez votre adresse électronique")

    # The page answered before any e-mail left: the task queue's worker sends it.
    assert mail.outbox == []
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    link = re.search(r"https?://\S+(/compte/confirmation/\S+/)", mail.outbox[-1].body).group(1)
    page.goto(link)
    page.get_by_role("button", name="Confirmer mon adresse").click()
    expect(page.get_by_text("Votre adresse est confirmée")).to_be_visible()

    page.get_by_label("Adresse électronique").fill(EMAIL)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("link", name="Mon compte").first).to_be_visible()
    page.get_by_role("link", name="Contact").click()
    expect(
        page.get_by_role("heading", level=2, name="L'équipe Mentor du ministère de l'Économie")
    ).to_be_visible()
    expect(page.get_by_text("Fatima Benali")).to_be_visible()
    expect(page.get_by_role("link", name="mentor@finances.gouv.fr").first).to_be_visible()
