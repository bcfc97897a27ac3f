"""The write API: upserts by external_id (idempotent), editorial and session transitions through the same guards
as the pages, and the permissions of each write endpoint for each role."""

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from rest_framework.test import APIClient

from mentor.accounts.api_tokens import create_token
from mentor.accounts.enums import Role
from mentor.core import generations
from mentor.editorial.models import TrainingRevision, TransitionLog
from mentor.offer.catalogue.cache import GENERATION
from mentor.offer.enums import SessionStatus
from mentor.offer.models import Session, SessionTransitionLog, Training
from tests.factories import MembershipFactory, SessionFactory, TrainingFactory, UserFactory

BODY = {
    "title": "Piloter un projet de données",
    "collection": "numerique",
    "scope": "metier",
    "teaser": "Mener un projet de données de bout en bout.",
    "description": "Les étapes d'un projet de données.",
    "learning_outcomes": "Conduire un projet de données.",
    "target_audience": "Les chefs de projet.",
    "contact_email": "formation@dgfip.gouv.fr",
    "modality": "e_learning",
    "duration_remote_hours": "3.50",
    "keywords": "données, projet",
    "delivery_url": "https://mentor.gouv.fr/course/view.php?id=7",
}


def api(user=None):
    client = APIClient()
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {create_token(user, 'synchronisation')[1]}")
    return client


def training_url(code="DGFIP", external_id="PRJ-1"):
    return reverse("api:training-by-external-id", kwargs={"code": code, "external_id": external_id})


def session_url(code="DGFIP", external_id="S-1"):
    return reverse("api:session-by-external-id", kwargs={"code": code, "external_id": external_id})


def transition(training, name):
    return reverse("api:training-transition", kwargs={"pk": training.pk, "name": name})


def put(client, url, body, django_capture_on_commit_callbacks):
    """A PUT whose commit callbacks run, as after a real commit (the catalogue's generation changes there)."""
    with django_capture_on_commit_callbacks(execute=True):
        return client.put(url, body, format="json")


def with_objectives(world):
    return {**BODY, "covered_objectives": [world.objectives[0].pk]}


def test_a_designer_creates_a_draft_then_the_same_request_changes_nothing(
    world, django_capture_on_commit_callbacks
):
    client = api(world.designer)
    created = put(client, training_url(), with_objectives(world), django_capture_on_commit_callbacks)
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["result"] == "created"
    assert body["status"] == "draft"
    assert body["transitions"] == ["submit"]
    training = Training.objects.get(pk=body["id"])
    assert (training.owner, training.external_id, training.title) == (world.owner, "PRJ-1", BODY["title"])
    assert list(training.designers.all()) == [world.designer]
    state = (
        training.history.count(),
        TransitionLog.objects.count(),
        generations.current(GENERATION),
        training.updated_at,
    )

    again = put(client, training_url(), with_objectives(world), django_capture_on_commit_callbacks)
    assert again.status_code == 200
    assert again.json()["result"] == "unchanged"
    training.refresh_from_db()
    assert (
        training.history.count(),
        TransitionLog.objects.count(),
        generations.current(GENERATION),
        training.updated_at,
    ) == state
    assert Training.objects.filter(external_id="PRJ-1").count() == 1

    changed = put(
        client, training_url(), {**BODY, "title": "Piloter un projet"}, django_capture_on_commit_callbacks
    )
    assert changed.json()["result"] == "updated"
    training.refresh_from_db()
    assert training.title == "Piloter un projet"
    assert training.history.count() == state[0] + 1
    # A draft is in no audience's catalogue: changing it keeps every search kept.
    assert generations.current(GENERATION) == state[2]


def test_the_same_external_id_in_two_organisations_is_two_trainings(world):
    MembershipFactory(user=world.designer, organisation=world.other_ministry, role=Role.DESIGNER)
    assert api(world.designer).put(training_url(), BODY, format="json").status_code == 201
    assert api(world.designer).put(training_url("MI"), BODY, format="json").status_code == 201
    assert Training.objects.filter(external_id="PRJ-1").count() == 2


