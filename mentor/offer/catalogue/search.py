import re
from dataclasses import dataclass, field, replace
from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import F, OuterRef, Subquery
from django.utils import timezone

from mentor.core.text import unaccent
from mentor.offer import search_index
from mentor.offer.models import Session, Training

from . import resident
from .audience import (
    NOT_UPCOMING_STATUSES,
    MinistryShare,
    Own,
    for_user,
    own_part,
    reserved_open,
    shared_by_ministry,
)
from .cache import kept
from .counting import facet_counts
from .facets import Facet, facet_definitions
from .query import CatalogueQuery

# The texts of the training page, never shown in a list of results.
LONG_TEXTS = ("description", "learning_outcomes", "content_outline", "prerequisites", "target_audience")


@dataclass
class CatalogueResult:
    query: CatalogueQuery  # with the page actually shown
    count: int
    page: Page
    facets: list[Facet]
    # Typed words no training holds -> the word searched instead (empty when nothing was corrected).
    corrections: dict[str, str] = field(default_factory=dict)

    @property
    def corrected_q(self) -> str:
        """What the user typed, each corrected word replaced by the word searched instead."""
        return re.sub(r"\w+", lambda m: self.corrections.get(unaccent(m.group()), m.group()), self.query.q)


@dataclass(frozen=True)
class Found:
    """What a search found: its number of results, its page and its facets."""

    count: int
    page_number: int
    # Of Training; their ``next_session_start`` is read by ``audience.own_part``, or annotated when ordered by it.
    trainings: list
    facets: list[Facet]
    # Corrected typed words -> the word searched instead, as the trainings found write it.
    corrections: dict[str, str] = field(default_factory=dict)
    # Found as a ministry's share: the trainings an agent's reserved sessions could add to the open-registration
    # count (see ``audience``).
    reserved_open: list[int] = field(default_factory=list)


def search_catalogue(user, query: CatalogueQuery, page_size: int = 20) -> CatalogueResult:
    """The trainings ``user`` may see that match ``query``, one page of them, and the facets with their counts.

    Everything starts from ``Training.objects.visible_to(user)``, counts included. Pages and the API keep what
    they render of a search (``kept_rendering``).
    """
    found = _search(user, query, page_size)
    return _result(query, page_size, found if query.ordering == "next_session" else for_user(found, user))


@dataclass(frozen=True)
class Rendered:
    """A rendering of a search kept for its audience (``kept_rendering``)."""

    body: Any
    training_ids: list[int]  # of the page, in order
    reserved_open: list[int]  # as ``Found.reserved_open``
    starts: dict | None  # the next sessions of the page when the search is kept with them, else None


def kept_rendering(user, query: CatalogueQuery, page_size: int, render, part: str):
    """``render(result)`` for ``user``'s search, kept until the catalogue changes (``cache``) for its audience
    (most searches of an agent for every agent of their ministry, ``audience``), and the user's own part of it
    (``audience.Own``), for the caller to fill in: ``render`` is given the trainings of the page without their
    next session (None) and the "open registration" count of the audience, and must leave both to be filled in.
    ``part`` names the rendering (see ``cache.kept``).

    Only what is ordered by next session is kept with the dates of sessions, for the user's entity; the rest
    without them, the next sessions of the page read for each user (``audience.own_part``)."""
    dated = query.ordering == "next_session"
    share = None if dated or not settings.CATALOGUE_CACHE_SECONDS else shared_by_ministry(user, query)
    searcher = share or user

    def render_search():
        found = _search(searcher, query, page_size)
        starts = {t.pk: t.next_session_start for t in found.trainings} if dated else None
        for training in found.trainings:
            training.next_session_start = None
        body = render(_result(query, page_size, found))
        return Rendered(body, [t.pk for t in found.trainings], found.reserved_open, starts)

    shared = f"ministry-{share.shared_ministry_id}" if share else ""
    rendered = kept(searcher, query, page_size, render_search, part=part, shared=shared, dated=dated)
    if rendered.starts is not None:
        return rendered.body, Own(rendered.starts)
    return rendered.body, own_part(user, rendered.training_ids, rendered.reserved_open)


def _result(query: CatalogueQuery, page_size: int, found: Found) -> CatalogueResult:
    paginator = Paginator([], page_size)
    paginator.count = found.count
    return CatalogueResult(
        query=replace(query, page=found.page_number),
        count=found.count,
        page=Page(found.trainings, found.page_number, paginator),
        facets=found.facets,
        corrections=found.corrections,
    )


def matching_trainings(user, query: CatalogueQuery):
    """Every training ``user`` may see that matches ``query`` (text and facets), unpaged and in the order of
    ``query``: what the exports (LHEO, CSV) give of a search. A queryset, for the caller to stream."""
    text = search_index.parse(query.q)
    visible = search_index.matching(Training.objects.visible_to(user), text)
    selected = {d.param: query.filters[d.param] for d in facet_definitions() if query.filters.get(d.param)}
    conditions = [d.condition(selected[d.param], user) for d in facet_definitions() if d.param in selected]
    return _ordered(visible.filter(*conditions), query.ordering, text, user)


