"""What happens to accounts: sign-up, confirmation, requests and their decisions, roles, invitations, deletion.

Each function runs in one transaction, so a failure leaves nothing half-saved. E-mails are the web layer's
business: it sends them once the transaction has committed.
"""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mentor.core.permissions import require
from mentor.organisations.models import ContactMessage, EmailDomain, Organisation, TeamMembership

from .enums import RequestStatus
from .models import AccountRequest, EntityChangeRequest, Invitation, Membership, User
from .signals import account_deleted

NOT_ATTACHABLE = "Une organisation de ce type ne peut pas être choisie comme entité de rattachement."


def needs_review(email: str, entity: Organisation) -> bool:
    """An address vouches for an entity when its domain belongs to an organisation of the same ministry."""
    owner = EmailDomain.organisation_for_email(email)
    return owner is None or owner.ministry_id != entity.ministry_id


@transaction.atomic
def sign_up(*, email: str, first_name: str, last_name: str, password: str, entity: Organisation) -> User:
    """An inactive account, with an account request when the address does not vouch for the entity."""
    if not entity.is_attachable:
        raise ValidationError(NOT_ATTACHABLE)
    user = User.objects.create_user(
        email, password, first_name=first_name, last_name=last_name, entity=entity, is_active=False
    )
    if needs_review(user.email, entity):
        AccountRequest.objects.create(user=user, entity=entity)
    return user


@transaction.atomic
def confirm_email(user: User) -> bool:
    """Mark the address confirmed; the account opens unless a request still waits. Returns whether it is open."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.email_confirmed_at is None:
        user.email_confirmed_at = timezone.now()
    request = AccountRequest.objects.filter(user=user).first()
    user.is_active = request is None or request.status == RequestStatus.ACCEPTED
    user.save(update_fields=["email_confirmed_at", "is_active"])
    return user.is_active


@transaction.atomic
def decide_account_request(account_request: AccountRequest, by: User, accept: bool) -> AccountRequest:
    account_request = (
        AccountRequest.objects.select_for_update(of=("self",))
        .select_related("user")
        .get(pk=account_request.pk)
    )
    account_request.decide(by, accept)
    user = account_request.user
    if accept and user.email_confirmed_at is not None:
        user.is_active = True
        user.save(update_fields=["is_active"])
    return account_request


@transaction.atomic
def request_entity_change(user: User, entity: Organisation) -> EntityChangeRequest:
    if not entity.is_attachable:
        raise ValidationError(NOT_ATTACHABLE)
    if entity.pk == user.entity_id:
        raise ValidationError("C'est déjà votre entité de rattachement.")
    if EntityChangeRequest.objects.filter(user=user, status=RequestStatus.PENDING).exists():
        raise ValidationError("Une demande de changement d'entité est déjà en attente.")
    return EntityChangeRequest.objects.create(user=user, from_entity=user.entity, to_entity=entity)


@transaction.atomic
def decide_entity_change(change: EntityChangeRequest, by: User, accept: bool) -> EntityChangeRequest:
    change = (
        EntityChangeRequest.objects.select_for_update(of=("self",)).select_related("user").get(pk=change.pk)
    )
    change.decide(by, accept)
    if accept:
        change.user.entity = change.to_entity
        change.user.save(update_fields=["entity"])
    return change


@transaction.atomic
def grant_role(membership: Membership) -> Membership:
    """Save ``membership``, a role its granter may hand out (``accounts.grant_role``, checked with the French
    reasons by the form that built it)."""
    membership.save()
    return membership


@transaction.atomic
def withdraw_role(memberships, pk: int, by: User) -> Membership:
    """Delete the role ``pk`` among ``memberships`` (the caller's scope: any other is ``Membership.DoesNotExist``),
    locked first so that two administrators cannot both withdraw it; ``PermissionDenied`` with the reason when
    ``by`` may not."""
    membership = memberships.select_for_update(of=("self",)).get(pk=pk)
    require(by, "accounts.withdraw_role", membership)
    membership.delete()
    return membership


@transaction.atomic
def invite(*, email: str, organisation: Organisation, role: str, by: User) -> Invitation:
    """An invitation to open an account attached to ``organisation``, with ``role`` there ("" for none)."""
    return Invitation.objects.create(email=email, organisation=organisation, role=role, invited_by=by)


@transaction.atomic
def accept_invitation(invitation: Invitation, user: User | None = None, **new_account) -> User:
    """Attach ``user`` (or a new account made from ``new_account``) to the invitation's organisation. The link
    reached the address, so the address is confirmed."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise ValidationError("Cette invitation a déjà été acceptée.")
    if user is None:
        password = new_account.pop("password")
        user = User.objects.create_user(
            invitation.email,
            password,
            entity=invitation.organisation,
            email_confirmed_at=timezone.now(),
            **new_account,
        )
    elif user.email.lower() != invitation.email.lower():
        raise ValidationError("Cette invitation a été envoyée à une autre adresse.")
    if invitation.role:
        Membership.objects.get_or_create(
            user=user, organisation=invitation.organisation, role=invitation.role
        )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at", "updated_at"])
    return user


@transaction.atomic
def delete_account(user: User) -> None:
    """Delete the account by pseudonymising it. What the person did for the administration stays on record under
    "compte supprimé n° <id>" with their attachment entity (workflow logs, quality reviews, history, decisions):
    the administration must keep it. Everything else personal goes: address, names, password, roles, team
    entries, requests, login traces, and what other apps hold (``account_deleted``: registrations lose their
    agent and free their places, watched collections and API tokens go); sent messages lose the address."""
    account_deleted.send(User, user=user)
    ContactMessage.objects.filter(sender=user).update(sender=None, sender_email="")
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.filter(username__iexact=user.email).delete()
    Membership.objects.filter(user=user).delete()
    TeamMembership.objects.filter(user=user).delete()
    AccountRequest.objects.filter(user=user).delete()
    EntityChangeRequest.objects.filter(user=user).delete()
    user.groups.clear()
    user.user_permissions.clear()
    user.email = f"compte-supprime-{user.pk}@mentor.invalid"
    user.first_name = user.last_name = ""
    user.set_unusable_password()  # also ends every session the person had open
    user.is_active = user.is_staff = user.is_superuser = False
    user.last_login = user.email_confirmed_at = None
    user.deleted_at = timezone.now()
    user.save()
