from django.core.management.base import BaseCommand

from mentor.funding.workflow import CALLS, update_calls_by_date


class Command(BaseCommand):
    help = "Ouvre et clôt les appels à projets à leurs dates, tout de suite (le planificateur le fait toutes les 5 minutes)."

    def handle(self, *args, **options):
        done = update_calls_by_date()
        for call, name in done:
            self.stdout.write(f"Appel {call.pk} « {call} » : {CALLS.table[name].label.lower()}")
        self.stdout.write(self.style.SUCCESS(f"{len(done)} appel(s) mis à jour."))
