"""Scheduled work of the offer, run by the task queue's worker (``core/jobs.py``)."""

from django_tasks import task

from mentor.core.jobs import scheduled

from .sessions import update_statuses_by_date

ARCHIVE_AFTER_DAYS = 30


@scheduled("5 * * * *", "Faire avancer les sessions selon leurs dates (chaque heure)")
@task()
def update_session_statuses() -> int:
    return len(update_statuses_by_date(ARCHIVE_AFTER_DAYS))
