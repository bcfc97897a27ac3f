"""Every change of what a catalogue search reads renews the generations of the audiences that can see it (see
``cache``), once the transaction commits, and is journalled in its transaction for the resident index of each
process (``resident.changed``: the trainings concerned, or everything).

A search reads published trainings, their sessions (open registration, next session, sessions opened to a list),
adoptions, collections and organisations (names, the tree behind visibility), labels (``editorial`` reports them
with ``trainings_changed``) and the full-text index (rebuilt after bulk loads). Writes that send no signal
(``QuerySet.update``, ``bulk_create``) call ``catalogue_changed()`` themselves: ``generate_bench_data`` does.

Who can see a change of a training, its sessions or its labels: nobody when it is neither published before nor
after (a draft edited, a session planned for it); everybody when it is cross-government; otherwise the agents of
its owner's ministry and of the ministries that adopted it (``visible_to``). Collections, organisations and the
index reach everybody. A session of a published training changes what they see only when it opens or closes
registration (its status, or to whom it is open, while registration is open); its new dates change only what shows
the dates of sessions (``cache.sessions_changed``); its capacity or place, nothing a search reads. A session
reserved to some organisations that opens or closes, or changes to whom it is reserved while open, and any change
of an organisation (the tree gives each entity its line) also renew what is kept for the lines of entities
(``cache.reserved_sessions_changed``). The one
approximation: near-miss corrections read the vocabulary of every indexed training, drafts included, so a draft that
adds a word may change the correction of a typo that only it holds; an entry kept from before still shows the
correction, which is what such a search should show anyway.
"""

from functools import partial

from django.db import transaction
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_init, post_save

from mentor.core.search import index_rebuilt
from mentor.offer.enums import OpenTo, Scope, SessionStatus, TrainingStatus
from mentor.organisations.models import Organisation

from ..models import Adoption, Collection, Session, Training
from . import resident
from .cache import catalogue_changed, ministries_changed, reserved_sessions_changed, sessions_changed

# What decides who sees a training, as (status, scope, owner ministry).
STATE_FIELDS = ("status", "scope", "owner_ministry_id")
# What decides whether a session is open to registration, and to whom (the organiser's agents, when it is open
# to the organiser's own).
OPENING_FIELDS = ("status", "open_to", "training_id", "organiser_id")
# All a search reads of a session: the above and its start (the next session of a training). Its capacity, place
# or title, shown on the training's page only, are not read.
READ_FIELDS = (*OPENING_FIELDS, "starts_at")


def trainings_changed(training_ids, using: str = "default", before=(), adopters=(), seen=True) -> None:
    """Renew, after the commit, the generations of the audiences that can see these trainings: as they are then,
    and as they were in ``before`` (states read before the change, for a change of who sees them). ``adopters``:
    organisations whose ministries saw them until now (an adoption removed). ``seen=False``: only the dates of
    their sessions changed."""
    if seen:
        resident.changed(training_ids, using)
    # Read at the commit, not now: the request that writes does not pay for it.
    transaction.on_commit(
        partial(_renew, list(training_ids), using, list(before), list(adopters), seen), using=using
    )


def _renew(training_ids, using, before, adopters, seen_by_audiences):
    now = Training.objects.using(using).filter(pk__in=training_ids).values_list(*STATE_FIELDS)
    seen = [state for state in (*before, *now) if state[0] == TrainingStatus.PUBLISHED]
    if not seen:
        return
    sessions_changed(using)
    if not seen_by_audiences:
        return
    if any(scope == Scope.TRANSVERSE for _, scope, _ in seen):
        # Every audience's searches; the resident index has the trainings from ``trainings_changed`` already.
        catalogue_changed(using, training_ids=())
        return
    adopting = Organisation.objects.using(using).filter(
        Q(pk__in=adopters) | Q(adoptions__training_id__in=training_ids)
    )
    ministries_changed(
        {ministry for _, _, ministry in seen} | set(adopting.values_list("ministry_id", flat=True)), using
    )


def _loaded(instance, fields):
    """The values of ``fields`` as ``instance`` holds them, or None when one of them was not loaded (deferred)."""
    if all(name in instance.__dict__ for name in fields):
        return tuple(instance.__dict__[name] for name in fields)
    return None


def _state(training):
    """Who sees a training: (status, scope, owner ministry)."""
    return _loaded(training, STATE_FIELDS)


def _opening(session):
    """How a session stands as far as opening goes: (status, open to, training)."""
    return _loaded(session, OPENING_FIELDS)


def _remember_state(sender, instance, **kwargs):
    instance._catalogue_state = _state(instance) if instance.pk else None


def _remember_opening(sender, instance, **kwargs):
    instance._catalogue_read = _loaded(instance, READ_FIELDS) if instance.pk else None


