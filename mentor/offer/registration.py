"""Registration of agents to sessions: free or on request, a waiting list when full, promotion when a place frees
up. Every change locks the session row first, so two agents racing for the last place never both get it."""

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from mentor.core.permissions import check

from . import notifications
from .enums import ACTIVE_REGISTRATION_STATUSES, RegistrationMode, RegistrationStatus, SessionStatus
from .models import Registration, Session

ALREADY_REGISTERED = "Vous êtes déjà inscrit à cette session, ou votre demande est en cours."

# Waiting agents are promoted only while the session can still take them.
PROMOTING_STATUSES = (
    SessionStatus.IN_PREPARATION,
    SessionStatus.REGISTRATION_OPEN,
    SessionStatus.POSTPONED,
    SessionStatus.IN_PROGRESS,
)


class RegistrationRefused(Exception):
    """A registration action the rules refuse; ``str(error)`` is the French reason shown to the user."""


def lock_session(queryset, pk) -> Session:
    """Fetch and lock the session row until the end of the transaction. On SQLite, the settings'
    ``transaction_mode=IMMEDIATE`` serialises writers instead (FOR UPDATE does not exist there)."""
    return queryset.select_for_update(of=("self",)).select_related("training").get(pk=pk)


def confirmed_count(session) -> int:
    return session.registrations.filter(status=RegistrationStatus.CONFIRMED).count()


def places_left(session) -> int | None:
    """Free places (None: unlimited). Only confirmed registrations take a place."""
    if session.capacity is None:
        return None
    return max(session.capacity - confirmed_count(session), 0)


def _has_place(session) -> bool:
    left = places_left(session)
    return left is None or left > 0


def _refuse_unless(decision) -> None:
    if not decision:
        raise RegistrationRefused(decision.reason)


def _locked_registration(registration) -> tuple[Session, Registration]:
    session = lock_session(Session.objects.all(), registration.session_id)
    registration = Registration.objects.select_related("user").get(pk=registration.pk)
    registration.session = session
    return session, registration


def register(session, user) -> Registration:
    """Register ``user`` to ``session``: confirmed when the registration is free and a place is left, on the
    waiting list when full, or a request for the managers when the session is on request. The session is looked
    up again through the visibility rule, so an invisible one raises ``Session.DoesNotExist``."""
    with transaction.atomic():
        session = lock_session(Session.objects.visible_to(user), session.pk)
        _refuse_unless(check(user, "offer.register_to_session", session))
        if session.registration_mode == RegistrationMode.ON_REQUEST:
            status = RegistrationStatus.REQUESTED
        elif _has_place(session):
            status = RegistrationStatus.CONFIRMED
        else:
            status = RegistrationStatus.WAITING
        try:
            with transaction.atomic():
                registration = Registration.objects.create(session=session, user=user, status=status)
        except IntegrityError as error:  # a double submit that slipped past the check
            raise RegistrationRefused(ALREADY_REGISTERED) from error
        notifications.notify_agent(registration, status)
        if status == RegistrationStatus.REQUESTED:
            notifications.notify_managers_of_request(registration)
        return registration


def cancel(registration, by) -> Registration:
    """The agent cancels their own registration or request; a freed place goes to the first waiting agent."""
    with transaction.atomic():
        session, registration = _locked_registration(registration)
        _refuse_unless(check(by, "offer.cancel_registration", registration))
        was_confirmed = registration.status == RegistrationStatus.CONFIRMED
        _set_status(registration, RegistrationStatus.CANCELLED)
        notifications.notify_agent(registration, "cancelled")
        if was_confirmed:
            promote_waiting(session)
        return registration


def accept(registration, by) -> Registration:
    """A manager accepts a request: confirmed if a place is left, otherwise on the waiting list."""
    with transaction.atomic():
        session, registration = _locked_registration(registration)
        _refuse_unless(check(by, "offer.manage_session", session))
        if registration.status != RegistrationStatus.REQUESTED:
            raise RegistrationRefused("Cette demande a déjà été traitée.")
        if _has_place(session):
            _set_status(registration, RegistrationStatus.CONFIRMED, by)
            notifications.notify_agent(registration, "accepted")
        else:
            _set_status(registration, RegistrationStatus.WAITING, by)
            notifications.notify_agent(registration, "accepted_waiting")
        return registration


