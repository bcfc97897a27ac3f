from django.core.management.base import BaseCommand

from mentor.watch.duplicates import find_likely_duplicates


class Command(BaseCommand):
    help = (
        "Cherche tout de suite les doublons probables entre organisations dans toute l'offre (le planificateur "
        "le fait chaque nuit) ; les paires déclarées « pas un doublon » ne reviennent pas."
    )

    def handle(self, *args, **options):
        found = find_likely_duplicates()
        self.stdout.write(
            self.style.SUCCESS(f"{found} paire{'s' if found > 1 else ''} de doublons probables.")
        )
