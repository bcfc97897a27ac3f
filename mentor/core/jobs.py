"""Scheduled jobs: tasks of the task queue that the scheduler (``manage.py run_scheduler``) enqueues at fixed
times. An app declares one in its ``tasks`` module:

    @scheduled("0 * * * *", "Faire avancer les sessions selon leurs dates")
    @task()
    def update_session_statuses(): ...

The worker runs it like any task, so a job that fails is visible with its traceback, and running several
schedulers would only enqueue idempotent jobs twice."""

from dataclasses import dataclass

from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class Job:
    task: object  # a django_tasks Task
    cron: str  # crontab expression, in the site's time zone
    description: str

    @property
    def name(self) -> str:
        return self.task.module_path


_JOBS: dict[str, Job] = {}


def scheduled(cron: str, description: str):
    def register(task):
        job = Job(task, cron, description)
        _JOBS[job.name] = job
        return task

    return register


def scheduled_jobs() -> list[Job]:
    """Every declared job; the apps' ``tasks`` modules are imported first."""
    autodiscover_modules("tasks")
    return sorted(_JOBS.values(), key=lambda job: job.name)
