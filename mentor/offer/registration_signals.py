"""Deleting an account frees its places: ``offer`` listens to the deletion itself, so ``accounts`` does not need
to import ``offer`` (which reads ``accounts.roles``) and no circle appears between the two apps."""

from django.conf import settings
from django.db.models.signals import pre_delete
from django.dispatch import receiver

from .registration import anonymise_registrations_of


@receiver(pre_delete, sender=settings.AUTH_USER_MODEL)
def anonymise_registrations_of_deleted_account(sender, instance, **kwargs):
    anonymise_registrations_of(instance)
