"""An agent's own registrations: register to a session they may see (POST), cancel (DELETE), list them."""

from django.db import transaction
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from mentor.offer import registration as registrations
from mentor.offer.enums import ACTIVE_REGISTRATION_STATUSES
from mentor.offer.models import Registration, Session
from mentor.offer.registration import RegistrationRefused

from .errors import Refused
from .pagination import PAGE_PARAMETERS, page_of, paginated
from .permissions import CanWrite

SESSION_ID = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Identifiant de la session."
)


class RegistrationSerializer(serializers.ModelSerializer):
    training = serializers.IntegerField(
        source="session.training_id", help_text="Identifiant de la formation."
    )
    training_title = serializers.CharField(source="session.training.title")

    class Meta:
        model = Registration
        fields = ["id", "session", "training", "training_title", "status", "created_at"]


class MyRegistrationsView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Mes inscriptions",
        description="Les inscriptions de l'utilisateur, les plus récentes d'abord.",
        parameters=PAGE_PARAMETERS,
        responses={200: page_of(RegistrationSerializer, "RegistrationPage")},
        tags=["inscriptions"],
    )
    def get(self, request):
        mine = (
            Registration.objects.filter(user=request.user)
            .select_related("session__training")
            .order_by("-created_at", "-id")
        )
        return paginated(request, self, mine, RegistrationSerializer)


class SessionRegistrationView(APIView):
    permission_classes = [CanWrite]

    @extend_schema(
        summary="M'inscrire à une session",
        description="Confirmée s'il reste une place, en liste d'attente sinon, ou demande aux gestionnaires pour "
        "une session sur demande. Un refus (409) donne la raison.",
        parameters=[SESSION_ID],
        request=None,
        responses={201: RegistrationSerializer},
        tags=["inscriptions"],
    )
    def post(self, request, pk):
        session = get_object_or_404(Session.objects.visible_to(request.user), pk=pk)
        try:
            registration = registrations.register(session, request.user)
        except RegistrationRefused as refusal:
            raise Refused(str(refusal)) from refusal
        registration.session = session
        return Response(RegistrationSerializer(registration).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Annuler mon inscription à une session",
        parameters=[SESSION_ID],
        request=None,
        responses={204: OpenApiResponse(description="Inscription annulée.")},
        tags=["inscriptions"],
    )
    def delete(self, request, pk):
        registration = (
            Registration.objects.filter(
                user=request.user, session_id=pk, status__in=ACTIVE_REGISTRATION_STATUSES
            )
            .order_by("-id")
            .first()
        )
        if registration is None:
            raise NotFound()
        try:
            with transaction.atomic():
                registrations.cancel(registration, by=request.user)
        except RegistrationRefused as refusal:
            raise Refused(str(refusal)) from refusal
        return Response(status=status.HTTP_204_NO_CONTENT)
