"""Which working spaces of the menu a signed-in user has: "Contribuer" for designers, "Relectures" and "Veille" for reviewers.
An agent who is neither sees only the catalogue and their trainings."""

from dataclasses import dataclass

from mentor.accounts.enums import Role
from mentor.accounts.roles import roles_of
from mentor.offer.models import Training

# Roles whose holders review trainings: their organisation's (Mentor team), their collections' (collection
# reviewer), or every one (DGAFP).
REVIEWING_ROLES = (Role.MENTOR_TEAM, Role.COLLECTION_REVIEWER, Role.DGAFP_ADMIN)


@dataclass(frozen=True)
class Workspaces:
    contribute: bool = False
    review: bool = False
    watch: bool = False  # the offer watch and the indicators: the same people as the reviews


def workspaces_of(user) -> Workspaces:
    """From the roles read once for the request; one query more only for a user listed as designer of a training
    without holding the designer role."""
    if not user.is_authenticated:
        return Workspaces()
    roles = roles_of(user)
    contribute = (
        roles.holds(Role.DESIGNER) or Training.designers.through.objects.filter(user_id=user.pk).exists()
    )
    review = roles.is_superuser or any(roles.holds(role) for role in REVIEWING_ROLES)
    return Workspaces(contribute=contribute, review=review, watch=review)
