"""POST /api/v1/trainings/similar/: the trainings of the whole offer most like a draft's texts. A training the
user could not otherwise see shows its title, owner organisation and status only (``watch.disclosure``)."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from mentor.offer.enums import TrainingStatus
from mentor.watch.lookup import DRAFT_FIELDS, similar_to_texts

from .permissions import require


class DraftSerializer(serializers.Serializer):
    title = serializers.CharField(required=False, allow_blank=True, max_length=255, label="intitulé")
    teaser = serializers.CharField(required=False, allow_blank=True, max_length=300, label="accroche")
    description = serializers.CharField(
        required=False, allow_blank=True, max_length=20_000, label="description"
    )
    learning_outcomes = serializers.CharField(
        required=False, allow_blank=True, max_length=10_000, label="objectifs pédagogiques"
    )
    limit = serializers.IntegerField(required=False, default=10, min_value=1, max_value=50, label="nombre")

    def validate(self, data):
        if not any((data.get(name) or "").strip() for name in DRAFT_FIELDS):
            raise serializers.ValidationError(
                "Donnez au moins l'un des textes : title, teaser, description ou learning_outcomes.",
                code="empty",
            )
        return data


class SimilarTrainingSerializer(serializers.Serializer):
    id = serializers.IntegerField(
        allow_null=True, help_text="Absent (null) pour une formation que vous ne pouvez pas consulter."
    )
    title = serializers.CharField()
    owner_organisation = serializers.CharField()
    status = serializers.ChoiceField(choices=TrainingStatus.choices)
    score = serializers.FloatField(help_text="Similarité entre 0 et 1.")
    likely_duplicate = serializers.BooleanField()
    shared_terms = serializers.ListField(child=serializers.CharField())


class SimilarResultsSerializer(serializers.Serializer):
    results = SimilarTrainingSerializer(many=True)


class SimilarTrainingsView(APIView):
    @extend_schema(
        summary="Formations similaires à un projet",
        description=(
            "Les formations de toute l'offre (publiées ou en cours de conception, de toutes les organisations) "
            "les plus proches des textes donnés. Une formation que vous ne pouvez pas consulter ne montre que "
            "son intitulé, son organisation productrice et son statut. Réservé aux concepteurs, aux équipes "
            "Mentor, aux chefs de file et aux administrateurs DGAFP."
        ),
        request=DraftSerializer,
        responses={200: SimilarResultsSerializer},
        tags=["formations"],
    )
    def post(self, request):
        require(request, "watch.look_for_similar")
        draft = DraftSerializer(data=request.data)
        draft.is_valid(raise_exception=True)
        results = similar_to_texts(request.user, draft.validated_data, draft.validated_data["limit"])
        return Response({"results": SimilarTrainingSerializer(results, many=True).data})