def refuse(registration, by, comment: str = "") -> Registration:
    """A manager refuses a request, a waiting agent or a confirmed registration (which frees a place)."""
    with transaction.atomic():
        session, registration = _locked_registration(registration)
        _refuse_unless(check(by, "offer.manage_session", session))
        if registration.status not in ACTIVE_REGISTRATION_STATUSES:
            raise RegistrationRefused("Cette inscription n'est plus active : il n'y a rien à refuser.")
        was_confirmed = registration.status == RegistrationStatus.CONFIRMED
        registration.comment = comment.strip()
        _set_status(registration, RegistrationStatus.REFUSED, by)
        notifications.notify_agent(registration, "refused")
        if was_confirmed:
            promote_waiting(session)
        return registration


def set_capacity(session, capacity: int | None, by) -> Session:
    """A manager changes the number of places; new places go to the waiting list first."""
    with transaction.atomic():
        session = lock_session(Session.objects.all(), session.pk)
        _refuse_unless(check(by, "offer.manage_session", session))
        confirmed = confirmed_count(session)
        if capacity is not None and capacity < confirmed:
            raise RegistrationRefused(
                f"La session compte déjà {confirmed} inscrits confirmés : "
                f"le nombre de places ne peut pas descendre en dessous."
            )
        session.capacity = capacity
        session.save(update_fields=["capacity", "updated_at"])
        promote_waiting(session)
        return session


def promote_waiting(session) -> list[Registration]:
    """Confirm the first waiting agents while places are left. The caller holds the session lock."""
    if session.status not in PROMOTING_STATUSES:
        return []
    waiting = (
        session.registrations.filter(status=RegistrationStatus.WAITING)
        .select_related("user")
        .order_by("created_at", "id")
    )
    left = places_left(session)
    promoted = list(waiting if left is None else waiting[:left])
    for registration in promoted:
        registration.session = session
        _set_status(registration, RegistrationStatus.CONFIRMED)
        notifications.notify_agent(registration, "promoted")
    return promoted


def cancel_all_for_session(session, event: str) -> None:
    """Cancel every active registration of a session being cancelled, telling each agent."""
    for registration in session.registrations.filter(status__in=ACTIVE_REGISTRATION_STATUSES).select_related(
        "user"
    ):
        registration.session = session
        _set_status(registration, RegistrationStatus.CANCELLED)
        notifications.notify_agent(registration, event)


def anonymise_registrations_of(user) -> int:
    """For the deletion of an account: free the places the agent held in sessions still to come (promoting
    waiting agents), then detach every registration from the account. Returns how many were anonymised."""
    with transaction.atomic():
        upcoming = Q(status__in=ACTIVE_REGISTRATION_STATUSES) & Q(
            session__status__in=(
                SessionStatus.IN_PREPARATION,
                SessionStatus.REGISTRATION_OPEN,
                SessionStatus.POSTPONED,
            )
        )
        for session_id in (
            Registration.objects.filter(upcoming, user=user).values_list("session_id", flat=True).distinct()
        ):
            session = lock_session(Session.objects.all(), session_id)
            held = session.registrations.filter(user=user, status__in=ACTIVE_REGISTRATION_STATUSES)
            freed = held.filter(status=RegistrationStatus.CONFIRMED).exists()
            held.update(status=RegistrationStatus.CANCELLED, updated_at=timezone.now())
            if freed:
                promote_waiting(session)
        return Registration.objects.filter(user=user).update(user=None, updated_at=timezone.now())


def _set_status(registration, status, by=None) -> None:
    registration.status = status
    fields = ["status", "comment", "updated_at"]
    if by is not None:
        registration.decided_at = timezone.now()
        registration.decided_by = by
        fields += ["decided_at", "decided_by"]
    registration.save(update_fields=fields)
