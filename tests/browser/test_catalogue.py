"""An agent logs in, searches the catalogue, filters it, opens a training and registers to a session."""

import re

import pytest

from mentor.offer.enums import Modality, RegistrationStatus
from mentor.offer.models import Registration
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
        return self.page.locator(".mentor-training-card .fr-card__title").all_inner_texts()

    @property
    def result_count(self):
        return self.page.locator("#resultats").inner_text()

    def open(self, title):
        self.page.get_by_role("link", name=title).click()


class TrainingPage:
    def __init__(self, page):
        self.page = page

    @property
    def title(self):
        return self.page.get_by_role("heading", level=1).inner_text()

    def register(self):
        self.page.get_by_role("button", name=re.compile("^S'inscrire")).click()

    @property
    def notice(self):
        return self.page.locator(".fr-alert").inner_text()


def test_an_agent_searches_filters_opens_a_training_and_registers(page):
    agent = UserFactory(email="agent.bretagne@example.gouv.fr")
    online = TrainingFactory(title="Piloter le budget de son service", modality=Modality.E_LEARNING)
    TrainingFactory(title="Le budget en présentiel", modality=Modality.CLASSROOM)
    TrainingFactory(title="Écrire en langage clair", modality=Modality.E_LEARNING)
    session = SessionFactory(training=online, title="Session de juin")

    LoginPage(page).log_in(agent.email, DEFAULT_PASSWORD, "/catalogue/")
    catalogue = CataloguePage(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Catalogue des formations"

    catalogue.search("budget")
    assert sorted(catalogue.result_titles) == ["Le budget en présentiel", "Piloter le budget de son service"]

    catalogue.filter("Modalité", "En ligne (e-learning)")
    assert "modality=e_learning" in page.url and "q=budget" in page.url
    assert catalogue.result_titles == ["Piloter le budget de son service"]
    assert catalogue.result_count == "1 formation trouvée"

    catalogue.open("Piloter le budget de son service")
    training = TrainingPage(page)
    assert training.title == "Piloter le budget de son service"
    training.register()
    assert "Votre inscription est confirmée" in training.notice
    assert page.get_by_role("button", name="Annuler mon inscription").is_visible()
    registration = Registration.objects.get(session=session)
    assert (registration.user, registration.status) == (agent, RegistrationStatus.CONFIRMED)
