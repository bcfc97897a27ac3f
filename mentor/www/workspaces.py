"""Which working spaces of the menu a signed-in user has: "Contribuer" for designers, "Relectures" and "Veille" for reviewers,
"Sessions" for those who manage or schedule sessions, "Mon organisation" for those who administer an entity or decide its
requests. An agent who is none of these sees only the catalogue and their trainings."""

from dataclasses import dataclass

from mentor.accounts.enums import Role
from mentor.accounts.roles import roles_of
from mentor.offer.named import named_on
from mentor.offer.permissions import ADOPTER_ROLES

# Roles whose holders review trainings: their organisation's (Mentor team), their collections' (collection
# reviewer), or every one (DGAFP).
REVIEWING_ROLES = (Role.MENTOR_TEAM, Role.COLLECTION_REVIEWER, Role.DGAFP_ADMIN)
# Roles whose holders find something under /organisation/: the entity's roles and team, or its requests.
ORGANISATION_ROLES = (Role.ENTITY_ADMIN, Role.MENTOR_TEAM, Role.DGAFP_ADMIN)


@dataclass(frozen=True)
class Workspaces:
    contribute: bool = False
    review: bool = False
    sessions: bool = False
    organisation: bool = False
    watch: bool = False  # the offer watch and the indicators: the same people as the reviews


def workspaces_of(user) -> Workspaces:
    """From the roles read once for the request; one query more only for a user who does not hold the designer
    role, to know whether they are named designer of a training or manager of a session. Designers schedule the
    sessions of their trainings: "Sessions" is theirs too."""
    if not user.is_authenticated:
        return Workspaces()
    roles = roles_of(user)
    contribute = roles.holds(Role.DESIGNER)
    # Entity administrators and Mentor teams schedule the sessions of the trainings their organisation adopted.
    sessions = contribute or roles.is_dgafp_admin or any(roles.holds(role) for role in ADOPTER_ROLES)
    if not contribute:
        named = named_on(user)
        contribute, sessions = named.designs, sessions or named.designs or named.manages
    review = roles.is_superuser or any(roles.holds(role) for role in REVIEWING_ROLES)
    organisation = roles.is_superuser or any(roles.holds(role) for role in ORGANISATION_ROLES)
    return Workspaces(
        contribute=contribute, review=review, sessions=sessions, organisation=organisation, watch=review
    )
