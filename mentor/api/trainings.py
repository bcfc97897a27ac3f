from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from mentor.offer.catalogue import ORDERINGS, CatalogueQuery, facet_definitions, search_catalogue
from mentor.offer.catalogue.cache import kept
from mentor.offer.models import Session, Training

from .serializers import (
    CatalogueSerializer,
    CatalogueTrainingSerializer,
    SessionSerializer,
    TrainingDetailSerializer,
)

PAGE_SIZE = 20
TRAINING_ID = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Identifiant de la formation."
)


def catalogue_parameters():
    """The catalogue's query parameters, facets included (an app may have registered more)."""
    return [
        OpenApiParameter(
            "q", OpenApiTypes.STR, description="Recherche plein texte (200 caractères au plus)."
        ),
        OpenApiParameter(
            "exact",
            OpenApiTypes.STR,
            enum=["1"],
            description="1 : chercher les mots tels qu'ils sont tapés, sans corriger les fautes de frappe.",
        ),
        OpenApiParameter("ordering", OpenApiTypes.STR, enum=ORDERINGS, description="Tri des résultats."),
        OpenApiParameter("page", OpenApiTypes.INT, description="Numéro de page (la dernière si trop grand)."),
        *(
            OpenApiParameter(
                d.param, {"type": "array", "items": {"type": "string"}}, explode=True, description=d.label
            )
            for d in facet_definitions()
        ),
    ]


class TrainingViewSet(viewsets.ViewSet):
    """The trainings the user may see (the visibility rule of the catalogue): anything else is a 404."""

    lookup_value_regex = r"[0-9]+"

    @extend_schema(
        summary="Rechercher dans le catalogue",
        parameters=catalogue_parameters(),
        responses={200: CatalogueSerializer},
        tags=["formations"],
    )
    def list(self, request):
        query = CatalogueQuery.from_params(request.query_params)
        # The whole body is kept with the search it renders (same audience, same generation of the catalogue):
        # its links are absolute, so it is kept per site address.
        body = kept(
            request.user,
            query,
            PAGE_SIZE,
            lambda: self._catalogue_body(request, query),
            part=f"api {request.build_absolute_uri('/')}",
        )
        return Response(body)

    def _catalogue_body(self, request, query):
        result = search_catalogue(request.user, query, PAGE_SIZE)
        page = result.page
        return {
            "count": result.count,
            "next": self._page_url(request, result.query, page.next_page_number())
            if page.has_next()
            else None,
            "previous": (
                self._page_url(request, result.query, page.previous_page_number())
                if page.has_previous()
                else None
            ),
            "results": CatalogueTrainingSerializer(
                page.object_list, many=True, context={"request": request}
            ).data,
            "facets": {
                facet.param: [
                    {"value": v.value, "label": v.label, "count": v.count, "selected": v.selected}
                    for v in facet.values
                ]
                for facet in result.facets
            },
        }

    @extend_schema(
        summary="Une formation",
        parameters=[TRAINING_ID],
        responses={200: TrainingDetailSerializer},
        tags=["formations"],
    )
    def retrieve(self, request, pk=None):
        training = self._training(request, pk)
        return Response(TrainingDetailSerializer(training, context={"request": request}).data)

    @extend_schema(
        summary="Les sessions d'une formation visibles par l'utilisateur",
        parameters=[TRAINING_ID],
        responses={200: SessionSerializer(many=True)},
        tags=["formations"],
    )
    @action(detail=True, methods=["get"])
    def sessions(self, request, pk=None):
        training = self._training(request, pk)
        sessions = (
            Session.objects.visible_to(request.user)
            .filter(training=training)
            .select_related("organiser")
            .order_by("starts_at", "pk")
        )
        return Response(SessionSerializer(sessions, many=True).data)

    def _training(self, request, pk):
        visible = Training.objects.visible_to(request.user).select_related("collection", "owner")
        return get_object_or_404(visible, pk=pk)

    def _page_url(self, request, query, number):
        return request.build_absolute_uri(f"{request.path}?{query.to_querystring(page=number)}")
