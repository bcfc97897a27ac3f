"""Searches kept in the cache: served again without searching, per audience, and never after a change of what they
read. Each change runs its commit callbacks (the test's transaction itself never commits), as a real commit would."""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentor.core.templatetags.french import long_date
from mentor.editorial.models import Label
from mentor.offer import sessions
from mentor.offer.catalogue import CatalogueQuery, search_catalogue
from mentor.offer.enums import OpenTo, Scope, SessionStatus, TrainingStatus
from mentor.offer.models import Adoption, Training
from tests.catalogue_world import build_world
from tests.factories import OrganisationFactory, SessionFactory, TrainingFactory, UserFactory

pytestmark = pytest.mark.django_db

LIST = reverse("api:training-list")


@pytest.fixture(autouse=True)
def cached(settings):
    settings.CATALOGUE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return build_world()


def search(client, **params):
    return client.get(LIST, params).json()


def ids(body):
    return {r["id"] for r in body["results"]}


def counts(body, param):
    return {v["value"]: v["count"] for v in body["facets"][param]}


def logged_in(client, user):
    client.force_login(user)
    return client


def test_the_same_search_is_served_again_without_searching(world, client):
    first_queries = CaptureQueriesContext(connection)
    with first_queries:
        first = search(client, q="projet")
    with CaptureQueriesContext(connection) as again:
        second = search(client, q="projet")
    assert second == first
    assert ids(second) == {world.public.pk}
    # The generations and the visitor's own part (the next sessions of the page): no count, no facet, no
    # full-text query, no training.
    assert len(again) == 2
    assert len(first_queries) > 3


def test_each_audience_has_its_own_entry(world, client):
    agent_a = logged_in(client, world.a_agent)
    assert ids(search(agent_a)) == {world.public.pk, world.secret.pk}
    client.logout()
    assert ids(search(client)) == {world.public.pk}
    assert ids(search(logged_in(client, world.b_agent))) == {world.public.pk}
    assert ids(search(logged_in(client, world.a_designer))) == {world.public.pk, world.secret.pk}


def test_the_html_page_shares_the_rule_and_the_entries(world, client):
    client.force_login(world.b_agent)
    search(client)
    page = client.get(reverse("www:catalogue"))
    assert world.public.title in page.content.decode()
    assert world.secret.title not in page.content.decode()


