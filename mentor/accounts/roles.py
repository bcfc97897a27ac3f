"""Who holds which role where. Roles in INHERITED_ROLES held in an organisation apply to its whole subtree
(a ministry's entity administrator manages its deconcentrated services)."""

from django.db.models import Q

from mentor.organisations.models import Organisation

from .enums import INHERITED_ROLES, Role
from .models import Membership


def holds_role(user, role: Role, organisation: Organisation | None = None) -> bool:
    """Whether ``user`` holds ``role`` in ``organisation`` (directly, or above it for inherited roles).
    Without an organisation: whether they hold it anywhere."""
    if not user.is_authenticated:
        return False
    memberships = Membership.objects.filter(user=user, role=role)
    if organisation is not None:
        where = organisation.ancestor_ids if role in INHERITED_ROLES else [organisation.pk]
        memberships = memberships.filter(organisation_id__in=where)
    return memberships.exists()


def organisations_where(user, role: Role):
    """Every organisation where ``user`` may act with ``role``, subtrees included for inherited roles."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    roots = Organisation.objects.filter(memberships__user=user, memberships__role=role)
    if role not in INHERITED_ROLES:
        return roots.distinct()
    prefixes = list(roots.values_list("path", flat=True))
    if not prefixes:
        return Organisation.objects.none()
    condition = Q()
    for prefix in prefixes:
        condition |= Q(path__startswith=prefix)
    return Organisation.objects.filter(condition)


def is_dgafp_admin(user) -> bool:
    return user.is_authenticated and (user.is_superuser or holds_role(user, Role.DGAFP_ADMIN))


def reviewed_collection_ids(user) -> set[int]:
    """Collections ``user`` reviews as a member of their lead organisation (sub-collections included)."""
    if not user.is_authenticated:
        return set()
    reviews = Membership.objects.filter(user=user, role=Role.COLLECTION_REVIEWER)
    direct = set(reviews.values_list("collection_id", flat=True))
    children = set(
        reviews.filter(collection__children__isnull=False).values_list("collection__children", flat=True)
    )
    return direct | children


def acts_for(user, organisation: Organisation, *roles: Role) -> bool:
    """Whether ``user`` holds one of ``roles`` over ``organisation`` (inheritance included)."""
    return any(holds_role(user, role, organisation) for role in roles)


def organisations_where_any(user, *roles: Role):
    """Every organisation where ``user`` may act with one of ``roles``."""
    found = Organisation.objects.none()
    for role in roles:
        found = found | organisations_where(user, role)
    return found.distinct()


def reviewers_for(organisation: Organisation):
    """Who decides the requests about ``organisation``: its Mentor team and its administrators, from itself up
    to its ministry; the DGAFP administrators when nobody there holds such a role."""
    from .models import User

    nearby = User.objects.filter(
        is_active=True,
        memberships__role__in=[Role.MENTOR_TEAM, Role.ENTITY_ADMIN],
        memberships__organisation_id__in=organisation.ancestor_ids,
    ).distinct()
    if nearby.exists():
        return nearby
    return User.objects.filter(is_active=True, memberships__role=Role.DGAFP_ADMIN).distinct()
