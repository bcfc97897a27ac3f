"""Facets, visibility, ordering and pagination of ``search_catalogue``."""

from dataclasses import replace

import pytest
from django.utils import timezone

from mentor.offer.catalogue import CatalogueQuery, search_catalogue
from mentor.offer.enums import Modality, OpenTo, Scope, SessionStatus
from mentor.offer.models import Session
from tests.catalogue_world import build_world
from tests.factories import CollectionFactory, OrganisationFactory, SessionFactory, TrainingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def search(user, **params):
    return search_catalogue(user, CatalogueQuery.from_params(params))


def facet(result, param):
    return {v.value: v for v in next(f for f in result.facets if f.param == param).values}


def all_counts(result):
    return {(f.param, v.value): v.count for f in result.facets for v in f.values}


@pytest.mark.parametrize("who", ["a_agent", "a_designer"])
def test_a_ministry_specific_training_is_seen_in_its_ministry(world, who):
    result = search(getattr(world, who), q="contrôle fiscal")
    assert [t.pk for t in result.page.object_list] == [world.secret.pk]
    result = search(getattr(world, who))
    assert {t.pk for t in result.page.object_list} == {world.public.pk, world.secret.pk}
    assert facet(result, "scope")["metier"].count == 1
    assert facet(result, "owner")["DIRA"].count == 1


@pytest.mark.parametrize("who", ["b_agent", "anonymous"])
def test_a_ministry_specific_training_is_not_seen_nor_counted_elsewhere(world, who):
    user = getattr(world, who)
    assert search(user, q="contrôle fiscal").count == 0
    result = search(user)
    assert [t.pk for t in result.page.object_list] == [world.public.pk]
    counts = all_counts(result)
    assert counts[("scope", "metier")] == 0
    assert counts[("modality", Modality.E_LEARNING)] == 0
    assert counts[("duration", "moins-de-3h")] == 0
    assert counts[("open_registration", "1")] == 0
    assert ("owner", "DIRA") not in counts
    assert ("collection", "achats-durables") not in counts
    assert counts[("collection", "achats")] == 1
    # Selecting the hidden training's values finds nothing either.
    assert search(user, owner="DIRA").count == 0
    assert search(user, collection="achats-durables").count == 0


def test_drafts_are_seen_by_no_one_in_the_catalogue(world):
    for user in (world.a_agent, world.a_designer, world.b_agent, world.anonymous):
        assert world.draft.pk not in {t.pk for t in search(user).page.object_list}
        assert search(user, q="brouillon").count == 0


@pytest.fixture
def varied(world):
    """More trainings, so that every facet has several values with different counts."""
    other = OrganisationFactory(code="OPE", name="Opérateur")
    for n, (modality, hours, scope) in enumerate(
        [
            (Modality.BLENDED, 1, Scope.TRANSVERSE),
            (Modality.BLENDED, 4, Scope.METIER),
            (Modality.VIRTUAL_CLASS, 10, Scope.TRANSVERSE),
            (Modality.CLASSROOM, 30, Scope.TRANSVERSE),
            (Modality.E_LEARNING, 7, Scope.METIER),
        ]
    ):
        training = TrainingFactory(
            title=f"Formation variée {n}",
            owner=world.owner if n % 2 else other,
            collection=world.sub_collection if n % 2 else world.collection,
            modality=modality,
            duration_remote_hours=hours,
            scope=scope,
        )
        if n % 3 == 0:
            SessionFactory(training=training, status=SessionStatus.REGISTRATION_OPEN)
    return world


@pytest.mark.parametrize(
    "selection",
    [
        {},
        {"modality": ["blended"]},
        {"modality": ["blended", "classroom"], "scope": ["transverse"]},
        {"collection": ["achats"], "duration": ["moins-de-3h", "21h-et-plus"]},
        {"collection": ["achats-durables"], "open_registration": ["1"]},
        {"owner": ["DIRA", "OPE"], "q": ["formation"]},
        {"owner": ["OPE"], "modality": ["blended", "virtual_class"], "duration": ["moins-de-3h", "7h-21h"]},
        {"open_registration": ["1"], "scope": ["transverse"], "modality": ["blended", "classroom"]},
    ],
)
@pytest.mark.parametrize("who", ["a_agent", "b_agent"])
def test_each_facet_count_equals_what_selecting_its_value_returns(varied, who, selection):
    user = getattr(varied, who)
    result = search(user, **selection)
    checked = 0
    for f in result.facets:
        for value in f.values:
            # Selecting this value alone in its facet, every other facet's selection kept.
            chosen = replace(result.query, filters={**result.query.filters, f.param: [value.value]})
            found = search_catalogue(user, chosen)
            assert value.count == found.count, (f.param, value.value)
            # The page is read by its own query: it checks the count independently (here under one page).
            assert value.count == len(found.page.object_list), (f.param, value.value)
            checked += value.count > 0
    assert checked >= 4


