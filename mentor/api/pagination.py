"""Page-number pagination of the API's lists other than the catalogue (which pages its own search): 50 a page,
``page_size`` from 1 to 100, and the shape of a page for the schema."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema_serializer
from rest_framework import serializers
from rest_framework.pagination import PageNumberPagination

PAGE_PARAMETERS = [
    OpenApiParameter("page", OpenApiTypes.INT, description="Numéro de page."),
    OpenApiParameter(
        "page_size",
        {"type": "integer", "minimum": 1, "maximum": 100},
        description="Éléments par page, de 1 à 100 (50 par défaut).",
    ),
]


class Pages(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 100


def page_of(item_serializer, name: str):
    """The serializer of a page of ``item_serializer`` (count, next, previous, results), for the schema."""
    return extend_schema_serializer(many=False)(
        type(
            name + "Serializer",
            (serializers.Serializer,),
            {
                "count": serializers.IntegerField(),
                "next": serializers.URLField(allow_null=True),
                "previous": serializers.URLField(allow_null=True),
                "results": item_serializer(many=True),
            },
        )
    )


def paginated(request, view, queryset, item_serializer):
    pages = Pages()
    page = pages.paginate_queryset(queryset, request, view=view)
    return pages.get_paginated_response(item_serializer(page, many=True).data)
