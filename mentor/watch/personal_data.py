"""What the offer watch does when an account is deleted: the person's satisfaction answers stay in the results
(they were never shown with a name) but are cut from the account. A pair they declared not a duplicate stays
with the pseudonymised account, as every decision does."""

from django.dispatch import receiver

from mentor.accounts.signals import account_deleted

from .models import SatisfactionAnswer


@receiver(account_deleted, dispatch_uid="watch.forget_satisfaction_answers")
def forget_answers(sender, user, **kwargs):
    SatisfactionAnswer.objects.filter(user=user).update(user=None)
