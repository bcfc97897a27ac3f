from django.core.management.base import BaseCommand

from mentor.editorial.labels import process_labels


class Command(BaseCommand):
    help = (
        "Envoie les rappels de réévaluation des labels qui expirent dans 60 jours et retire les labels expirés. "
        "À planifier chaque jour."
    )

    def handle(self, *args, **options):
        reminded, removed = process_labels()
        self.stdout.write(f"{reminded} rappel(s) envoyé(s), {removed} label(s) expiré(s) retiré(s).")
