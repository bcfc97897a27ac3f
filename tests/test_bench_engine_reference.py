"""The benchmark's search-engine reference (bench/engine_reference.py) finds what the catalogue's API finds: the
same number of results and the same facet counts, under the same visibility rule, on a small catalogue."""

from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.utils import timezone

from bench.engine_reference import Searcher, build_index, mismatches
from bench.mix import as_params
from mentor.editorial.models import Label
from mentor.offer.enums import Modality, OpenTo, SessionStatus
from mentor.offer.models import Adoption
from tests.catalogue_world import build_world
from tests.factories import OrganisationFactory, SessionFactory, TrainingFactory

pytestmark = pytest.mark.django_db

CASES = [
    {},
    {"q": "contrôle fiscal"},
    {"q": "contrôle", "modality": ["e_learning"]},
    {"q": "numérique", "open_registration": ["1"]},
    {"q": "projet", "collection": ["achats"], "duration": ["3h-7h", "moins-de-3h"]},
    {"q": "achats", "label": ["1"], "ordering": "newest"},
    {"q": "fiscal"},  # prefix of "fiscalité" too
    {"open_registration": ["1"], "scope": ["metier"]},
    {"q": "introuvable"},
]


@pytest.fixture
def world(db):
    world = build_world()
    # Ministry B's own training, adopted by an organisation of ministry A: visible to A's agents, not to anonymous.
    adopted = TrainingFactory(
        title="Fiscalité locale et projet de territoire",
        owner=world.ministry_b,
        collection=world.sub_collection,
        modality=Modality.BLENDED,
        duration_on_site_hours=4,
        metier=True,
    )
    Adoption.objects.create(
        training=adopted, organisation=OrganisationFactory(parent=world.ministry_a, central=True)
    )
    # Open sessions reserved to A's deconcentrated service, as organiser and by a list.
    service = world.a_agent.entity
    SessionFactory(training=world.public, organiser=service, open_to=OpenTo.OWNER)
    listed = SessionFactory(training=adopted, organiser=world.ministry_b, open_to=OpenTo.LIST)
    listed.open_to_organisations.set([service])
    SessionFactory(training=adopted, status=SessionStatus.CANCELLED)
    today = timezone.localdate()
    Label.objects.create(
        training=adopted, awarded_on=today - timedelta(days=400), valid_until=today - timedelta(days=1)
    )
    Label.objects.create(training=world.public, valid_until=today + timedelta(days=30))
    return world


def test_the_engine_finds_what_the_api_finds(world):
    with build_index() as engine_index:
        problems, counts = searched(Searcher(engine_index), world)
    assert problems == []
    # Not an agreement on nothing: the rule and the facets did tell the users apart.
    assert counts[str({}), world.anonymous] == 1
    assert counts[str({}), world.a_agent] == 3
    assert counts[str({}), world.b_agent] == 2
    assert counts[str(CASES[3]), world.a_agent] == 1
    assert counts[str(CASES[3]), world.anonymous] == 0
    assert counts[str(CASES[6]), world.a_agent] == 2


def searched(engine, world):
    """Every case for every user: the differences with the API, and the engine's counts."""
    problems, counts = [], {}
    for user in (world.anonymous, world.a_agent, world.a_designer, world.b_agent):
        client = Client()
        if user.is_authenticated:
            client.force_login(user)
        for params in CASES:
            response = client.get(f"/api/v1/trainings/?{urlencode(as_params(params))}")
            assert response.status_code == 200
            prepared = engine.prepared(user, params)
            found = engine.search(prepared)
            body = response.json()
            problems += mismatches(str(params), str(user), found, prepared, body)
            if not params.get("q") or params.get("ordering") == "newest":
                # Newest first: the same page (by relevance, the engines' scores differ).
                assert found["page"] == [training["id"] for training in body["results"]]
            counts[str(params), user] = found["count"]
    return problems, counts
