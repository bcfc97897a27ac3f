from django.core.management.base import BaseCommand

from mentor.core.search import rebuild, registered_indexes


class Command(BaseCommand):
    help = "Reconstruit les index de recherche plein texte (après un chargement en masse, par exemple)."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=10_000, help="Lignes indexées par requête.")

    def handle(self, *args, batch_size, **options):
        for index in registered_indexes():
            count = rebuild(index, batch_size)
            self.stdout.write(f"{index.table} : {count} lignes indexées.")
