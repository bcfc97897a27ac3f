"""Demo of the designer's space: a library with real-looking French resources in every category (files with their
versions, links, a training of the offer), the community page, the guide of each design step, two model trainings
and a draft started from one of them, half-way through its design steps. Created once: a second load changes
nothing."""

import io
import zipfile
from datetime import timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from mentor.design import library
from mentor.design.enums import Audience, ResourceCategory, ResourceKind
from mentor.design.model_trainings import start_from_model
from mentor.design.models import CommunityPage, DesignStep, Resource, TrainingDesign, TrainingStep
from mentor.editorial import workflow
from mentor.offer.enums import Modality, Scope, TrainingStatus
from mentor.offer.models import Collection, Training

C, K, A = ResourceCategory, ResourceKind, Audience

# title, category, description, audience, kind, link or [(file name, note)] of its versions
RESOURCES = [
    (
        "Guide de référence pédagogique Mentor",
        C.PEDAGOGICAL_GUIDE,
        "Les principes de la conception d'une formation en ligne : objectifs, scénarisation, mise en activité, "
        "évaluation.",
        A.EVERYONE,
        K.FILE,
        [
            ("guide-pedagogique-2025.pdf", "Première version"),
            (
                "guide-pedagogique-2026.pdf",
                "Ajout d'un chapitre sur l'évaluation à froid et d'exemples de quiz",
            ),
        ],
    ),
    (
        "Fiche pratique : rédiger des objectifs pédagogiques",
        C.PEDAGOGICAL_GUIDE,
        "Des verbes d'action et des exemples pour formuler des objectifs observables.",
        A.DESIGNERS,
        K.FILE,
        [("fiche-objectifs.pdf", "Première version")],
    ),
    (
        "Guide de revue qualité",
        C.QUALITY_GUIDE,
        "Comment relire une formation selon les cinq critères de la stratégie éditoriale, indicateur par indicateur.",
        A.REVIEWERS,
        K.FILE,
        [("guide-revue-qualite.pdf", "Première version")],
    ),
    (
        "Grille d'auto-évaluation du concepteur",
        C.QUALITY_GUIDE,
        "La grille de revue qualité à remplir soi-même avant de soumettre sa formation.",
        A.DESIGNERS,
        K.FILE,
        [("grille-auto-evaluation.ods", "Première version")],
    ),
    (
        "Cahier des exigences techniques",
        C.TECHNICAL_REQUIREMENTS,
        "Paquets SCORM 1.2 et 2004, poids, formats, accessibilité (RGAA), sécurité : ce que vérifie le dépôt d'un "
        "paquet.",
        A.EVERYONE,
        K.FILE,
        [
            ("exigences-techniques-v1.pdf", "Première version"),
            (
                "exigences-techniques-v2.pdf",
                "Ressources en https:// seulement ; liste des domaines de scripts autorisés",
            ),
        ],
    ),
    (
        "Documentation de la plateforme Mentor (Moodle)",
        C.TECHNICAL_DOCUMENTATION,
        "Déposer un paquet, paramétrer le suivi d'achèvement, ouvrir une session.",
        A.EVERYONE,
        K.LINK,
        "https://mentor.gouv.fr/documentation/",
    ),
    (
        "Intégrer une vidéo accessible",
        C.TECHNICAL_DOCUMENTATION,
        "Sous-titres, transcription et lecteur accessible : la marche à suivre.",
        A.DESIGNERS,
        K.LINK,
        "https://accessibilite.numerique.gouv.fr/",
    ),
    (
        "Gabarit de note de cadrage",
        C.TEMPLATES,
        "Le modèle de note de cadrage : besoin, public, objectifs, calendrier, budget.",
        A.DESIGNERS,
        K.FILE,
        [("gabarit-note-de-cadrage.odt", "Première version")],
    ),
    (
        "Gabarit de scénario pédagogique (storyboard)",
        C.TEMPLATES,
        "Le tableau de scénarisation, écran par écran, avec les consignes de médiatisation.",
        A.DESIGNERS,
        K.FILE,
        [("gabarit-storyboard.docx", "Première version")],
    ),
    (
        "Concevoir une formation en ligne pour Mentor",
        C.DESIGNER_TRAININGS,
        "La formation de l'offre qui accompagne les concepteurs du cadrage à l'intégration.",
        A.DESIGNERS,
        K.TRAINING,
        None,
    ),
    (
        "Webinaires des intégrateurs",
        C.DESIGNER_TRAININGS,
        "Les enregistrements des webinaires mensuels sur l'intégration des paquets SCORM.",
        A.EVERYONE,
        K.LINK,
        "https://mentor.gouv.fr/webinaires-integrateurs/",
    ),
    (
        "Présentation de la communauté des acteurs de Mentor",
        C.COMMUNITY,
        "Qui sont les acteurs de Mentor, comment ils travaillent ensemble.",
        A.EVERYONE,
        K.LINK,
        "https://www.fonction-publique.gouv.fr/mentor",
    ),
    (
        "Piloter la relecture dans son ministère",
        C.COMMUNITY,
        "Retours d'expérience des équipes Mentor sur l'organisation de la relecture.",
        A.MENTOR_TEAMS,
        K.FILE,
        [("retours-experience-relecture.pdf", "Première version")],
    ),
]

