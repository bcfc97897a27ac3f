"""A deleted account's API tokens go with it."""

from django.dispatch import receiver
from rest_framework.authtoken.models import Token

from mentor.accounts.signals import account_deleted


@receiver(account_deleted, dispatch_uid="api.forget_tokens")
def forget_tokens(sender, user, **kwargs):
    Token.objects.filter(user=user).delete()
