"""The read API of the catalogue: same visibility rule as the pages, for each of the four kinds of user."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from mentor.offer.catalogue import facet_definitions
from mentor.offer.enums import Modality, OpenTo
from tests.catalogue_world import build_world
from tests.factories import DEFAULT_PASSWORD, SessionFactory, TrainingFactory

pytestmark = pytest.mark.django_db

LIST = reverse("api:training-list")


@pytest.fixture
def world():
    return build_world()


def client_for(user, auth="token"):
    client = APIClient()
    if user.is_anonymous:
        return client
    if auth == "token":
        token = client.post(reverse("api:token"), {"email": user.email, "password": DEFAULT_PASSWORD}).json()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token['token']}")
    else:
        client.force_login(user)
    return client


def detail(training):
    return reverse("api:training-detail", kwargs={"pk": training.pk})


def sessions(training):
    return reverse("api:training-sessions", kwargs={"pk": training.pk})


@pytest.mark.parametrize("who", ["a_agent", "a_designer"])
@pytest.mark.parametrize("auth", ["token", "session"])
def test_a_ministry_specific_training_is_served_in_its_ministry(world, who, auth):
    client = client_for(getattr(world, who), auth)
    body = client.get(LIST).json()
    assert {r["id"] for r in body["results"]} == {world.public.pk, world.secret.pk}
    assert {v["value"]: v["count"] for v in body["facets"]["scope"]} == {"transverse": 1, "metier": 1}
    assert client.get(LIST, {"q": "contrôle fiscal"}).json()["count"] == 1
    assert client.get(detail(world.secret)).json()["title"] == world.secret.title
    assert client.get(sessions(world.secret)).json()["count"] == 1


@pytest.mark.parametrize("who", ["b_agent", "anonymous"])
def test_a_ministry_specific_training_is_a_404_elsewhere(world, who):
    client = client_for(getattr(world, who))
    body = client.get(LIST).json()
    assert [r["id"] for r in body["results"]] == [world.public.pk]
    assert {v["value"]: v["count"] for v in body["facets"]["scope"]} == {"transverse": 1, "metier": 0}
    assert "DIRA" not in {v["value"] for v in body["facets"]["owner"]}
    assert body["facets"]["open_registration"][0]["count"] == 0
    assert client.get(LIST, {"q": "contrôle fiscal"}).json()["count"] == 0
    for url in (detail(world.secret), sessions(world.secret), detail(world.draft), sessions(world.draft)):
        response = client.get(url)
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
        assert "Confidentiel" not in response.content.decode()


def test_a_draft_is_a_404_even_for_its_designer(world):
    client = client_for(world.a_designer)
    assert client.get(detail(world.draft)).status_code == 404


def test_a_result_has_the_documented_fields(world):
    body = client_for(world.a_agent).get(LIST, {"q": "contrôle"}).json()
    assert body["count"] == 1 and body["next"] is None and body["previous"] is None
    result = body["results"][0]
    assert result["id"] == world.secret.pk
    assert result["scope"] == "metier"
    assert result["collection"] == {
        "id": world.sub_collection.pk,
        "slug": "achats-durables",
        "name": "Achats durables",
    }
    assert result["owner_organisation"] == {
        "id": world.owner.pk,
        "code": "DIRA",
        "name": "Direction A",
        "ministry_id": world.ministry_a.pk,
    }
    assert result["url"] == f"http://testserver{world.secret.get_absolute_url()}"
    assert result["next_session_start"] is not None
    assert set(body["facets"]) >= {
        "collection",
        "modality",
        "duration",
        "owner",
        "scope",
        "open_registration",
    }
    assert body["facets"]["modality"][0] == {
        "value": "e_learning",
        "label": "En ligne (e-learning)",
        "count": 1,
        "selected": False,
    }


def test_every_registered_facet_is_served(world):
    body = client_for(world.anonymous).get(LIST).json()
    assert list(body["facets"]) == [d.param for d in facet_definitions()]


def test_sessions_lists_only_the_sessions_open_to_the_user(world):
    reserved = SessionFactory(training=world.public, open_to=OpenTo.LIST)
    reserved.open_to_organisations.add(world.ministry_a)
    for_all = SessionFactory(training=world.public)
    a_sessions = client_for(world.a_agent).get(sessions(world.public)).json()
    b_sessions = client_for(world.b_agent).get(sessions(world.public)).json()
    assert {s["id"] for s in a_sessions["results"]} == {reserved.pk, for_all.pk}
    assert {s["id"] for s in b_sessions["results"]} == {for_all.pk}
    assert b_sessions["count"] == 1
    assert b_sessions["results"][0]["organiser"]["code"] == "MINB"


def test_sessions_come_by_pages_in_date_order_the_permanent_ones_last(world):
    permanent = SessionFactory(training=world.public, is_permanent=True, starts_at=None, ends_at=None)
    dated = [
        SessionFactory(training=world.public, starts_at=timezone.now() + timedelta(days=days))
        for days in (30, 10, 20, 10)
    ]
    in_order = [dated[1].pk, dated[3].pk, dated[2].pk, dated[0].pk, permanent.pk]
    client = client_for(world.b_agent)
    first = client.get(sessions(world.public), {"page_size": 2}).json()
    assert first["count"] == 5
    assert first["previous"] is None
    assert "page_size=2" in first["next"]
    pages = [first]
    while pages[-1]["next"]:
        pages.append(client.get(pages[-1]["next"]).json())
    assert [[s["id"] for s in page["results"]] for page in pages] == [
        in_order[:2],
        in_order[2:4],
        in_order[4:],
    ]
    # Past the maximum, a page holds 100 sessions; by default, 50.
    SessionFactory.create_batch(101, training=world.public)
    assert len(client.get(sessions(world.public), {"page_size": 1000}).json()["results"]) == 100
    assert len(client.get(sessions(world.public)).json()["results"]) == 50


def test_filters_ordering_and_pages_in_the_query_string(world):
    for n in range(25):
        TrainingFactory(title=f"Numérique {n}", modality=Modality.BLENDED)
    client = client_for(world.b_agent)
    body = client.get(LIST, {"modality": "blended", "q": "numérique", "ordering": "newest"}).json()
    assert body["count"] == 25
    assert len(body["results"]) == 20
    assert body["previous"] is None
    assert body["next"].startswith("http://testserver/api/v1/trainings/?")
    second = client.get(body["next"]).json()
    assert len(second["results"]) == 5
    assert second["next"] is None
    assert second["previous"] is not None
    assert {r["id"] for r in body["results"]}.isdisjoint({r["id"] for r in second["results"]})
    two = client.get(LIST, {"modality": ["blended", "classroom"]}).json()
    assert two["count"] == 26
    assert [v["selected"] for v in two["facets"]["modality"] if v["value"] in ("blended", "classroom")] == [
        True,
        True,
    ]


def test_page_size_is_accepted_from_1_to_100_and_kept_in_the_links(world):
    for n in range(7):
        TrainingFactory(title=f"Zéphyrin {n}")
    for n in range(15):
        TrainingFactory(title=f"Autre {n}")
    client = client_for(world.b_agent)
    body = client.get(LIST, {"q": "zéphyrin", "page_size": "3"}).json()
    assert body["count"] == 7
    assert len(body["results"]) == 3
    assert "page_size=3" in body["next"]
    last = client.get(client.get(body["next"]).json()["next"]).json()
    assert len(last["results"]) == 1
    everything = client.get(LIST, {"page_size": "100"}).json()
    assert everything["count"] > 20
    assert len(everything["results"]) == everything["count"]


@pytest.mark.parametrize("size", ["0", "101", "-3", "dix", "1.5", ""])
def test_a_page_size_out_of_bounds_is_a_french_400(world, size):
    response = client_for(world.b_agent).get(LIST, {"page_size": size})
    assert response.status_code == 400
    assert response.json()["errors"]["page_size"] == [
        {"message": "Indiquez un nombre entier de 1 à 100.", "code": "invalid"}
    ]


@pytest.mark.parametrize(
    "params",
    [
        {"page": "999"},
        {"page": "-1"},
        {"page": "abc"},
        {"page": "9" * 5000},
        {"q": "x" * 2000},
        {"q": '"(* NEAR - AND :'},
        {"modality": "teleportation", "owner": "NOPE", "collection": "rien", "unknown": "1"},
        {"ordering": "hasard"},
        {"open_registration": "oui"},
    ],
)
def test_bad_input_gives_a_normal_answer(world, params):
    response = client_for(world.b_agent).get(LIST, params)
    assert response.status_code == 200
    assert "results" in response.json()


def test_an_unknown_training_is_a_404(world):
    response = client_for(world.a_agent).get(reverse("api:training-detail", kwargs={"pk": 987654}))
    assert response.status_code == 404
    assert response.json() == {
        "code": "not_found",
        "message": "Cette ressource n'existe pas ou ne vous est pas accessible.",
    }


def test_me_describes_the_user_and_their_entity(world):
    body = client_for(world.a_agent).get(reverse("api:me")).json()
    assert body["email"] == world.a_agent.email
    entity = world.a_agent.entity
    assert body["entity"] == {
        "id": entity.pk,
        "code": "DDA",
        "name": entity.name,
        "ministry_id": world.ministry_a.pk,
    }


def test_me_needs_authentication():
    response = APIClient().get(reverse("api:me"))
    assert response.status_code in (401, 403)
    assert response.json()["code"] == "not_authenticated"
    assert response.json()["message"] == "Informations d'authentification non fournies."


def test_the_list_keeps_a_query_budget_whatever_the_number_of_results(world, django_assert_num_queries):
    for n in range(40):
        training = TrainingFactory(title=f"Formation {n}", owner=world.owner)
        SessionFactory(training=training)
    client = client_for(world.a_agent)
    # 9: the first use of the token records it (then at most once a minute, see accounts.api_tokens).
    with django_assert_num_queries(9):
        body = client.get(LIST, {"ordering": "next_session", "q": "formation"}).json()
    assert len(body["results"]) == 20


def test_no_write_on_get(world):
    client = client_for(world.a_agent)
    client.get(
        reverse("api:me")
    )  # the token's first use is recorded (then at most once a minute): the one write
    with CaptureQueriesContext(connection) as queries:
        client.get(LIST, {"q": "contrôle"})
        client.get(detail(world.secret))
        client.get(sessions(world.secret))
        client.get(reverse("api:me"))
    writes = [
        q["sql"] for q in queries.captured_queries if q["sql"].split()[0] in ("INSERT", "UPDATE", "DELETE")
    ]
    assert writes == []


def test_the_training_detail_has_an_etag_and_answers_304_when_unchanged(world):
    client = client_for(world.a_agent)
    first = client.get(detail(world.public))
    etag = first["ETag"]
    assert etag.startswith('"')
    unchanged = client.get(detail(world.public), HTTP_IF_NONE_MATCH=etag)
    assert unchanged.status_code == 304
    assert unchanged.content == b""
    world.public.teaser = "Une nouvelle accroche."
    world.public.save()
    changed = client.get(detail(world.public), HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert changed.json()["teaser"] == "Une nouvelle accroche."


@pytest.mark.parametrize("path", [LIST, reverse("api:export-lheo")])
def test_a_nul_character_in_a_filter_is_ignored(world, path):
    response = APIClient().get(path, {"owner": "MIN\x00B", "q": "projet\x00"})
    assert response.status_code == 200
