import hashlib
import json

from django.db.models import F
from django.shortcuts import get_object_or_404
from django.utils.http import parse_etags, quote_etag
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from mentor.exchange.csv_export import csv_response
from mentor.offer.catalogue import (
    ORDERINGS,
    CatalogueQuery,
    facet_definitions,
    kept_rendering,
    matching_trainings,
)
from mentor.offer.catalogue.builtin_facets import OpenRegistrationFacet
from mentor.offer.models import Session, Training

from .pagination import PAGE_PARAMETERS, page_of, paginated
from .serializers import (
    CatalogueSerializer,
    CatalogueTrainingSerializer,
    SessionSerializer,
    TrainingDetailSerializer,
    fields_of,
)

SessionPageSerializer = page_of(SessionSerializer, "SessionPage")
PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
TRAINING_ID = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Identifiant de la formation."
)


def catalogue_parameters(paging=True):
    """The catalogue's query parameters, facets included (an app may have registered more)."""
    pages = [
        OpenApiParameter("page", OpenApiTypes.INT, description="Numéro de page (la dernière si trop grand)."),
        OpenApiParameter(
            "page_size",
            {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": PAGE_SIZE},
            description=f"Nombre de formations par page, de 1 à {MAX_PAGE_SIZE} ({PAGE_SIZE} par défaut).",
        ),
    ]
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
        *(pages if paging else []),
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
        description="Une page de résultats et les facettes ; avec format=csv, tous les résultats en CSV (UTF-8 "
        "avec BOM, séparateur « ; »), envoyés en flux.",
        parameters=[
            *catalogue_parameters(),
            OpenApiParameter(
                "format",
                OpenApiTypes.STR,
                enum=["json", "csv"],
                description="json (par défaut) : une page ; csv : tous les résultats, une ligne par formation.",
            ),
        ],
        responses={
            (200, "application/json"): CatalogueSerializer,
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="Les résultats en CSV."),
        },
        tags=["formations"],
    )
    def list(self, request):
        query = CatalogueQuery.from_params(request.query_params)
        if request.query_params.get("format") == "csv":
            return csv_response(matching_trainings(request.user, query), request.user)
        page_size = page_size_of(request)
        # The whole body is kept with the search it renders (same audience, same generation of the catalogue),
        # the user's own part filled in: its links are absolute, so it is kept per site address.
        body, own = kept_rendering(
            request.user,
            query,
            page_size,
            lambda result: self._catalogue_body(request, result),
            part=f"api {request.build_absolute_uri('/')}",
        )
        return Response(_with_own_part(body, own))

    def _catalogue_body(self, request, result):
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
        description="Avec l'en-tête If-None-Match d'une réponse précédente (son ETag), 304 sans corps quand "
        "rien n'a changé.",
        parameters=[
            TRAINING_ID,
            OpenApiParameter(
                "If-None-Match",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                description="L'ETag d'une réponse précédente.",
            ),
            OpenApiParameter(
                "ETag",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                response=[200, 304],
                description="Empreinte de cette version de la formation.",
            ),
        ],
        responses={
            200: TrainingDetailSerializer,
            304: OpenApiResponse(description="Inchangée depuis l'ETag."),
        },
        tags=["formations"],
    )
    def retrieve(self, request, pk=None):
        training = self._training(request, pk)
        body = TrainingDetailSerializer(training, context={"request": request}).data
        # The fingerprint of what this user receives: the same training reads the same for everyone who sees it.
        etag = quote_etag(
            hashlib.sha256(json.dumps(body, sort_keys=True, default=str).encode()).hexdigest()[:32]
        )
        if etag in parse_etags(request.headers.get("If-None-Match", "")):
            response = Response(status=status.HTTP_304_NOT_MODIFIED)
        else:
            response = Response(body)
        response["ETag"] = etag
        return response

    @extend_schema(
        summary="Les sessions d'une formation visibles par l'utilisateur",
        description="Les sessions par date de début (les sessions permanentes, sans date, à la fin), par pages de "
        "50 (page_size jusqu'à 100).",
        parameters=[TRAINING_ID, *PAGE_PARAMETERS],
        responses={200: SessionPageSerializer},
        tags=["formations"],
    )
    @action(detail=True, methods=["get"])
    def sessions(self, request, pk=None):
        training = self._training(request, pk)
        sessions = (
            Session.objects.visible_to(request.user)
            .filter(training=training)
            .select_related("organiser")
            # Stated, as SQLite and PostgreSQL do not put NULL on the same side.
            .order_by(F("starts_at").asc(nulls_last=True), "pk")
        )
        return paginated(request, self, sessions, SessionSerializer)

    def _training(self, request, pk):
        visible = Training.objects.visible_to(request.user).select_related("collection", "owner")
        return get_object_or_404(visible, pk=pk)

    def _page_url(self, request, query, number):
        querystring = query.to_querystring(page=number)
        if "page_size" in request.query_params:
            querystring = "&".join(filter(None, [querystring, f"page_size={page_size_of(request)}"]))
        return request.build_absolute_uri(f"{request.path}?{querystring}")


def page_size_of(request) -> int:
    """The ``page_size`` asked for, 20 by default; anything but a whole number from 1 to 100 is a 400."""
    raw = request.query_params.get("page_size")
    if raw is None:
        return PAGE_SIZE
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE_SIZE:
        raise serializers.ValidationError(
            {"page_size": [f"Indiquez un nombre entier de 1 à {MAX_PAGE_SIZE}."]}, code="invalid"
        )
    return int(raw)


def _with_own_part(body: dict, own) -> dict:
    """A catalogue body kept for its audience with the user's own part (``offer.catalogue.audience.Own``): the
    next session of each training and the "open registration" count."""
    start = fields_of(CatalogueTrainingSerializer)["next_session_start"]
    results = [
        {**training, "next_session_start": start.to_representation(own.starts[training["id"]])}
        if training["id"] in own.starts
        else training
        for training in body["results"]
    ]
    facets = body["facets"]
    if own.open_added:
        facets = {
            **facets,
            OpenRegistrationFacet.param: [
                {**value, "count": value["count"] + own.open_added}
                for value in facets[OpenRegistrationFacet.param]
            ],
        }
    return {**body, "results": results, "facets": facets}