def _opens_or_closes(before, after) -> bool:
    """Whether a session going from ``before`` to ``after`` (``_opening`` states, None when unknown) changes who
    may register to it."""
    if before is None or after is None:
        return True
    return before != after and SessionStatus.REGISTRATION_OPEN in (before[0], after[0])


def _reserved_and_open(opening) -> bool:
    """Whether a session in the ``_opening`` state ``opening`` (None when unknown) may be among those whose
    registration is open to some organisations only (``cache.kept_for_line``)."""
    return opening is None or (opening[0] == SessionStatus.REGISTRATION_OPEN and opening[1] != OpenTo.ALL)


def _training_saved(sender, instance, using, created, **kwargs):
    loaded = getattr(instance, "_catalogue_state", None)
    if not created and loaded is None:
        # How it was seen is unknown: every audience may have seen it.
        catalogue_changed(using, [instance.pk])
    else:
        trainings_changed([instance.pk], using, before=[loaded] if loaded else [])
    instance._catalogue_state = _state(instance)


def _training_deleted(sender, instance, using, **kwargs):
    # Its adoptions are gone with it, and with them who saw it: every audience renews.
    if _state(instance) is None or instance.status == TrainingStatus.PUBLISHED:
        catalogue_changed(using, [instance.pk])


def _session_saved(sender, instance, using, created, **kwargs):
    before, read = getattr(instance, "_catalogue_read", None), _loaded(instance, READ_FIELDS)
    instance._catalogue_read = read
    after = _opening(instance)
    if created:
        seen = after is None or after[0] == SessionStatus.REGISTRATION_OPEN
        reserved = _reserved_and_open(after)
    elif before is not None and before == read:
        return  # nothing a search reads changed
    else:
        before = before and before[: len(OPENING_FIELDS)]
        seen = _opens_or_closes(before, after)
        reserved = seen and (_reserved_and_open(before) or _reserved_and_open(after))
    if reserved:
        reserved_sessions_changed(using)
    trainings_changed([instance.training_id], using, seen=seen)


def _session_deleted(sender, instance, using, **kwargs):
    opening = _opening(instance)
    if _reserved_and_open(opening):
        reserved_sessions_changed(using)
    trainings_changed(
        [instance.training_id], using, seen=opening is None or opening[0] == SessionStatus.REGISTRATION_OPEN
    )


def _session_list_changed(sender, instance, action, reverse, pk_set, using, **kwargs):
    # Rare: renewed as an opening, whatever the session's status.
    if not action.startswith("post_"):
        return
    if reverse:  # an organisation's sessions: rare, and every one of them may be concerned
        catalogue_changed(using)
    else:
        reserved_sessions_changed(using)
        trainings_changed([instance.training_id], using)


def _adoption_changed(sender, instance, using, **kwargs):
    trainings_changed([instance.training_id], using, adopters=[instance.organisation_id])


def _changed(sender, using, **kwargs):
    # What the resident index holds of a collection or an organisation changes only through the trainings that
    # ``search_index`` re-indexes (a collection's names) or a move of the tree (``offer.signals``): both journal
    # them. Every audience's searches show their names.
    catalogue_changed(using, training_ids=())
    if sender is Organisation:  # maybe a move in the tree: the line of the entities below it
        reserved_sessions_changed(using)


def _rebuilt(sender, using, **kwargs):
    catalogue_changed(using)


post_init.connect(_remember_state, sender=Training, dispatch_uid="catalogue.training_loaded")
post_save.connect(_training_saved, sender=Training, dispatch_uid="catalogue.training_saved")
post_delete.connect(_training_deleted, sender=Training, dispatch_uid="catalogue.training_deleted")
post_init.connect(_remember_opening, sender=Session, dispatch_uid="catalogue.session_loaded")
post_save.connect(_session_saved, sender=Session, dispatch_uid="catalogue.session_saved")
post_delete.connect(_session_deleted, sender=Session, dispatch_uid="catalogue.session_deleted")
post_save.connect(_adoption_changed, sender=Adoption, dispatch_uid="catalogue.saved.offer.Adoption")
post_delete.connect(_adoption_changed, sender=Adoption, dispatch_uid="catalogue.deleted.offer.Adoption")
for model in (Collection, Organisation):
    post_save.connect(_changed, sender=model, dispatch_uid=f"catalogue.saved.{model._meta.label}")
    post_delete.connect(_changed, sender=model, dispatch_uid=f"catalogue.deleted.{model._meta.label}")
m2m_changed.connect(
    _session_list_changed, sender=Session.open_to_organisations.through, dispatch_uid="catalogue.session_list"
)
index_rebuilt.connect(_rebuilt, dispatch_uid="catalogue.index_rebuilt")
