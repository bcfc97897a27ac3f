"""Who may act on sessions and registrations. Each permission says, in French, why it refuses."""

from mentor.accounts.enums import Role
from mentor.accounts.roles import holds_role, is_dgafp_admin
from mentor.core.permissions import ALLOW, deny, permission
from mentor.core.related import related_ids

from .enums import ACTIVE_REGISTRATION_STATUSES, SessionStatus, TrainingStatus

# Who acts for an organisation that adopted a training, and so may schedule its own sessions of it.
ADOPTER_ROLES = (Role.SESSION_MANAGER, Role.MENTOR_TEAM, Role.ENTITY_ADMIN)


def manages_session(user, session) -> bool:
    """A session's named managers, the session managers of its organiser (or above it), the designers of its
    training when its owner organises it, and DGAFP admins: the
    per-object form, decided in memory, of ``Session.objects.managed_by`` (which says what they may see)."""
    if not user.is_authenticated:
        return False
    if is_dgafp_admin(user) or user.pk in related_ids(session, "managers"):
        return True
    if holds_role(user, Role.SESSION_MANAGER, session.organiser):
        return True
    training = session.training
    return session.organiser_id == training.owner_id and user.pk in related_ids(training, "designers")


@permission("offer.schedule_session")
def can_schedule_session(user, session):
    """Schedule ``session`` (its training and organiser chosen): the organiser is the training's owner or an
    organisation that adopted it, and ``user`` manages sessions there, designs the training or acts for the
    adopter."""
    if not user.is_authenticated:
        return deny("Connectez-vous pour programmer une session.")
    training, organiser = session.training, session.organiser
    if training.status != TrainingStatus.PUBLISHED:
        return deny("Seule une formation publiée a des sessions.")
    owner = organiser.pk == training.owner_id
    if not owner and not training.adoptions.filter(organisation=organiser).exists():
        return deny(
            "L'organisation organisatrice est celle qui produit la formation ou une organisation qui l'a adoptée."
        )
    if is_dgafp_admin(user) or holds_role(user, Role.SESSION_MANAGER, organiser):
        return ALLOW
    if owner and training.designers.filter(pk=user.pk).exists():
        return ALLOW
    if not owner and any(holds_role(user, role, organiser) for role in ADOPTER_ROLES):
        return ALLOW
    return deny(
        f"Vous ne programmez pas de sessions pour {organiser.with_article} : c'est le rôle de ses gestionnaires "
        "de session, des concepteurs de la formation ou, pour une organisation qui l'a adoptée, de son équipe "
        "Mentor et de ses administrateurs."
    )


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


@permission("offer.synchronise_sessions")
def can_synchronise_sessions(user, organiser):
    """The session managers of an organisation (or above it) and DGAFP admins synchronise its sessions."""
    if not user.is_authenticated:
        return deny("Connectez-vous pour synchroniser des sessions.")
    if not (is_dgafp_admin(user) or holds_role(user, Role.SESSION_MANAGER, organiser)):
        return deny(
            f"Seuls les gestionnaires de session {organiser.of_name} peuvent synchroniser ses sessions."
        )
    return ALLOW
