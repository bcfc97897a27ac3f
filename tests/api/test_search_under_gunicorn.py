"""The catalogue search served by gunicorn with threaded workers, as in production: searches arriving together on
fresh workers (nothing cached yet) all answer, and answer what one request alone answers (D2)."""

import json
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tests.factories import TrainingFactory
from tests.gunicorn import get, gunicorn

pytestmark = pytest.mark.django_db(transaction=True)

LIST = reverse("api:training-list")
TITLES = [
    "Manager une équipe à distance",
    "Le management des managers de proximité",
    "Évaluer les compétences de ses collaborateurs",
    "Communication écrite : rédiger des courriers administratifs",
    "Travail du cuir et conception d'objets",
    "Concevoir un projet de transition écologique",
    "Accompagner le changement dans les organisations publiques",
    "Comptabilité budgétaire et contrôle interne",
    "Prévention des risques psychosociaux pour les encadrants",
    "Cybersécurité : protéger les données des usagers",
    "Recrutement et ressources humaines dans la fonction publique",
    "Laïcité, déontologie et éthique des agents de l'État",
]
# Queries of many distinct words, so that each worker's thread stems a lot at once on its first searches.
QUERIES = [
    "manager",
    "management des managers",
    "évaluation des compétences collaborateurs",
    "communication écrite courriers",
    "cuir conception",
    "transition écologique projets concevoir",
    "accompagnement changement organisations publiques",
    "comptabilité budgétaire contrôles internes",
    "prévenir risques psychosociaux encadrement",
    "cybersécurité protéger données usagers",
    "recruter ressources humaines fonctions publiques",
    "laïcité déontologie éthique agents",
]


def essentials(body: dict) -> dict:
    """What a search answers, without the links (whose host differs between the test client and the server)."""
    return {key: body[key] for key in ("count", "results", "facets")}


def test_concurrent_searches_on_fresh_threaded_workers_answer_as_one_request_alone():
    for title in TITLES:
        TrainingFactory(title=title, teaser=f"{title}, pour les agents de l'État.")
    client = APIClient()
    expected = {q: essentials(client.get(LIST, {"q": q}).json()) for q in QUERIES}
    assert expected["manager"]["count"] == 2  # "manager", "management", "managers": one stem
    assert all(answer["count"] >= 1 for answer in expected.values())

    with gunicorn(workers=1, threads=8) as base, ThreadPoolExecutor(max_workers=16) as pool:
        requests = [q for _ in range(2) for q in QUERIES]
        answers = list(pool.map(lambda q: (q, get(f"{base}{LIST}?{urlencode({'q': q})}")), requests))

    statuses = [status for _, (status, _) in answers]
    assert statuses == [200] * len(requests)
    for q, (_, body) in answers:
        assert essentials(json.loads(body.decode().replace(base, "http://testserver"))) == expected[q], q
