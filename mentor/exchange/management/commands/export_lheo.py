from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandError

from mentor.core.templatetags.french import counted
from mentor.exchange import lheo_export
from mentor.exchange.progress import ProgressBar
from mentor.offer.models import Training


class Command(BaseCommand):
    help = (
        "Écrit l'offre publique (formations interministérielles publiées, comme pour un visiteur anonyme) au "
        "format LHEO 2.3 dans un fichier."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="Le fichier XML à écrire.")

    def handle(self, *args, output, **options):
        user = AnonymousUser()
        trainings = Training.objects.visible_to(user).order_by("-published_at", "-pk")
        total = trainings.count()
        progress = ProgressBar(self.stderr, total, "formations")
        try:
            with open(output, "wb") as target:
                lheo_export.write(trainings, user, target, progress)
        except OSError as error:
            raise CommandError(f"Impossible d'écrire {output} : {error.strerror}.") from error
        progress.finish()
        self.stdout.write(f"{counted(total, 'formation exportée', 'formations exportées')} dans {output}.")
