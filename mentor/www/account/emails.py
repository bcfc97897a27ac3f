"""E-mails about accounts, each sent once the transaction that caused it has committed."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from mentor.accounts.roles import reviewers_for
from mentor.accounts.tokens import confirmation_token, invitation_token


def _send_later(subject: str, template: str, context: dict, recipients: list[str]) -> None:
    if not recipients:
        return
    body = render_to_string(
        f"www/account/emails/{template}.txt", {**context, "SITE_NAME": settings.SITE_NAME}
    )
    transaction.on_commit(lambda: send_mail(subject, body, None, recipients))


def send_confirmation(request, user) -> None:
    link = request.build_absolute_uri(reverse("accounts:confirm", args=[confirmation_token(user)]))
    _send_later(
        "Confirmez votre adresse électronique", "confirmation", {"user": user, "link": link}, [user.email]
    )


def notify_reviewers_of_account_request(request, account_request) -> None:
    link = request.build_absolute_uri(reverse("www:organisation:requests"))
    recipients = list(reviewers_for(account_request.entity).values_list("email", flat=True))
    _send_later(
        "Une demande de compte attend votre décision",
        "account_request",
        {"account_request": account_request, "link": link},
        recipients,
    )


def send_account_decision(account_request) -> None:
    _send_later(
        "Votre demande de compte a été traitée",
        "account_decision",
        {"account_request": account_request},
        [account_request.user.email],
    )


def notify_reviewers_of_entity_change(request, change) -> None:
    link = request.build_absolute_uri(reverse("www:organisation:requests"))
    recipients = list(reviewers_for(change.to_entity).values_list("email", flat=True))
    _send_later(
        "Une demande de changement d'entité attend votre décision",
        "entity_change_request",
        {"change": change, "link": link},
        recipients,
    )


def send_entity_change_decision(change) -> None:
    _send_later(
        "Votre demande de changement d'entité a été traitée",
        "entity_change_decision",
        {"change": change},
        [change.user.email],
    )


def send_invitation(request, invitation) -> None:
    link = request.build_absolute_uri(reverse("accounts:invitation", args=[invitation_token(invitation)]))
    _send_later(
        f"Invitation à rejoindre {invitation.organisation.name} sur {settings.SITE_NAME}",
        "invitation",
        {"invitation": invitation, "link": link},
        [invitation.email],
    )
