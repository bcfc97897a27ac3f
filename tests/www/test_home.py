import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from mentor.offer.enums import TrainingStatus
from mentor.offer.models import Collection
from tests.factories import TrainingFactory

pytestmark = pytest.mark.django_db


def test_home_lists_the_fourteen_collections_as_tiles(client, reference_data, django_assert_num_queries):
    with django_assert_num_queries(3):  # the collections with their children, and the open calls
        response = client.get(reverse("www:home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="fr-tile__title"') == 14
    assert "Les 14 collections" in html
    assert "Immobilier de l'État" in html or "Immobilier de l&#x27;État" in html
    assert 'lang="fr"' in html


def test_home_loads_the_design_system_assets_from_our_own_static_files(client, reference_data):
    html = client.get(reverse("www:home")).content.decode()
    assets = re.findall(r'(?:href|src)="/static/([^"]+\.(?:css|js))"', html)
    assert any(a.endswith("dsfr.min.css") for a in assets)
    assert any("dsfr.module.min.js" in a for a in assets)
    for asset in assets:
        assert finders.find(asset), asset
    assert "cdn" not in html.lower()


def test_collection_page_shows_orientations_themes_and_objectives(client, reference_data):
    collection = Collection.objects.get(slug="management")
    response = client.get(collection.get_absolute_url())
    assert response.status_code == 200
    assert response.context["collection"] == collection
    assert b"Manager en situation de transformation" in response.content
    assert "Conduire le changement au sein de son équipe".encode() in response.content
    assert b"DGAFP" in response.content


def test_parent_collection_links_its_sub_collections(client, reference_data):
    response = client.get(reverse("www:collection", kwargs={"slug": "ressources-humaines"}))
    assert response.status_code == 200
    assert "Hygiène, santé et sécurité au travail".encode() in response.content
    child = client.get(reverse("www:collection", kwargs={"slug": "hygiene-sante-et-securite-au-travail"}))
    assert child.status_code == 200
    assert b"Ressources humaines" in child.content


def test_unknown_collection_is_a_404(client, reference_data):
    assert client.get(reverse("www:collection", kwargs={"slug": "inconnue"})).status_code == 404


def test_a_parent_collection_counts_its_sub_collections_as_the_catalogue_does(client, reference_data):
    hygiene = Collection.objects.get(slug="hygiene-sante-et-securite-au-travail")
    TrainingFactory(title="Prévenir les risques psychosociaux", collection=hygiene)
    TrainingFactory(title="Brouillon", collection=hygiene, status=TrainingStatus.DRAFT)
    response = client.get(reverse("www:collection", kwargs={"slug": "ressources-humaines"}))
    html = response.content.decode()
    assert "1 formation de cette collection et de ses sous-collections vous est ouverte." in html
    assert "Hygiène, santé et sécurité au travail</a> : 1 formation" in html
    catalogue = client.get(reverse("www:catalogue"), {"collection": "ressources-humaines"})
    assert catalogue.context["result"].count == response.context["training_count"] == 1
    child = client.get(hygiene.get_absolute_url()).content.decode()
    assert "1 formation de cette collection vous est ouverte." in child


def test_the_collection_page_keeps_its_query_budget(client, reference_data, django_assert_num_queries):
    hygiene = Collection.objects.get(slug="hygiene-sante-et-securite-au-travail")
    TrainingFactory(collection=hygiene)
    TrainingFactory(collection=hygiene.parent)
    url = reverse("www:collection", kwargs={"slug": "ressources-humaines"})
    with django_assert_num_queries(9):
        client.get(url)
    TrainingFactory.create_batch(5, collection=hygiene)
    TrainingFactory.create_batch(5, collection=hygiene.parent)
    with django_assert_num_queries(9):
        response = client.get(url)
    assert response.context["training_count"] == 12
