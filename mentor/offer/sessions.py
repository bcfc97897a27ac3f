"""The session lifecycle on the workflow kernel (``core/workflow.py``): one transition table, one function per
transition taking the acting user, a guard that says in French why a transition is refused, and the moves by date
that the scheduled job makes."""

from datetime import timedelta

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from mentor.core.permissions import ALLOW, Decision, check, deny
from mentor.core.workflow import StateMachine, Transition, TransitionRefused

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


class SessionLifecycle(StateMachine):
    """A session's lifecycle on the workflow kernel. ``user=None`` stands for the scheduled job."""

    transitions = list(TRANSITIONS.values())
    log_model = SessionTransitionLog
    unknown_refusal = "Cette action n'existe pas pour une session."

    def lock(self, session):
        return lock_session(Session.objects.all(), session.pk)

    def guard(self, name, session, user, comment="", **context) -> Decision:
        # Who acts comes first: someone who does not manage the session learns nothing of its state.
        if user is not None and name in self.table:
            decision = check(user, "offer.manage_session", session)
            if not decision:
                return decision
        return super().guard(name, session, user, comment, **context)

    def state_refusal(self, transition, session) -> str:
        return (
            f"« {transition.label} » est impossible : la session est au statut "
            f"« {session.get_status_display().lower()} »."
        )

    def allows(self, transition, session, user, **context) -> Decision:
        if transition.name in ("start", "complete") and session.is_permanent:
            return deny("Une session permanente n'a ni début ni fin : elle reste ouverte aux inscriptions.")
        if transition.name == "open_registration" and session.ends_at and session.ends_at < timezone.now():
            return deny("La session est déjà terminée : ses inscriptions ne peuvent plus ouvrir.")
        return ALLOW

    def save(self, session, transition, now):
        session.save(update_fields=["status", "updated_at"])

    def log_subject(self, session) -> dict:
        return {"session": session}

    def after(self, transition, session, user, now, comment, **context):
        if transition.name == "cancel":
            cancel_all_for_session(session, "session_cancelled")
        elif transition.name == "postpone":
            for registration in session.registrations.filter(
                status__in=ACTIVE_REGISTRATION_STATUSES
            ).select_related("user"):
                registration.session = session
                notifications.notify_agent(registration, "session_postponed")


MACHINE = SessionLifecycle()


def guard(session, name: str, by) -> Decision:
    """Whether ``by`` may apply transition ``name`` now. ``by=None`` stands for the scheduled job."""
    return MACHINE.guard(name, session, by)


def available_transitions(session, by) -> list[Transition]:
    """The transitions ``by`` may apply now, for the buttons of the management page."""
    return MACHINE.available(session, by)


def apply_transition(session, name: str, by) -> Session:
    return MACHINE.fire(name, session, by)


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
