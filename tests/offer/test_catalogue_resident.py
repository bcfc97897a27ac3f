"""The catalogue's resident index (offer/catalogue/resident.py) finds, counts and orders what the SQL search does,
and each process keeps it exact through the journal of changes (core/search/resident.py)."""

import time
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from mentor.core.models import SearchChange
from mentor.core.tasks import forget_old_work
from mentor.editorial.models import Label
from mentor.offer.catalogue import CatalogueQuery, resident, search_catalogue
from mentor.offer.catalogue.cache import catalogue_changed
from mentor.offer.enums import Modality, OpenTo, SessionStatus, TrainingStatus
from mentor.offer.models import Adoption, Training
from tests.catalogue_world import build_world
from tests.factories import OrganisationFactory, SessionFactory, TrainingFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    world = build_world()
    service_of_a = world.a_agent.entity
    for n in range(25):
        TrainingFactory(
            title=f"Projet de service {n}",
            teaser="Conduire un projet" if n % 2 else "Piloter un service",
            owner=world.owner,
            metier=n % 3 == 0,
            modality=Modality.BLENDED if n % 4 == 0 else Modality.E_LEARNING,
            collection=world.sub_collection if n % 5 == 0 else world.collection,
            published_at=timezone.now() - timedelta(days=n % 7),
        )
    reserved = TrainingFactory(title="Projet réservé", owner=world.owner, metier=True)
    SessionFactory(
        training=reserved,
        organiser=service_of_a,
        status=SessionStatus.REGISTRATION_OPEN,
        open_to=OpenTo.OWNER,
    )
    SessionFactory(training=world.public, status=SessionStatus.REGISTRATION_OPEN, open_to=OpenTo.ALL)
    Adoption.objects.create(training=world.secret, organisation=world.ministry_b)
    today = timezone.localdate()
    Label.objects.create(training=world.public, awarded_on=today - timedelta(days=30), valid_until=today)
    Label.objects.create(
        training=reserved, awarded_on=today - timedelta(days=90), valid_until=today - timedelta(1)
    )
    world.other_agent = UserFactory(entity=OrganisationFactory(code="DDA9", parent=world.ministry_a))
    return world


SEARCHES = [
    {},
    {"q": "projet"},
    {"q": "servic"},  # the last word, matched as a prefix
    {"q": "projet service", "ordering": "newest"},
    {"collection": "achats"},
    {"collection": "achats-durables", "modality": "blended"},
    {"q": "projet", "modality": "e_learning", "open_registration": "1"},
    {"open_registration": "1"},
    {"owner": "DIRA", "scope": "metier"},
    {"label": "1"},
    {"q": "prjet"},  # corrected
    {"q": "projet", "page": "2", "page_size": "10"},
    {"page": "99", "page_size": "10"},  # past the end: the last page
]


def found(user, params, settings, resident_index):
    settings.CATALOGUE_RESIDENT_INDEX = resident_index
    query = CatalogueQuery.from_params({k: v for k, v in params.items() if k != "page_size"})
    result = search_catalogue(user, query, page_size=int(params.get("page_size", 20)))
    facets = {f.param: [(v.value, v.count, v.selected) for v in f.values] for f in result.facets}
    return (
        result.count,
        result.query.page,
        facets,
        result.corrections,
        [t.pk for t in result.page.object_list],
    )


@pytest.mark.parametrize("params", SEARCHES, ids=[str(p) for p in SEARCHES])
def test_the_resident_index_finds_what_the_database_finds(world, settings, params):
    for user in (AnonymousUser(), world.a_agent, world.other_agent, world.b_agent, world.a_designer):
        in_memory = found(user, params, settings, True)
        in_database = found(user, params, settings, False)
        assert in_memory[:4] == in_database[:4]  # count, page, facets and corrections
        if not params.get("q") or params.get("ordering") == "newest":
            assert in_memory[4] == in_database[4]  # newest first
        else:  # by relevance: bm25 as each engine computes it, title matches first
            assert len(in_memory[4]) == len(in_database[4])
            assert set(in_memory[4]) <= set(Training.objects.visible_to(user).values_list("pk", flat=True))


def titles(user=None, **params):
    result = search_catalogue(user or AnonymousUser(), CatalogueQuery.from_params(params))
    return [t.title for t in result.page.object_list]


def test_a_write_is_found_by_the_next_search(world):
    assert titles(q="hydrogène") == []
    training = TrainingFactory(title="Mobilité hydrogène")
    assert titles(q="hydrogène") == ["Mobilité hydrogène"]
    training.status = TrainingStatus.ARCHIVED
    training.save()
    assert titles(q="hydrogène") == []


def test_a_change_of_anything_builds_the_index_again(world):
    assert titles(q="tramway") == []
    model = Training.objects.get(pk=world.public.pk)
    Training.objects.filter(pk=model.pk).update(title="Le tramway")  # sends no signal
    assert titles(q="tramway") == []
    catalogue_changed()  # what a bulk write says
    assert titles(q="tramway") == ["Le tramway"]


