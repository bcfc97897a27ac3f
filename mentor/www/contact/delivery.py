"""Sending a contact message to a Mentor team: throttled per user through the shared cache, kept in the database,
and handed to the task queue (``core.mail.notify``) in the same transaction."""

from django.core.cache import cache

from mentor.core.mail import notify
from mentor.organisations.models import ContactMessage

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
    """Queue ``message`` for the team; one e-mail to all its members, answering to the sender."""
    emails = notify(
        recipients,
        "www/contact/emails/message",
        {"message": message},
        reply_to=[message.sender_email],
        one_each=False,
    )
    if emails:
        message.email = emails[0]
        message.save(update_fields=["email"])