def test_a_new_page_number_or_size_is_another_search(world, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(25):
            TrainingFactory(title=f"Projet {n:02d}", owner=world.ministry_b)
    assert len(search(client, q="projet")["results"]) == 20
    assert len(search(client, q="projet", page=2)["results"]) == 6


# Each change: (what it does to the world, what a search then finds). The first search is made before it.
def publish_draft(world):
    world.draft.status = TrainingStatus.PUBLISHED
    world.draft.published_at = timezone.now()
    world.draft.save()
    return lambda client: world.draft.pk in ids(search(logged_in(client, world.a_agent)))


def retitle(world):
    world.public.title = "Gérer une équipe à distance"
    world.public.save()
    return lambda client: (
        search(client, q="distance")["count"] == 1 and search(client, q="projet")["count"] == 0
    )


def delete_training(world):
    world.public.delete()
    return lambda client: search(client)["count"] == 0


def open_a_session(world):
    SessionFactory(training=world.public, status=SessionStatus.REGISTRATION_OPEN, open_to=OpenTo.ALL)
    return lambda client: counts(search(client), "open_registration") == {"1": 1}


def cancel_the_open_session(world):
    session = world.secret.sessions.get()
    admin = UserFactory(is_staff=True, is_superuser=True)
    sessions.cancel(session, admin)
    return lambda client: counts(search(logged_in(client, world.a_agent)), "open_registration") == {"1": 0}


def list_the_session_for_b_only(world):
    session = SessionFactory(
        training=world.public, status=SessionStatus.REGISTRATION_OPEN, open_to=OpenTo.LIST
    )
    session.open_to_organisations.add(world.ministry_b)
    return lambda client: counts(search(logged_in(client, world.b_agent)), "open_registration") == {"1": 1}


def adopt_in_ministry_b(world):
    Adoption.objects.create(training=world.secret, organisation=world.ministry_b)
    return lambda client: world.secret.pk in ids(search(logged_in(client, world.b_agent)))


def rename_the_collection(world):
    world.collection.name = "Achats publics"
    world.collection.save()
    return lambda client: "Achats publics" in {v["label"] for v in search(client)["facets"]["collection"]}


def move_the_owner_to_ministry_b(world):
    world.owner.parent = world.ministry_b
    world.owner.save()
    return lambda client: world.secret.pk in ids(search(logged_in(client, world.b_agent)))


def award_a_label(world):
    Label.objects.create(training=world.public, valid_until=timezone.localdate() + timedelta(days=30))
    return lambda client: counts(search(client), "label") == {"1": 1}


CHANGES = [
    publish_draft,
    retitle,
    delete_training,
    open_a_session,
    cancel_the_open_session,
    list_the_session_for_b_only,
    adopt_in_ministry_b,
    rename_the_collection,
    move_the_owner_to_ministry_b,
    award_a_label,
]


@pytest.mark.parametrize("change", CHANGES, ids=[c.__name__ for c in CHANGES])
def test_a_change_of_what_searches_read_is_seen_at_once(
    world, client, change, django_capture_on_commit_callbacks
):
    def search_everything():
        for user in (world.a_agent, world.b_agent):
            client.force_login(user)
            search(client)
            search(client, q="projet")
        client.logout()
        search(client)
        search(client, q="projet")

    search_everything()
    with django_capture_on_commit_callbacks(execute=True):
        sees_it = change(world)
    assert sees_it(client)


def test_a_label_withdrawn_is_seen_at_once(world, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        label = Label.objects.create(
            training=world.public, valid_until=timezone.localdate() + timedelta(days=30)
        )
    assert counts(search(client), "label") == {"1": 1}
    with django_capture_on_commit_callbacks(execute=True):
        label.delete()
    assert counts(search(client), "label") == {"1": 0}


def test_a_change_rolled_back_keeps_the_entries(world, client, django_capture_on_commit_callbacks):
    search(client, q="projet")
    with django_capture_on_commit_callbacks(execute=False):
        world.public.title = "Autre chose"
        world.public.save()
    with CaptureQueriesContext(connection) as again:
        search(client, q="projet")
    assert len(again) == 2  # as for a search kept (above)


def test_the_bench_generator_ends_the_entries_it_makes_stale(client, django_capture_on_commit_callbacks):
    assert search(client)["count"] == 0
    with django_capture_on_commit_callbacks(execute=True):
        call_command("generate_bench_data", "--trainings", "20", "--users", "5", verbosity=0)
    assert search(client)["count"] > 0


def test_a_text_loaded_in_bulk_is_found_once_the_index_is_rebuilt(
    world, client, django_capture_on_commit_callbacks
):
    assert search(client, q="télétravail")["count"] == 0
    # A bulk update sends no signal: the index, and the searches kept, are only refreshed by the rebuild.
    Training.objects.filter(pk=world.public.pk).update(title="Organiser le télétravail")
    assert search(client, q="télétravail")["count"] == 0
    with django_capture_on_commit_callbacks(execute=True):
        call_command("rebuild_search_index", stdout=StringIO())
    assert ids(search(client, q="télétravail")) == {world.public.pk}


def test_an_agent_moved_to_another_entity_gets_that_entitys_catalogue(world, client):
    agent = world.b_agent
    client.force_login(agent)
    assert ids(search(client)) == {world.public.pk}
    agent.entity = OrganisationFactory(code="DDA2", parent=world.ministry_a, deconcentrated=True)
    agent.save()
    assert ids(search(client)) == {world.public.pk, world.secret.pk}


def test_without_a_duration_nothing_is_kept(world, client, settings):
    settings.CATALOGUE_CACHE_SECONDS = 0
    search(client, q="projet")
    with CaptureQueriesContext(connection) as again:
        search(client, q="projet")
    assert len(again) > 1


def test_the_api_keeps_its_links_per_site_address(world, client):
    first = client.get(LIST, HTTP_HOST="mentor.example").json()
    second = client.get(LIST, HTTP_HOST="formation.example").json()
    assert first["results"][0]["url"].startswith("http://mentor.example/")
    assert second["results"][0]["url"].startswith("http://formation.example/")


# A write renews only the entries of the audiences that can see it.


def queries_of_a_search(client, user, **params):
    """How many queries a search takes for ``user`` on the catalogue page: as few as a kept page needs (the
    generations and the user's own part), more for a page made again."""
    if user is None:
        client.logout()
    else:
        client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("www:catalogue"), params).status_code == 200
    return len(queries)


def served_from_kept_pages(client, users):
    """The queries of the catalogue page of each of ``users`` once it is kept."""
    for user in users:
        queries_of_a_search(client, user)
    return {user: queries_of_a_search(client, user) for user in users}


def kept_and_renewed(world, client, change, django_capture_on_commit_callbacks):
    """The audiences (anonymous, agent of A, agent of B) whose searches ``change`` kept, and those it renewed."""
    audiences = {"anonyme": None, "agent A": world.a_agent, "agent B": world.b_agent}
    served = served_from_kept_pages(client, audiences.values())
    with django_capture_on_commit_callbacks(execute=True):
        change()
    after = {name: queries_of_a_search(client, user) for name, user in audiences.items()}
    return (
        {name for name, user in audiences.items() if after[name] <= served[user]},
        {name for name, user in audiences.items() if after[name] > served[user]},
    )


def test_a_draft_edited_renews_no_entry(world, client, django_capture_on_commit_callbacks):
    def edit_the_draft():
        world.draft.title = "Brouillon retravaillé"
        world.draft.save()

    kept, renewed = kept_and_renewed(world, client, edit_the_draft, django_capture_on_commit_callbacks)
    assert (kept, renewed) == ({"anonyme", "agent A", "agent B"}, set())


def test_a_session_of_a_ministry_specific_training_renews_that_ministry_only(
    world, client, django_capture_on_commit_callbacks
):
    def open_a_session():
        SessionFactory(training=world.secret, status=SessionStatus.REGISTRATION_OPEN, open_to=OpenTo.ALL)

    kept, renewed = kept_and_renewed(world, client, open_a_session, django_capture_on_commit_callbacks)
    assert (kept, renewed) == ({"anonyme", "agent B"}, {"agent A"})


def test_a_session_of_a_cross_government_training_renews_every_audience(
    world, client, django_capture_on_commit_callbacks
):
    def open_a_session():
        SessionFactory(training=world.public, status=SessionStatus.REGISTRATION_OPEN, open_to=OpenTo.ALL)

    kept, renewed = kept_and_renewed(world, client, open_a_session, django_capture_on_commit_callbacks)
    assert (kept, renewed) == (set(), {"anonyme", "agent A", "agent B"})


def test_an_adoption_renews_the_adopting_ministry(world, client, django_capture_on_commit_callbacks):
    def adopt():
        Adoption.objects.create(training=world.secret, organisation=world.ministry_b)

    kept, renewed = kept_and_renewed(world, client, adopt, django_capture_on_commit_callbacks)
    assert (kept, renewed) == ({"anonyme"}, {"agent A", "agent B"})
    assert world.secret.pk in ids(search(logged_in(client, world.b_agent)))


def test_an_adoption_withdrawn_is_seen_by_the_ministry_that_loses_it(
    world, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        adoption = Adoption.objects.create(training=world.secret, organisation=world.ministry_b)
    assert world.secret.pk in ids(search(logged_in(client, world.b_agent)))
    with django_capture_on_commit_callbacks(execute=True):
        adoption.delete()
    assert world.secret.pk not in ids(search(logged_in(client, world.b_agent)))


def test_a_ministry_specific_training_made_cross_government_reaches_every_audience(
    world, client, django_capture_on_commit_callbacks
):
    assert world.secret.pk not in ids(search(client))
    secret = Training.objects.get(pk=world.secret.pk)
    with django_capture_on_commit_callbacks(execute=True):
        secret.scope = Scope.TRANSVERSE
        secret.save()
    assert world.secret.pk in ids(search(client))
    assert world.secret.pk in ids(search(logged_in(client, world.b_agent)))


def test_a_training_withdrawn_from_publication_leaves_its_ministry_at_once(
    world, client, django_capture_on_commit_callbacks
):
    assert world.secret.pk in ids(search(logged_in(client, world.a_agent)))
    secret = Training.objects.get(pk=world.secret.pk)
    with django_capture_on_commit_callbacks(execute=True):
        secret.status = TrainingStatus.ARCHIVED
        secret.save()
    assert world.secret.pk not in ids(search(logged_in(client, world.a_agent)))


# The agents of one ministry share a search; what is their own (sessions reserved to their line) is added.


@pytest.fixture
def reserved(world, django_capture_on_commit_callbacks):
    """Sessions reserved to some organisations: to the agents of ministry A's service (its own organiser), and to
    a list naming ministry B; and another agent of A, whose line has none of them."""
    service = world.a_agent.entity
    with django_capture_on_commit_callbacks(execute=True):
        published_of_a = TrainingFactory(title="Projet de service A", owner=world.owner, metier=True)
        SessionFactory(
            training=published_of_a,
            organiser=service,
            status=SessionStatus.REGISTRATION_OPEN,
            open_to=OpenTo.OWNER,
            starts_at=timezone.now() + timedelta(days=3),
        )
        listed = SessionFactory(
            training=world.public,
            status=SessionStatus.REGISTRATION_OPEN,
            open_to=OpenTo.LIST,
            starts_at=timezone.now() + timedelta(days=5),
        )
        listed.open_to_organisations.add(world.ministry_b)
        other_entity = OrganisationFactory(code="DDA3", parent=world.ministry_a, deconcentrated=True)
    return UserFactory(entity=other_entity)


SEARCHES = [
    {},
    {"q": "projet"},
    {"collection": "achats"},
    {"q": "contrôle", "modality": "e_learning"},
    {"open_registration": "1"},
    {"ordering": "next_session"},
    {"q": "projet", "page_size": "1", "page": "2"},
]


def results_part(page) -> str:
    """The part of a catalogue page that a search decides (the header holds the user's name and a CSRF token)."""
    html = page.content.decode()
    return html[html.index("<h1>Catalogue des formations</h1>") : html.index("</main>")]


# What a search gives through each surface: the API's body, the catalogue page's results.
SURFACES = {
    "api": lambda client, params: search(client, **params),
    "page": lambda client, params: results_part(client.get(reverse("www:catalogue"), params)),
}


@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize("params", SEARCHES, ids=[str(p) for p in SEARCHES])
def test_a_search_kept_for_the_ministry_is_what_each_agent_finds(
    world, reserved, client, settings, params, surface
):
    users = [world.a_agent, reserved, world.a_designer, world.b_agent, None]

    def everyone():
        found = []
        for user in users:
            if user is None:
                client.logout()
            else:
                client.force_login(user)
            found.append(SURFACES[surface](client, params))
        return found

    settings.CATALOGUE_CACHE_SECONDS = 0
    computed = everyone()
    settings.CATALOGUE_CACHE_SECONDS = 300
    assert everyone() == computed  # the first agent of a ministry fills its share, the others read it
    assert everyone() == computed  # every entry read again


def test_the_agents_of_one_ministry_share_a_search(world, reserved, client):
    # The process builds its resident index at its first search: not part of what is counted.
    search_catalogue(AnonymousUser(), CatalogueQuery())
    first = queries_of_a_search(client, world.a_agent, q="projet")
    other = queries_of_a_search(client, reserved, q="projet")
    elsewhere = queries_of_a_search(client, world.b_agent, q="projet")
    assert other < first
    assert elsewhere == first  # ministry B's share is made by its first agent


def test_a_session_reserved_to_an_agents_line_counts_for_them_only(world, reserved, client):
    def open_count(user):
        client.force_login(user)
        return counts(search(client, q="projet"), "open_registration")["1"]

    # The service's own session is open to its agents; the other agent of A shares their search, not the session.
    assert open_count(world.a_agent) == 1
    assert open_count(reserved) == 0
    # The list names ministry B: its agent counts the cross-government training of that session.
    assert open_count(world.b_agent) == 1


def test_new_dates_of_a_session_keep_the_searches_and_show_at_once(
    world, client, django_capture_on_commit_callbacks
):
    session = world.secret.sessions.get()
    with django_capture_on_commit_callbacks(execute=True):
        session.starts_at = timezone.now() + timedelta(days=10)
        session.ends_at = session.starts_at + timedelta(hours=3)
        session.save()

    def next_start(user, **params):
        client.force_login(user)
        found = search(client, **params)["results"]
        return next(r["next_session_start"] for r in found if r["id"] == world.secret.pk)

    first = next_start(world.a_agent)
    by_date = next_start(world.a_agent, ordering="next_session")
    assert first == by_date
    served = served_from_kept_pages(client, (world.a_agent, None))
    session = type(session).objects.get(pk=session.pk)
    with django_capture_on_commit_callbacks(execute=True):
        session.starts_at += timedelta(days=1)
        session.ends_at += timedelta(days=1)
        session.capacity = (session.capacity or 10) + 1
        session.save()
    moved = next_start(world.a_agent)
    assert moved != first  # the next session of the page is read afresh
    assert next_start(world.a_agent, ordering="next_session") == moved  # a search by date is made again
    # Nobody's page was made again for new dates: only the next sessions of the page were read.
    assert {user: queries_of_a_search(client, user) for user in (world.a_agent, None)} == served
    client.force_login(world.a_agent)
    page = client.get(reverse("www:catalogue")).content.decode()
    assert f"prochaine session le {long_date(session.starts_at)}" in page


def test_a_new_capacity_or_place_of_a_session_renews_nothing(
    world, client, django_capture_on_commit_callbacks
):
    audiences = (None, world.a_agent, world.b_agent)
    for user in audiences:
        queries_of_a_search(client, user)
    kept_pages = {user: queries_of_a_search(client, user) for user in audiences}
    session = world.secret.sessions.get()
    with django_capture_on_commit_callbacks(execute=True):
        session.capacity = (session.capacity or 10) + 5
        session.place = "Salle 204"
        session.save()
    assert {user: queries_of_a_search(client, user) for user in audiences} == kept_pages


def test_a_session_reserved_to_its_organisers_agents_given_to_another_organiser_renews_the_ministry(
    world, reserved, client, django_capture_on_commit_callbacks
):
    def open_count(user):
        client.force_login(user)
        return counts(search(client, q="projet", open_registration="1"), "open_registration")["1"]

    assert (open_count(world.a_agent), open_count(reserved)) == (1, 0)
    session = world.a_agent.entity.organised_sessions.get()
    with django_capture_on_commit_callbacks(execute=True):
        session.organiser = reserved.entity
        session.save()
    assert (open_count(world.a_agent), open_count(reserved)) == (0, 1)


def test_the_page_is_kept_rendered_for_its_audience(world, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(25):
            TrainingFactory(title=f"Projet {n:02d}", owner=world.ministry_b)
    first = client.get(reverse("www:catalogue"), {"q": "projet", "utm_source": "lettre"})
    with CaptureQueriesContext(connection) as again:
        second = client.get(reverse("www:catalogue"), {"q": "projet"})
    assert len(again) == 2  # the generations and the next sessions of the page: no search, no training
    html = second.content.decode()
    assert "Projet 24" in html and "26 formations trouvées" in html  # tied: newest first
    # The pagination's links carry the search alone, not what the first visitor had in the address.
    assert "?q=projet&amp;page=2" in html
    assert "utm_source" not in first.content.decode() + html


def test_each_agent_of_a_ministry_finds_their_own_part_in_its_page(world, reserved, client):
    def page_of(user):
        client.force_login(user)
        return results_part(client.get(reverse("www:catalogue"), {"q": "projet"}))

    service_session = world.a_agent.entity.organised_sessions.get()
    own_line = page_of(world.a_agent)
    # The page of the ministry, made for the first agent, is served to the second as kept: their own part alone,
    # and the trainings with a session reserved to their line read once for their entity.
    first = queries_of_a_search(client, reserved, q="projet")
    assert first == queries_of_a_search(client, reserved, q="projet") + 1
    other_entity = page_of(reserved)
    shown = f"prochaine session le {long_date(service_session.starts_at)}"
    assert shown in own_line and shown not in other_entity
    assert "Avec une session ouverte aux inscriptions (1)" in own_line
    assert "Avec une session ouverte aux inscriptions (0)" in other_entity


def test_a_title_cannot_pass_for_the_users_own_part(world, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        world.public.title = "Projet <!--inscriptions-ouvertes:999--> <!--prochaine-session:1-->"
        world.public.save()
    for _ in range(2):  # made, then kept
        html = results_part(client.get(reverse("www:catalogue"), {"q": "projet"}))
        assert "&lt;!--inscriptions-ouvertes:999--&gt;" in html
        assert "&lt;!--prochaine-session:1--&gt;" in html
        assert "<!--" not in html


# What is kept for the line of an entity: the trainings with an open session reserved to it.


def open_count(client, user, **params):
    """The "open registration" count of ``user``'s search for "projet" (kept for their ministry: their own part)."""
    client.force_login(user)
    return counts(search(client, q="projet", **params), "open_registration").get("1", 0)


def reads_the_line(client, user, **params) -> bool:
    """Whether ``user``'s search reads the sessions reserved to their line (the one union of a search)."""
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        search(client, q="projet", **params)
    return any(" UNION " in query["sql"] for query in queries)


def test_what_is_kept_for_a_line_serves_every_agent_and_search_of_the_entity(world, reserved, client):
    colleague = UserFactory(entity=world.a_agent.entity)
    assert reads_the_line(client, world.a_agent)
    assert not reads_the_line(client, world.a_agent)
    assert not reads_the_line(client, colleague)
    assert not reads_the_line(client, colleague, modality="e_learning")
    assert open_count(client, colleague) == 1
    assert reads_the_line(client, reserved)  # another entity of the ministry: its own line


def test_a_write_that_reserves_no_session_keeps_what_is_kept_for_a_line(
    world, reserved, client, django_capture_on_commit_callbacks
):
    assert reads_the_line(client, world.a_agent)
    with django_capture_on_commit_callbacks(execute=True):
        world.public.title = "Projet d'équipe à distance"  # every audience's searches are made again
        world.public.save()
        listed = world.public.sessions.get(open_to=OpenTo.LIST)
        listed.capacity = (listed.capacity or 10) + 5  # a reserved session, but nothing of its opening
        listed.save()
    assert not reads_the_line(client, world.a_agent)
    assert open_count(client, world.a_agent) == 1


def close_one_of_two_reserved_sessions(world, reserved):
    """The training of the service's session gets another session reserved to another line: it stays among the
    trainings the ministry's search keeps for its agents' own part, and the service's session closes."""
    service = world.a_agent.entity
    session = service.organised_sessions.get()
    elsewhere = OrganisationFactory(code="DDA4", parent=world.ministry_a, deconcentrated=True)
    SessionFactory(
        training=session.training,
        organiser=elsewhere,
        status=SessionStatus.REGISTRATION_OPEN,
        open_to=OpenTo.OWNER,
    )
    return session


def test_a_reserved_session_that_closes_leaves_the_count_of_its_line(
    world, reserved, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        session = close_one_of_two_reserved_sessions(world, reserved)
    assert open_count(client, world.a_agent) == 1
    with django_capture_on_commit_callbacks(execute=True):
        sessions.cancel(session, UserFactory(is_staff=True, is_superuser=True))
    assert open_count(client, world.a_agent) == 0


def test_an_organisation_added_to_a_sessions_list_counts_it_at_once(
    world, reserved, client, django_capture_on_commit_callbacks
):
    assert open_count(client, reserved) == 0
    with django_capture_on_commit_callbacks(execute=True):
        world.public.sessions.get(open_to=OpenTo.LIST).open_to_organisations.add(reserved.entity)
    assert open_count(client, reserved) == 1


def test_an_entity_moved_under_an_organiser_gets_its_reserved_sessions_at_once(
    world, reserved, client, django_capture_on_commit_callbacks
):
    assert open_count(client, reserved) == 0
    with django_capture_on_commit_callbacks(execute=True):
        reserved.entity.parent = world.a_agent.entity  # the service organises a session for its own agents
        reserved.entity.save()
    assert open_count(client, reserved) == 1
