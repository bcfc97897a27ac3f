"""What a catalogue search found, kept in Django's cache (Redis in production, see README) per audience.

The same search by two agents of one entity finds the same thing: every rule of the catalogue reads the user only
through their attachment entity (``visible_to`` through its ministry, ``Session.open_to`` through its line of
organisations). Anonymous visitors and unattached users are one audience. What is kept is the count, the facets and
the trainings of the page (with their next session).

Keys hold the generation of the catalogue (``core.generations``), given a new token after every committed change
of what a search reads (``invalidation``), and today's date (labels expire by date). What depends on the hour
alone (the order by next session) is kept ``CATALOGUE_CACHE_SECONDS`` at most.
"""

import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from mentor.core import generations

from .facets import Facet

GENERATION = "catalogue"


@dataclass(frozen=True)
class Found:
    count: int
    page_number: int
    trainings: list  # of Training, annotated with ``next_session_start``
    facets: list[Facet]
    # Corrected typed words -> the word searched instead, as the trainings found write it.
    corrections: dict[str, str] = field(default_factory=dict)


def catalogue_changed(using: str = "default") -> None:
    """Searches made from now on (after the current transaction commits) see the change."""
    generations.bump(GENERATION, using)


def audience(user) -> str:
    if not user.is_authenticated or not user.entity_id:
        return "public"
    return f"entity-{user.entity_id}"


def kept(user, query, page_size: int, compute, part: str = "found"):
    """``compute()`` for this user and search, or what it returned before when nothing the catalogue reads has
    changed since. ``part`` tells apart what different callers keep for the same search: the search itself
    (``Found``), or a rendering of it (the API keeps its response body)."""
    seconds = settings.CATALOGUE_CACHE_SECONDS
    if not seconds:
        return compute()
    asked = f"{part} {query.to_querystring(page=query.page)}&size={page_size}"
    key = ":".join(
        (
            "catalogue",
            generations.current(GENERATION),
            audience(user),
            timezone.localdate().isoformat(),
            hashlib.sha256(asked.encode()).hexdigest(),
        )
    )
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    return value