def test_a_published_training_is_changed_through_one_revision(world):
    training = world.publish_metier()
    training.external_id = "PUB-1"
    training.save()
    client = api(world.designer)
    url = training_url(external_id="PUB-1")
    same = {
        "title": training.title,
        "collection": "numerique",
        "scope": "metier",
        "teaser": training.teaser,
    }
    assert client.put(url, same, format="json").json()["result"] == "unchanged"
    assert not TrainingRevision.objects.exists()

    revised = client.put(url, {**same, "teaser": "Nouvelle accroche."}, format="json").json()
    assert revised["result"] == "revised"
    assert revised["status"] == "published"
    assert revised["revision_status"] == "draft"
    training.refresh_from_db()
    assert training.teaser != "Nouvelle accroche."  # the published version stays online
    revision = TrainingRevision.objects.get()
    assert revision.values["teaser"] == "Nouvelle accroche."
    logs = TransitionLog.objects.count()
    assert (
        client.put(url, {**same, "teaser": "Nouvelle accroche."}, format="json").json()["result"]
        == "unchanged"
    )
    assert (TrainingRevision.objects.count(), TransitionLog.objects.count()) == (1, logs)

    moved = client.put(url, {**same, "scope": "transverse"}, format="json")
    assert moved.status_code == 409
    assert moved.json()["code"] == "refused"
    assert "ne changent plus" in moved.json()["message"]

    submitted = client.post(transition(training, "submit"), {}, format="json")
    assert submitted.status_code == 200
    assert submitted.json()["revision_status"] == "submitted"
    refused = client.put(url, {**same, "teaser": "Encore."}, format="json")
    assert refused.status_code == 409
    assert refused.json()["message"] == (
        "Sa révision est en cours de relecture : attendez la décision pour la modifier."
    )


def test_transitions_go_through_the_workflow_and_its_guard(world):
    client = api(world.designer)
    incomplete = client.put(
        training_url(), {"title": "À compléter", "collection": "numerique"}, format="json"
    )
    training = Training.objects.get(pk=incomplete.json()["id"])
    refused = client.post(transition(training, "submit"), {}, format="json")
    assert refused.status_code == 409
    assert refused.json()["message"].startswith("La formation ne peut pas être soumise : ")
    assert not TransitionLog.objects.filter(training=training).exists()

    assert client.put(training_url(), with_objectives(world), format="json").json()["result"] == "updated"
    submitted = client.post(transition(training, "submit"), {}, format="json")
    assert submitted.status_code == 200
    assert submitted.json()["status"] == "submitted"
    assert TransitionLog.objects.get(training=training).transition == "submit"
    # A submitted training is not changed by a synchronisation.
    locked = client.put(training_url(), {**BODY, "title": "Autre"}, format="json")
    assert locked.status_code == 409
    assert "Soumise" in locked.json()["message"]
    # The designer cannot review it; the Mentor team can start the review.
    assert client.post(transition(training, "start_review"), {}, format="json").status_code == 409
    review = api(world.team).post(transition(training, "start_review"), {}, format="json")
    assert review.json()["status"] == "in_review"
    # Decisions come with a quality review, on the review pages.
    assert api(world.team).post(transition(training, "approve"), {}, format="json").status_code == 404


def test_a_training_outside_ones_reach_is_a_404(world):
    training = world.training()
    for user in (world.outsider, UserFactory()):
        response = api(user).post(transition(training, "submit"), {}, format="json")
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"


@pytest.mark.parametrize(
    ("who", "expected"),
    [("designer", 201), ("team", 201), ("admin", 201), ("outsider", 403), ("lead_reviewer", 403)],
)
def test_who_may_synchronise_an_organisations_trainings(world, who, expected):
    response = api(getattr(world, who)).put(training_url(), BODY, format="json")
    assert response.status_code == expected
    if expected == 403:
        assert response.json() == {
            "code": "permission_denied",
            "message": "Seuls les concepteurs et l'équipe Mentor de la direction générale des finances publiques "
            "peuvent synchroniser ses formations.",
        }
        assert not Training.objects.exists()


def test_anonymous_and_unknown_organisations(world):
    assert api().put(training_url(), BODY, format="json").status_code == 401
    assert api(world.designer).put(training_url("NOPE"), BODY, format="json").status_code == 404


def test_bad_input_is_a_structured_400_and_writes_nothing(world):
    response = api(world.designer).put(
        training_url(), {**BODY, "collection": "inconnue", "duration_remote_hours": "-1"}, format="json"
    )
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"collection", "duration_remote_hours"}
    assert not Training.objects.exists()


