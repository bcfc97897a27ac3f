"""Role-based permissions on organisations, members and requests. Each says why it refuses."""

from mentor.core.permissions import ALLOW, deny, permission

from .enums import GRANTABLE_BY_ENTITY_ADMIN, Role
from .roles import acts_for, holds_role, is_dgafp_admin

SIGN_IN = "Connectez-vous pour continuer."


@permission("accounts.administer_organisation")
def administer_organisation(user, organisation):
    """Invite members, grant roles and edit the Mentor team: the entity's administrators, from it or above."""
    if not user.is_authenticated:
        return deny(SIGN_IN)
    if is_dgafp_admin(user) or holds_role(user, Role.ENTITY_ADMIN, organisation):
        return ALLOW
    return deny(f"Seuls les administrateurs {organisation.of_name} peuvent gérer cette entité.")


@permission("accounts.grant_role")
def grant_role(user, membership):
    """``membership`` is the role to grant (unsaved) or withdraw: its organisation must be in the user's tree,
    its role one they may hand out."""
    decision = administer_organisation(user, membership.organisation)
    if not decision:
        return decision
    if is_dgafp_admin(user):
        return ALLOW
    if membership.role not in GRANTABLE_BY_ENTITY_ADMIN:
        return deny(f"Le rôle « {membership.get_role_display()} » est attribué par la DGAFP seulement.")
    return ALLOW


@permission("accounts.withdraw_role")
def withdraw_role(user, membership):
    if membership.user_id == user.pk and membership.role == Role.ENTITY_ADMIN:
        return deny("Vous ne pouvez pas retirer votre propre rôle d'administrateur : demandez-le à un autre.")
    return grant_role(user, membership)


@permission("accounts.review_requests")
def review_requests(user, _obj=None):
    """Open the list of account and entity-change requests."""
    if not user.is_authenticated:
        return deny(SIGN_IN)
    if is_dgafp_admin(user) or holds_role(user, Role.MENTOR_TEAM) or holds_role(user, Role.ENTITY_ADMIN):
        return ALLOW
    return deny("Les demandes sont traitées par les équipes Mentor et les administrateurs d'entité.")


def _decide_for(user, organisation):
    if not user.is_authenticated:
        return deny(SIGN_IN)
    if is_dgafp_admin(user) or acts_for(user, organisation, Role.MENTOR_TEAM, Role.ENTITY_ADMIN):
        return ALLOW
    return deny(f"Cette demande relève de l'équipe Mentor {organisation.of_name}.")


@permission("accounts.review_account_request")
def review_account_request(user, account_request):
    return _decide_for(user, account_request.entity)


@permission("accounts.review_entity_change")
def review_entity_change(user, change_request):
    """The NEW entity's team decides: the entity decides what the user will see."""
    return _decide_for(user, change_request.to_entity)


@permission("accounts.view_agreements")
def view_agreements(user, _obj=None):
    if not user.is_authenticated:
        return deny(SIGN_IN)
    if is_dgafp_admin(user) or holds_role(user, Role.ENTITY_ADMIN):
        return ALLOW
    return deny(
        "Les conventions de partenariat se consultent par les administrateurs d'entité (celles de leur "
        "organisation) et les administrateurs DGAFP."
    )
