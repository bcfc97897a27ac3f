"""Which working spaces of the menu a signed-in user has: "Contribuer" for designers, "Relectures" for reviewers.
An agent who is neither sees only the catalogue and their trainings."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from mentor.accounts.enums import Role
from mentor.accounts.models import Membership, User
from mentor.offer.models import Training

# Roles whose holders review trainings: their organisation's (Mentor team), their collections' (collection
# reviewer), or every one (DGAFP).
REVIEWING_ROLES = (Role.MENTOR_TEAM, Role.COLLECTION_REVIEWER, Role.DGAFP_ADMIN)


@dataclass(frozen=True)
class Workspaces:
    contribute: bool = False
    review: bool = False


def workspaces_of(user) -> Workspaces:
    """One query: a designer role, a training listing the user among its designers, a reviewing role."""
    if not user.is_authenticated:
        return Workspaces()
    roles = Membership.objects.filter(user=OuterRef("pk"))
    flags = User.objects.filter(pk=user.pk).values(
        designer=Exists(roles.filter(role=Role.DESIGNER)),
        designs=Exists(Training.designers.through.objects.filter(user_id=OuterRef("pk"))),
        reviewer=Exists(roles.filter(role__in=REVIEWING_ROLES)),
    )[0]
    return Workspaces(
        contribute=flags["designer"] or flags["designs"],
        review=flags["reviewer"] or user.is_superuser,
    )