def test_a_session_manager_synchronises_sessions_and_moves_them(world, django_capture_on_commit_callbacks):
    training = world.publish_metier()
    manager = world.user("gestion@dgfip.gouv.fr", world.owner, Role.SESSION_MANAGER)
    client = api(manager)
    body = {
        "training": training.pk,
        "title": "Session de printemps",
        "starts_at": "2030-03-02T09:00:00+01:00",
        "ends_at": "2030-03-03T17:00:00+01:00",
        "capacity": 12,
        "place": "Paris",
    }
    created = put(client, session_url(), body, django_capture_on_commit_callbacks)
    assert created.status_code == 201, created.json()
    assert created.json()["status"] == "in_preparation"
    assert "open_registration" in created.json()["transitions"]
    session = Session.objects.get(external_id="S-1")
    generation = generations.current(GENERATION)
    again = put(client, session_url(), body, django_capture_on_commit_callbacks)
    assert again.json()["result"] == "unchanged"
    assert generations.current(GENERATION) == generation
    assert (
        put(client, session_url(), {**body, "capacity": 15}, django_capture_on_commit_callbacks).json()[
            "result"
        ]
        == "updated"
    )

    url = reverse("api:session-transition", kwargs={"pk": session.pk, "name": "open_registration"})
    opened = client.post(url)
    assert opened.json()["status"] == SessionStatus.REGISTRATION_OPEN
    assert SessionTransitionLog.objects.filter(session=session).count() == 1
    refused = client.post(reverse("api:session-transition", kwargs={"pk": session.pk, "name": "complete"}))
    assert refused.status_code == 409
    assert refused.json()["message"] == (
        "« Clore la session » est impossible : la session est au statut « inscriptions ouvertes »."
    )
    # Someone who does not manage it: 404 for the transition, 403 for the synchronisation.
    assert api(world.outsider).post(url).status_code == 404
    assert api(world.designer).put(session_url(), body, format="json").status_code == 403


def test_a_session_needs_dates_unless_permanent_and_a_training_of_its_organiser(world):
    manager = world.user("gestion@dgfip.gouv.fr", world.owner, Role.SESSION_MANAGER)
    foreign = SessionFactory().training
    own = world.publish_metier()
    undated = api(manager).put(session_url(), {"training": own.pk}, format="json")
    assert undated.status_code == 400
    assert undated.json()["errors"]["non_field_errors"][0]["message"] == (
        "Une session qui n'est pas permanente a une date de début et une date de fin."
    )
    permanent = api(manager).put(session_url(), {"training": own.pk, "is_permanent": True}, format="json")
    assert permanent.status_code == 201
    other = api(manager).put(
        session_url("DGFIP", "S-2"), {"training": foreign.pk, "is_permanent": True}, format="json"
    )
    assert other.status_code == 400
    assert "training" in other.json()["errors"]


def test_the_readme_example_works_on_the_demo_data(db):
    call_command("load_reference_data")
    call_command("load_demo_data")
    token = APIClient().post(
        reverse("api:token"),
        {"email": "conceptrice@dgfip.finances.gouv.fr", "password": "mentor-demo-2026", "name": "Mon LMS"},
        format="json",
    )
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.json()['token']}")
    body = {
        "title": "Le RGPD au quotidien",
        "collection": "numerique-et-systemes-d-information-et-de-communication",
        "scope": "metier",
        "teaser": "Protéger les données personnelles.",
        "modality": "e_learning",
    }
    url = training_url("DGFIP", "RGPD-01")
    assert client.put(url, body, format="json").status_code == 201
    assert client.put(url, body, format="json").json()["result"] == "unchanged"


def test_the_database_refuses_two_trainings_or_sessions_with_one_external_id_in_one_organisation(world):
    TrainingFactory(owner=world.owner, collection=world.collection, external_id="DOUBLE")
    with pytest.raises(IntegrityError), transaction.atomic():
        TrainingFactory(owner=world.owner, collection=world.collection, external_id="DOUBLE")
    # Without an external identifier, as many as wanted.
    TrainingFactory(owner=world.owner, collection=world.collection)
    TrainingFactory(owner=world.owner, collection=world.collection)
    session = SessionFactory(organiser=world.owner, external_id="S-DOUBLE")
    with pytest.raises(IntegrityError), transaction.atomic():
        SessionFactory(organiser=world.owner, training=session.training, external_id="S-DOUBLE")
