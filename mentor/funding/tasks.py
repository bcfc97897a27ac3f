"""Scheduled work of calls for projects, run by the task queue's worker (``core/jobs.py``)."""

from django_tasks import task

from mentor.core.jobs import scheduled

from .workflow import update_calls_by_date


@scheduled("*/5 * * * *", "Ouvrir et clore les appels à projets à leurs dates (toutes les 5 minutes)")
@task()
def update_call_statuses() -> int:
    return len(update_calls_by_date())
