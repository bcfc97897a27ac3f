"""Who holds which role where, read ONCE per request.

``roles_of(user)`` loads every role the user holds in one query (with the organisations' materialised paths and
the sub-collections a collection reviewer also reviews) and keeps it on the user object, which lives as long as the
request. Every permission then decides in memory: ``RoleSet`` is a plain value, testable without a database.
Roles in INHERITED_ROLES held in an organisation apply to its whole subtree (a ministry's entity administrator
manages its deconcentrated services)."""

import itertools
from dataclasses import dataclass, field

from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from mentor.organisations.models import Organisation

from .enums import INHERITED_ROLES, Role
from .models import Membership


@dataclass(frozen=True)
class Held:
    """One role held in one organisation (``path``: its materialised path, ``/3/17/``)."""

    role: str
    organisation_id: int
    path: str
    collection_ids: frozenset[int] = frozenset()  # a reviewer's collection and its sub-collections


@dataclass(frozen=True)
class RoleSet:
    held: tuple[Held, ...] = ()
    is_superuser: bool = False
    version: int = field(default=-1, compare=False)

    def of(self, role) -> list[Held]:
        return [h for h in self.held if h.role == role]

    def holds(self, role, organisation=None) -> bool:
        """Whether the role is held in ``organisation`` (directly, or above it for inherited roles); without an
        organisation, whether it is held anywhere."""
        if organisation is None:
            return any(h.role == role for h in self.held)
        if role in INHERITED_ROLES:
            return any(h.role == role and organisation.path.startswith(h.path) for h in self.held)
        return any(h.role == role and h.organisation_id == organisation.pk for h in self.held)

    def holds_any(self, organisation, *roles) -> bool:
        return any(self.holds(role, organisation) for role in roles)

    @property
    def is_dgafp_admin(self) -> bool:
        return self.is_superuser or self.holds(Role.DGAFP_ADMIN)

    @property
    def reviewed_collection_ids(self) -> set[int]:
        return {c for h in self.of(Role.COLLECTION_REVIEWER) for c in h.collection_ids}

    def where(self, role) -> Q:
        """A condition on Organisation matching every organisation where the role may be used."""
        held = self.of(role)
        if not held:
            return Q(pk__in=[])
        if role not in INHERITED_ROLES:
            return Q(pk__in=sorted({h.organisation_id for h in held}))
        condition = Q()
        for path in sorted({h.path for h in held}):
            condition |= Q(path__startswith=path)
        return condition


NOBODY = RoleSet()
# Any change of a membership in this process renews the version, so a user object read before the change reloads
# its roles (within one request they are otherwise read once).
_changes = itertools.count()
_version = next(_changes)


@receiver([post_save, post_delete], sender=Membership)
def _memberships_changed(**kwargs):
    global _version
    _version = next(_changes)


def roles_of(user) -> RoleSet:
    """Every role ``user`` holds, read in one query the first time in a request."""
    if not user.is_authenticated:
        return NOBODY
    cached = user.__dict__.get("_roles")
    if cached is not None and cached.version == _version:
        return cached
    version = _version
    rows = Membership.objects.filter(user=user).values_list(
        "role", "organisation_id", "organisation__path", "collection_id", "collection__children__id"
    )
    collected: dict[tuple[str, int, str], set[int]] = {}
    for role, organisation_id, path, collection_id, child_id in rows:
        collections = collected.setdefault((role, organisation_id, path), set())
        collections.update(c for c in (collection_id, child_id) if c is not None)
    roles = RoleSet(
        held=tuple(Held(r, o, p, frozenset(c)) for (r, o, p), c in sorted(collected.items())),
        is_superuser=user.is_superuser,
        version=version,
    )
    user.__dict__["_roles"] = roles
    return roles


def holds_role(user, role: Role, organisation: Organisation | None = None) -> bool:
    """Whether ``user`` holds ``role`` in ``organisation`` (directly, or above it for inherited roles).
    Without an organisation: whether they hold it anywhere."""
    return roles_of(user).holds(role, organisation)


def organisations_where(user, role: Role):
    """Every organisation where ``user`` may act with ``role``, subtrees included for inherited roles."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(roles_of(user).where(role))


def is_dgafp_admin(user) -> bool:
    return user.is_authenticated and roles_of(user).is_dgafp_admin


def reviewed_collection_ids(user) -> set[int]:
    """Collections ``user`` reviews as a member of their lead organisation (sub-collections included)."""
    return roles_of(user).reviewed_collection_ids


def acts_for(user, organisation: Organisation, *roles: Role) -> bool:
    """Whether ``user`` holds one of ``roles`` over ``organisation`` (inheritance included)."""
    return roles_of(user).holds_any(organisation, *roles)


def organisations_where_any(user, *roles: Role):
    """Every organisation where ``user`` may act with one of ``roles``."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    condition = Q(pk__in=[])
    for role in roles:
        condition |= roles_of(user).where(role)
    return Organisation.objects.filter(condition)


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
