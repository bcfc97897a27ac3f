"""Who may act on sessions and registrations. Each permission says, in French, why it refuses."""

from mentor.accounts.enums import Role
from mentor.accounts.roles import holds_role, is_dgafp_admin
from mentor.core.permissions import ALLOW, deny, permission
from mentor.core.related import related_ids

from .enums import ACTIVE_REGISTRATION_STATUSES, SessionStatus


def manages_session(user, session) -> bool:
    """A session's named managers, the session managers of its organiser (or above it) and DGAFP admins: the
    per-object form, decided in memory, of ``Session.objects.managed_by`` (which says what they may see)."""
    if not user.is_authenticated:
        return False
    if is_dgafp_admin(user) or user.pk in related_ids(session, "managers"):
        return True
    return holds_role(user, Role.SESSION_MANAGER, session.organiser)


@permission("offer.manage_session")
def can_manage_session(user, session):
    if not user.is_authenticated:
        return deny("Connectez-vous pour gérer une session.")
    if not manages_session(user, session):
        return deny("Vous ne gérez pas cette session.")
    return ALLOW


@permission("offer.register_to_session")
def can_register(user, session):
    """Whether ``user`` may register now. The caller has already fetched ``session`` through
    ``Session.objects.visible_to(user)``: an invisible session never gets this far."""
    if not user.is_authenticated:
        return deny("Connectez-vous pour vous inscrire à une session.")
    if session.status != SessionStatus.REGISTRATION_OPEN:
        return deny(
            f"Les inscriptions à cette session ne sont pas ouvertes (statut : {session.get_status_display().lower()})."
        )
    if session.registrations.filter(user=user, status__in=ACTIVE_REGISTRATION_STATUSES).exists():
        return deny("Vous êtes déjà inscrit à cette session, ou votre demande est en cours.")
    return ALLOW


@permission("offer.cancel_registration")
def can_cancel_registration(user, registration):
    if not user.is_authenticated or registration.user_id != user.pk:
        return deny("Vous ne pouvez annuler que vos propres inscriptions.")
    if registration.status not in ACTIVE_REGISTRATION_STATUSES:
        return deny(
            f"Cette inscription ne peut plus être annulée (statut : {registration.get_status_display().lower()})."
        )
    return ALLOW
