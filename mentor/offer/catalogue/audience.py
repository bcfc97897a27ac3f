"""What the agents of one ministry share in the catalogue, so that one agent's search serves the others.

The rules read a user through their attachment entity in two ways only: its ministry decides which trainings they
see (``visible_to``), and its line of organisations which sessions reserved to some organisations are open to them
(``Session.objects.open_to``). A search that neither filters on open registration nor orders by next session reads
sessions in two places only, the count of the "open registration" facet and the next session of each training of
the page; everything else is the same for every agent of the ministry. So such a search is made once per ministry,
as ``MinistryShare`` (the ministry's trainings, the sessions open to all), keeping the trainings found that a
session reserved to some organisations could add to that count (``Found.reserved_open``), and ``own_part`` reads what
is the user's own: the trainings of that set with an open session reserved to their line, and the next sessions of
the page. A rendering of the search (the catalogue page, the API's body) is kept for the same audience, the user's
own part filled in (``search.kept_rendering``).
"""

from bisect import bisect_left
from dataclasses import dataclass
from functools import partial

from django.db.models import Min
from django.utils import timezone

from mentor.offer.enums import OpenTo, SessionStatus
from mentor.offer.models import Session
from mentor.offer.models.training import ministry_id_of

from .builtin_facets import OpenRegistrationFacet
from .cache import kept_for_line
from .query import CatalogueQuery

# A session in one of these states will not take place on its dates.
NOT_UPCOMING_STATUSES = (SessionStatus.CANCELLED, SessionStatus.POSTPONED, SessionStatus.ARCHIVED)


@dataclass(frozen=True)
class MinistryShare:
    """Stands for a user in the catalogue's rules: an agent of the ministry to whom no reserved session is open."""

    shared_ministry_id: int
    is_authenticated = True
    entity_id = None


def shared_by_ministry(user, query: CatalogueQuery) -> MinistryShare | None:
    """The part of ``user``'s ministry that serves this search, or None when the search is the user's own: they
    are anonymous or unattached (one audience already), or it reads the sessions open to them throughout."""
    if not user.is_authenticated or not user.entity_id:
        return None
    if query.filters.get(OpenRegistrationFacet.param) or query.ordering == "next_session":
        return None
    return MinistryShare(ministry_id_of(user))


def reserved_open(results) -> list[int]:
    """The trainings of ``results`` (found as a ``MinistryShare``) that the "open registration" facet does not
    count for it but could for an agent: not open to all, with an open session reserved to some organisations.
    Sorted, for ``own_part``."""
    reserved = Session.objects.filter(status=SessionStatus.REGISTRATION_OPEN).exclude(open_to=OpenTo.ALL)
    return list(
        results.filter(registration_open_to_all=False, pk__in=reserved.values("training_id"))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


@dataclass(frozen=True)
class Own:
    """What of a search kept without the dates of sessions (maybe as the ministry's share) is the user's own."""

    # Training of the page -> start of its next session open to the user (absent: none).
    starts: dict
    # Trainings the sessions reserved to the user's line add to the "open registration" count of a share.
    open_added: int = 0


def own_part(user, training_ids, reserved: list[int]) -> Own:
    """``user``'s own part of a search found as ``training_ids`` (the page) and ``reserved`` (its
    ``Found.reserved_open``): at most three queries, whatever the results; one, the next sessions of the page,
    once the trainings with a session reserved to the user's line are kept for their entity (``kept_for_line``)."""
    added = 0
    if reserved:
        theirs = kept_for_line(user, "reserved-open", partial(_reserved_open_to_line, user))
        added = sum(1 for pk in theirs if _holds(reserved, pk))
    starts = {}
    if training_ids:
        starts = dict(
            Session.objects.open_to(user)
            .filter(training_id__in=training_ids, starts_at__gte=timezone.now())
            .exclude(status__in=NOT_UPCOMING_STATUSES)
            .order_by()  # a session's own order names its training: a join for nothing
            .values("training_id")
            .annotate(first=Min("starts_at"))
            .values_list("training_id", "first")
        )
    return Own(starts, added)


def _reserved_open_to_line(user) -> list[int]:
    """The trainings with a session open to registration reserved to ``user``'s line (its organiser's agents, or a
    list naming one of its organisations)."""
    owner, listed = Session.objects.filter(status=SessionStatus.REGISTRATION_OPEN).reserved_to(user)
    theirs = (
        owner.order_by()
        .values_list("training_id", flat=True)
        .union(listed.order_by().values_list("training_id", flat=True))
    )
    return sorted(set(theirs))


def for_user(found, user):
    """``found`` (the user's own search, read without the dates of sessions) with the next sessions of its page."""
    starts = own_part(user, [t.pk for t in found.trainings], []).starts
    for training in found.trainings:
        training.next_session_start = starts.get(training.pk)
    return found


def _holds(ordered: list[int], pk: int) -> bool:
    at = bisect_left(ordered, pk)
    return at < len(ordered) and ordered[at] == pk
