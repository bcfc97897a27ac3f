"""The offer watch's lines of the benchmark: one similar-training lookup through the API (a draft's texts against
the whole generated offer), as a DGAFP administrator (who may ask it; what is shown does not change the work)."""

import json

from django.test.utils import override_settings

# Drafts as a designer would type them: an acronym, a common subject of the generated offer, a rare one.
SIMILAR_DRAFTS = {
    "sigle (RPS)": {
        "title": "Prévenir les RPS dans son équipe",
        "learning_outcomes": "Repérer les signaux d'alerte",
    },
    "sujet courant": {
        "title": "Initiation à la commande publique",
        "description": "Choisir la procédure de passation adaptée au besoin et rédiger le cahier des charges.",
    },
    "sujet rare": {"title": "Apiculture urbaine sur les toits des bâtiments publics"},
    "en anglais": {
        "title": "Cybersecurity awareness for public servants",
        "teaser": "Phishing and passwords.",
    },
}
PERSONA = "administrateur DGAFP"
# The production defaults with a shared cache, whatever the environment of the run says (one process here: its
# memory cache is the shared one).
KEPT = {"INDICATORS_CACHE_SECONDS": 86_400, "INDICATORS_STALE_SECONDS": 900}


def watcher():
    """A DGAFP administrator of the bench data (made once, kept by the next runs on the same database)."""
    from mentor.accounts.enums import Role
    from mentor.accounts.models import Membership, User
    from mentor.organisations.models import Organisation

    user = User.objects.filter(email="veille@bench.mentor.gouv.fr").first()
    if user is None:
        organisation = Organisation.objects.order_by("pk").first()
        user = User.objects.create_user(
            email="veille@bench.mentor.gouv.fr", password=None, entity=organisation
        )
        Membership.objects.create(user=user, organisation=organisation, role=Role.DGAFP_ADMIN)
    return user


def measure_similar(channel, repeat, budget_s):
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(watcher())
    for case, texts in SIMILAR_DRAFTS.items():

        def call(texts=texts):
            response = client.post(
                "/api/v1/trainings/similar/", json.dumps(texts), content_type="application/json"
            )
            if response.status_code != 200:
                raise RuntimeError(f"POST /api/v1/trainings/similar/ → {response.status_code}")
            return response

        channel.run(case, PERSONA, call, repeat, budget_s)


# The dashboard without filters (the whole offer), then narrowed as its users narrow it.
DASHBOARD_CASES = {
    "toute l'offre": "",
    "portée ministérielle": "?scope=metier",
    "une période": "?start=2026-01-01",
}


def measure_dashboard(channel, repeat, budget_s):
    """Kept (``watch/kept.py``), as read again until the next write; see the two measures below."""
    with override_settings(**KEPT):
        _dashboard(channel, repeat, budget_s)


def measure_dashboard_after_write(channel, repeat, budget_s):
    """Read just after a committed write of what the indicators count (untimed: one session's capacity changed):
    the figures kept before it, said to be updating, while the renewal waits in the task queue (whose worker does
    not run during the bench)."""
    from mentor.offer.models import Session

    session = Session.objects.exclude(capacity=None).order_by("pk").first()

    def write():
        session.capacity = session.capacity % 30 + 1
        session.save(update_fields=["capacity"])

    with override_settings(**KEPT):
        _dashboard(channel, repeat, budget_s, before=write)


def measure_dashboard_computed(channel, repeat, budget_s):
    """Computed at every call, as the renewal task (or the first read of a day or of new filters) computes them."""
    with override_settings(INDICATORS_CACHE_SECONDS=0):
        _dashboard(channel, repeat, budget_s)


def _dashboard(channel, repeat, budget_s, before=None):
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(watcher())
    for case, query in DASHBOARD_CASES.items():
        path = f"/veille/indicateurs/{query}"

        def call(path=path):
            response = client.get(path)
            if response.status_code != 200:
                raise RuntimeError(f"GET {path} → {response.status_code}")
            return response

        channel.run(case, PERSONA, call, repeat, budget_s, before=before)
