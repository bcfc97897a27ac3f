"""Who reads and manages the designers' library, who edits the community page, who marks models (see
mentor/core/permissions.py). Roles are read once per request (accounts/roles.py)."""

from mentor.accounts.enums import Role
from mentor.accounts.roles import is_dgafp_admin, roles_of
from mentor.core.permissions import ALLOW, deny, permission
from mentor.offer.enums import TrainingStatus
from mentor.offer.models import Collection

from .enums import Audience

READER_ROLES = (Role.DESIGNER, Role.MENTOR_TEAM, Role.COLLECTION_REVIEWER)


def lead_collection_ids(user) -> set[int]:
    """Collections ``user`` leads: reviewed as a member of the organisation that leads them (one query, kept
    for the request on the user object)."""
    if not user.is_authenticated:
        return set()
    cached = user.__dict__.get("_lead_collection_ids")
    if cached is None:
        held = roles_of(user).of(Role.COLLECTION_REVIEWER)
        cached = set()
        if held:
            cached = set(
                Collection.objects.filter(
                    pk__in=sorted({c for h in held for c in h.collection_ids}),
                    lead_id__in=sorted({h.organisation_id for h in held}),
                ).values_list("pk", flat=True)
            )
        user.__dict__["_lead_collection_ids"] = cached
    return cached


def audiences_of(user) -> set[str] | None:
    """The audiences whose resources ``user`` reads; None: all of them (the library's managers)."""
    if manage_library_decision(user):
        return None
    roles = roles_of(user)
    audiences = {Audience.EVERYONE}
    if roles.holds(Role.DESIGNER):
        audiences.add(Audience.DESIGNERS)
    if roles.holds(Role.COLLECTION_REVIEWER) or roles.holds(Role.MENTOR_TEAM):
        audiences.add(Audience.REVIEWERS)
    if roles.holds(Role.MENTOR_TEAM):
        audiences.add(Audience.MENTOR_TEAMS)
    return audiences


@permission("design.read_library")
def read_library_decision(user, obj=None):
    if not user.is_authenticated:
        return deny("Connectez-vous pour consulter l'espace des concepteurs.")
    roles = roles_of(user)
    if roles.is_dgafp_admin or any(roles.holds(role) for role in READER_ROLES):
        return ALLOW
    return deny(
        "L'espace des concepteurs est réservé aux concepteurs, aux relecteurs, aux équipes Mentor et à la DGAFP."
    )


@permission("design.manage_library")
def manage_library_decision(user, obj=None):
    if is_dgafp_admin(user) or lead_collection_ids(user):
        return ALLOW
    return deny(
        "La bibliothèque est gérée par les administrateurs DGAFP et les chefs de file des collections."
    )


@permission("design.edit_community")
def edit_community_decision(user, obj=None):
    if is_dgafp_admin(user):
        return ALLOW
    return deny("La page de la communauté est tenue par les administrateurs DGAFP.")


@permission("design.mark_model")
def mark_model_decision(user, training):
    if training.status != TrainingStatus.PUBLISHED:
        return deny("Seule une formation publiée peut servir de modèle.")
    if roles_of(user).holds(
        Role.MENTOR_TEAM, training.owner
    ) or training.collection_id in lead_collection_ids(user):
        return ALLOW
    return deny(
        "Une formation est marquée comme modèle par l'équipe Mentor de son organisation ou par le chef de file "
        "de sa collection."
    )
