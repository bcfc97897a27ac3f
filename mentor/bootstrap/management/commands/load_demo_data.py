from django.core.management.base import BaseCommand
from django.db import transaction

from mentor.bootstrap.demo import accounts, design, editorial, funding, offer, organisations, watch
from mentor.bootstrap.reference import load_reference_data


class Command(BaseCommand):
    help = (
        "Charge les données de démonstration (organisations, comptes de chaque rôle, formations, sessions, "
        "appels à projets, avis des participants)."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        load_reference_data()
        orgs = organisations.load()
        users = accounts.load(orgs)
        offer.load(orgs, users)
        editorial.load(orgs, users)
        design.load(orgs, users)
        funding.load(orgs, users)
        watch.load(orgs)
        self.stdout.write(
            self.style.SUCCESS(f"Données de démonstration à jour ({len(users)} comptes de démonstration).")
        )
