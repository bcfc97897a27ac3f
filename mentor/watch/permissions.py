"""Named permissions of the offer watch (see mentor/core/permissions.py)."""

from mentor.accounts.enums import Role
from mentor.accounts.roles import roles_of
from mentor.core.permissions import ALLOW, deny, permission

# Who builds or steers the offer, and so must know what already exists.
OFFER_BUILDERS = (Role.DESIGNER, Role.MENTOR_TEAM, Role.COLLECTION_REVIEWER, Role.DGAFP_ADMIN)


@permission("watch.look_for_similar")
def look_for_similar_decision(user, obj=None):
    if not user.is_authenticated:
        return deny("Connectez-vous pour chercher des formations similaires.")
    roles = roles_of(user)
    if roles.is_dgafp_admin or any(roles.holds(role) for role in OFFER_BUILDERS):
        return ALLOW
    return deny(
        "La recherche de formations similaires est réservée aux concepteurs, aux équipes Mentor, "
        "aux chefs de file des collections et aux administrateurs DGAFP."
    )
