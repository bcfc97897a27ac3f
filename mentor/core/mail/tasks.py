"""Sending a stored message, on the task queue's worker. A failure is retried with a growing delay; after
``EMAIL_MAX_ATTEMPTS`` the message is kept as failed, for the DGAFP administrators to send again from
``/admin/``."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone
from django_tasks import task

from mentor.core.models import EmailStatus, OutgoingEmail


def retry_delay(attempts: int) -> timedelta:
    """1 minute after the first failure, then five times longer after each one (5, 25 minutes, 2 hours…)."""
    return timedelta(seconds=settings.EMAIL_RETRY_BASE_SECONDS * 5 ** (attempts - 1))


def enqueue_sending(email: OutgoingEmail, delay: timedelta | None = None) -> None:
    """Enqueue the sending of ``email`` in the current transaction (the queue lives in the same database)."""
    if delay is None:
        send_email.enqueue(email.pk)
    else:
        send_email.using(run_after=timezone.now() + delay).enqueue(email.pk)


@task()
def send_email(email_id: int) -> str:
    email = OutgoingEmail.objects.filter(pk=email_id, status=EmailStatus.PENDING).first()
    if email is None:  # sent already, or given up and not asked again
        return "nothing to do"
    message = EmailMessage(
        email.subject, email.body, settings.DEFAULT_FROM_EMAIL, email.to, reply_to=email.reply_to
    )
    # Sent outside any transaction: a slow mail server must not hold a database lock.
    try:
        message.send()
    except Exception as error:  # whatever the mail layer raises, the message is kept and tried again
        return _failed(email, error)
    OutgoingEmail.objects.filter(pk=email.pk).update(
        status=EmailStatus.SENT, attempts=email.attempts + 1, sent_at=timezone.now(), last_error=""
    )
    return "sent"


def _failed(email: OutgoingEmail, error: Exception) -> str:
    attempts = email.attempts + 1
    given_up = attempts >= settings.EMAIL_MAX_ATTEMPTS
    OutgoingEmail.objects.filter(pk=email.pk).update(
        attempts=attempts,
        last_error=f"{type(error).__name__}: {error}"[:2000],
        status=EmailStatus.FAILED if given_up else EmailStatus.PENDING,
    )
    if given_up:
        return "failed"
    enqueue_sending(email, retry_delay(attempts))
    return "retry"


def send_again(emails) -> int:
    """Put failed messages back in the queue with their attempts reset (the admin's "retry" action)."""
    count = 0
    for email in emails.filter(status=EmailStatus.FAILED):
        OutgoingEmail.objects.filter(pk=email.pk).update(
            status=EmailStatus.PENDING, attempts=0, last_error=""
        )
        enqueue_sending(email)
        count += 1
    return count
