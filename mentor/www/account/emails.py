"""E-mails about accounts, written through ``core.mail.notify`` in the transaction of the change that causes
them. Links come from the request's own address."""

from django.contrib.auth.forms import PasswordResetForm
from django.urls import reverse

from mentor.accounts.roles import reviewers_for
from mentor.accounts.tokens import confirmation_token, invitation_token
from mentor.core.mail import notify

T = "www/account/emails/"


def send_confirmation(request, user) -> None:
    link = request.build_absolute_uri(reverse("accounts:confirm", args=[confirmation_token(user)]))
    notify([user.email], T + "confirmation", {"user": user, "link": link})


def notify_reviewers_of_account_request(request, account_request) -> None:
    link = request.build_absolute_uri(reverse("www:organisation:requests"))
    recipients = reviewers_for(account_request.entity).order_by("email").values_list("email", flat=True)
    notify(recipients, T + "account_request", {"account_request": account_request, "link": link})


def send_account_decision(account_request) -> None:
    notify([account_request.user.email], T + "account_decision", {"account_request": account_request})


def notify_reviewers_of_entity_change(request, change) -> None:
    link = request.build_absolute_uri(reverse("www:organisation:requests"))
    recipients = reviewers_for(change.to_entity).order_by("email").values_list("email", flat=True)
    notify(recipients, T + "entity_change_request", {"change": change, "link": link})


def send_entity_change_decision(change) -> None:
    notify([change.user.email], T + "entity_change_decision", {"change": change})


def send_invitation(request, invitation) -> None:
    link = request.build_absolute_uri(reverse("accounts:invitation", args=[invitation_token(invitation)]))
    notify([invitation.email], T + "invitation", {"invitation": invitation, "link": link})


class QueuedPasswordResetForm(PasswordResetForm):
    """Django's password reset, its message written through ``notify`` like every other."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, **kwargs):
        notify([to_email], T + "password_reset", context)
