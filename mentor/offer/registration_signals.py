"""Deleting an account frees its places: ``offer`` listens to ``accounts.signals.account_deleted``, so
``accounts`` does not need to import ``offer`` (which reads ``accounts.roles``) and no circle appears."""

from django.dispatch import receiver

from mentor.accounts.signals import account_deleted

from .models import Session, Training
from .registration import anonymise_registrations_of


@receiver(account_deleted, dispatch_uid="offer.anonymise_registrations")
def anonymise_registrations_of_deleted_account(sender, user, **kwargs):
    """Registrations stay for the figures without their agent; the person stops managing sessions and designing
    trainings (the workflow's log still says what they did)."""
    anonymise_registrations_of(user)
    Session.managers.through.objects.filter(user=user).delete()
    Training.designers.through.objects.filter(user=user).delete()
