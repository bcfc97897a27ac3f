"""Demo trainings of both scopes across collections, with sessions in every status."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from mentor.offer.enums import (
    Modality,
    OpenTo,
    RegistrationMode,
    RegistrationStatus,
    Scope,
    SessionStatus,
    TrainingStatus,
)
from mentor.offer.models import Collection, Objective, Registration, Session, Training

from . import catalogue
from .editorial import TRAININGS as EDITORIAL

M = Modality
T, ME = Scope.TRANSVERSE, Scope.METIER

# slug, title, teaser, collection slug, scope, owner code, modality, hours on site, hours remote, keywords, status
TRAININGS = [
    (
        "fondamentaux-commande-publique",
        "Les fondamentaux de la commande publique",
        "Maîtriser les règles des marchés publics pour acheter en toute sécurité.",
        "achat-public",
        T,
        "IGPDE",
        M.E_LEARNING,
        0,
        6,
        "marchés publics, achat, procédure, code de la commande publique",
        TrainingStatus.PUBLISHED,
    ),
    (
        "achats-responsables",
        "Intégrer le développement durable dans ses achats",
        "Clauses sociales et environnementales : passer des marchés responsables.",
        "achat-public",
        T,
        "INSP",
        M.BLENDED,
        7,
        3,
        "achat responsable, clause environnementale, clause sociale",
        TrainingStatus.PUBLISHED,
    ),
    (
        "accueil-usagers-difficiles",
        "Accueillir un usager en situation de tension",
        "Des techniques concrètes pour désamorcer les conflits à l'accueil.",
        "communication-et-services-aux-usagers",
        T,
        "INSP",
        M.CLASSROOM,
        14,
        0,
        "accueil, usager, conflit, relation",
        TrainingStatus.PUBLISHED,
    ),
    (
        "langage-clair",
        "Écrire en langage clair",
        "Rendre vos courriers et courriels compréhensibles par tous.",
        "communication-et-services-aux-usagers",
        T,
        "IGPDE",
        M.E_LEARNING,
        0,
        2,
        "rédaction, simplification, écrit",
        TrainingStatus.PUBLISHED,
    ),
    (
        "lolf-essentiel",
        "La LOLF en pratique",
        "Comprendre le budget de l'État par programmes et missions.",
        "finances-publiques-gestion-budgetaire-et-financiere",
        T,
        "IGPDE",
        M.VIRTUAL_CLASS,
        0,
        4,
        "budget, LOLF, performance, programme",
        TrainingStatus.PUBLISHED,
    ),
    (
        "controle-fiscal-initiation",
        "Initiation au contrôle fiscal des entreprises",
        "Les étapes d'une vérification de comptabilité, pour les agents de la DGFiP.",
        "finances-publiques-gestion-budgetaire-et-financiere",
        ME,
        "DGFIP",
        M.BLENDED,
        21,
        6,
        "fiscalité, contrôle fiscal, vérification",
        TrainingStatus.PUBLISHED,
    ),
    (
        "manager-changement",
        "Manager en situation de transformation",
        "Accompagner son équipe pendant une réorganisation.",
        "management",
        T,
        "INSP",
        M.BLENDED,
        14,
        4,
        "management, changement, réorganisation, encadrement",
        TrainingStatus.PUBLISHED,
    ),
    (
        "manager-hybride",
        "Manager une équipe hybride",
        "Organiser le travail entre bureau et télétravail.",
        "management",
        T,
        "IGPDE",
        M.E_LEARNING,
        0,
        3,
        "télétravail, management à distance, équipe",
        TrainingStatus.PUBLISHED,
    ),
    (
        "cybersecurite-agents",
        "Les bons réflexes de cybersécurité",
        "Protéger ses accès et repérer l'hameçonnage.",
        "numerique-et-systemes-d-information-et-de-communication",
        T,
        "IGPDE",
        M.E_LEARNING,
        0,
        1,
        "cybersécurité, hameçonnage, mot de passe, sécurité informatique",
        TrainingStatus.PUBLISHED,
    ),
    (
        "titres-securises-instruction",
        "Instruire une demande de titre sécurisé",
        "Pour les agents des préfectures : instruction des demandes de passeport et de carte d'identité.",
        "organisation-et-missions-des-ministeres-de-l-etat-et-de-l-europe",
        ME,
        "ANTS",
        M.E_LEARNING,
        0,
        5,
        "titre sécurisé, passeport, carte nationale d'identité, préfecture",
        TrainingStatus.PUBLISHED,
    ),
    (
        "laicite-service-public",
        "La laïcité dans le service public",
        "Connaître et appliquer le principe de laïcité au quotidien.",
        "valeurs-de-la-republique",
        T,
        "INSP",
        M.E_LEARNING,
        0,
        2,
        "laïcité, neutralité, valeurs, déontologie",
        TrainingStatus.PUBLISHED,
    ),
    (
        "transition-ecologique-socle",
        "Transition écologique : le socle commun",
        "Comprendre les enjeux climatiques et agir dans son service.",
        "transition-ecologique-et-developpement-durable",
        T,
        "SG-MTE",
        M.BLENDED,
        7,
        5,
        "climat, biodiversité, sobriété, transition écologique",
        TrainingStatus.PUBLISHED,
    ),
    (
        "police-environnement",
        "Exercer la police de l'environnement",
        "Constater les infractions environnementales, pour les inspecteurs de l'environnement.",
        "transition-ecologique-et-developpement-durable",
        ME,
        "OFB",
        M.CLASSROOM,
        28,
        0,
        "police, environnement, infraction, inspection",
        TrainingStatus.PUBLISHED,
    ),
    (
        "risques-psychosociaux",
        "Prévenir les risques psychosociaux",
        "Repérer les signaux et agir en prévention.",
        "hygiene-sante-et-securite-au-travail",
        T,
        "INSP",
        M.VIRTUAL_CLASS,
        0,
        6,
        "risques psychosociaux, santé au travail, prévention, qualité de vie au travail",
        TrainingStatus.PUBLISHED,
    ),
    (
        "note-synthese",
        "Réussir la note de synthèse",
        "Méthode et entraînement pour les concours administratifs.",
        "preparation-aux-epreuves-de-concours-et-des-examens-professionnels",
        T,
        "IGPDE",
        M.E_LEARNING,
        0,
        10,
        "concours, synthèse, rédaction, examen professionnel",
        TrainingStatus.PUBLISHED,
    ),
    (
        "donnees-publiques-draft",
        "Ouvrir les données de son service",
        "Publier des jeux de données de qualité sur data.gouv.fr.",
        "numerique-et-systemes-d-information-et-de-communication",
        T,
        "DGFIP",
        M.E_LEARNING,
        0,
        3,
        "données, open data, publication",
        TrainingStatus.DRAFT,
    ),
]

DESCRIPTION = (
    "Cette formation s'adresse aux agents de l'État qui souhaitent {goal}. Elle alterne apports théoriques, "
    "études de cas issus de l'administration et exercices de mise en pratique."
)


def load(orgs, users) -> None:
    collections = {c.slug: c for c in Collection.objects.all()}
    designer = users["conceptrice@dgfip.finances.gouv.fr"]
    manager = users["gestionnaire@igpde.finances.gouv.fr"]
    now = timezone.now()
    for index, (
        slug,
        title,
        teaser,
        coll,
        scope,
        owner,
        modality,
        on_site,
        remote,
        keywords,
        status,
    ) in enumerate(TRAININGS):
        if Training.objects.filter(slug=slug).exists():
            continue
        training = Training.objects.create(
            slug=slug,
            title=title,
            teaser=teaser,
            description=DESCRIPTION.format(goal=teaser[0].lower() + teaser[1:].rstrip(".")),
            learning_outcomes=teaser,
            content_outline="Module 1 : les notions clés.\nModule 2 : la mise en pratique.\nModule 3 : l'évaluation.",
            prerequisites="Aucun.",
            target_audience="Tous les agents concernés par le sujet."
            if scope == T
            else "Les agents du ministère.",
            collection=collections[coll],
            scope=scope,
            owner=orgs[owner],
            modality=modality,
            duration_on_site_hours=Decimal(on_site),
            duration_remote_hours=Decimal(remote),
            keywords=keywords,
            delivery_url=f"https://mentor.gouv.fr/course/view.php?id={1000 + index}",
            contact_name="Équipe Mentor",
            contact_email="mentor@fonction-publique.gouv.fr",
            status=status,
            published_at=now - timedelta(days=30 + index) if status == TrainingStatus.PUBLISHED else None,
        )
        objectives = Objective.objects.filter(thematic_offer__orientation__collection=training.collection)[:2]
        training.covered_objectives.set(objectives)
        if owner == "DGFIP":
            training.designers.add(designer)
        _sessions(training, index, now, manager)
    _registrations(users, manager, now)
    # The trainings above tell a story each (registrations, editorial states); the rest of the catalogue surrounds
    # them with the size and variety of the real offer.
    catalogue.load(orgs, users, {row[1].lower() for row in TRAININGS} | {row[1].lower() for row in EDITORIAL})


def _sessions(training, index, now, manager):
    """Two sessions per training, cycling through every status so that each appears in the demo."""
    statuses = list(SessionStatus)
    for n in range(2):
        status = statuses[(2 * index + n) % len(statuses)]
        offset = {
            SessionStatus.IN_PREPARATION: 60,
            SessionStatus.REGISTRATION_OPEN: 20,
            SessionStatus.POSTPONED: 90,
            SessionStatus.IN_PROGRESS: -1,
            SessionStatus.COMPLETED: -40,
            SessionStatus.CANCELLED: 30,
            SessionStatus.ARCHIVED: -200,
        }[status]
        permanent = training.modality == Modality.E_LEARNING and n == 0
        starts = now + timedelta(days=offset)
        session = Session.objects.create(
            training=training,
            organiser=training.owner,
            title=f"{training.title} — session {n + 1}",
            is_permanent=permanent,
            starts_at=None if permanent else starts,
            ends_at=None if permanent else starts + timedelta(days=2),
            capacity=None if permanent else 12 + 4 * n,
            place="" if training.modality in (Modality.E_LEARNING, Modality.VIRTUAL_CLASS) else "Paris, 15e",
            online_url=training.delivery_url if training.modality != Modality.CLASSROOM else "",
            registration_mode=RegistrationMode.ON_REQUEST if n == 1 else RegistrationMode.FREE,
            status=SessionStatus.REGISTRATION_OPEN if permanent else status,
            open_to=OpenTo.OWNER if training.scope == Scope.METIER and n == 1 else OpenTo.ALL,
        )
        session.managers.add(manager)


# training slug, session number, capacity to set, [(agent e-mail, registration status)]: every status appears,
# on sessions of cross-government trainings that the demo agents may see.
REGISTRATIONS = [
    (
        "lolf-essentiel",  # free registration, open, full: one confirmed, one on the waiting list
        0,
        1,
        [
            ("agent.bretagne@dgfip.finances.gouv.fr", RegistrationStatus.CONFIRMED),
            ("agent.gironde@interieur.gouv.fr", RegistrationStatus.WAITING),
        ],
    ),
    (
        "fondamentaux-commande-publique",  # on request, open
        1,
        None,
        [
            ("agent.ofb@ofb.gouv.fr", RegistrationStatus.REQUESTED),
            ("agent.gironde@interieur.gouv.fr", RegistrationStatus.REFUSED),
            ("agent.bretagne@dgfip.finances.gouv.fr", RegistrationStatus.CANCELLED),
        ],
    ),
]


def _registrations(users, manager, now):
    for slug, number, capacity, rows in REGISTRATIONS:
        session = Session.objects.filter(training__slug=slug).order_by("pk")[number]
        if session.registrations.exists():
            continue
        if capacity is not None:
            session.capacity = capacity
            session.save(update_fields=["capacity", "updated_at"])
        for email, status in rows:
            decided = status in (RegistrationStatus.REFUSED,)
            Registration.objects.create(
                session=session,
                user=users[email],
                status=status,
                decided_by=manager if decided else None,
                decided_at=now if decided else None,
            )
