"""The write API: partners synchronise their organisation's trainings and sessions by their own identifiers
(``external_id``), and move them through their workflows by explicit transitions. The same rules as the pages:
the permissions of the domain apps, the editorial workflow (``editorial/workflow.py``) and the session lifecycle
(``offer/sessions.py``), whose refusals come back as the structured French error of ``errors.py``."""

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from mentor.core.workflow import TransitionRefused
from mentor.editorial import access, sync, workflow
from mentor.editorial.transitions import REVIEW_DECISIONS
from mentor.editorial.transitions import TRANSITIONS as EDITORIAL_TRANSITIONS
from mentor.offer import sessions as lifecycle
from mentor.offer import sync as session_sync
from mentor.offer.models import Session
from mentor.organisations.models import Organisation

from .errors import Refused
from .permissions import CanWrite, require
from .write_serializers import (
    SessionStateSerializer,
    SessionSyncResultSerializer,
    SessionWriteSerializer,
    TrainingStateSerializer,
    TrainingSyncResultSerializer,
    TrainingWriteSerializer,
    TransitionRequestSerializer,
)

EXTERNAL_ID_PATTERN = r"[A-Za-z0-9._~-]{1,100}"
ORGANISATION_CODE = OpenApiParameter(
    "code",
    {"type": "string", "pattern": "^[A-Z0-9][A-Z0-9_-]*$"},
    OpenApiParameter.PATH,
    description="Code de l'organisation (par exemple DGFIP).",
)
EXTERNAL_ID = OpenApiParameter(
    "external_id",
    {"type": "string", "pattern": f"^{EXTERNAL_ID_PATTERN}$"},
    OpenApiParameter.PATH,
    description="Identifiant dans le système du partenaire : 100 caractères au plus, lettres sans accent, "
    "chiffres, « . », « _ », « ~ » et « - ».",
)
# The editorial transitions a partner fires by the API; the review decisions come with a quality review, on the
# review pages, as on the site.
TRAINING_ACTIONS = [name for name in EDITORIAL_TRANSITIONS if name not in REVIEW_DECISIONS]


def _organisation(code) -> Organisation:
    return get_object_or_404(Organisation.objects.all(), code=code)


def _training_state(training, user, **extra) -> dict:
    revision = access.open_revision(training) if training.status == "published" else None
    cycle = revision or workflow.editorial_file(training)
    return {
        "id": training.pk,
        "external_id": training.external_id,
        "title": training.title,
        "status": training.status,
        "revision_status": revision.status if revision else None,
        "transitions": [t.name for t in workflow.available(cycle, user)],
        **extra,
    }


def _session_state(session, user, **extra) -> dict:
    return {
        "id": session.pk,
        "external_id": session.external_id,
        "training": session.training_id,
        "status": session.status,
        "transitions": [t.name for t in lifecycle.available_transitions(session, user)],
        **extra,
    }


class TrainingByExternalIdView(APIView):
    permission_classes = [CanWrite]

    @extend_schema(
        summary="Créer ou mettre à jour une formation par son identifiant externe",
        description="Crée la formation en brouillon si l'organisation n'en a pas sous cet identifiant ; sinon "
        "modifie le brouillon, ou ouvre (ou modifie) la révision d'une formation publiée. Envoyer deux fois la "
        "même requête ne change rien la seconde fois (résultat « unchanged »).",
        parameters=[ORGANISATION_CODE, EXTERNAL_ID],
        request=TrainingWriteSerializer,
        responses={200: TrainingSyncResultSerializer, 201: TrainingSyncResultSerializer},
        tags=["synchronisation"],
    )
    def put(self, request, code, external_id):
        organisation = _organisation(code)
        require(request, "editorial.synchronise_trainings", organisation)
        data = TrainingWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            outcome = sync.upsert_training(organisation, external_id, data.validated_data, request.user)
        except TransitionRefused as refusal:
            raise Refused(str(refusal)) from refusal
        body = _training_state(outcome.training, request.user, result=outcome.result)
        return Response(
            body, status=status.HTTP_201_CREATED if outcome.result == "created" else status.HTTP_200_OK
        )


