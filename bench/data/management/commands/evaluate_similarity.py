from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from bench.data.similarity import LIKELY_DUPLICATE, evaluate, load_set
from mentor.offer.models import Training


class Command(BaseCommand):
    help = (
        "Mesure la recherche de formations similaires : insère le jeu d'évaluation étiqueté "
        "(tests/watch/similarity_set.json) dans une offre générée et affiche le rappel à 5 et la précision à 1."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--trainings",
            type=int,
            default=10_000,
            help="Taille de l'offre générée autour du jeu (10 000) ; 0 : garder l'offre déjà en base.",
        )
        parser.add_argument("--seed", type=int, default=1, help="Graine de l'offre générée.")
        parser.add_argument(
            "--force", action="store_true", help="Générer même dans une base qui contient d'autres données."
        )

    def handle(self, *args, trainings, seed, force, **options):
        if trainings < 0:
            raise CommandError("--trainings doit être positif ou nul.")
        if trainings:
            call_command(
                "generate_bench_data", trainings=trainings, users=100, seed=seed, force=force, verbosity=0
            )
        elif not Training.objects.exists():
            raise CommandError("L'offre est vide : donnez --trainings pour en générer une.")
        offer = Training.objects.count()
        result = evaluate(load_set())
        for title, top5 in result.misses:
            self.stdout.write(f"Manqué : « {title} » → " + " | ".join(top5))
        for query, intruder, score in result.intruders:
            self.stdout.write(f"Intrus au-dessus du seuil : « {query} » → « {intruder} » ({score:.2f})")
        self.stdout.write(
            f"Offre de {offer} formations, {result.queries} recherches : "
            f"rappel à 5 = {result.recall_at_5:.3f}, précision à 1 = {result.precision_at_1:.3f}, "
            f"{len(result.intruders)} intrus au-dessus du seuil de doublon probable ({LIKELY_DUPLICATE})."
        )
