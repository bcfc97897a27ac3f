"""The session lifecycle: one transition table, one function per transition taking the acting user, a guard that
says in French why a transition is refused, and the moves by date that the scheduled command makes."""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from mentor.accounts.enums import Role
from mentor.accounts.roles import is_dgafp_admin, organisations_where
from mentor.core.permissions import ALLOW, Decision, check, deny

from . import notifications
from .enums import ACTIVE_REGISTRATION_STATUSES, OpenTo, SessionStatus
from .models import Session, SessionTransitionLog
from .registration import cancel_all_for_session, lock_session

S = SessionStatus


def refresh_registration_open_to_all(trainings) -> None:
    """Set ``Training.registration_open_to_all`` of the ``trainings`` (a queryset) from their sessions: the
    catalogue's "open registration" facet reads this flag instead of every open session, and looks at sessions only
    for those opened to some organisations (``OpenRegistrationFacet``)."""
    trainings.update(
        registration_open_to_all=Exists(
            Session.objects.filter(training=OuterRef("pk"), status=S.REGISTRATION_OPEN, open_to=OpenTo.ALL)
        )
    )


@dataclass(frozen=True)
class Transition:
    name: str
    label: str  # the French action, as on the manager's button
    sources: frozenset
    target: str


TRANSITIONS = {
    t.name: t
    for t in (
        Transition("open_registration", "Ouvrir les inscriptions", frozenset({S.IN_PREPARATION, S.POSTPONED}), S.REGISTRATION_OPEN),
        Transition("start", "Démarrer la session", frozenset({S.REGISTRATION_OPEN}), S.IN_PROGRESS),
        Transition("complete", "Clore la session", frozenset({S.IN_PROGRESS}), S.COMPLETED),
        Transition("postpone", "Reporter la session", frozenset({S.IN_PREPARATION, S.REGISTRATION_OPEN}), S.POSTPONED),
        Transition("cancel", "Annuler la session", frozenset({S.IN_PREPARATION, S.REGISTRATION_OPEN, S.POSTPONED}), S.CANCELLED),
        Transition("archive", "Archiver la session", frozenset({S.COMPLETED, S.CANCELLED}), S.ARCHIVED),
    )
}  # fmt: skip


class TransitionRefused(Exception):
    """A transition the guard refuses; ``str(error)`` is the French reason."""


def sessions_managed_by(user):
    """The sessions ``user`` may manage: named manager, session manager of the organiser or above, or DGAFP
    admin. Looking a session up here makes someone else's session a 404."""
    if not user.is_authenticated:
        return Session.objects.none()
    if is_dgafp_admin(user):
        return Session.objects.all()
    organisers = organisations_where(user, Role.SESSION_MANAGER).values("pk")
    # Exists rather than a join on managers, so that counts annotated on the result are not multiplied.
    named = Session.managers.through.objects.filter(session=OuterRef("pk"), user=user)
    return Session.objects.filter(Exists(named) | Q(organiser__in=organisers))


def guard(session, name: str, by) -> Decision:
    """Whether ``by`` may apply transition ``name`` now. ``by=None`` stands for the scheduled command."""
    transition = TRANSITIONS.get(name)
    if transition is None:
        return deny("Cette action n'existe pas pour une session.")
    if by is not None:
        decision = check(by, "offer.manage_session", session)
        if not decision:
            return decision
    if session.status not in transition.sources:
        return deny(
            f"« {transition.label} » est impossible : la session est au statut "
            f"« {session.get_status_display().lower()} »."
        )
    if name in ("start", "complete") and session.is_permanent:
        return deny("Une session permanente n'a ni début ni fin : elle reste ouverte aux inscriptions.")
    if name == "open_registration" and session.ends_at and session.ends_at < timezone.now():
        return deny("La session est déjà terminée : ses inscriptions ne peuvent plus ouvrir.")
    return ALLOW


def available_transitions(session, by) -> list[Transition]:
    """The transitions ``by`` may apply now, for the buttons of the management page."""
    return [t for t in TRANSITIONS.values() if guard(session, t.name, by)]


def apply_transition(session, name: str, by) -> Session:
    with transaction.atomic():
        session = lock_session(Session.objects.all(), session.pk)
        decision = guard(session, name, by)
        if not decision:
            raise TransitionRefused(decision.reason)
        SessionTransitionLog.objects.create(
            session=session,
            transition=name,
            from_status=session.status,
            to_status=TRANSITIONS[name].target,
            by=by,
        )
        session.status = TRANSITIONS[name].target
        session.save(update_fields=["status", "updated_at"])
        if name == "cancel":
            cancel_all_for_session(session, "session_cancelled")
        elif name == "postpone":
            for registration in session.registrations.filter(
                status__in=ACTIVE_REGISTRATION_STATUSES
            ).select_related("user"):
                registration.session = session
                notifications.notify_agent(registration, "session_postponed")
        return session


def open_registration(session, by):
    return apply_transition(session, "open_registration", by)


def start(session, by):
    return apply_transition(session, "start", by)


def complete(session, by):
    return apply_transition(session, "complete", by)


def postpone(session, by):
    return apply_transition(session, "postpone", by)


def cancel(session, by):
    return apply_transition(session, "cancel", by)


def archive(session, by):
    return apply_transition(session, "archive", by)


def update_statuses_by_date(archive_after_days: int, now=None) -> list[tuple[Session, Transition]]:
    """Move dated sessions along their dates: open → in progress at the start, in progress → completed at the
    end, completed → archived ``archive_after_days`` after the end. Running it twice does nothing more."""
    now = now or timezone.now()
    moves = [
        ("start", Q(status=S.REGISTRATION_OPEN, starts_at__lte=now)),
        ("complete", Q(status=S.IN_PROGRESS, ends_at__lte=now)),
        ("archive", Q(status=S.COMPLETED, ends_at__lte=now - timedelta(days=archive_after_days))),
    ]
    done = []
    # In this order, a session whose whole run went by since the last run reaches its final status at once.
    for name, due in moves:
        for session in Session.objects.filter(due, is_permanent=False).order_by("pk"):
            try:
                done.append((apply_transition(session, name, by=None), TRANSITIONS[name]))
            except TransitionRefused:  # moved by a manager meanwhile
                continue
    return done
