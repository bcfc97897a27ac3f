"""What the catalogue renders of a search (its page, the API's body), kept in Django's cache (Redis in production,
see README) per audience.

The same search by two agents of one entity finds the same thing: every rule of the catalogue reads the user only
through their attachment entity (``visible_to`` through its ministry, ``Session.open_to`` through its line of
organisations). Anonymous visitors and unattached users are one audience; most searches of an agent are kept for
their whole ministry (``audience``), and what is the user's own is filled in by the caller (``search.kept_rendering``).

Keys hold the generations of what the audience sees (``core.generations``), given a new token after every
committed change of what a search reads (``invalidation``), and today's date (labels expire by date). What depends
on the hour alone (the order by next session) is kept ``CATALOGUE_CACHE_SECONDS`` at most.

Generations, so that a write renews only the entries it can change: the whole catalogue's, read by every
audience; one per ministry, read by the agents attached in that ministry alone; the sessions', read only by
what is kept with the dates of sessions (the order by next session); and the reserved sessions', read only by what
is kept for the line of organisations of an entity (``kept_for_line``). A change that only one ministry's agents can
see (a ministry-specific training of theirs, the opening of its sessions, an adoption by one of their
organisations) renews the ministry's generation and leaves every other audience's entries in place. A session's
new dates renew the sessions' generation alone: what is kept without dates (``dated=False``: its callers read the
next sessions of the page afresh, see ``audience.own_part``) stays.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db.models import CharField, Q, Subquery, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from mentor.core import generations
from mentor.core.models import Generation
from mentor.organisations.models import Organisation

from . import resident

GENERATION = "catalogue"
MINISTRY_GENERATION = "catalogue:ministry:"
SESSIONS_GENERATION = "catalogue:sessions"
RESERVED_GENERATION = "catalogue:reserved"


def catalogue_changed(using: str = "default", training_ids=None) -> None:
    """Searches of every audience made from now on (after the current transaction commits) see the change:
    of ``training_ids``, or of anything (None) the resident index holds."""
    generations.bump(GENERATION, using)
    if training_ids is None:  # anything: the sessions reserved to some organisations too
        reserved_sessions_changed(using)
    resident.changed(training_ids, using)


def sessions_changed(using: str = "default") -> None:
    """What shows the dates of sessions is renewed (after the current transaction commits)."""
    generations.bump(SESSIONS_GENERATION, using)


def reserved_sessions_changed(using: str = "default") -> None:
    """What is kept for the line of an entity (``kept_for_line``) is renewed (after the current transaction
    commits): a session reserved to some organisations opened or closed its registration, or changed to whom it is
    reserved, or the tree of organisations changed."""
    generations.bump(RESERVED_GENERATION, using)


def ministries_changed(ministry_ids, using: str = "default") -> None:
    """Searches of the agents attached in these ministries see the change (after the current transaction commits);
    for a change no other audience can see."""
    for ministry_id in sorted(set(ministry_ids)):
        generations.bump(f"{MINISTRY_GENERATION}{ministry_id}", using)


def audience(user) -> str:
    if not user.is_authenticated or not user.entity_id:
        return "public"
    return f"entity-{user.entity_id}"


def _tokens(user, dated: bool) -> str:
    """The generations the audience of ``user`` reads, in one query: the ministry's is named after the ministry of
    the user's entity, found by a subquery rather than by loading the entity; the sessions' when ``dated``."""
    names = Q(name=GENERATION)
    if dated:
        names |= Q(name=SESSIONS_GENERATION)
    if user.is_authenticated and user.entity_id:
        ministry = Organisation.objects.filter(pk=user.entity_id).values("ministry_id")
        names |= Q(name=Concat(Value(MINISTRY_GENERATION), Cast(Subquery(ministry), CharField())))
    elif getattr(user, "shared_ministry_id", None):  # a ministry's share (see ``audience``)
        names |= Q(name=f"{MINISTRY_GENERATION}{user.shared_ministry_id}")
    tokens = dict(Generation.objects.filter(names).values_list("name", "token"))
    whole, sessions = tokens.pop(GENERATION, ""), tokens.pop(SESSIONS_GENERATION, "")
    return f"{whole}-{next(iter(tokens.values()), '')}-{sessions if dated else 'sans-dates'}"


def kept(user, query, page_size: int, compute, part: str, shared: str = "", dated: bool = True):
    """``compute()`` for this user and search, or what it returned before when nothing the catalogue reads has
    changed since. ``part`` tells apart what different callers keep of the same search (the page, the API's body
    per site address). ``shared`` names the audience when it is wider than the user's entity (a ministry's share,
    see ``audience``). ``dated``: what is kept shows the dates of sessions."""
    seconds = settings.CATALOGUE_CACHE_SECONDS
    if not seconds:
        return compute()
    asked = f"{part} {query.to_querystring(page=query.page)}&size={page_size}"
    key = ":".join(
        (
            "catalogue",
            _tokens(user, dated),
            shared or audience(user),
            timezone.localdate().isoformat(),
            hashlib.sha256(asked.encode()).hexdigest(),
        )
    )
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    return value


def kept_for_line(user, part: str, compute):
    """``compute()`` for the line of organisations of ``user``'s entity (the entity and those above it), or what it
    returned before when no session reserved to some organisations has opened, closed or changed to whom it is
    reserved since, nor the tree of organisations (``reserved_sessions_changed``): what an agent's own part of a
    search kept for their ministry reads (``audience.own_part``), the same for every agent of the entity and for
    every search. Its own generation, so that the writes that renew the catalogue's (a training's text, a session
    open to all) leave it in place."""
    seconds = settings.CATALOGUE_CACHE_SECONDS
    if not seconds or not user.entity_id:
        return compute()
    key = f"catalogue-line:{generations.current(RESERVED_GENERATION)}:{part}:{user.entity_id}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    return value
