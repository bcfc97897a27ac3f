"""Scheduled housekeeping of the shared machinery (``core/jobs.py``)."""

from datetime import timedelta

from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from .jobs import scheduled
from .models import EmailStatus, OutgoingEmail, SearchChange
from .search.resident import KEEP_CHANGES

KEEP_SENT_EMAILS = timedelta(days=90)
KEEP_FINISHED_TASKS = timedelta(days=30)


@scheduled(
    "15 3 * * *",
    "Effacer les courriels envoyés depuis 90 jours, les tâches terminées depuis 30 jours et le journal des "
    "index de recherche de plus d'un jour",
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
    # Every process has caught up with these lines, or will build its resident indexes again (core/search/resident.py).
    changes, _ = SearchChange.objects.filter(at__lt=now - KEEP_CHANGES).delete()
    return [emails, tasks, changes]
