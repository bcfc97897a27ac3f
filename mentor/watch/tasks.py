"""Scheduled work of the offer watch, run by the task queue's worker (``core/jobs.py``)."""

from django_tasks import task

from mentor.core.jobs import scheduled

from .duplicates import find_likely_duplicates


@scheduled("30 2 * * *", "Chercher les doublons probables entre organisations (chaque nuit)")
@task()
def find_duplicates() -> int:
    return find_likely_duplicates()
