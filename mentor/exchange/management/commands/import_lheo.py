from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mentor.exchange import lheo_import
from mentor.exchange.progress import ProgressBar
from mentor.organisations.models import Organisation


class Command(BaseCommand):
    help = (
        "Importe un fichier LHEO 2.3 ou 2.2 dans l'offre d'une organisation : chaque formation est créée en "
        "brouillon, ou met à jour celle de même numéro ; un second import du même fichier ne change rien."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Le fichier LHEO (XML).")
        parser.add_argument("--organisation", required=True, help="Le code de l'organisation productrice.")
        parser.add_argument("--dry-run", action="store_true", help="Tout vérifier sans rien enregistrer.")

    def handle(self, *args, file, organisation, dry_run, **options):
        owner = Organisation.objects.filter(code=organisation).first()
        if owner is None:
            raise CommandError(f"Aucune organisation n'a le code « {organisation} ».")
        path = Path(file)
        try:
            if path.stat().st_size > lheo_import.MAX_BYTES:
                raise CommandError(
                    f"Le fichier dépasse la taille maximale de {lheo_import.MAX_BYTES // (1024 * 1024)} Mo."
                )
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Impossible de lire {file} : {error.strerror}.") from error
        try:
            progress = ProgressBar(self.stderr, lheo_import.count_records(data), "formations")
            report = lheo_import.import_lheo(data, owner, dry_run=dry_run, progress=progress)
        except lheo_import.Refused as refusal:
            raise CommandError(str(refusal)) from refusal
        progress.finish()
        for record in report.records:
            if record.result == lheo_import.REJECTED:
                self.stdout.write(
                    f"Ligne {record.line} — « {record.title or record.number} » rejetée : {record.reason}"
                )
        self.stdout.write(f"LHEO {report.version}. {report.summary()}")
        if report.counts[lheo_import.REJECTED]:
            raise CommandError(
                "Des formations ont été rejetées (voir ci-dessus) ; les autres sont importées."
            )
