"""The rich offer the exchange tests export, import and compare."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from mentor.core.models import FormacodeTerm
from mentor.editorial.models import Label
from mentor.offer.enums import Modality, OpenTo, Scope, SessionStatus
from mentor.offer.models import Objective, StrategicOrientation, ThematicOffer
from mentor.organisations.enums import OrganisationKind
from tests.factories import (
    CollectionFactory,
    OrganisationFactory,
    SessionFactory,
    TrainingFactory,
)


@dataclass
class Offer:
    ministry: object
    owner: object
    collection: object
    rich: object
    permanent: object
    metier: object
    open_session: object
    closed_session: object
    always_open: object


def build_offer() -> Offer:
    ministry = OrganisationFactory(
        code="MEF",
        name="Ministère de l'Économie",
        siret="11000201100044",
        activity_number="11755555575",
        street="139 rue de Bercy",
        postal_code="75012",
        city="Paris",
    )
    owner = OrganisationFactory(
        code="DGFIP",
        name="Direction générale des finances publiques",
        kind=OrganisationKind.CENTRAL_ADMINISTRATION,
        parent=ministry,
    )
    collection = CollectionFactory(name="Numérique", slug="numerique")
    theme = ThematicOffer.objects.create(
        orientation=StrategicOrientation.objects.create(
            collection=collection, title="Cultiver", slug="cultiver"
        ),
        title="Données",
        slug="donnees",
    )
    objective = Objective.objects.create(
        thematic_offer=theme, text="Ouvrir les données publiques", position=1
    )
    terms = [
        FormacodeTerm.objects.create(code="31054", label="INFORMATIQUE"),
        FormacodeTerm.objects.create(code="13041", label="FONCTION PUBLIQUE"),
    ]
    rich = TrainingFactory(
        title="Piloter un projet de données <ouvertes> & « partagées »",
        teaser="Mener un projet de données de bout en bout.",
        description="Une formation pour ouvrir les données.\nDeux lignes, des accents : éàç.",
        learning_outcomes="Publier un jeu de données & le documenter.",
        content_outline="1. Le cadre\n2. La pratique",
        prerequisites="Connaître son service.",
        target_audience="Les chefs de projet des services.",
        contact_name="Camille Martin",
        contact_email="formation@dgfip.gouv.fr",
        modality=Modality.BLENDED,
        duration_on_site_hours="7.50",
        duration_remote_hours="3.25",
        keywords="données, projet, ouverture",
        leads_to_certification=True,
        collection=collection,
        owner=owner,
        external_id="PRJ-42",
        delivery_url="https://mentor.gouv.fr/course/view.php?id=42",
    )
    rich.formacode_terms.set(terms)
    rich.covered_objectives.set([objective])
    Label.objects.create(training=rich, valid_until=timezone.localdate() + timedelta(days=700))
    start = timezone.now().replace(microsecond=0) + timedelta(days=20)
    open_session = SessionFactory(
        training=rich,
        title="Session de printemps",
        starts_at=start,
        ends_at=start + timedelta(days=2),
        place="Paris, salle 4",
        capacity=12,
        external_id="S-1",
        status=SessionStatus.REGISTRATION_OPEN,
    )
    closed_session = SessionFactory(
        training=rich,
        starts_at=start + timedelta(days=60),
        ends_at=start + timedelta(days=61),
        status=SessionStatus.IN_PREPARATION,
        capacity=None,
        online_url="https://visio.gouv.fr/salle-7",
    )
    permanent = TrainingFactory(
        title="Découvrir la cybersécurité",
        description="Un parcours en ligne.",
        modality=Modality.E_LEARNING,
        duration_remote_hours=2,
        collection=collection,
        owner=owner,
    )
    always_open = TrainingFactory(
        title="Écrire simplement",
        modality=Modality.VIRTUAL_CLASS,
        duration_remote_hours=1,
        collection=collection,
        owner=ministry,
    )
    SessionFactory(training=always_open, is_permanent=True, starts_at=None, ends_at=None, open_to=OpenTo.ALL)
    metier = TrainingFactory(
        title="Le contrôle fiscal", scope=Scope.METIER, collection=collection, owner=owner
    )
    return Offer(
        ministry, owner, collection, rich, permanent, metier, open_session, closed_session, always_open
    )
