"""Scheduled work of the editorial strategy, run by the task queue's worker (``core/jobs.py``)."""

from django_tasks import task

from mentor.core.jobs import scheduled

from .labels import process_labels as remind_and_expire


@scheduled("30 6 * * *", "Rappeler les labels qui expirent et retirer les labels expirés (chaque jour)")
@task()
def process_labels() -> list[int]:
    return list(remind_and_expire())