def test_facets_combine_with_and_across_and_or_within(varied):
    user = varied.a_agent
    blended = search(user, modality="blended").count
    blended_or_classroom = search(user, modality=["blended", "classroom"]).count
    assert blended == 2
    assert blended_or_classroom == 4
    assert search(user, modality=["blended", "classroom"], scope="metier").count == 1


def test_a_parent_collection_includes_its_sub_collections(varied):
    result = search(varied.a_agent)
    collections = facet(result, "collection")
    assert collections["achats"].count == 6  # "Formation variée 4" belongs to another ministry
    assert collections["achats-durables"].count == 3
    assert collections["achats-durables"].depth == 1
    assert search(varied.a_agent, collection="achats").count == 6
    assert search(varied.a_agent, collection="achats-durables").count == 3


def test_facet_labels_are_french(world):
    result = search(world.a_agent)
    assert [f.label for f in result.facets][:6] == [
        "Collection",
        "Modalité",
        "Durée",
        "Organisation productrice",
        "Portée",
        "Inscriptions",
    ]
    assert facet(result, "modality")["classroom"].label == "Présentiel"
    assert facet(result, "duration")["3h-7h"].count == 1
    assert facet(result, "owner")["MINB"].label == "Ministère B"


def test_a_selected_value_stays_listed_as_selected(world):
    result = search(world.a_agent, owner="MINB", modality="e_learning")
    assert result.count == 0
    assert facet(result, "owner")["MINB"].selected
    assert facet(result, "modality")["e_learning"].selected


def test_open_registration_only_counts_sessions_the_user_may_see(world):
    restricted = TrainingFactory(title="Session réservée")
    session = SessionFactory(training=restricted, open_to=OpenTo.LIST, organiser=world.ministry_a)
    session.open_to_organisations.add(world.ministry_a)
    assert facet(search(world.a_agent), "open_registration")["1"].count == 2
    assert facet(search(world.b_agent), "open_registration")["1"].count == 0
    assert search(world.b_agent, open_registration="1").count == 0


def test_orderings(world):
    now = timezone.now()
    old = TrainingFactory(title="Ancienne", published_at=now - timezone.timedelta(days=30))
    soon = TrainingFactory(title="Bientôt", published_at=now - timezone.timedelta(days=20))
    later = TrainingFactory(title="Plus tard", published_at=now - timezone.timedelta(days=10))
    SessionFactory(training=soon, starts_at=now + timezone.timedelta(days=2))
    SessionFactory(training=later, starts_at=now + timezone.timedelta(days=5))
    SessionFactory(training=later, starts_at=now + timezone.timedelta(days=1), status=SessionStatus.CANCELLED)
    SessionFactory(training=old, starts_at=now - timezone.timedelta(days=5), status=SessionStatus.COMPLETED)
    user = world.b_agent
    newest = [t.title for t in search(user, ordering="newest").page.object_list]
    assert newest.index("Plus tard") < newest.index("Bientôt") < newest.index("Ancienne")
    assert [t.title for t in search(user).page.object_list] == newest
    by_session = list(search(user, ordering="next_session").page.object_list)
    assert [t.title for t in by_session][:2] == ["Bientôt", "Plus tard"]
    assert by_session[0].next_session_start is not None
    assert by_session[-1].next_session_start is None


def test_next_session_ignores_sessions_the_user_may_not_see(world):
    now = timezone.now()
    training = TrainingFactory(title="Avec session réservée")
    session = SessionFactory(
        training=training, open_to=OpenTo.LIST, starts_at=now + timezone.timedelta(days=3)
    )
    session.open_to_organisations.add(world.ministry_a)
    seen = {t.pk: t.next_session_start for t in search(world.a_agent).page.object_list}
    unseen = {t.pk: t.next_session_start for t in search(world.b_agent).page.object_list}
    assert seen[training.pk] == session.starts_at
    assert unseen[training.pk] is None


