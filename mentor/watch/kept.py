"""The indicators of the programme kept in Django's cache (Redis in production) until something they count
changes: their queries read the whole watched offer, its sessions and registrations, which costs hundreds of
milliseconds at a national scale, while the figures change far less often than the page is read.

Keys hold the generation of the indicators (``core.generations``), renewed after every committed write of what
``indicators.compute`` reads, the part of the offer the person watches (people watching the same part share the
entry), the filters and today's date (periods and expiring labels are read against it). A login, which only
stamps the account, changes nothing counted and keeps the entries.
"""

from django.conf import settings
from django.core.cache import cache
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


def kept(user, filters, compute):
    """``compute()``, or what it returned before for the same watched part and filters when nothing counted has
    changed since."""
    seconds = settings.INDICATORS_CACHE_SECONDS
    if not seconds:
        return compute()
    filters_part = "&".join(f"{k}={v}" for k, v in sorted(filters.as_params().items()))
    key = ":".join(
        (
            "indicators",
            generations.current(GENERATION),
            _watched(user),
            timezone.localdate().isoformat(),
            filters_part,
        )
    )
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    return value


def _watched(user) -> str:
    """Names the part of the offer ``user`` watches (``scope``): the same for everyone who watches the same part."""
    roles = roles_of(user)
    if roles.is_dgafp_admin:
        return "tout"
    teams = sorted({held.organisation_id for held in roles.held if held.role == Role.MENTOR_TEAM})
    collections = sorted(roles.reviewed_collection_ids)
    return f"collections{collections}-equipes{teams}".replace(" ", "")


def _changed(sender, using, **kwargs):
    generations.bump(GENERATION, using)


def _coverage_changed(sender, action, using, **kwargs):
    if action.startswith("post_"):
        generations.bump(GENERATION, using)


def _account_changed(sender, using, update_fields, **kwargs):
    # A learner's entity decides their ministry in the figures; a login only stamps last_login.
    if update_fields is None or set(update_fields) - {"last_login"}:
        generations.bump(GENERATION, using)


for model in COUNTED:
    post_save.connect(_changed, sender=model, dispatch_uid=f"indicators.saved.{model._meta.label}")
    post_delete.connect(_changed, sender=model, dispatch_uid=f"indicators.deleted.{model._meta.label}")
post_save.connect(_account_changed, sender=User, dispatch_uid="indicators.account_saved")
m2m_changed.connect(
    _coverage_changed, sender=Training.covered_objectives.through, dispatch_uid="indicators.covered"
)