# design step -> the library resource that guides it
STEP_GUIDES = {
    "cadrage": "Gabarit de note de cadrage",
    "scenarisation": "Gabarit de scénario pédagogique (storyboard)",
    "mediatisation": "Intégrer une vidéo accessible",
    "integration": "Cahier des exigences techniques",
    "tests": "Grille d'auto-évaluation du concepteur",
}

MODELS = ["fondamentaux-commande-publique", "demo-labellisee"]
DRAFT_TITLE = "Sensibiliser les agents à la protection des données (conception en cours)"


def _file(name: str) -> ContentFile:
    """A small real document of the kind its name says (what the upload check would accept)."""
    extension = name.rsplit(".", 1)[1]
    if extension == "pdf":
        return ContentFile(b"%PDF-1.4\n% Mentor - document de demonstration\n%%EOF\n", name)
    mimetypes = {
        "odt": "application/vnd.oasis.opendocument.text",
        "ods": "application/vnd.oasis.opendocument.spreadsheet",
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if extension in mimetypes:
            archive.writestr("mimetype", mimetypes[extension])
            archive.writestr("content.xml", "<office:document-content/>")
        else:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("word/document.xml", "<w:document/>")
    return ContentFile(buffer.getvalue(), name)


def load(orgs, users) -> None:
    if Resource.objects.exists():
        return
    admin = users["admin@fonction-publique.gouv.fr"]
    designer_training = _designer_training(orgs)
    days = len(RESOURCES)
    for title, category, description, audience, kind, content in RESOURCES:
        resource = library.save_resource(
            Resource(
                title=title,
                category=category,
                description=description,
                audience=audience,
                kind=kind,
                url=content if kind == K.LINK else "",
                training=designer_training if kind == K.TRAINING else None,
            )
        )
        if kind == K.FILE:
            for name, note in content:
                library.add_version(resource, _file(name), note, admin)
        # Spread the changes over the last weeks, so that "what changed recently" reads like a real history.
        days -= 1
        Resource.objects.filter(pk=resource.pk).update(changed_at=timezone.now() - timedelta(days=2 * days))
    for slug, title in STEP_GUIDES.items():
        DesignStep.objects.filter(slug=slug).update(guide=Resource.objects.get(title=title))
    CommunityPage.objects.create(
        description="La communauté réunit les concepteurs, les intégrateurs, les relecteurs et les équipes Mentor "
        "des ministères et des opérateurs : elle partage ses pratiques, ses gabarits et ses retours d'expérience.",
        how_to_join="Écrivez à l'équipe Mentor de votre ministère (page Contact) : elle vous inscrit à la liste de "
        "diffusion et à l'espace d'échanges de la communauté.",
        next_events="Jeudi 14 janvier 2027, 10 h : webinaire « Évaluer une formation en ligne ».\n"
        "Mardi 9 février 2027, 14 h : atelier « Rendre un module SCORM accessible ».",
    )
    _models_and_draft(orgs, users)


def _designer_training(orgs):
    collection = Collection.objects.get(slug="transformation-de-l-action-publique")
    training = Training.objects.create(
        slug="concevoir-une-formation-en-ligne-mentor",
        title="Concevoir une formation en ligne pour Mentor",
        teaser="Du cadrage à l'intégration : les étapes et les outils du concepteur.",
        description="Un parcours pour les concepteurs des ministères : cadrer un besoin, scénariser, médiatiser, "
        "intégrer un paquet SCORM conforme et le faire tester.",
        learning_outcomes="Conduire la conception d'une formation en ligne selon la stratégie éditoriale de Mentor.",
        content_outline="Cadrage du besoin et du public. Scénarisation et storyboard. Médiatisation des contenus. "
        "Intégration d'un paquet SCORM et vérification technique. Tests et soumission à la relecture.",
        prerequisites="Avoir un projet de formation en ligne validé par son équipe Mentor.",
        target_audience="Les concepteurs et intégrateurs des organisations partenaires.",
        contact_email="mentor@fonction-publique.gouv.fr",
        collection=collection,
        scope=Scope.TRANSVERSE,
        owner=orgs["DGAFP"],
        modality=Modality.E_LEARNING,
        duration_remote_hours=Decimal(4),
        delivery_url="https://mentor.gouv.fr/course/view.php?id=501",
        status=TrainingStatus.PUBLISHED,
        published_at=timezone.now(),
    )
    workflow.editorial_file(training)
    return training


def _models_and_draft(orgs, users):
    team = users["referente@finances.gouv.fr"]
    for slug in MODELS:
        training = Training.objects.filter(slug=slug, status=TrainingStatus.PUBLISHED).first()
        if training is not None:
            TrainingDesign.objects.update_or_create(
                training=training, defaults={"is_model": True, "model_marked_by": team}
            )
    model = Training.objects.filter(slug="demo-labellisee").first()
    if model is None:
        return
    # The other steps stay to do: the draft shows where its design stands.
    designer = users["conceptrice@dgfip.finances.gouv.fr"]
    draft = start_from_model(model, designer, orgs["DGFIP"], DRAFT_TITLE)
    framing = TrainingStep.objects.get(design__training=draft, step__slug="cadrage")
    framing.deliverable_file = _file("note-de-cadrage-rgpd.pdf")
    framing.deliverable_name = "note-de-cadrage-rgpd.pdf"
    framing.done_at, framing.done_by = timezone.now(), designer
    framing.save()
    framing.checklist.update(done=True)
