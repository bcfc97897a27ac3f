"""The catalogue page. Search, facets and their counts come from ``mentor.offer.catalogue``; this view only
turns them into a page whose filters live in the URL, so that it works without JavaScript and can be shared."""

from types import SimpleNamespace

from django.http import QueryDict
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse

from mentor.editorial.labels import attach_valid_labels
from mentor.offer.catalogue import CatalogueQuery, kept_rendering
from mentor.offer.catalogue.builtin_facets import OpenRegistrationFacet

from .own_part import filled

ORDERING_LABELS = [
    ("relevance", "Pertinence"),
    ("newest", "Les plus récentes"),
    ("next_session", "Prochaine session"),
]
PAGE_SIZE = 20


def catalogue(request):
    query = CatalogueQuery.from_params(request.GET)
    # Everything below the header is decided by the search, but for the user's own part (next sessions, "open
    # registration" count): it is kept rendered with the search, for the same audience and until the same change
    # of the catalogue (as the API keeps its body), so that a search already made costs no rendering of its
    # results; the user's own part is filled in.
    results, own = kept_rendering(request.user, query, PAGE_SIZE, _results, part="page")
    return render(request, "www/catalogue/catalogue.html", {"query": query, "results": filled(results, own)})


def _results(result):
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
        "open_registration_param": OpenRegistrationFacet.param,
        "clear_url": "?" + shown.to_querystring(filters={}, page=1),
        "exact_querystring": shown.to_querystring(exact=True, page=1),
        # Every result with the active filters, not only this page.
        "csv_url": reverse("api:training-list")
        + "?"
        + "&".join(filter(None, [shown.to_querystring(page=1), "format=csv"])),
        # django-dsfr's pagination builds its links from the request's parameters: it is given the search's own,
        # so that what is kept for everyone holds nothing else a visitor put in the address.
        "request": SimpleNamespace(GET=QueryDict(shown.to_querystring())),
    }
    return render_to_string("www/catalogue/includes/results.html", context)
