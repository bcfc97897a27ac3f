"""The authorisation matrix: every persona of the demo data (and an anonymous visitor) × every read path × every
training and session of the demo data.

The expected answers come from the rules' DEFINITIONS, re-expressed here in plain Python over the demo objects
(ARCHITECTURE.md, « Une seule règle de visibilité »), never by calling ``visible_to`` or ``managed_by``:

- a training is visible when it is published and cross-government, or published, ministry-specific and the
  persona's attachment entity lies in the ministry of its owner or of an organisation that adopted it (the
  ministry of an organisation: its nearest ancestor-or-self that is a ministry, else the root of its tree);
  anonymous and unattached visitors see cross-government trainings only;
- a session is visible when its training is, and it is open to all, or reserved to the agents of its organiser
  and the persona's entity is the organiser or lies below it, or opened to a list of organisations among which the
  persona's entity or one above it; the training's page leaves out archived sessions;
- a session is managed (its page under /gestion/) by its named managers, by whoever holds the session manager role in its organiser or an
  organisation above it, by the designers of its training when the training's owner organises it, and by DGAFP
  administrators (role or superuser).

Lists are compared as sets (one request per page), details object by object (see ``Matrix.details`` for their
cost at scale); every page fetched is also searched
for links to trainings the persona may not see. The catalogue cache is ON, as in production: a search kept for one
audience must never be served to another."""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from mentor.accounts.enums import Role
from mentor.accounts.models import Membership, User
from mentor.editorial.models import Label
from mentor.offer.enums import OpenTo, Scope, SessionStatus, TrainingStatus
from mentor.offer.models import Adoption, Collection, Session, Training
from mentor.organisations.enums import OrganisationKind
from mentor.organisations.models import Organisation

pytestmark = pytest.mark.django_db

TRAINING_LINK = re.compile(r'href="/formations/(\d+)-[^"/]*/"')
SESSION_CARD = re.compile(r'id="session-(\d+)"')
MANAGED_SESSION_LINK = re.compile(r'href="/gestion/sessions/(\d+)/"')
# The exports: the CSV gives each training's address, LHEO its number (Mentor's own when no partner gave one).
CSV_TRAINING = re.compile(r"/formations/(\d+)-[^/;]*/")
LHEO_NUMBER = re.compile(r'<formation\b[^>]*\bnumero="mentor-(\d+)"')
# Persona × training cells up to which every persona reads every training's detail paths (see Matrix.details).
EVERY_CELL_UP_TO = 1000


@dataclass
class Demo:
    """The demo objects as plain values: what the rules' definitions read."""

    organisations: dict  # pk -> (parent_id, kind, code)
    trainings: dict  # pk -> values of the training
    adopters: dict  # training pk -> {organisation pk}
    sessions: dict  # pk -> values of the session
    listed: dict  # session pk -> {organisation pk}
    named_managers: dict  # session pk -> {user pk}
    designers: dict  # training pk -> {user pk}
    roles: dict  # user pk -> {(role, organisation pk)}
    collections: dict  # pk -> (slug, parent_id)
    labelled: set  # trainings with a label valid today
    today: date = field(default_factory=timezone.localdate)

    def line(self, org_id) -> list[int]:
        """The organisation and every organisation above it, nearest first."""
        result = []
        while org_id is not None:
            result.append(org_id)
            org_id = self.organisations[org_id][0]
        return result

    def ministry(self, org_id) -> int:
        line = self.line(org_id)
        return next((o for o in line if self.organisations[o][1] == OrganisationKind.MINISTRY), line[-1])

    def training_visible(self, persona, pk) -> bool:
        t = self.trainings[pk]
        if t["status"] != TrainingStatus.PUBLISHED:
            return False
        if t["scope"] == Scope.TRANSVERSE:
            return True
        if persona is None or persona.entity_id is None:
            return False
        ministries = {self.ministry(t["owner_id"])} | {self.ministry(o) for o in self.adopters[pk]}
        return self.ministry(persona.entity_id) in ministries

    def session_visible(self, persona, pk) -> bool:
        s = self.sessions[pk]
        if not self.training_visible(persona, s["training_id"]):
            return False
        if s["open_to"] == OpenTo.ALL:
            return True
        if persona is None or persona.entity_id is None:
            return False
        own_line = set(self.line(persona.entity_id))
        if s["open_to"] == OpenTo.OWNER:
            return s["organiser_id"] in own_line
        return bool(self.listed[pk] & own_line)

    def manages(self, persona, pk) -> bool:
        if persona is None:
            return False
        roles = self.roles[persona.pk]
        if persona.is_superuser or any(role == Role.DGAFP_ADMIN for role, _ in roles):
            return True
        if persona.pk in self.named_managers[pk]:
            return True
        session = self.sessions[pk]
        managing = {org for role, org in roles if role == Role.SESSION_MANAGER}
        if managing & set(self.line(session["organiser_id"])):
            return True
        owner = self.trainings[session["training_id"]]["owner_id"]
        return session["organiser_id"] == owner and persona.pk in self.designers[session["training_id"]]

    def visible_trainings(self, persona) -> set[int]:
        return {pk for pk in self.trainings if self.training_visible(persona, pk)}


