from django.core.management.base import BaseCommand

from mentor.offer.sessions import update_statuses_by_date


class Command(BaseCommand):
    help = "Fait avancer les sessions selon leurs dates (à lancer régulièrement, par exemple chaque heure)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--archive-after-days",
            type=int,
            default=30,
            help="Archiver les sessions terminées depuis ce nombre de jours (30 par défaut).",
        )

    def handle(self, *args, archive_after_days, **options):
        done = update_statuses_by_date(archive_after_days)
        for session, transition in done:
            self.stdout.write(
                f"Session {session.pk} « {session} » : {transition.label.lower()} → {session.get_status_display().lower()}"
            )
        self.stdout.write(self.style.SUCCESS(f"{len(done)} session(s) mise(s) à jour."))
