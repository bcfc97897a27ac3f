"""Sending a contact message to a Mentor team: throttled per user through the shared cache, and kept in the
database whatever happens to the e-mail."""

import logging

from django.core.cache import cache
from django.core.mail import EmailMessage

from mentor.organisations.enums import ContactMessageStatus
from mentor.organisations.models import ContactMessage

logger = logging.getLogger(__name__)

MESSAGES_PER_HOUR = 5
WINDOW_SECONDS = 3600


def allow_one_more(user) -> bool:
    """Count this message against the user's hourly allowance; False once it is spent."""
    key = f"mentor:contact-messages:{user.pk}"
    cache.add(key, 0, timeout=WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add and incr
        cache.set(key, 1, timeout=WINDOW_SECONDS)
        count = 1
    return count <= MESSAGES_PER_HOUR


def deliver(message: ContactMessage, recipients: list[str]) -> None:
    email = EmailMessage(
        subject=f"[Mentor] {message.subject}",
        body=f"Message de {message.sender_email} via la page Contact :\n\n{message.body}",
        to=recipients,
        reply_to=[message.sender_email],
    )
    try:
        email.send()
    except Exception:
        # Whatever the mail server did, the message stays in the database for the team to read.
        logger.exception("Contact message %s could not be sent", message.pk)
        status = ContactMessageStatus.FAILED
    else:
        status = ContactMessageStatus.SENT
    ContactMessage.objects.filter(pk=message.pk).update(status=status)
    message.status = status
