"""Scheduled housekeeping of the shared machinery (``core/jobs.py``)."""

from datetime import timedelta

from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from .jobs import scheduled
from .models import EmailStatus, OutgoingEmail

KEEP_SENT_EMAILS = timedelta(days=90)
KEEP_FINISHED_TASKS = timedelta(days=30)


@scheduled(
    "15 3 * * *", "Effacer les courriels envoyés depuis 90 jours et les tâches terminées depuis 30 jours"
)
@task()
def forget_old_work() -> list[int]:
    """Sent messages hold addresses and texts about people: they are kept 90 days, for support, then erased.
    Failed ones stay until an administrator sends them again."""
    now = timezone.now()
    emails, _ = OutgoingEmail.objects.filter(
        status=EmailStatus.SENT, sent_at__lt=now - KEEP_SENT_EMAILS
    ).delete()
    tasks, _ = DBTaskResult.objects.filter(finished_at__lt=now - KEEP_FINISHED_TASKS).delete()
    return [emails, tasks]
