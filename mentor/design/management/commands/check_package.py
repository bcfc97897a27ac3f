from django.core.management.base import BaseCommand, CommandError

from mentor.design.scorm import Refused, check_package


class Command(BaseCommand):
    help = (
        "Vérifie un paquet e-learning (zip SCORM 1.2 ou 2004) selon le cahier des exigences techniques et affiche "
        "le même rapport que la page de conception ; code de sortie non nul s'il est refusé ou non conforme."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="le fichier zip à vérifier")

    def handle(self, *args, file, **options):
        try:
            with open(file, "rb") as package:
                report = check_package(package)
        except OSError as error:
            raise CommandError(f"Impossible de lire « {file} » : {error.strerror}.") from error
        except Refused as refusal:
            raise CommandError(f"Paquet refusé : {refusal}") from refusal
        self.stdout.write(report.as_text())
        if not report.passed:
            raise CommandError(
                f"{len(report.findings)} règle(s) non respectée(s) : le paquet n'est pas conforme."
            )