def test_pagination_and_a_page_out_of_range(world):
    collection = CollectionFactory()
    for n in range(5):
        TrainingFactory(title=f"Page {n}", collection=collection)
    query = CatalogueQuery.from_params({"collection": collection.slug, "page": "2"})
    result = search_catalogue(world.anonymous, query, page_size=2)
    assert result.count == 5
    assert result.page.number == 2
    assert len(result.page.object_list) == 2
    last = search_catalogue(world.anonymous, CatalogueQuery.from_params({"page": "999"}), page_size=2)
    assert last.page.number == last.page.paginator.num_pages == 3
    assert last.query.page == 3


def test_unknown_facet_values_are_ignored(world):
    result = search(
        world.b_agent, modality="teleportation", collection="nope", owner="NOPE", scope="x", duration="9"
    )
    assert result.query.filters == {}
    assert result.count == 1


def test_results_carry_their_collection_and_owner(world, django_assert_num_queries):
    result = search(world.a_agent)
    with django_assert_num_queries(0):
        assert {(t.collection.slug, t.owner.code) for t in result.page.object_list} == {
            ("achats", "MINB"),
            ("achats-durables", "DIRA"),
        }


@pytest.mark.parametrize("rows", [3, 30])
@pytest.mark.parametrize(
    ("params", "queries"),
    [({}, 6), ({"q": "formation"}, 7), ({"modality": "blended", "owner": "DIRA", "q": "variée"}, 7)],
)
def test_the_number_of_queries_does_not_grow_with_the_results(
    world, django_assert_num_queries, params, queries, rows
):
    query = CatalogueQuery.from_params({**params, "ordering": "next_session"})
    for n in range(rows):
        training = TrainingFactory(
            title=f"Formation variée {n}", owner=world.owner, modality=Modality.BLENDED
        )
        SessionFactory(training=training)
    world.a_agent.refresh_from_db()
    with django_assert_num_queries(queries):
        result = search_catalogue(world.a_agent, query)
        [(t.collection.name, t.owner.name, t.next_session_start) for t in result.page.object_list]
    assert result.count >= rows or params.get("q") == "formation"


def test_a_selected_owner_is_listed_with_its_count_beyond_the_most_frequent(world, monkeypatch):
    monkeypatch.setattr("mentor.offer.catalogue.builtin_facets.MAX_OWNERS", 1)
    for _ in range(2):
        TrainingFactory(owner=world.ministry_a)
    result = search(world.b_agent, owner="MINB")
    owners = facet(result, "owner")
    assert owners["MINB"].count == 1 and owners["MINB"].selected
    assert owners["MINA"].count == 2
    assert list(owners) == ["MINA", "MINB"]
    assert facet(search(world.b_agent), "owner").keys() == {"MINA"}


@pytest.mark.parametrize("who", ["a_agent", "b_agent", "anonymous"])
def test_open_registration_counts_and_filters_what_the_session_rule_allows(world, who):
    """The facet checks a session's openness only, since it starts from visible trainings: together, exactly
    ``Session.objects.visible_to`` (the secret training's session is open to all but stays unseen outside A)."""
    user = getattr(world, who)
    owned = TrainingFactory(title="Session du producteur", owner=world.owner)
    SessionFactory(training=owned, open_to=OpenTo.OWNER, organiser=world.ministry_a)
    expected = set(
        Session.objects.visible_to(user)
        .filter(status=SessionStatus.REGISTRATION_OPEN)
        .values_list("training_id", flat=True)
    )
    assert facet(search(user), "open_registration")["1"].count == len(expected)
    assert {t.pk for t in search(user, open_registration="1").page.object_list} == expected


def test_the_search_costs_a_fixed_number_of_queries(world, django_assert_num_queries):
    for n in range(30):
        TrainingFactory(title=f"Formation {n}")
    search(world.a_agent)  # the process builds its resident index at its first search
    # The vocabulary (is each word known?), the journal of changes, the labels of collections and owners of the
    # facets, the page's rows, their next sessions for the user.
    with django_assert_num_queries(6):
        result = search(world.a_agent, q="formation", modality="e_learning")
    assert result.page.object_list
