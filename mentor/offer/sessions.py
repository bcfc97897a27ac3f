"""The session lifecycle on the workflow kernel (``core/workflow.py``): one transition table, one function per
transition taking the acting user, a guard that says in French why a transition is refused, and the moves by date
that the scheduled job makes."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from mentor.accounts.enums import Role
from mentor.accounts.roles import is_dgafp_admin, organisations_where, organisations_where_any
from mentor.core.permissions import ALLOW, Decision, check, deny
from mentor.core.workflow import StateMachine, Transition, TransitionRefused

from . import notifications
from .enums import ACTIVE_REGISTRATION_STATUSES, OpenTo, SessionStatus, TrainingStatus
from .models import Adoption, Session, SessionTransitionLog, Training
from .permissions import ADOPTER_ROLES
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
        # A session saved by schedule_session() has no status yet: this first transition puts it in preparation.
        Transition("schedule", "Programmer la session", frozenset({""}), S.IN_PREPARATION),
        # New dates: a postponed session gets them and reopens, an open one moves; registered agents are told.
        Transition("reschedule", "Fixer de nouvelles dates", frozenset({S.POSTPONED, S.REGISTRATION_OPEN}), S.REGISTRATION_OPEN),
        # A session in preparation changes its dates and stays in preparation.
        Transition("redate", "Changer les dates", frozenset({S.IN_PREPARATION}), S.IN_PREPARATION),
    )
}  # fmt: skip
# Transitions fired from a form with the session's details, not from a bare button.
WITH_DETAILS = frozenset({"schedule", "reschedule", "redate"})
DATE_CHANGES = ("reschedule", "redate")


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
        if transition.name == "schedule":
            return check(user, "offer.schedule_session", session) if user is not None else ALLOW
        if transition.name in DATE_CHANGES:
            if session.is_permanent:
                return deny("Une session permanente n'a pas de dates à changer.")
            starts_at, ends_at = context.get("starts_at"), context.get("ends_at")
            if starts_at is not None and ends_at is not None:
                if ends_at < starts_at:
                    return deny("La fin de la session ne peut pas précéder son début.")
                if starts_at < timezone.now():
                    return deny("Les nouvelles dates doivent être à venir.")
            return ALLOW
        if transition.name in ("start", "complete") and session.is_permanent:
            return deny("Une session permanente n'a ni début ni fin : elle reste ouverte aux inscriptions.")
        if transition.name == "open_registration" and session.ends_at and session.ends_at < timezone.now():
            return deny("La session est déjà terminée : ses inscriptions ne peuvent plus ouvrir.")
        return ALLOW

    def apply(self, transition, session, user, now, **context):
        if transition.name in DATE_CHANGES:
            session.starts_at, session.ends_at = context["starts_at"], context["ends_at"]

    def save(self, session, transition, now):
        session.save(update_fields=["status", "starts_at", "ends_at", "updated_at"])

    def log_subject(self, session) -> dict:
        return {"session": session}

    def after(self, transition, session, user, now, comment, **context):
        if transition.name == "cancel":
            cancel_all_for_session(session, "session_cancelled")
        elif transition.name in DATE_CHANGES:
            for registration in session.registrations.filter(
                status__in=ACTIVE_REGISTRATION_STATUSES
            ).select_related("user"):
                registration.session = session
                notifications.notify_agent(registration, "session_rescheduled")
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
    """The transitions ``by`` may apply now, for the buttons of the management page (those that need the
    session's details come with their own form)."""
    return [t for t in MACHINE.available(session, by) if t.name not in WITH_DETAILS]


def schedule_session(session: Session, by, open_to_organisations=()) -> Session:
    """Save a new ``session`` (its details filled in and validated by the caller) and put it in preparation
    through the lifecycle, its scheduler named among its managers; TransitionRefused, with nothing saved, when
    ``by`` may not schedule it (``offer.schedule_session``)."""
    with transaction.atomic():
        session.status = ""
        session.save()
        session.managers.add(by)
        session.open_to_organisations.set(open_to_organisations)
        return MACHINE.fire("schedule", session, by)


def date_change(session) -> str:
    """The transition that gives ``session`` new dates from its status (in preparation it stays so)."""
    return "redate" if session.status == S.IN_PREPARATION else "reschedule"


def reschedule(session, by, starts_at, ends_at) -> Session:
    """Give ``session`` new dates (a postponed one reopens); its registered agents are told by e-mail."""
    return MACHINE.fire(date_change(session), session, by, starts_at=starts_at, ends_at=ends_at)


def trainings_schedulable_by(user):
    """Published trainings ``user`` may schedule sessions of: those they design, those of the organisations where
    they manage sessions, those adopted by the organisations they act for; all of them for the DGAFP."""
    published = Training.objects.filter(status=TrainingStatus.PUBLISHED)
    if not user.is_authenticated:
        return published.none()
    if is_dgafp_admin(user):
        return published
    designed = Training.designers.through.objects.filter(training_id=OuterRef("pk"), user_id=user.pk)
    managed = organisations_where(user, Role.SESSION_MANAGER).values("pk")
    acting = organisations_where_any(user, *ADOPTER_ROLES).values("pk")
    adopted = Adoption.objects.filter(training_id=OuterRef("pk"), organisation__in=acting)
    return published.filter(Exists(designed) | Q(owner__in=managed) | Exists(adopted))


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
