"""Every page with a trail shows it the one way: django-dsfr's breadcrumb, from "Accueil" to the current page."""

import html
import re

import pytest
from django.urls import reverse

from mentor.editorial import workflow
from mentor.offer.models import Collection
from tests.factories import SessionFactory, UserFactory

from .registrations_world import build_world

pytestmark = pytest.mark.django_db


def trail(response) -> list[tuple[str, str | None]]:
    """(title, link) of each step of the page's breadcrumb; the current page has no link."""
    assert response.status_code == 200
    breadcrumbs = re.findall(r'<ol class="fr-breadcrumb__list">(.*?)</ol>', response.content.decode(), re.S)
    assert len(breadcrumbs) == 1
    steps = []
    for attributes, title in re.findall(r'<a class="fr-breadcrumb__link"([^>]*)>(.*?)</a>', breadcrumbs[0]):
        href = re.search(r'href="([^"]*)"', attributes)
        steps.append((html.unescape(title.strip()), href and href.group(1)))
    return steps


def test_a_training_page_sits_under_the_catalogue_and_its_collection(client):
    world = build_world()
    training = world.transverse
    assert trail(client.get(training.get_absolute_url())) == [
        ("Accueil", "/"),
        ("Catalogue", reverse("www:catalogue")),
        ("Finances publiques", world.collection.get_absolute_url()),
        ("Les bases du budget de l'État", None),
    ]


def test_a_sub_collection_sits_under_its_parent(client, reference_data):
    parent = Collection.objects.get(slug="ressources-humaines")
    assert trail(client.get(parent.get_absolute_url())) == [("Accueil", "/"), ("Ressources humaines", None)]
    child = Collection.objects.get(slug="hygiene-sante-et-securite-au-travail")
    assert trail(client.get(child.get_absolute_url())) == [
        ("Accueil", "/"),
        ("Ressources humaines", parent.get_absolute_url()),
        ("Hygiène, santé et sécurité au travail", None),
    ]


def test_a_managed_session_sits_under_the_sessions_one_manages(client):
    manager = UserFactory()
    session = SessionFactory(title="Session de mai")
    session.managers.add(manager)
    client.force_login(manager)
    assert trail(client.get(reverse("www:managed_session", args=[session.pk]))) == [
        ("Accueil", "/"),
        ("Sessions que je gère", reverse("www:managed_sessions")),
        ("Session de mai", None),
    ]


def test_the_editorial_pages_of_a_training_sit_under_contribuer_and_relectures(client, world):
    training = world.training(title="Ouvrir les données")
    workflow.fire("submit", training, world.designer)
    client.force_login(world.designer)
    assert trail(client.get(reverse("www:contribute:training", kwargs={"pk": training.pk}))) == [
        ("Accueil", "/"),
        ("Contribuer", reverse("www:contribute:index")),
        ("Ouvrir les données", None),
    ]
    client.force_login(world.team)
    assert trail(client.get(reverse("www:review:training", kwargs={"pk": training.pk}))) == [
        ("Accueil", "/"),
        ("Relectures", reverse("www:review:queue")),
        ("Ouvrir les données", None),
    ]


def test_a_page_without_a_trail_shows_none(client, reference_data):
    response = client.get(reverse("www:home"))
    assert response.status_code == 200
    assert "fr-breadcrumb" not in response.content.decode()
    assert "Les 14 collections" in response.content.decode()
