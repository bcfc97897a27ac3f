"""What funding removes when an account is deleted: co-editing rights. Proposals, evaluations and the
committee's decisions stay, pseudonymised with the account (ARCHITECTURE.md)."""

from django.dispatch import receiver

from mentor.accounts.signals import account_deleted

from .models import Proposal


@receiver(account_deleted, dispatch_uid="funding.forget_co_editing")
def forget_co_editing(sender, user, **kwargs):
    for proposal in Proposal.objects.filter(editors=user).order_by("pk"):
        proposal.editors.remove(user)
