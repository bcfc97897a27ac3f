"""POST /api/v1/trainings/similar/: for designers, Mentor teams, collection leads and DGAFP administrators."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from mentor.offer.enums import Scope
from tests.factories import OrganisationFactory, TrainingFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("api:similar_trainings")


@pytest.fixture
def offer(world):
    prefecture = OrganisationFactory(
        code="PREF33", name="Préfecture de la Gironde", parent=world.other_ministry
    )
    world.foreign_draft = TrainingFactory(
        draft=True,
        scope=Scope.METIER,
        owner=prefecture,
        collection=world.collection,
        title="Prévenir les risques psychosociaux",
        description="Texte du brouillon de la préfecture.",
    )
    world.published = TrainingFactory(
        collection=world.collection, title="Prévention des RPS pour les encadrants"
    )
    TrainingFactory(collection=world.collection, title="Sécurité incendie")
    return world


def post(user, data):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client.post(URL, data, format="json")


@pytest.mark.parametrize("who", ["designer", "team", "lead_reviewer", "admin"])
def test_each_role_gets_the_results_with_the_same_rule(offer, who):
    response = post(getattr(offer, who), {"title": "Prévenir les RPS", "limit": 5})

    assert response.status_code == 200
    results = response.json()["results"]
    titles = [r["title"] for r in results]
    assert titles[:2] == [
        "Prévenir les risques psychosociaux",
        "Prévention des RPS pour les encadrants",
    ] or set(titles[:2]) == {"Prévenir les risques psychosociaux", "Prévention des RPS pour les encadrants"}
    assert "Sécurité incendie" not in titles
    draft = next(r for r in results if r["title"] == "Prévenir les risques psychosociaux")
    assert draft == {
        "id": None,
        "title": "Prévenir les risques psychosociaux",
        "owner_organisation": "Préfecture de la Gironde",
        "status": "draft",
        "score": draft["score"],
        "likely_duplicate": True,
        "shared_terms": draft["shared_terms"],
    }
    assert "psychosociaux" in draft["shared_terms"]
    published = next(r for r in results if r["title"] == "Prévention des RPS pour les encadrants")
    assert published["id"] == offer.published.pk
    assert 0 < published["score"] <= 1


def test_the_other_ministry_team_sees_its_draft_with_its_id(offer):
    response = post(offer.outsider, {"description": "risques psychosociaux"})

    draft = next(r for r in response.json()["results"] if r["title"] == "Prévenir les risques psychosociaux")
    assert draft["id"] == offer.foreign_draft.pk


def test_an_agent_without_these_roles_is_refused_with_the_reason(offer):
    response = post(UserFactory(entity=offer.owner), {"title": "RPS"})

    assert response.status_code == 403
    assert "réservée aux concepteurs" in response.json()["message"]


def test_anonymous_is_asked_to_log_in(offer):
    response = post(None, {"title": "RPS"})

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({}, "non_field_errors"),
        ({"title": "  "}, "non_field_errors"),
        ({"title": "RPS", "limit": 0}, "limit"),
    ],
)
def test_bad_input_gets_a_structured_error(offer, data, field):
    response = post(offer.designer, data)

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert field in body["errors"]


def test_the_limit_is_applied(offer):
    TrainingFactory.create_batch(6, collection=offer.collection, title="Risques psychosociaux au travail")

    response = post(offer.designer, {"title": "Risques psychosociaux", "limit": 3})

    assert len(response.json()["results"]) == 3
