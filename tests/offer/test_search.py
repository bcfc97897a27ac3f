"""French full-text search through the catalogue, the same cases on SQLite (FTS5) and PostgreSQL."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import transaction

from mentor.offer.catalogue import CatalogueQuery, search_catalogue
from mentor.offer.catalogue.cache import catalogue_changed
from mentor.offer.enums import TrainingStatus
from mentor.offer.models import Objective, StrategicOrientation, ThematicOffer, Training
from mentor.offer.search_index import rebuild
from tests.factories import CollectionFactory, TrainingFactory

pytestmark = pytest.mark.django_db


def titles(q, user=None, **params):
    query = CatalogueQuery.from_params({"q": q, **params})
    return [t.title for t in search_catalogue(user or AnonymousUser(), query).page.object_list]


def test_accents_and_case_are_ignored():
    TrainingFactory(title="Écologie et sobriété énergétique")
    assert titles("ECOLOGIE SOBRIETE") == ["Écologie et sobriété énergétique"]
    assert titles("énergétique") == ["Écologie et sobriété énergétique"]


def test_inflections_match():
    TrainingFactory(title="L'évaluation des politiques publiques")
    TrainingFactory(title="Rédiger un marché public")
    TrainingFactory(title="Accueillir le public")
    assert titles("évaluer") == ["L'évaluation des politiques publiques"]
    assert titles("marchés publics") == ["Rédiger un marché public"]


def test_every_indexed_field_is_searched():
    TrainingFactory(title="A", teaser="Une accroche sur la cybersécurité")
    TrainingFactory(title="B", description="Description : la comptabilité publique")
    TrainingFactory(title="C", learning_outcomes="Savoir négocier avec un fournisseur")
    TrainingFactory(title="D", keywords="laïcité, valeurs")
    TrainingFactory(title="E", content_outline="cybersécurité comptabilité négocier laïcité")
    assert titles("cybersécurité") == ["A"]
    assert titles("comptabilité") == ["B"]
    assert titles("négociation") == ["C"]
    assert titles("laïcité") == ["D"]


def test_title_matches_rank_first():
    TrainingFactory(title="Gestion de crise", description="Le management " * 20)
    TrainingFactory(title="Le management d'équipe", description="Un module.")
    TrainingFactory(title="Rien à voir", description="Sans rapport.")
    assert titles("management") == ["Le management d'équipe", "Gestion de crise"]


def test_synonyms_come_from_the_formacode_thesaurus():
    TrainingFactory(title="La commande publique pour les débutants")
    TrainingFactory(title="Les appels d'offres")
    TrainingFactory(title="Un achat de matériel")
    assert set(titles("achat public")) == {"La commande publique pour les débutants", "Les appels d'offres"}
    TrainingFactory(title="Conduire une enquête de satisfaction")
    assert titles("sondage") == ["Conduire une enquête de satisfaction"]


def test_a_typo_in_a_title_still_finds_it():
    TrainingFactory(title="Management bienveillant")
    TrainingFactory(title="Comptabilité publique")
    assert titles("managment") == ["Management bienveillant"]
    assert titles("bienvaillant") == ["Management bienveillant"]
    assert titles("xylophone") == []


def test_a_typo_in_a_description_still_finds_it():
    TrainingFactory(title="Atelier A", description="Les techniques de négociation avec un fournisseur.")
    TrainingFactory(title="Atelier B", description="Rédiger un courrier administratif.")
    assert titles("fourniseur") == ["Atelier A"]
    assert titles("techniques fourniseur") == ["Atelier A"]
    assert titles("fourniseur courrier") == []


def test_a_word_that_documents_hold_gets_no_near_miss():
    # "contact" is as close to "contrat" as a typo's correction would be, but "contrat" is indexed: kept as is.
    TrainingFactory(title="Atelier A", description="Rédiger un contrat.")
    TrainingFactory(title="Atelier B", description="Un contact avec le public.")
    assert titles("contrat") == ["Atelier A"]
    assert titles("contact") == ["Atelier B"]
    assert sorted(titles("contract")) == ["Atelier A", "Atelier B"]


def test_all_words_are_required():
    TrainingFactory(title="Management et numérique")
    TrainingFactory(title="Management des équipes")
    assert titles("management numérique") == ["Management et numérique"]


@pytest.mark.parametrize(
    "q",
    [
        "",
        "   ",
        "x" * 2000,
        "mot " * 500,
        '"',
        '"unclosed',
        "*",
        "man*",
        "(",
        "())",
        "NEAR(a b)",
        "NEAR",
        "-management",
        "a - b",
        "AND",
        "management AND OR NOT",
        "title:management",
        ":",
        "{title}:x",
        "^start",
        "a & b | !c",
        "'; DROP TABLE offer_training; --",
        "\x00",
        "🙂",
    ],
)
def test_query_syntax_never_raises(q):
    TrainingFactory(title="Le management d'équipe")
    result = search_catalogue(AnonymousUser(), CatalogueQuery.from_params({"q": q}))
    assert result.count in (0, 1)


def test_empty_query_lists_every_visible_training():
    TrainingFactory(title="Un")
    TrainingFactory(title="Deux")
    assert sorted(titles("")) == ["Deux", "Un"]


def test_the_index_follows_save_delete_and_publication():
    training = TrainingFactory(title="Gestion budgétaire")
    assert titles("budgétaire") == ["Gestion budgétaire"]
    training.title = "Gestion des ressources humaines"
    training.save()
    assert titles("budgétaire") == []
    assert titles("ressources humaines") == ["Gestion des ressources humaines"]
    training.status = TrainingStatus.ARCHIVED
    training.save()
    assert titles("ressources humaines") == []
    # A write that sends no signal says what it changed, as bulk loads do (catalogue.invalidation).
    with transaction.atomic():
        Training.objects.filter(pk=training.pk).update(status=TrainingStatus.PUBLISHED)
        catalogue_changed(training_ids=[training.pk])
    assert titles("ressources humaines") == ["Gestion des ressources humaines"]
    training.delete()
    assert titles("ressources humaines") == []


def bulk_trainings(model, count, title):
    return Training.objects.bulk_create(
        Training(
            title=f"{title} {n}",
            slug=f"bulk-{n}",
            collection=model.collection,
            owner=model.owner,
            owner_ministry=model.owner_ministry,
            status=TrainingStatus.PUBLISHED,
            published_at=model.published_at,
        )
        for n in range(count)
    )


def test_rebuild_indexes_trainings_created_in_bulk():
    model = TrainingFactory(title="Modèle")
    assert titles("modèle") == ["Modèle"]
    bulk_trainings(model, 5, "Sobriété numérique")
    assert titles("sobriété") == []  # neither the database's index nor the process's resident index know them
    assert rebuild(batch_size=2) == 6
    assert len(titles("sobriété")) == 5
    assert len(titles("sobrité")) == 5  # a near-miss of a word indexed by the rebuild
    assert titles("modèle") == ["Modèle"]


def test_rebuild_command():
    model = TrainingFactory(title="Modèle")
    bulk_trainings(model, 2, "Laïcité")
    call_command("rebuild_search_index", "--batch-size", "1")
    assert len(titles("laicite")) == 2


def test_the_beginning_of_a_word_finds_it():
    TrainingFactory(title="Les bons réflexes de cybersécurité")
    TrainingFactory(title="Gestion budgétaire")
    assert titles("cyber") == ["Les bons réflexes de cybersécurité"]
    assert titles("Cybers") == ["Les bons réflexes de cybersécurité"]
    assert titles("réflexes cyber") == ["Les bons réflexes de cybersécurité"]
    # A word of four letters or more is a prefix wherever it is; the last word, still being typed, from three.
    assert titles("budg gestion") == ["Gestion budgétaire"]
    assert titles("gestion bud") == ["Gestion budgétaire"]
    assert titles("bud gestion") == []


def test_a_prefix_that_some_word_starts_with_is_not_corrected():
    TrainingFactory(title="Les bons réflexes de cybersécurité")
    TrainingFactory(title="La cybernétique des organisations")
    assert sorted(titles("cyber")) == [
        "La cybernétique des organisations",
        "Les bons réflexes de cybersécurité",
    ]
    assert titles("cybersécu") == ["Les bons réflexes de cybersécurité"]
    for q in ("cybersécu", "cybern"):
        assert search_catalogue(AnonymousUser(), CatalogueQuery.from_params({"q": q})).corrections == {}
    # A word that nothing starts with is still corrected.
    found = search_catalogue(AnonymousUser(), CatalogueQuery.from_params({"q": "cybernetiqe"}))
    assert found.corrections == {"cybernetiqe": "cybernétique"}


@pytest.fixture
def hygiene():
    """A training of an RH sub-collection that covers an objective of one of its thematic offers."""
    parent = CollectionFactory(name="Ressources humaines")
    collection = CollectionFactory(name="Hygiène, santé et sécurité au travail", parent=parent)
    orientation = StrategicOrientation.objects.create(
        collection=collection, title="Prévenir", slug="prevenir"
    )
    theme = orientation.thematic_offers.create(title="Les troubles musculosquelettiques", slug="tms")
    objective = theme.objectives.create(text="Aménager un poste de travail ergonomique")
    training = TrainingFactory(title="Bien s'asseoir au bureau", collection=collection)
    training.covered_objectives.add(objective)
    return training


def test_collection_theme_and_objective_names_find_a_training(hygiene):
    other = TrainingFactory(title="Prévenir les risques d'hygiène alimentaire")
    assert titles("hygiène") == [other.title, hygiene.title]  # the title match first
    assert titles("ressources humaines") == [hygiene.title]
    assert titles("musculosquelettiques") == [hygiene.title]
    assert titles("ergonomique") == [hygiene.title]


def test_renaming_the_offer_structure_keeps_the_index_exact(hygiene):
    collection = hygiene.collection
    collection.name = "Santé au travail"
    collection.save()
    assert titles("hygiène") == []
    assert titles("santé travail") == [hygiene.title]
    collection.parent.name = "Gestion des agents"
    collection.parent.save()
    assert titles("ressources humaines") == []
    assert titles("gestion agents") == [hygiene.title]
    theme = ThematicOffer.objects.get()
    theme.title = "Le mal de dos"
    theme.save()
    assert titles("musculosquelettiques") == []
    assert titles("dos") == [hygiene.title]
    objective = Objective.objects.get()
    objective.text = "Régler son fauteuil"
    objective.save()
    assert titles("ergonomique") == []
    assert titles("fauteuil") == [hygiene.title]


def test_covering_objectives_and_deleting_them_keep_the_index_exact(hygiene):
    theme = ThematicOffer.objects.get()
    added = theme.objectives.create(text="Organiser les pauses actives")
    assert titles("pauses") == []
    added.trainings.add(hygiene)
    assert titles("pauses") == [hygiene.title]
    hygiene.covered_objectives.remove(added)
    assert titles("pauses") == []
    hygiene.covered_objectives.add(added)
    added.trainings.clear()
    assert titles("pauses") == []
    hygiene.covered_objectives.add(added)
    Objective.objects.get(text__startswith="Aménager").delete()
    assert titles("ergonomique") == []
    assert titles("musculosquelettiques") == [hygiene.title]  # through "Organiser les pauses actives"
    ThematicOffer.objects.get().delete()  # its objectives go with it
    assert titles("musculosquelettiques") == []
    assert titles("pauses") == []
    assert titles("hygiène") == [hygiene.title]


def test_the_rebuild_indexes_the_offer_structure(hygiene):
    rebuild()
    assert titles("ergonomique") == [hygiene.title]
    assert titles("musculosquelettiques hygiène") == [hygiene.title]
