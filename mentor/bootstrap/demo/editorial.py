"""Demo of the editorial strategy: indicators under each criterion, trainings at every editorial state taken
there through the real workflow (without e-mails), past reviews, labelled trainings and one label expiring
soon. Each training is created once, by slug, so a second load changes nothing."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from mentor.editorial import grid, workflow
from mentor.editorial.enums import IndicatorScope, Rating
from mentor.editorial.labels import award
from mentor.editorial.models import EditorialFile, Indicator, Label, PublicationCriterion, TrainingRevision
from mentor.offer.enums import Modality, Scope
from mentor.offer.models import Collection, Objective, Training

# criterion code: [(statement, guidance, scope, blocking, required field)]
INDICATORS = {
    "adequation-politiques-publiques": [
        (
            "La formation sert une politique publique identifiée",
            "Citer le texte ou le plan concerné.",
            IndicatorScope.ALL,
            True,
            "",
        ),
        (
            "Le public visé correspond aux agents concernés par cette politique",
            "",
            IndicatorScope.ALL,
            False,
            "",
        ),
    ],
    "pertinence-contenus": [
        (
            "Les contenus sont validés par une autorité scientifique ou institutionnelle",
            "",
            IndicatorScope.ALL,
            True,
            "",
        ),
        ("Le programme détaille chaque module", "", IndicatorScope.ALL, False, "content_outline"),
    ],
    "qualite-pedagogique": [
        ("Le scénario alterne apports et mises en activité", "", IndicatorScope.ALL, False, ""),
        ("Les activités sont variées (quiz, cas pratiques, échanges)", "", IndicatorScope.ALL, False, ""),
    ],
    "articulation-offre-existante": [
        (
            "La formation ne double pas une formation interministérielle existante",
            "Chercher dans le catalogue.",
            IndicatorScope.TRANSVERSE,
            True,
            "",
        ),
        ("Les prérequis renvoient aux formations de l'offre", "", IndicatorScope.ALL, False, "prerequisites"),
    ],
    "ergonomie-exigences-techniques": [
        ("Le module respecte le référentiel d'accessibilité (RGAA)", "", IndicatorScope.ALL, True, ""),
        ("Le paquet SCORM s'installe sans erreur sur la plateforme", "", IndicatorScope.ALL, False, ""),
    ],
}

NUMERIQUE = "numerique-et-systemes-d-information-et-de-communication"
FINANCES = "finances-publiques-gestion-budgetaire-et-financiere"

# slug, title, collection slug, scope, the editorial story to play
TRAININGS = [
    ("demo-brouillon-incomplet", "Tableaux de bord budgétaires (brouillon)", FINANCES, Scope.METIER, "draft"),
    ("demo-soumise", "Recouvrement amiable des créances publiques", FINANCES, Scope.METIER, "submitted"),
    ("demo-en-revue", "Analyse financière des collectivités", FINANCES, Scope.METIER, "in_review"),
    (
        "demo-modifications-demandees",
        "Comptabilité patrimoniale de l'État",
        FINANCES,
        Scope.METIER,
        "changes_requested",
    ),
    (
        "demo-chef-de-file",
        "Concevoir un service numérique accessible",
        NUMERIQUE,
        Scope.TRANSVERSE,
        "at_lead",
    ),
    ("demo-approuvee", "Piloter un projet numérique en mode agile", NUMERIQUE, Scope.TRANSVERSE, "approved"),
    ("demo-refusee", "Initiation au tableur", FINANCES, Scope.METIER, "rejected"),
    ("demo-archivee", "La réforme comptable de 2006", FINANCES, Scope.METIER, "archived"),
    ("demo-labellisee", "Protéger les données personnelles (RGPD)", NUMERIQUE, Scope.TRANSVERSE, "labelled"),
    (
        "demo-label-expire-bientot",
        "Sobriété numérique au bureau",
        NUMERIQUE,
        Scope.TRANSVERSE,
        "label_expiring",
    ),
    ("demo-revision", "Dématérialiser les marchés de l'État", FINANCES, Scope.METIER, "revision"),
]


def load(orgs, users) -> None:
    _indicators()
    people = {
        "designer": users["conceptrice@dgfip.finances.gouv.fr"],
        "team": users["referente@finances.gouv.fr"],
        "lead": users["relecteur@numerique.gouv.fr"],
        "admin": users["admin@fonction-publique.gouv.fr"],
    }
    collections = {c.slug: c for c in Collection.objects.filter(slug__in=[NUMERIQUE, FINANCES])}
    for slug, title, collection, scope, story in TRAININGS:
        if Training.objects.filter(slug=slug).exists():
            continue
        training = _training(slug, title, collections[collection], scope, orgs["DGFIP"], people["designer"])
        EditorialFile.objects.create(training=training)
        STORIES[story](training, people)


def _indicators():
    for code, rows in INDICATORS.items():
        criterion = PublicationCriterion.objects.filter(code=code).first()
        if criterion is None:
            continue
        for position, (statement, guidance, scope, blocking, field) in enumerate(rows, start=1):
            Indicator.objects.get_or_create(
                criterion=criterion,
                statement=statement,
                defaults={
                    "guidance": guidance,
                    "scope": scope,
                    "is_blocking": blocking,
                    "required_field": field,
                    "position": position,
                },
            )


def _training(slug, title, collection, scope, owner, designer):
    training = Training.objects.create(
        slug=slug,
        title=title,
        teaser=f"{title} : l'essentiel pour agir.",
        description=f"Cette formation présente « {title} » à partir de cas réels de l'administration.",
        learning_outcomes="Appliquer les notions clés dans son service.",
        content_outline="Module 1 : les notions.\nModule 2 : les cas pratiques.\nModule 3 : l'évaluation.",
        prerequisites="Aucun.",
        target_audience="Les agents concernés par le sujet.",
        contact_name="Équipe Mentor de la DGFiP",
        contact_email="mentor@dgfip.finances.gouv.fr",
        collection=collection,
        scope=scope,
        owner=owner,
        modality=Modality.E_LEARNING,
        duration_remote_hours=Decimal(3),
        keywords="démonstration, stratégie éditoriale",
        delivery_url=f"https://mentor.gouv.fr/course/view.php?id=9{len(slug)}",
    )
    training.designers.add(designer)
    training.covered_objectives.set(
        Objective.objects.filter(thematic_offer__orientation__collection=collection)[:1]
    )
    return training


def _ratings(training, **overrides):
    ratings = {i.pk: (Rating.MET, "") for i in grid.applicable_indicators(training)}
    for indicator in grid.applicable_indicators(training):
        if indicator.statement in overrides:
            ratings[indicator.pk] = overrides[indicator.statement]
    return ratings


def _review(subject, reviewer, decision, comment="", **overrides):
    workflow.fire("start_review", subject, reviewer, notify=False)
    training = getattr(subject, "training", subject)
    grid.review_and_decide(
        subject, reviewer, _ratings(training, **overrides), decision, comment, notify=False
    )


def _submit(subject, people, days_ago=0):
    workflow.fire("submit", subject, people["designer"], notify=False)
    if days_ago:
        past = timezone.now() - timedelta(days=days_ago)
        model = TrainingRevision if isinstance(subject, TrainingRevision) else EditorialFile
        key = {"pk": subject.pk} if model is TrainingRevision else {"training": subject}
        model.objects.filter(**key).update(submitted_at=past, waiting_since=past)


def _publish_transverse(training, people):
    _submit(training, people)
    _review(training, people["team"], "forward")
    _review(training, people["lead"], "approve")
    workflow.fire("publish", training, people["designer"], notify=False)


def _draft(training, people):
    training.description = ""
    training.covered_objectives.clear()
    training.save()


def _submitted(training, people):
    _submit(training, people, days_ago=5)


def _in_review(training, people):
    _submit(training, people, days_ago=3)
    workflow.fire("start_review", training, people["team"], notify=False)


def _changes_requested(training, people):
    _submit(training, people)
    _review(
        training,
        people["team"],
        "request_changes",
        "Merci de préciser les sources et le scénario pédagogique.",
        **{"Le scénario alterne apports et mises en activité": (Rating.NOT_MET, "Uniquement des vidéos.")},
    )


def _at_lead(training, people):
    _submit(training, people)
    _review(training, people["team"], "forward")
    past = timezone.now() - timedelta(days=40)
    EditorialFile.objects.filter(training=training).update(submitted_at=past, waiting_since=past)


def _approved(training, people):
    _submit(training, people)
    _review(training, people["team"], "forward")
    _review(training, people["lead"], "approve")


def _rejected(training, people):
    _submit(training, people)
    _review(
        training,
        people["team"],
        "reject",
        "Le sujet relève d'une formation interne au service, pas de l'offre Mentor.",
        **{
            "La formation sert une politique publique identifiée": (
                Rating.NOT_MET,
                "Aucune politique identifiée.",
            )
        },
    )


def _archived(training, people):
    _submit(training, people)
    _review(training, people["team"], "approve")
    workflow.fire("publish", training, people["designer"], notify=False)
    workflow.fire(
        "archive", training, people["team"], "Remplacée par une formation plus récente.", notify=False
    )


def _labelled(training, people):
    _publish_transverse(training, people)
    award(training, people["admin"])


def _label_expiring(training, people):
    _publish_transverse(training, people)
    today = timezone.localdate()
    Label.objects.create(
        training=training,
        awarded_by=people["lead"],
        awarded_on=today - timedelta(days=3 * 365 - 30),
        valid_until=today + timedelta(days=30),
    )


def _revision(training, people):
    _submit(training, people)
    _review(training, people["team"], "approve")
    workflow.fire("publish", training, people["designer"], notify=False)
    revision = workflow.start_revision(training, people["designer"])
    revision.values = {**revision.values, "title": f"{training.title} (édition 2027)"}
    revision.save(update_fields=["values"])
    _submit(revision, people, days_ago=2)


STORIES = {
    "draft": _draft,
    "submitted": _submitted,
    "in_review": _in_review,
    "changes_requested": _changes_requested,
    "at_lead": _at_lead,
    "approved": _approved,
    "rejected": _rejected,
    "archived": _archived,
    "labelled": _labelled,
    "label_expiring": _label_expiring,
    "revision": _revision,
}
