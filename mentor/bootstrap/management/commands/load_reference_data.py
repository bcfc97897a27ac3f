from django.core.management.base import BaseCommand

from mentor.bootstrap.reference import load_reference_data


class Command(BaseCommand):
    help = "Charge les collections, les chefs de file et les critères de publication (sans rien dupliquer)."

    def handle(self, *args, **options):
        created = load_reference_data()
        summary = ", ".join(f"{label} : {count}" for label, count in created.items())
        self.stdout.write(self.style.SUCCESS(f"Données de référence à jour (créations — {summary})."))
