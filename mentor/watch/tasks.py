"""Scheduled and queued work of the offer watch, run by the task queue's worker (``core/jobs.py``)."""

from django_tasks import task

from mentor.core.jobs import scheduled

from .duplicates import find_likely_duplicates
from .indicators import renew_kept


@scheduled("30 2 * * *", "Chercher les doublons probables entre organisations (chaque nuit)")
@task()
def find_duplicates() -> int:
    return find_likely_duplicates()


# Queued after writes of what the indicators count (``kept``), and at the start of each day, whose date they read;
# below the default priority, so that e-mails go first. Each run renews one combination and queues the next.
@scheduled("5 0 * * *", "Recalculer les indicateurs consultés récemment (chaque jour)")
@task(priority=-10)
def renew_indicators() -> bool:
    renewed = renew_kept()
    if renewed:
        renew_indicators.enqueue()
    return renewed
