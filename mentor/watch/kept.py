"""The indicators of the programme kept in Django's cache (Redis in production) and renewed in the background:
their queries read the whole watched offer, its sessions and registrations, which takes seconds at a national
scale, while the figures change far less often than the page is read, and nobody steering the offer needs them
to the second.

An entry is kept per part of the offer watched (people watching the same part share it), filters and day (periods
and expiring labels are read against it), with the generation of the indicators (``core.generations``) it was
computed under. A committed write of what ``indicators.compute`` counts renews that generation and queues one
renewal in the task queue (``watch.tasks.renew_indicators``), which computes again the entries read lately, one
per task, the one computed longest ago first; until then, readers get the previous figures, said to be updating.
Figures older than ``INDICATORS_STALE_SECONDS`` are never shown: they are computed at the read, as they are on the
first read of a day or of a new combination of filters. A login, which only stamps the account, changes nothing
counted.

The renewal needs a cache shared by the web and worker processes (``CACHE_URL``, Redis): without one,
``INDICATORS_STALE_SECONDS`` is 0 by default, nothing is queued, and the first read after a write computes them.
"""

import dataclasses
import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from mentor.accounts.enums import Role
from mentor.accounts.models import User
from mentor.accounts.roles import roles_of
from mentor.core import generations
from mentor.editorial.models import EditorialFile, Label, QualityRating
from mentor.offer.models import Adoption, Collection, Objective, Registration, Session, Training
from mentor.organisations.models import Organisation

from .models import SatisfactionAnswer

GENERATION = "indicators"
COUNTED = (
    Training,
    Session,
    Registration,
    Adoption,
    Collection,
    Objective,
    Organisation,
    EditorialFile,
    QualityRating,
    Label,
    SatisfactionAnswer,
)
READ = "indicators:read"  # what was read lately: {key: (user id, filters' params, when)}
READ_LATELY = datetime.timedelta(days=7)
READ_AT_MOST = 100  # combinations renewed in the background; the others are computed at their next read
QUEUED = "indicators:renewal-queued"
QUEUED_SECONDS = 600  # a renewal lost with its worker does not stop the next ones for longer


@dataclasses.dataclass(frozen=True)
class Entry:
    generation: str
    day: datetime.date
    value: object  # indicators.Indicators, with its computed_at


def kept(user, filters, compute):
    """``compute()``, or what it returned before for the same watched part and filters: as it is when nothing
    counted has changed since, and marked ``renewing`` while a renewal is on its way."""
    seconds = settings.INDICATORS_CACHE_SECONDS
    if not seconds:
        return compute()
    key = _key(user, filters.as_params())
    _note_read(key, user, filters)
    generation = generations.current(GENERATION)
    entry = cache.get(key)
    if entry is not None and entry.day == timezone.localdate():
        if entry.generation == generation:
            return entry.value
        if timezone.now() - entry.value.computed_at <= datetime.timedelta(
            seconds=settings.INDICATORS_STALE_SECONDS
        ):
            return dataclasses.replace(entry.value, renewing=True)
    return _store(key, generation, compute())


def renew(compute) -> bool:
    """Compute again, with ``compute(user, params)``, the entry read lately that was computed longest ago and is
    not up to date; whether there was one. One per task (``watch.tasks.renew_indicators`` queues the next), so that
    the queue's other work (e-mails) does not wait behind seconds of counting for every combination; the oldest
    first, so that writes landing during each computation do not keep renewing the same one."""
    cache.delete(QUEUED)  # a write from now on queues the next renewal
    read = _read_lately()
    users = User.objects.filter(is_active=True).in_bulk({user_id for user_id, _, _ in read.values()})
    generation = generations.current(GENERATION)
    today = timezone.localdate()
    stale = []
    for key, (user_id, params, _) in read.items():
        user = users.get(user_id)
        # A reader whose roles changed since watches another part now, noted at their next read.
        if user is None or _key(user, params) != key:
            continue
        entry = cache.get(key)
        if entry is None:
            stale.append((datetime.datetime.min.replace(tzinfo=datetime.UTC), key, user, params))
        elif entry.generation != generation or entry.day != today:
            stale.append((entry.value.computed_at, key, user, params))
    if not stale:
        return False
    _, key, user, params = min(stale, key=lambda item: item[0])
    _store(key, generation, compute(user, params))
    return True


def _store(key, generation, value):
    cache.set(key, Entry(generation, timezone.localdate(), value), settings.INDICATORS_CACHE_SECONDS)
    return value


def _key(user, params: dict[str, str]) -> str:
    filters_part = "&".join(f"{k}={v}" for k, v in sorted(params.items()))
    return f"indicators:{_watched(user)}:{filters_part}"


def _watched(user) -> str:
    """Names the part of the offer ``user`` watches (``scope``): the same for everyone who watches the same part."""
    roles = roles_of(user)
    if roles.is_dgafp_admin:
        return "tout"
    teams = sorted({held.organisation_id for held in roles.held if held.role == Role.MENTOR_TEAM})
    collections = sorted(roles.reviewed_collection_ids)
    return f"collections{collections}-equipes{teams}".replace(" ", "")


def _read_lately() -> dict:
    since = timezone.now() - READ_LATELY
    return {key: read for key, read in (cache.get(READ) or {}).items() if read[2] >= since}


def _note_read(key, user, filters) -> None:
    """Remember what is read, for the renewals; once a day per combination is enough to keep it."""
    read = _read_lately()
    if key in read and timezone.localdate(read[key][2]) == timezone.localdate():
        return
    read[key] = (user.pk, filters.as_params(), timezone.now())
    latest = sorted(read.items(), key=lambda item: item[1][2], reverse=True)[:READ_AT_MOST]
    cache.set(READ, dict(latest), int(READ_LATELY.total_seconds()))


def _queue_renewal() -> None:
    renewed = settings.INDICATORS_CACHE_SECONDS and settings.INDICATORS_STALE_SECONDS
    if renewed and cache.add(QUEUED, True, QUEUED_SECONDS):
        # Imported here: the task computes the indicators, whose module keeps them with this one.
        from .tasks import renew_indicators

        renew_indicators.enqueue()


def _changed(using):
    generations.bump(GENERATION, using)
    transaction.on_commit(_queue_renewal, using=using)


def _saved_or_deleted(sender, using, **kwargs):
    _changed(using)


def _coverage_changed(sender, action, using, **kwargs):
    if action.startswith("post_"):
        _changed(using)


def _account_changed(sender, using, update_fields, **kwargs):
    # A learner's entity decides their ministry in the figures; a login only stamps last_login.
    if update_fields is None or set(update_fields) - {"last_login"}:
        _changed(using)


for model in COUNTED:
    post_save.connect(_saved_or_deleted, sender=model, dispatch_uid=f"indicators.saved.{model._meta.label}")
    post_delete.connect(
        _saved_or_deleted, sender=model, dispatch_uid=f"indicators.deleted.{model._meta.label}"
    )
post_save.connect(_account_changed, sender=User, dispatch_uid="indicators.account_saved")
m2m_changed.connect(
    _coverage_changed, sender=Training.covered_objectives.through, dispatch_uid="indicators.covered"
)