def read_demo() -> Demo:
    listed, named, adopters, roles = defaultdict(set), defaultdict(set), defaultdict(set), defaultdict(set)
    designers = defaultdict(set)
    for training_id, user_id in Training.designers.through.objects.values_list("training_id", "user_id"):
        designers[training_id].add(user_id)
    for session_id, org_id in Session.open_to_organisations.through.objects.values_list(
        "session_id", "organisation_id"
    ):
        listed[session_id].add(org_id)
    for session_id, user_id in Session.managers.through.objects.values_list("session_id", "user_id"):
        named[session_id].add(user_id)
    for training_id, org_id in Adoption.objects.values_list("training_id", "organisation_id"):
        adopters[training_id].add(org_id)
    for user_id, role, org_id in Membership.objects.values_list("user_id", "role", "organisation_id"):
        roles[user_id].add((role, org_id))
    today = timezone.localdate()
    return Demo(
        organisations={
            o["pk"]: (o["parent_id"], o["kind"], o["code"])
            for o in Organisation.objects.values("pk", "parent_id", "kind", "code")
        },
        trainings={
            t["pk"]: t
            for t in Training.objects.values(
                "pk",
                "slug",
                "status",
                "scope",
                "owner_id",
                "collection_id",
                "modality",
                "duration_on_site_hours",
                "duration_remote_hours",
            )
        },
        adopters=adopters,
        sessions={
            s["pk"]: s
            for s in Session.objects.values("pk", "training_id", "organiser_id", "open_to", "status")
        },
        listed=listed,
        named_managers=named,
        designers=designers,
        roles=roles,
        collections={
            c["pk"]: (c["slug"], c["parent_id"]) for c in Collection.objects.values("pk", "slug", "parent_id")
        },
        labelled={
            training_id
            for training_id, until in Label.objects.values_list("training_id", "valid_until")
            if until >= today
        },
    )


@pytest.fixture
def demo(settings):
    """The demo data, plus what it may lack to exercise every branch of the rules: an adoption of a
    ministry-specific training by another ministry, a session reserved to a list of organisations."""
    settings.CATALOGUE_CACHE_SECONDS = 300
    call_command("load_demo_data")
    if not Adoption.objects.exists():
        metier = Training.objects.filter(
            scope=Scope.METIER, status=TrainingStatus.PUBLISHED, owner__code="DGFIP"
        ).first()
        Adoption.objects.create(training=metier, organisation=Organisation.objects.get(code="OFB"))
    if not Session.objects.filter(open_to=OpenTo.LIST).exists():
        listed = Session.objects.filter(
            training__scope=Scope.TRANSVERSE, training__status=TrainingStatus.PUBLISHED
        )
        session = listed.order_by("pk").first()
        session.open_to = OpenTo.LIST
        session.save()
        session.open_to_organisations.set([Organisation.objects.get(code="PREF-33")])
    return read_demo()


class Persona:
    """One persona with its own logged-in client and the trainings the rule lets it see."""

    def __init__(self, user, demo):
        self.user, self.demo = user, demo
        self.name = "anonyme" if user is None else user.email
        self.client = Client()
        if user is not None:
            self.client.force_login(user)
        self.visible = demo.visible_trainings(user)


