"""Synchronising an organisation's sessions from a partner's system (the write API, the LHEO import): a session is
found by its organiser and ``external_id``, created in preparation when missing, changed in place otherwise. Its
status moves only through the lifecycle's transitions (``sessions.py``). The same values sent again write
nothing: no save, so no new generation of the catalogue."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q

from mentor.core.workflow import TransitionRefused

from .enums import SessionStatus
from .models import Adoption, Session, Training

SYNCHRONISED_FIELDS = [
    "training",
    "title",
    "is_permanent",
    "starts_at",
    "ends_at",
    "capacity",
    "place",
    "online_url",
    "registration_mode",
    "open_to",
]
CLOSED = (SessionStatus.COMPLETED, SessionStatus.CANCELLED, SessionStatus.ARCHIVED)


@dataclass(frozen=True)
class Outcome:
    session: Session
    result: str  # "created", "updated" or "unchanged"


def trainings_organisable_by(organiser):
    """The trainings ``organiser`` may run sessions of: its own and those of the organisations above or below it,
    and those it adopted."""
    adopted = Adoption.objects.filter(organisation=organiser).values("training_id")
    return Training.objects.filter(
        Q(owner_id__in=organiser.ancestor_ids) | Q(owner__path__startswith=organiser.path) | Q(pk__in=adopted)
    )


def upsert_session(organiser, external_id: str, values: dict, user=None) -> Outcome:
    """Create or update the session of ``organiser`` known as ``external_id``. ``user`` becomes a named manager
    of a session it creates. Raise TransitionRefused, writing nothing, for a session already over."""
    try:
        return _upsert(organiser, external_id, values, user)
    except IntegrityError:
        return _upsert(organiser, external_id, values, user)


@transaction.atomic
def _upsert(organiser, external_id, values, user) -> Outcome:
    session = (
        Session.objects.select_for_update(of=("self",))
        .filter(organiser=organiser, external_id=external_id)
        .first()
    )
    if session is None:
        with transaction.atomic():
            session = Session.objects.create(organiser=organiser, external_id=external_id, **values)
        if user is not None and user.is_authenticated:
            session.managers.add(user)
        return Outcome(session, "created")
    changed = [
        name
        for name, value in values.items()
        if getattr(session, "training_id" if name == "training" else name)
        != (value.pk if name == "training" else value)
    ]
    if not changed:
        return Outcome(session, "unchanged")
    if session.status in CLOSED:
        raise TransitionRefused(
            f"La session est au statut « {session.get_status_display().lower()} » : elle ne change plus."
        )
    for name in changed:
        setattr(session, name, values[name])
    session.save(update_fields=[*changed, "updated_at"])
    return Outcome(session, "updated")