def test_a_change_journalled_out_of_order_is_applied_when_it_shows_up(world):
    """PostgreSQL hands out the journal's ids at insert: a later line may commit first."""
    titles()
    last = SearchChange.objects.order_by("-id").values_list("id", flat=True).first()
    Training.objects.filter(pk=world.public.pk).update(title="Le tramway")
    SearchChange.objects.create(id=last + 2, index=resident.NAME, row_id=world.secret.pk)
    assert titles(q="tramway") == []  # line last + 1 is not there yet
    SearchChange.objects.create(id=last + 1, index=resident.NAME, row_id=world.public.pk)
    assert titles(q="tramway") == ["Le tramway"]


def test_old_journal_lines_are_erased(world):
    SearchChange.objects.filter(index=resident.NAME).update(at=timezone.now() - timedelta(days=2))
    recent = SearchChange.objects.create(index=resident.NAME, row_id=world.public.pk)
    forget_old_work.call()
    assert list(SearchChange.objects.values_list("pk", flat=True)) == [recent.pk]


@pytest.mark.django_db(transaction=True)
def test_a_web_process_searches_the_database_while_its_thread_builds_the_index(settings):
    settings.RESIDENT_INDEX_BUILD = "background"
    TrainingFactory(title="Mobilité hydrogène")
    assert resident.INDEX.searcher() is None  # the thread has just started
    assert titles(q="hydrogène") == ["Mobilité hydrogène"]  # found in the database meanwhile
    deadline = time.monotonic() + 30
    while (searcher := resident.INDEX.searcher()) is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert searcher is not None and searcher.num_docs == 1
    TrainingFactory(title="Hydrogène vert")
    assert titles(q="hydrogène", ordering="newest") == ["Hydrogène vert", "Mobilité hydrogène"]


def test_renaming_an_organisation_or_a_collection_rebuilds_nothing(world):
    assert world.public.pk not in ids_found(AnonymousUser(), q="publics")
    world.owner.name = "Direction des achats"
    world.owner.save()
    world.collection.name = "Achats publics"
    world.collection.save()
    assert not SearchChange.objects.filter(row_id=None).exists()
    # The collection's trainings are re-read, with its new name.
    assert world.public.pk in ids_found(AnonymousUser(), q="publics")


def test_a_subtree_moved_to_another_ministry_takes_its_trainings_along(world):
    control = TrainingFactory(title="Contrôle interne", owner=world.owner, metier=True)
    assert control.pk in ids_found(world.a_agent)
    assert control.pk not in ids_found(world.b_agent)
    world.owner.parent = world.ministry_b
    world.owner.save()
    assert control.pk in ids_found(world.b_agent)
    assert control.pk not in ids_found(world.a_agent)


def ids_found(user, **params):
    query = CatalogueQuery.from_params(params)
    return {t.pk for t in search_catalogue(user, query, page_size=100).page.object_list}


def test_a_cross_government_training_changed_is_re_read_alone(world, django_capture_on_commit_callbacks):
    titles()
    last = SearchChange.objects.order_by("-id").values_list("id", flat=True).first()
    with django_capture_on_commit_callbacks(execute=True):  # the audiences are renewed at the commit
        public = Training.objects.get(pk=world.public.pk)
        public.teaser = "Conduire un projet de tramway"
        public.save()
    assert set(SearchChange.objects.filter(id__gt=last).values_list("row_id", flat=True)) == {world.public.pk}
    assert titles(q="tramway") == [world.public.title]


@pytest.mark.parametrize("read_ahead", [None, (1, 12)], ids=["ties read with the page", "ties read past it"])
def test_tied_scores_come_newest_first_in_every_process_and_after_every_write(
    settings, monkeypatch, read_ahead
):
    """A word matched as a prefix scores every training matched in the same fields alike: tantivy would order them
    by where it holds them, which a write moves (and another process holds otherwise), so pages would overlap.
    With a short read-ahead, the ties of a page go on past what was read first: every match is read."""
    if read_ahead:
        monkeypatch.setattr(resident, "TIES_READ", read_ahead[0])
        monkeypatch.setattr(resident, "MIN_READ", read_ahead[1])
    now = timezone.now()
    tied = [
        TrainingFactory(
            title=f"Atelier {n}", teaser="Conduire un chantier", published_at=now - timedelta(hours=n)
        )
        for n in range(30)
    ]
    newest_first = [t.pk for t in tied]

    def pages():
        return [
            [
                t.pk
                for t in search_catalogue(
                    AnonymousUser(), CatalogueQuery.from_params(params), 10
                ).page.object_list
            ]
            for params in ({"q": "chant"}, {"q": "chant", "page": "2"}, {"q": "chant", "page": "3"})
        ]

    assert sum(pages(), []) == newest_first
    # Rewritten, the newest half is held after the others (where tantivy would rank its ties last): same order.
    for training in reversed(tied[:15]):
        training.teaser = "Conduire un chantier "
        training.save()
    assert sum(pages(), []) == newest_first
    resident.INDEX.forget()  # another process builds its own
    assert sum(pages(), []) == newest_first
    settings.CATALOGUE_RESIDENT_INDEX = False  # as the search in the database orders them
    assert sum(pages(), []) == newest_first
