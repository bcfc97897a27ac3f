"""A deleted account's API tokens go with it."""

from django.dispatch import receiver

from mentor.accounts.models import ApiToken
from mentor.accounts.signals import account_deleted


@receiver(account_deleted, dispatch_uid="api.forget_tokens")
def forget_tokens(sender, user, **kwargs):
    ApiToken.objects.filter(user=user).delete()
