"""The catalogue page. Search, facets and their counts come from ``mentor.offer.catalogue``; this view only
turns them into a page whose filters live in the URL, so that it works without JavaScript and can be shared."""

from django.shortcuts import render
from django.urls import reverse

from mentor.editorial.labels import attach_valid_labels
from mentor.offer.catalogue import CatalogueQuery, search_catalogue

ORDERING_LABELS = [
    ("relevance", "Pertinence"),
    ("newest", "Les plus récentes"),
    ("next_session", "Prochaine session"),
]
PAGE_SIZE = 20


def catalogue(request):
    query = CatalogueQuery.from_params(request.GET)
    result = search_catalogue(request.user, query, page_size=PAGE_SIZE)
    page = result.page
    attach_valid_labels(page.object_list)
    # django-dsfr's pagination shows this elided range of page numbers.
    page.pages_list = list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
    shown = result.query
    active_filters = [
        {
            "facet": facet.label,
            "label": value.label,
            "remove_url": "?" + shown.toggled(facet.param, value.value).to_querystring(),
        }
        for facet in result.facets
        for value in facet.values
        if value.selected
    ]
    context = {
        "query": shown,
        "result": result,
        "page_obj": page,
        "facets": [facet for facet in result.facets if facet.values],
        "active_filters": active_filters,
        "orderings": ORDERING_LABELS,
        "clear_url": "?" + shown.to_querystring(filters={}, page=1),
        "exact_querystring": shown.to_querystring(exact=True, page=1),
        # Every result with the active filters, not only this page.
        "csv_url": reverse("api:training-list")
        + "?"
        + "&".join(filter(None, [shown.to_querystring(page=1), "format=csv"])),
    }
    return render(request, "www/catalogue/catalogue.html", context)
