"""The offer watch in a browser: a designer sees the similar trainings of the draft they are writing, a Mentor
team the likely duplicates of its ministry's draft and says one is not a duplicate."""

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from mentor.offer.enums import Scope, SessionStatus
from mentor.watch.duplicates import find_likely_duplicates
from mentor.watch.satisfaction import link_token
from tests.browser.accessibility import assert_accessible
from tests.browser.test_editorial import log_in
from tests.factories import OrganisationFactory, RegistrationFactory, SessionFactory, TrainingFactory
from tests.tasks import run_tasks

pytestmark = pytest.mark.django_db(transaction=True)

SECRET = "Description confidentielle de la préfecture."


@pytest.fixture
def offer(world):
    prefecture = OrganisationFactory(
        code="PREF33", name="Préfecture de la Gironde", parent=world.other_ministry
    )
    world.foreign_draft = TrainingFactory(
        draft=True,
        scope=Scope.METIER,
        owner=prefecture,
        collection=world.collection,
        title="Prévenir les risques psychosociaux",
        description=SECRET,
    )
    world.own_draft = world.training(
        title="Prévention des RPS",
        description="Prévenir les risques psychosociaux au travail.",
        learning_outcomes="Repérer les risques psychosociaux.",
    )
    # The rest of the offer: a term's weight depends on how rare it is.
    for title in ("Sécurité incendie", "Comptabilité publique", "Anglais professionnel"):
        TrainingFactory(collection=world.collection, title=title)
    return world


def test_a_designer_sees_what_resembles_the_draft_they_save(page, offer):
    log_in(page, offer.designer)
    page.goto(f"/contribuer/formations/{offer.own_draft.pk}/etapes/1/")
    page.get_by_label("Intitulé").fill("Prévenir les RPS dans son équipe")
    page.get_by_role("button", name="Enregistrer et continuer").click()
    page.goto(f"/contribuer/formations/{offer.own_draft.pk}/")

    table = page.get_by_role("table", name="Formations similaires, de la plus proche à la moins proche")
    expect(table.get_by_role("cell", name="Préfecture de la Gironde")).to_be_visible()
    expect(table.get_by_text("Prévenir les risques psychosociaux")).to_be_visible()
    expect(table.get_by_role("link", name="Prévenir les risques psychosociaux")).to_have_count(0)
    expect(page.get_by_text(SECRET)).to_have_count(0)
    expect(table.get_by_text("Doublon probable")).to_be_visible()
    assert_accessible(page)


def test_a_mentor_team_dismisses_a_likely_duplicate(page, offer):
    find_likely_duplicates()
    log_in(page, offer.team)
    page.get_by_role("link", name="Veille").click()

    expect(page.get_by_role("heading", name="Veille de l'offre")).to_be_visible()
    expect(page.get_by_role("heading", name="2 formations proches")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Pas un doublon").click()

    expect(page.get_by_text("ces deux formations ne seront plus proposées comme doublons")).to_be_visible()
    expect(page.get_by_text("Aucun doublon probable dans votre périmètre.")).to_be_visible()
    expect(page.get_by_role("heading", name="2 formations proches")).to_have_count(0)


def test_the_dgafp_admin_filters_the_indicators(page, offer):
    TrainingFactory(collection=offer.collection, title="Ouvrir les données publiques")
    log_in(page, offer.admin)
    page.get_by_role("link", name="Indicateurs").click()

    expect(page.get_by_role("heading", name="Indicateurs du programme")).to_be_visible()
    states = page.get_by_role("table", name="Formations par état : données")
    expect(states.get_by_role("row", name="Publiées 4")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Portée").select_option(value="metier")
    page.get_by_role("button", name="Appliquer les filtres").click()

    expect(states.get_by_role("row", name="Publiées 0")).to_be_visible()
    expect(states.get_by_role("row", name="Publiées 4")).to_have_count(0)
    expect(page.get_by_role("link", name="Télécharger les indicateurs (CSV)")).to_have_attribute(
        "href", "/veille/indicateurs/export.csv?scope=metier"
    )


def test_kept_indicators_say_they_are_updating_until_the_renewal_has_run(page, offer, settings):
    settings.INDICATORS_CACHE_SECONDS = 300
    settings.INDICATORS_STALE_SECONDS = 900
    cache.clear()
    log_in(page, offer.admin)
    page.goto("/veille/indicateurs/")
    states = page.get_by_role("table", name="Formations par état : données")
    expect(states.get_by_role("row", name="Publiées 3")).to_be_visible()
    expect(page.get_by_text("Chiffres calculés le")).to_be_visible()

    TrainingFactory(collection=offer.collection, title="Ouvrir les données publiques")
    page.reload()
    expect(page.get_by_text("Ces chiffres sont en cours de mise à jour")).to_be_visible()
    expect(states.get_by_role("row", name="Publiées 3")).to_be_visible()
    assert_accessible(page)
    run_tasks()
    page.reload()
    expect(states.get_by_role("row", name="Publiées 4")).to_be_visible()
    expect(page.get_by_text("Ces chiffres sont en cours de mise à jour")).to_have_count(0)
    cache.clear()


def test_a_participant_answers_the_questionnaire_from_the_link_of_the_email(page, offer):
    session = SessionFactory(
        training=offer.own_draft, status=SessionStatus.COMPLETED, title="Session de Lyon"
    )
    registration = RegistrationFactory(session=session)

    page.goto(f"/satisfaction/{link_token(registration)}/")

    expect(page.get_by_role("heading", name="Votre avis sur « Prévention des RPS »")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Envoyer mon avis").click()
    expect(page.get_by_text("Répondez à chacune des cinq questions.")).to_be_visible()
    for name in ("expectations", "usefulness", "content", "delivery", "recommend"):
        page.locator(f"input[name={name}][value='4'] + label").click()
        expect(page.locator(f"input[name={name}][value='4']")).to_be_checked()
    page.get_by_label("Commentaire (facultatif)").fill("Très concret.")
    page.get_by_role("button", name="Envoyer mon avis").click()

    expect(
        page.get_by_text("Votre réponse sur la formation « Prévention des RPS » est enregistrée.")
    ).to_be_visible()
    expect(page.get_by_text("Répondez à chacune des cinq questions.")).to_have_count(0)
