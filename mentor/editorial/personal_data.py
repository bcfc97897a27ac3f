"""What editorial removes when an account is deleted (the workflow's record of decisions stays, pseudonymised)."""

from django.dispatch import receiver

from mentor.accounts.signals import account_deleted

from .models import CollectionWatch


@receiver(account_deleted, dispatch_uid="editorial.forget_watches")
def forget_watches(sender, user, **kwargs):
    CollectionWatch.objects.filter(user=user).delete()
