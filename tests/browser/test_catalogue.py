"""An agent logs in, searches the catalogue, filters it, opens a training and registers to a session."""

import re

import pytest
from playwright.sync_api import expect

from mentor.offer.enums import Modality, RegistrationStatus
from mentor.offer.models import Registration
from tests.browser.accessibility import assert_accessible
from tests.factories import DEFAULT_PASSWORD, SessionFactory, TrainingFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


class LoginPage:
    def __init__(self, page):
        self.page = page

    def log_in(self, email, password, next_url):
        self.page.goto(f"/compte/connexion/?next={next_url}")
        main = self.page.locator("main")
        main.get_by_label(re.compile("courriel|adresse électronique", re.I)).fill(email)
        main.get_by_label(re.compile("^mot de passe", re.I)).first.fill(password)
        main.get_by_role("button", name=re.compile("^Se connecter")).click()


class CataloguePage:
    def __init__(self, page):
        self.page = page

    def search(self, text):
        self.page.get_by_label("Rechercher une formation").fill(text)
        self.page.get_by_role("button", name="Rechercher").click()

    def filter(self, facet, value):
        # The design system draws the checkbox on its label, which is what a person clicks.
        self.page.get_by_role("group", name=facet).locator("label", has_text=value).click()
        self.page.get_by_role("button", name="Appliquer les filtres").click()

    @property
    def result_titles(self):
        return self.page.locator(".mentor-training-card .fr-card__title")

    @property
    def result_count(self):
        return self.page.locator("#resultats")

    def open(self, title):
        self.page.get_by_role("link", name=title).click()


class TrainingPage:
    def __init__(self, page):
        self.page = page

    @property
    def title(self):
        return self.page.get_by_role("heading", level=1)

    def register(self):
        self.page.get_by_role("button", name=re.compile("^S'inscrire")).click()

    @property
    def notice(self):
        return self.page.locator(".fr-alert")


def test_an_agent_searches_filters_opens_a_training_and_registers(page):
    agent = UserFactory(email="agent.bretagne@example.gouv.fr")
    online = TrainingFactory(title="Piloter le budget de son service", modality=Modality.E_LEARNING)
    TrainingFactory(title="Le budget en présentiel", modality=Modality.CLASSROOM)
    TrainingFactory(title="Écrire en langage clair", modality=Modality.E_LEARNING)
    session = SessionFactory(training=online, title="Session de juin")

    LoginPage(page).log_in(agent.email, DEFAULT_PASSWORD, "/catalogue/")
    catalogue = CataloguePage(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Catalogue des formations")

    catalogue.search("budget")
    # Both trainings about the budget, in whichever order their relevance gives; not the third.
    expect(catalogue.result_titles).to_have_count(2)
    expect(catalogue.result_titles.filter(has_text="Le budget en présentiel")).to_have_count(1)
    expect(catalogue.result_titles.filter(has_text="Piloter le budget de son service")).to_have_count(1)
    expect(catalogue.result_count).to_have_text("2 formations trouvées")

    catalogue.filter("Modalité", "En ligne (e-learning)")
    expect(page).to_have_url(re.compile(r"[?&]q=budget(&|$)"))
    expect(page).to_have_url(re.compile(r"[?&]modality=e_learning(&|$)"))
    expect(catalogue.result_titles).to_have_text(["Piloter le budget de son service"])
    expect(catalogue.result_count).to_have_text("1 formation trouvée")

    catalogue.open("Piloter le budget de son service")
    training = TrainingPage(page)
    expect(training.title).to_have_text("Piloter le budget de son service")
    training.register()
    expect(training.notice).to_contain_text("Votre inscription est confirmée")
    expect(page.get_by_role("button", name="Annuler mon inscription")).to_be_visible()
    registration = Registration.objects.get(session=session)
    assert (registration.user, registration.status) == (agent, RegistrationStatus.CONFIRMED)


PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("javascript", [True, False])
def test_on_a_phone_the_results_come_first_and_the_filters_fold(browser, live_server, javascript):
    for n in range(3):
        TrainingFactory(title=f"Piloter le budget {n + 1}", modality=Modality.E_LEARNING)
    TrainingFactory(title="Le budget en présentiel", modality=Modality.CLASSROOM)
    context = browser.new_context(
        base_url=live_server.url, locale="fr-FR", viewport=PHONE, java_script_enabled=javascript
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto("/catalogue/")
    catalogue = CataloguePage(page)
    expect(catalogue.result_count).to_have_text("4 formations trouvées")
    expect(catalogue.result_count).to_be_in_viewport()
    expect(catalogue.result_titles.first).to_be_in_viewport()
    toggle = page.get_by_text("Filtrer les résultats")
    expect(toggle).to_be_visible()
    online = page.get_by_role("group", name="Modalité").locator("label", has_text="En ligne (e-learning)")
    expect(online).to_be_hidden()
    if javascript:
        assert_accessible(page)

    toggle.click()
    expect(online).to_be_visible()
    catalogue.filter("Modalité", "En ligne (e-learning)")
    expect(page).to_have_url(re.compile(r"[?&]modality=e_learning(&|$)"))
    expect(catalogue.result_count).to_have_text("3 formations trouvées")
    expect(catalogue.result_count).to_be_in_viewport()
    expect(online).to_be_hidden()
    expect(page.get_by_text("Filtrer les résultats (1 filtre actif)")).to_be_visible()
    context.close()


def test_on_a_wide_screen_the_filters_are_shown_without_a_button(page):
    TrainingFactory(title="Piloter le budget", modality=Modality.E_LEARNING)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/catalogue/")
    expect(page.get_by_role("heading", name="Filtrer", exact=True)).to_be_visible()
    expect(
        page.get_by_role("group", name="Modalité").locator("label", has_text="En ligne (e-learning)")
    ).to_be_visible()
    expect(page.get_by_text("Filtrer les résultats")).to_be_hidden()


def test_a_visitor_finds_by_the_beginning_of_a_word_and_sees_a_typo_corrected(page):
    TrainingFactory(title="Les bons réflexes de cybersécurité")
    TrainingFactory(title="Le management bienveillant")
    page.goto("/catalogue/")
    catalogue = CataloguePage(page)
    catalogue.search("cyber")
    expect(catalogue.result_titles).to_have_text(["Les bons réflexes de cybersécurité"])

    catalogue.search("managment")
    expect(catalogue.result_titles).to_have_text(["Le management bienveillant"])
    correction = page.locator("#correction")
    expect(correction).to_contain_text("Résultats pour « management » (aucun résultat pour « managment »)")
    assert_accessible(page)
    correction.get_by_role("link", name="Rechercher exactement « managment »").click()
    expect(page).to_have_url(re.compile(r"[?&]exact=1(&|$)"))
    expect(catalogue.result_count).to_have_text("Aucune formation trouvée")
    expect(page.locator("#correction")).to_have_count(0)
