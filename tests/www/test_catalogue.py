import pytest
from django.db import connection
from django.urls import reverse

from mentor.offer.catalogue import resident
from mentor.offer.enums import Modality
from tests.factories import CollectionFactory, SessionFactory, TrainingFactory

from .registrations_world import build_world

pytestmark = pytest.mark.django_db

URL = reverse("www:catalogue")


@pytest.fixture
def world():
    return build_world()


def titles(response):
    return [t.title for t in response.context["page_obj"].object_list]


@pytest.mark.parametrize(
    ("name", "sees_metier"),
    [("agent", True), ("designer", True), ("other_agent", False), ("anonymous", False)],
)
def test_the_catalogue_follows_the_visibility_rule_in_results_and_counts(client, world, name, sees_metier):
    if name != "anonymous":
        client.force_login(getattr(world, name))
    response = client.get(URL)
    html = response.content.decode()
    expected = {"Les bases du budget de l'État"} | ({"Contrôle fiscal approfondi"} if sees_metier else set())
    assert set(titles(response)) == expected
    assert response.context["result"].count == len(expected)
    assert ("Contrôle fiscal approfondi" in html) == sees_metier
    assert "Brouillon secret" not in html
    # The metier training does not leak through the scope facet's counts either.
    scope = next(f for f in response.context["facets"] if f.param == "scope")
    assert {v.value: v.count for v in scope.values}.get("metier", 0) == (1 if sees_metier else 0)


def test_the_page_has_a_labelled_search_box_facets_as_fieldsets_sorting_and_cards(client, world):
    client.force_login(world.agent)
    html = client.get(URL).content.decode()
    assert '<label class="fr-label" for="catalogue-q">Rechercher une formation</label>' in html
    assert 'method="get"' in html
    assert (
        '<legend class="fr-fieldset__legend fr-text--bold" id="filtre-modality-legende">Modalité</legend>'
        in html
    )
    assert '<label class="fr-label" for="catalogue-ordering">Trier par</label>' in html
    assert 'class="fr-card fr-enlarge-link' in html
    assert f'href="{world.transverse.get_absolute_url()}"' in html
    assert "2 formations trouvées" in html


def test_filters_live_in_the_url_and_can_be_removed(client, world):
    other = TrainingFactory(title="Atelier en présentiel", modality=Modality.CLASSROOM)
    response = client.get(URL, {"modality": Modality.CLASSROOM})
    assert titles(response) == [other.title]
    html = response.content.decode()
    assert 'value="classroom" id="filtre-modality-' in html and "checked" in html
    [active] = response.context["active_filters"]
    assert active["remove_url"] == "?"
    assert "1 formation trouvée" in html


def test_a_search_with_no_result_shows_an_empty_state(client, world):
    response = client.get(URL, {"q": "zzzyyyxxx"})
    assert response.status_code == 200
    assert "Aucune formation ne correspond à votre recherche" in response.content.decode()


def test_results_are_paginated_with_the_design_system(client):
    collection = CollectionFactory()
    for n in range(25):
        TrainingFactory(title=f"Formation numéro {n}", collection=collection)
    first = client.get(URL)
    assert len(first.context["page_obj"].object_list) == 20
    html = first.content.decode()
    assert 'class="fr-pagination"' in html
    assert "page=2" in html
    second = client.get(URL, {"page": 2})
    assert len(second.context["page_obj"].object_list) == 5


@pytest.mark.parametrize(
    "params",
    [
        {"modality": "teleportation"},
        {"collection": "inconnue", "owner": "NOBODY", "scope": "galactique", "duration": "1000h"},
        {"open_registration": "oui"},
        {"page": "999"},
        {"page": "-3"},
        {"page": "abc"},
        {"ordering": "DROP TABLE"},
        {"q": ""},
        {"q": "a" * 2000},
        {"q": '"'},
        {"q": "*"},
        {"q": "("},
        {"q": "NEAR"},
        {"q": "-"},
        {"q": 'budget NEAR( "état* -(OR AND'},
        {"q": "\x00"},
    ],
)
def test_bad_input_gives_a_normal_page(client, world, params):
    response = client.get(URL, params)
    assert response.status_code == 200
    assert "Catalogue des formations" in response.content.decode()


