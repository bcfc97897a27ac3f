import time

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError

from bench.data.generate import ForeignDataError, generate


class Command(BaseCommand):
    help = (
        "Génère une offre de formation réaliste à grande échelle pour le banc d'essai de performances "
        "(remplace les données d'un banc précédent)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--trainings", type=int, required=True, help="Nombre de formations à générer.")
        parser.add_argument("--users", type=int, default=50_000, help="Nombre de comptes d'agents (50 000).")
        parser.add_argument(
            "--seed", type=int, default=1, help="Graine : la même graine donne la même offre."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Générer même si la base contient des données qui ne viennent pas du banc d'essai.",
        )

    def handle(self, *args, trainings, users, seed, force, **options):
        started = time.monotonic()
        try:
            counts = generate(trainings=trainings, users=users, seed=seed, force=force)
        except ForeignDataError as error:
            found = ", ".join(f"{n} {kind}" for kind, n in error.args[0].items())
            raise CommandError(
                f"Cette base contient déjà des données qui ne viennent pas du banc d'essai ({found}). "
                "Utilisez une base dédiée au banc d'essai, ou relancez avec --force pour y ajouter "
                "quand même les données générées."
            ) from error
        # The search index is the search app's: rebuild it with its own bulk command when it exists.
        if "rebuild_search_index" in get_commands():
            call_command("rebuild_search_index", verbosity=0)
        else:
            self.stderr.write("Commande rebuild_search_index absente : index de recherche non reconstruit.")
        summary = ", ".join(f"{kind} : {n}" for kind, n in counts.items())
        elapsed = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(f"Données du banc d'essai générées en {elapsed:.0f} s ({summary}).")
        )
