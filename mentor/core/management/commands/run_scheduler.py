from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from django.conf import settings
from django.core.management.base import BaseCommand

from mentor.core.jobs import scheduled_jobs


class Command(BaseCommand):
    help = (
        "Met en file les tâches planifiées à leurs heures (à lancer en un seul exemplaire, à côté de "
        "« manage.py db_worker » qui les exécute)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--list", action="store_true", help="Affiche les tâches planifiées et s'arrête.")

    def handle(self, *args, **options):
        jobs = scheduled_jobs()
        for job in jobs:
            self.stdout.write(f"{job.cron:<15} {job.name} — {job.description}")
        if options["list"]:
            return
        scheduler = BlockingScheduler(timezone=settings.TIME_ZONE)
        for job in jobs:
            scheduler.add_job(
                job.task.enqueue, CronTrigger.from_crontab(job.cron, timezone=settings.TIME_ZONE), id=job.name
            )
        try:
            scheduler.start()
        except (KeyboardInterrupt, SystemExit):
            scheduler.shutdown(wait=False)