def test_a_page_out_of_range_shows_the_last_page(client, world):
    response = client.get(URL, {"page": "999"})
    assert response.context["page_obj"].number == 1
    assert titles(response) == ["Les bases du budget de l'État"]


@pytest.mark.parametrize("count", [3, 30])
def test_the_catalogue_keeps_its_query_budget(client, world, django_assert_num_queries, count):
    for n in range(count):
        training = TrainingFactory(
            title=f"Budget et finances {n}", collection=world.collection, owner=world.owner
        )
        SessionFactory(training=training)
    client.force_login(world.agent)
    resident.INDEX.searcher()  # the process has built its resident index (its first search does)
    with django_assert_num_queries(10):
        response = client.get(URL, {"modality": Modality.E_LEARNING})
    assert response.context["result"].count == count + 2


def test_a_corrected_typo_is_said_with_a_link_to_the_exact_word(client, world):
    TrainingFactory(title="Le management bienveillant")
    response = client.get(URL, {"q": "Managment"})
    assert titles(response) == ["Le management bienveillant"]
    html = response.content.decode()
    assert "Résultats pour « <strong>management</strong> »" in html
    assert "(aucun résultat pour « Managment »)" in html
    assert '<a href="?q=Managment&amp;exact=1">Rechercher exactement « Managment »</a>' in html
    exact = client.get(URL, {"q": "Managment", "exact": "1"})
    assert titles(exact) == []
    assert "Aucune formation ne correspond à votre recherche" in exact.content.decode()
    assert "Résultats pour" not in exact.content.decode()


def test_a_correction_is_written_as_the_form_closest_to_what_was_typed(client, world):
    TrainingFactory(title="Manager une équipe hybride")
    TrainingFactory(title="Le management bienveillant")
    response = client.get(URL, {"q": "managment"})
    assert "Résultats pour « <strong>management</strong> »" in response.content.decode()
    assert sorted(titles(response)) == ["Le management bienveillant", "Manager une équipe hybride"]


def test_only_the_corrected_word_is_replaced_and_its_accents_come_from_the_trainings(client, world):
    TrainingFactory(title="Gestion de la sécurité des systèmes", teaser="Les bons réflexes")
    html = client.get(URL, {"q": "sécurité sytèmes"}).content.decode()
    assert "Résultats pour « <strong>sécurité systèmes</strong> »" in html
    assert "(aucun résultat pour « sécurité sytèmes »)" in html


def test_a_word_found_as_typed_says_nothing_of_corrections(client, world):
    response = client.get(URL, {"q": "budget"})
    assert titles(response) == ["Les bases du budget de l'État"]
    assert "aucun résultat pour" not in response.content.decode()
    assert "1 formation trouvée" in response.content.decode()


def test_a_correction_is_never_spelt_from_a_training_the_user_may_not_see(client, world):
    TrainingFactory(title="Une méthode secrète", status="draft")
    TrainingFactory(title="Les méthodes agiles")
    response = client.get(URL, {"q": "metodes"})
    assert titles(response) == ["Les méthodes agiles"]
    html = response.content.decode()
    assert "Résultats pour « <strong>méthodes</strong> »" in html
    assert "méthode secrète" not in html


@pytest.mark.parametrize("count", [3, 30])
def test_a_corrected_search_keeps_its_query_budget(client, world, django_assert_num_queries, count):
    for n in range(count):
        TrainingFactory(title=f"Management des équipes {n}", collection=world.collection, owner=world.owner)
    client.force_login(world.agent)
    resident.INDEX.searcher()  # the process has built its resident index (its first search does)
    # The typo is looked up in the vocabulary (SQLite: the typed word, then its candidates; PostgreSQL: one
    # statement), then one query finds how its correction is written.
    with django_assert_num_queries(13 if connection.vendor == "sqlite" else 12):
        response = client.get(URL, {"q": "managment"})
    assert response.context["result"].count == count
    assert response.context["result"].corrections == {"managment": "management"}
