"""Who watches which part of the offer: DGAFP administrators the whole of it, collection leads their collections,
Mentor teams the trainings of their ministry (their organisations' subtrees)."""

from django.db.models import Q

from mentor.accounts.enums import Role
from mentor.accounts.roles import roles_of
from mentor.core.permissions import ALLOW, deny, permission
from mentor.offer.models import Collection, Training
from mentor.organisations.models import Organisation

REFUSAL = (
    "La veille de l'offre est réservée aux administrateurs DGAFP, aux chefs de file des collections "
    "et aux équipes Mentor."
)


@permission("watch.watch_offer")
def watch_decision(user, obj=None):
    if not user.is_authenticated:
        return deny("Connectez-vous pour accéder à la veille de l'offre.")
    roles = roles_of(user)
    if roles.is_dgafp_admin or roles.reviewed_collection_ids or roles.holds(Role.MENTOR_TEAM):
        return ALLOW
    return deny(REFUSAL)


def trainings_watched_by(user):
    """The trainings whose watch is ``user``'s job (none without one of the roles)."""
    roles = roles_of(user)
    if roles.is_dgafp_admin:
        return Training.objects.all()
    condition = Q(pk__in=[])
    if roles.reviewed_collection_ids:
        condition |= Q(collection__in=sorted(roles.reviewed_collection_ids))
    if roles.holds(Role.MENTOR_TEAM):
        condition |= Q(owner__in=_team_organisations(roles))
    return Training.objects.filter(condition)


def collections_watched_by(user):
    """The collections whose objectives ``user`` follows: a collection lead's own, every one for the others."""
    roles = roles_of(user)
    if roles.is_dgafp_admin or roles.holds(Role.MENTOR_TEAM):
        return Collection.objects.all()
    return Collection.objects.filter(pk__in=sorted(roles.reviewed_collection_ids))


def _team_organisations(roles):
    return Organisation.objects.filter(roles.where(Role.MENTOR_TEAM)).values("pk")
