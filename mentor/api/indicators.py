"""GET /api/v1/indicators/: the indicators of the programme, with the filters of the dashboard page."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from mentor.offer.enums import Scope
from mentor.watch.indicators import Filters, compute

from .permissions import require


class MinistryRowSerializer(serializers.Serializer):
    ministry = serializers.CharField()
    registrations = serializers.IntegerField()
    waiting = serializers.IntegerField()
    cancellations = serializers.IntegerField()


class CriterionRowSerializer(serializers.Serializer):
    criterion = serializers.CharField()
    count = serializers.IntegerField()


class CollectionSatisfactionSerializer(serializers.Serializer):
    collection = serializers.CharField()
    answers = serializers.IntegerField()
    average = serializers.FloatField(help_text="Moyenne des cinq questions, sur 5.")


class MonthSatisfactionSerializer(serializers.Serializer):
    month = serializers.DateTimeField()
    answers = serializers.IntegerField()
    average = serializers.FloatField(help_text="Moyenne des cinq questions, sur 5.")


class IndicatorsSerializer(serializers.Serializer):
    filters = serializers.SerializerMethodField()
    published = serializers.IntegerField()
    in_design = serializers.IntegerField()
    in_review = serializers.IntegerField()
    archived = serializers.IntegerField()
    labelled_share = serializers.FloatField(allow_null=True)
    median_days_to_publication = serializers.FloatField(allow_null=True)
    objectives = serializers.IntegerField()
    objectives_covered = serializers.IntegerField()
    adoptions = serializers.IntegerField()
    sessions_held = serializers.IntegerField()
    seats_offered = serializers.IntegerField()
    registrations = serializers.IntegerField()
    waiting = serializers.IntegerField()
    cancellations = serializers.IntegerField()
    by_learner_ministry = MinistryRowSerializer(many=True)
    criteria_not_met = CriterionRowSerializer(many=True)
    labels_expiring = serializers.IntegerField()
    satisfaction_by_collection = CollectionSatisfactionSerializer(
        many=True, help_text="Seulement les collections d'au moins cinq réponses."
    )
    satisfaction_by_month = MonthSatisfactionSerializer(
        many=True, help_text="Seulement les mois d'au moins cinq réponses."
    )

    computed_at = serializers.DateTimeField(help_text="Quand ces chiffres ont été calculés.")
    renewing = serializers.BooleanField(
        help_text="Vrai quand des chiffres plus récents sont en cours de calcul, après un changement de l'offre."
    )

    def get_filters(self, result) -> dict[str, str]:
        return result.filters.as_params()


FILTERS = [
    OpenApiParameter(
        "collection", OpenApiTypes.INT, description="Collection (ses sous-collections comprises)."
    ),
    OpenApiParameter("ministry", OpenApiTypes.INT, description="Ministère de l'organisation productrice."),
    OpenApiParameter("scope", OpenApiTypes.STR, enum=Scope.values, description="Portée des formations."),
    OpenApiParameter("start", OpenApiTypes.DATE, description="Début de la période (AAAA-MM-JJ)."),
    OpenApiParameter("end", OpenApiTypes.DATE, description="Fin de la période (AAAA-MM-JJ)."),
]


class IndicatorsView(APIView):
    @extend_schema(
        summary="Indicateurs du programme",
        description=(
            "L'offre, son public et sa qualité, pour le périmètre de l'utilisateur : toute l'offre pour les "
            "administrateurs DGAFP, leurs collections pour les chefs de file, leur ministère pour les équipes "
            "Mentor. Les filtres inconnus ou mal formés sont ignorés."
        ),
        parameters=FILTERS,
        responses={200: IndicatorsSerializer},
        tags=["indicateurs"],
    )
    def get(self, request):
        require(request, "watch.watch_offer")
        result = compute(request.user, Filters.from_params(request.query_params))
        return Response(IndicatorsSerializer(result).data)
