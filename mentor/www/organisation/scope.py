"""What an administrator or a Mentor team member may reach: everything else is a 404."""

from mentor.accounts.enums import RequestStatus, Role
from mentor.accounts.models import AccountRequest, EntityChangeRequest
from mentor.accounts.roles import is_dgafp_admin, organisations_where, organisations_where_any
from mentor.organisations.models import Organisation


def administered(user):
    if is_dgafp_admin(user):
        return Organisation.objects.all()
    return organisations_where(user, Role.ENTITY_ADMIN)


def administered_roots(user):
    """The organisations where the user's administration starts (their subtrees follow)."""
    if is_dgafp_admin(user):
        return Organisation.objects.filter(parent__isnull=True)
    return Organisation.objects.filter(memberships__user=user, memberships__role=Role.ENTITY_ADMIN).distinct()


def _reviewed(user):
    if is_dgafp_admin(user):
        return Organisation.objects.all()
    return organisations_where_any(user, Role.MENTOR_TEAM, Role.ENTITY_ADMIN)


def pending_account_requests(user):
    # Requests whose address is not confirmed yet wait: the requester may not even own it.
    return AccountRequest.objects.filter(
        status=RequestStatus.PENDING, entity__in=_reviewed(user), user__email_confirmed_at__isnull=False
    ).select_related("user", "entity")


def pending_entity_changes(user):
    return EntityChangeRequest.objects.filter(
        status=RequestStatus.PENDING, to_entity__in=_reviewed(user)
    ).select_related("user", "from_entity", "to_entity")