def _search(user, query: CatalogueQuery, page_size: int) -> Found:
    """The count, the facets and the trainings of the page: counted and ranked by the resident index
    (``resident``) unless the order reads the dates of sessions or the process is still building it, then the
    rows of the page, with their next session only when ordered by it (otherwise ``audience.own_part`` reads the
    next sessions of the page for each user, what is rendered of the search being kept without them); when a
    typed word was corrected, one more query per corrected word to find how the trainings found write the
    correction."""
    text = search_index.parse(query.q, exact=query.exact)
    searched = None
    if query.ordering != "next_session" and settings.CATALOGUE_RESIDENT_INDEX:
        searched = resident.search(user, query, text, page_size)
    if searched is None:
        return _search_in_database(user, query, page_size, text)
    definitions = facet_definitions()
    facets = [
        Facet(d.param, d.label, d.values(searched.counts.get(d.param, {}), query.filters.get(d.param, [])))
        for d in definitions
    ]
    # Read into a dict: the default ordering by title would only make the database sort the page.
    rows = _listed(Training.objects.filter(pk__in=searched.ids).order_by()).in_bulk()
    corrections = {}
    if searched.count and text.corrections:
        corrections = search_index.spellings(
            search_index.matching(Training.objects.visible_to(user), text), text
        )
    return Found(
        count=searched.count,
        page_number=searched.page_number,
        trainings=[rows[pk] for pk in searched.ids if pk in rows],
        facets=facets,
        corrections=corrections,
        reserved_open=searched.reserved_open,
    )


def _search_in_database(user, query: CatalogueQuery, page_size: int, text) -> Found:
    """``_search`` in SQL, in a number of queries that does not depend on the number of results: the number of
    results and every facet count in one (``counting``), the ids of the page, its rows, and the labels of
    collections and owners."""
    visible = search_index.matching(Training.objects.visible_to(user), text)
    definitions = facet_definitions()
    selected = {d.param: query.filters[d.param] for d in definitions if query.filters.get(d.param)}
    conditions = {d.param: d.condition(selected[d.param], user) for d in definitions if d.param in selected}
    total, counts = facet_counts(
        visible,
        {d.param: d.group_expression(user) for d in definitions},
        {d.param for d in definitions if d.many_values},
        conditions,
    )
    facets = [
        Facet(d.param, d.label, d.values(counts[d.param], selected.get(d.param, []))) for d in definitions
    ]
    # The paginator orders the ids only, so that the database sorts narrow rows (read from an index where it can)
    # and reads the wide rows of one page, not of every result.
    results = visible.filter(*conditions.values())
    paginator = Paginator(
        _ordered(results, query.ordering, text, user).values_list("pk", flat=True), page_size
    )
    paginator.count = total
    page = paginator.get_page(query.page)
    # Two short queries: as one statement, PostgreSQL re-plans the page's ids as a join and reads every result's
    # wide row again.
    ids = list(page.object_list)
    rows = Training.objects.filter(pk__in=ids).order_by()  # read into a dict: nothing to sort
    rows = (with_next_session(rows, user) if query.ordering == "next_session" else _listed(rows)).in_bulk()
    return Found(
        count=paginator.count,
        page_number=page.number,
        trainings=[rows[pk] for pk in ids],
        facets=facets,
        corrections=search_index.spellings(visible, text) if total else {},
        reserved_open=reserved_open(results) if isinstance(user, MinistryShare) else [],
    )


def _next_session(user):
    """Start of the next session of the outer training that ``user`` may see. The outer training always comes
    from ``visible_to(user)``: a session only has to be open to them (see ``OpenRegistrationFacet``)."""
    return Subquery(
        Session.objects.open_to(user)
        .filter(training=OuterRef("pk"), starts_at__gte=timezone.now())
        .exclude(status__in=NOT_UPCOMING_STATUSES)
        .order_by("starts_at")
        .values("starts_at")[:1]
    )


def _listed(queryset):
    """The rows of a list of trainings: collection and owner joined, long texts left out."""
    # A list shows no long text: reading it for 20 rows would cost more than the rest of the query.
    return queryset.select_related("collection", "owner").defer(*LONG_TEXTS)


def with_next_session(queryset, user):
    """The rows of a list of trainings (``_listed``) and the start of the next session ``user`` may see
    (``next_session_start``)."""
    queryset = _listed(queryset)
    if "next_session_start" in queryset.query.annotations:  # already ordered by it
        return queryset
    return queryset.annotate(next_session_start=_next_session(user))


def _ordered(queryset, ordering, text, user):
    # Published trainings always have a date (a constraint says so): a plain descending order lets the database
    # read the (status, published_at) index backwards and stop after one page.
    newest = ("-published_at", "-pk")
    if ordering == "next_session":
        if "next_session_start" not in queryset.query.annotations:
            queryset = queryset.annotate(next_session_start=_next_session(user))
        return queryset.order_by(F("next_session_start").asc(nulls_last=True), *newest)
    if ordering == "relevance" and text:
        return search_index.with_rank(queryset, text).order_by("-search_rank", *newest)
    return queryset.order_by(*newest)