class TrainingTransitionView(APIView):
    permission_classes = [CanWrite]

    @extend_schema(
        summary="Faire avancer une formation dans le workflow éditorial",
        description="Soumettre à la relecture (submit), commencer la relecture (start_review), publier "
        "(publish), archiver (archive). S'applique à la révision en cours d'une formation publiée s'il y en a "
        "une. Un refus (409) donne la raison en français.",
        parameters=[
            OpenApiParameter(
                "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Identifiant de la formation."
            ),
            OpenApiParameter(
                "name",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                enum=TRAINING_ACTIONS,
                description="La transition.",
            ),
        ],
        request=TransitionRequestSerializer,
        responses={200: TrainingStateSerializer},
        tags=["synchronisation"],
    )
    def post(self, request, pk, name):
        training = get_object_or_404(access.trainings_followed_by(request.user), pk=pk)
        if name not in TRAINING_ACTIONS:
            raise NotFound()
        data = TransitionRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        subject = access.open_revision(training) if training.status == "published" else None
        try:
            workflow.fire(name, subject or training, request.user, data.validated_data.get("comment", ""))
        except TransitionRefused as refusal:
            raise Refused(str(refusal)) from refusal
        training.refresh_from_db()
        return Response(_training_state(training, request.user))


class SessionByExternalIdView(APIView):
    permission_classes = [CanWrite]

    @extend_schema(
        summary="Créer ou mettre à jour une session par son identifiant externe",
        description="Crée la session (en préparation) si l'organisation organisatrice n'en a pas sous cet "
        "identifiant, sinon la modifie. Le statut ne change que par les transitions. Envoyer deux fois la même "
        "requête ne change rien la seconde fois.",
        parameters=[ORGANISATION_CODE, EXTERNAL_ID],
        request=SessionWriteSerializer,
        responses={200: SessionSyncResultSerializer, 201: SessionSyncResultSerializer},
        tags=["synchronisation"],
    )
    def put(self, request, code, external_id):
        organiser = _organisation(code)
        require(request, "offer.synchronise_sessions", organiser)
        data = SessionWriteSerializer(
            data=request.data, trainings=session_sync.trainings_organisable_by(organiser).order_by("pk")
        )
        data.is_valid(raise_exception=True)
        try:
            outcome = session_sync.upsert_session(organiser, external_id, data.validated_data, request.user)
        except TransitionRefused as refusal:
            raise Refused(str(refusal)) from refusal
        body = _session_state(outcome.session, request.user, result=outcome.result)
        return Response(
            body, status=status.HTTP_201_CREATED if outcome.result == "created" else status.HTTP_200_OK
        )


class SessionTransitionView(APIView):
    permission_classes = [CanWrite]

    @extend_schema(
        summary="Faire avancer une session dans son cycle de vie",
        description="Ouvrir les inscriptions, démarrer, clore, reporter, annuler, archiver. Un refus (409) donne "
        "la raison en français.",
        parameters=[
            OpenApiParameter(
                "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Identifiant de la session."
            ),
            OpenApiParameter(
                "name",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                enum=list(lifecycle.TRANSITIONS),
                description="La transition.",
            ),
        ],
        request=None,
        responses={200: SessionStateSerializer},
        tags=["synchronisation"],
    )
    def post(self, request, pk, name):
        session = get_object_or_404(Session.objects.managed_by(request.user), pk=pk)
        if name not in lifecycle.TRANSITIONS:
            raise NotFound()
        try:
            session = lifecycle.apply_transition(session, name, request.user)
        except TransitionRefused as refusal:
            raise Refused(str(refusal)) from refusal
        return Response(_session_state(session, request.user))
