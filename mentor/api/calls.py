"""Calls for projects in the API: the public fields of published calls (a draft is a 404, as for anyone who is
not the DGAFP on the site)."""

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.response import Response

from mentor.funding.models import Call, Criterion, RequiredDocument, Theme

CALL_ID = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Identifiant de l'appel."
)


class ThemeSerializer(serializers.ModelSerializer):
    collections = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = Theme
        fields = ["name", "collections"]


class DocumentSerializer(serializers.ModelSerializer):
    class Meta:
        model = RequiredDocument
        fields = ["name", "required"]


class CriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Criterion
        fields = ["name", "weight"]


class CallSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Call
        fields = [
            "id",
            "title",
            "year",
            "status",
            "opens_at",
            "closes_at",
            "envelope",
            "max_rate",
            "max_amount",
            "eligible_kinds",
            "requires_agreement",
            "url",
        ]

    def get_url(self, call) -> str:
        return self.context["request"].build_absolute_uri(call.get_absolute_url())


class CallDetailSerializer(CallSerializer):
    themes = ThemeSerializer(many=True, read_only=True)
    documents = DocumentSerializer(many=True, read_only=True)
    criteria = CriterionSerializer(many=True, read_only=True)

    class Meta(CallSerializer.Meta):
        fields = [*CallSerializer.Meta.fields, "description", "scale_max", "themes", "documents", "criteria"]


class CallViewSet(viewsets.ViewSet):
    lookup_value_regex = r"[0-9]+"

    @extend_schema(
        summary="Les appels à projets publiés",
        responses={200: CallSerializer(many=True)},
        tags=["appels à projets"],
    )
    def list(self, request):
        calls = Call.objects.public().order_by("-year", "-opens_at", "pk")
        return Response(CallSerializer(calls, many=True, context={"request": request}).data)

    @extend_schema(
        summary="Un appel à projets publié",
        parameters=[CALL_ID],
        responses={200: CallDetailSerializer},
        tags=["appels à projets"],
    )
    def retrieve(self, request, pk=None):
        call = get_object_or_404(
            Call.objects.public().prefetch_related("themes__collections", "documents", "criteria"), pk=pk
        )
        return Response(CallDetailSerializer(call, context={"request": request}).data)
