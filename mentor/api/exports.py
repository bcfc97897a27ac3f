"""Exports of the offer through the API: LHEO 2.3 (streamed XML) with the catalogue's filters and an incremental
``modified_since``."""

from datetime import UTC

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.views import APIView

from mentor.exchange import lheo_export
from mentor.offer.catalogue import CatalogueQuery, matching_trainings

from .trainings import catalogue_parameters

MODIFIED_SINCE = OpenApiParameter(
    "modified_since",
    OpenApiTypes.DATETIME,
    description="Seulement les formations modifiées depuis cette date (ISO 8601), pour une mise à jour "
    "incrémentale.",
)


def modified_since(request):
    raw = request.query_params.get("modified_since")
    if raw is None:
        return None
    try:
        moment = parse_datetime(raw)
        if moment is not None:
            # In UTC for the database: PostgreSQL refuses offsets beyond ±15:59, which ISO 8601 allows.
            moment = (moment if timezone.is_aware(moment) else timezone.make_aware(moment)).astimezone(UTC)
    except (ValueError, OverflowError):
        moment = None
    if moment is None:
        raise serializers.ValidationError(
            {
                "modified_since": [
                    "Indiquez une date et une heure au format ISO 8601, par exemple 2026-12-01T00:00:00+01:00."
                ]
            },
            code="invalid",
        )
    return moment


def exported_trainings(request):
    """The trainings the user may see that match the catalogue's filters of the request (and ``modified_since``),
    in the catalogue's order."""
    trainings = matching_trainings(request.user, CatalogueQuery.from_params(request.query_params))
    since = modified_since(request)
    if since is not None:
        trainings = trainings.filter(updated_at__gte=since)
    return trainings


class LheoExportView(APIView):
    @extend_schema(
        summary="L'offre visible au format LHEO 2.3",
        description="Document XML LHEO 2.3 (espace de noms http://lheo.gouv.fr/2.3) des formations que "
        "l'utilisateur peut voir — sans authentification, l'offre interministérielle publiée —, avec les filtres "
        "du catalogue. Envoyé en flux : toute l'offre peut être téléchargée.",
        parameters=[*catalogue_parameters(paging=False), MODIFIED_SINCE],
        responses={
            (200, "application/xml"): OpenApiResponse(OpenApiTypes.STR, description="Le document LHEO."),
        },
        tags=["échanges"],
    )
    def get(self, request):
        trainings = exported_trainings(request)
        response = StreamingHttpResponse(
            lheo_export.stream(trainings, request.user), content_type="application/xml; charset=utf-8"
        )
        response["Content-Disposition"] = 'inline; filename="offre-mentor-lheo.xml"'
        return response