class Matrix:
    """Collects every cell that disagrees, so that one run reports them all."""

    def __init__(self, demo):
        self.demo, self.wrong, self.cells = demo, [], 0
        self.personas = [Persona(user, demo) for user in [None, *User.objects.order_by("email")]]

    def check(self, persona, path, expected, actual):
        self.cells += 1
        if expected != actual:
            self.wrong.append(f"{persona.name} {path} : attendu {expected!r}, obtenu {actual!r}")

    def html(self, persona, path, **params):
        """The page's status and body; any link on it to a training the persona may not see is a wrong cell."""
        response = persona.client.get(path, params)
        body = response.content.decode() if response.status_code == 200 else ""
        leaked = {int(pk) for pk in TRAINING_LINK.findall(body)} - persona.visible
        shown = f"{path}?page={params['page']}" if "page" in params else path
        self.check(persona, f"{shown} (liens vers des formations invisibles)", set(), leaked)
        return response.status_code, body

    def paged_html(self, persona, path, links) -> set[int]:
        """Follows the pages of a list until one shows nothing new (a page too far gives the last one)."""
        found, number = set(), 1
        while True:
            status, body = self.html(persona, path, page=number)
            self.check(persona, f"{path}?page={number} (statut)", 200, status)
            page = {int(pk) for pk in links.findall(body)}
            if not page - found:
                return found
            found |= page
            number += 1

    def api_list(self, persona, path) -> tuple[dict, list[int]]:
        """Follows ``next``: the first page's body and every result's id."""
        first = body = persona.client.get(path).json()
        ids = [r["id"] for r in body["results"]]
        while body["next"]:
            body = persona.client.get(body["next"]).json()
            ids += [r["id"] for r in body["results"]]
        return first, ids

    def lists(self, persona):
        """The list paths: the catalogue page, the API (with its facets), each collection's page, the home page,
        the exports, the sessions one manages."""
        demo, visible = self.demo, persona.visible
        self.check(persona, "/catalogue/", visible, self.paged_html(persona, "/catalogue/", TRAINING_LINK))
        body, ids = self.api_list(persona, "/api/v1/trainings/")
        self.check(
            persona, "/api/v1/trainings/", (len(visible), sorted(visible)), (body["count"], sorted(ids))
        )
        facets = {
            param: {v["value"]: v["count"] for v in values if v["count"]}
            for param, values in body["facets"].items()
        }
        self.check(persona, "/api/v1/trainings/ (facettes)", expected_facets(demo, persona), facets)
        metier = {pk for pk in visible if demo.trainings[pk]["scope"] == Scope.METIER}
        _, ids = self.api_list(persona, "/api/v1/trainings/?scope=metier")
        self.check(persona, "/api/v1/trainings/?scope=metier", metier, set(ids))
        for slug, _ in sorted(demo.collections.values()):
            status, page = self.html(persona, f"/collections/{slug}/")
            expected = {
                pk for pk in visible if demo.collections[demo.trainings[pk]["collection_id"]][0] == slug
            }
            shown = {int(pk) for pk in TRAINING_LINK.findall(page)}
            self.check(persona, f"/collections/{slug}/", (200, expected), (status, shown))
        self.exports(persona, visible)
        self.html(persona, "/")
        if persona.user is not None:
            managed = {pk for pk in demo.sessions if demo.manages(persona.user, pk)}
            listed = self.paged_html(persona, "/gestion/sessions/", MANAGED_SESSION_LINK)
            self.check(persona, "/gestion/sessions/", managed, listed)

    def exports(self, persona, visible):
        """The CSV of the catalogue and the LHEO export hold exactly the trainings the persona may see."""
        response = persona.client.get("/api/v1/trainings/?format=csv")
        text = b"".join(response.streaming_content).decode("utf-8-sig")
        shown = {int(pk) for pk in CSV_TRAINING.findall(text)}
        self.check(persona, "/api/v1/trainings/?format=csv", (200, visible), (response.status_code, shown))
        response = persona.client.get("/api/v1/exports/lheo.xml")
        xml = b"".join(response.streaming_content).decode()
        shown = {int(pk) for pk in LHEO_NUMBER.findall(xml)}
        self.check(persona, "/api/v1/exports/lheo.xml", (200, visible), (response.status_code, shown))

    def details(self, index, pk):
        """One training's page (with its sessions), its API detail and the API's list of its sessions.

        The personas are grouped by the answer they must get: a 404, or the sessions they may see. While the demo
        is small (``EVERY_CELL_UP_TO``), every persona is asked. Beyond, one persona of each group is asked, a
        different one for each training (``index``): every training is read on every path with every distinct
        answer, and over the demo every persona reads as every other, at a cost that grows with the trainings, not
        with personas × trainings (the lists above still compare every persona with every training)."""
        demo, training = self.demo, self.demo.trainings[pk]
        sessions = sorted(s for s, values in demo.sessions.items() if values["training_id"] == pk)
        groups = defaultdict(list)
        for persona in self.personas:
            seen = None
            if pk in persona.visible:
                seen = frozenset(s for s in sessions if demo.session_visible(persona.user, s))
            groups[seen].append(persona)
        for seen, members in groups.items():
            for persona in self.asked(members, index, len(demo.trainings)):
                self.detail(persona, pk, training["slug"], seen)

    def asked(self, members, index, objects):
        """Every member of a group while personas × objects stays under ``EVERY_CELL_UP_TO``, else one, in turn."""
        if len(self.personas) * objects <= EVERY_CELL_UP_TO:
            return members
        return [members[index % len(members)]]

    def managed_session(self, index, pk):
        """A session's page under /gestion/: theirs for those who manage it, a 404 for the other accounts, the
        sign-in page for anonymous visitors. Grouped and asked as ``details`` does."""
        groups = defaultdict(list)
        for persona in self.personas:
            groups[persona.user is not None and self.demo.manages(persona.user, pk)].append(persona)
        for manages, members in groups.items():
            for persona in self.asked(members, index, len(self.demo.sessions)):
                status, _ = self.html(persona, f"/gestion/sessions/{pk}/")
                expected = 200 if manages else 302 if persona.user is None else 404
                self.check(persona, f"/gestion/sessions/{pk}/", expected, status)

    def detail(self, persona, pk, slug, seen):
        """``seen``: the sessions the persona may see, None when the training is not visible to them."""
        status, page = self.html(persona, f"/formations/{pk}-{slug}/")
        api = persona.client.get(f"/api/v1/trainings/{pk}/")
        api_sessions = persona.client.get(f"/api/v1/trainings/{pk}/sessions/", {"page_size": 100})
        if seen is None:
            expected = (404, set(), 404, 404, set())
        else:
            on_page = {s for s in seen if self.demo.sessions[s]["status"] != SessionStatus.ARCHIVED}
            expected = (200, on_page, 200, 200, set(seen))
        actual = (
            status,
            {int(s) for s in SESSION_CARD.findall(page)},
            api.status_code,
            api_sessions.status_code,
            {s["id"] for s in api_sessions.json()["results"]} if api_sessions.status_code == 200 else set(),
        )
        self.check(
            persona,
            f"formation {pk} (page, sessions de la page, API, API sessions, leurs ids)",
            expected,
            actual,
        )


def expected_facets(demo, persona) -> dict:
    """Each facet's counts over the trainings the persona may see, from the facets' definitions."""
    counts = defaultdict(lambda: defaultdict(int))
    open_registration = {
        s["training_id"]
        for pk, s in demo.sessions.items()
        if s["status"] == SessionStatus.REGISTRATION_OPEN and demo.session_visible(persona.user, pk)
    }
    for pk in persona.visible:
        t = demo.trainings[pk]
        counts["scope"][t["scope"]] += 1
        counts["modality"][t["modality"]] += 1
        counts["owner"][demo.organisations[t["owner_id"]][2]] += 1
        slug, parent = demo.collections[t["collection_id"]]
        counts["collection"][slug] += 1
        if parent is not None:  # a parent collection counts its sub-collections
            counts["collection"][demo.collections[parent][0]] += 1
        hours = t["duration_on_site_hours"] + t["duration_remote_hours"]
        band = next(name for name, high in DURATION_BANDS if high is None or hours < high)
        counts["duration"][band] += 1
        if pk in open_registration:
            counts["open_registration"]["1"] += 1
        if pk in demo.labelled:
            counts["label"]["1"] += 1
    return {param: dict(values) for param, values in counts.items()}


DURATION_BANDS = [("moins-de-3h", 3), ("3h-7h", 7), ("7h-21h", 21), ("21h-et-plus", None)]


def test_every_persona_reads_exactly_what_the_rules_allow_on_every_read_path(demo):
    matrix = Matrix(demo)
    for persona in matrix.personas:
        matrix.lists(persona)
    for index, pk in enumerate(sorted(demo.trainings)):
        matrix.details(index, pk)
    for index, pk in enumerate(sorted(demo.sessions)):
        matrix.managed_session(index, pk)
    assert matrix.wrong == [], f"{len(matrix.wrong)} cellules fausses sur {matrix.cells} :\n" + "\n".join(
        matrix.wrong
    )
