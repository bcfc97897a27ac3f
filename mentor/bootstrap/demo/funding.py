"""Demo of calls for projects: the 2021 call, closed with its results and funded projects linked to published
trainings, and the current year's call, open now, with a submitted proposal and a draft. Moves go through the
machines and the committee's rules (without e-mails); each call is created once, by year."""

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from mentor.funding import decisions, evaluation, followup
from mentor.funding.enums import MilestoneKind, ProposalStatus, Verdict
from mentor.funding.models import (
    Call,
    Criterion,
    PlannedTraining,
    Proposal,
    RequiredDocument,
    ScheduleStep,
    Theme,
)
from mentor.funding.workflow import CALLS, PROPOSALS, update_calls_by_date
from mentor.offer.enums import Modality, Scope, TrainingStatus
from mentor.offer.models import Collection, Training

PDF = b"%PDF-1.4\n% Mentor demo\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
THEMES = [
    ("Management", ["management"]),
    ("Transition écologique", ["transition-ecologique-et-developpement-durable"]),
    ("Développement professionnel", ["ressources-humaines"]),
    ("Qualité de vie au travail", []),
]
DESCRIPTION = (
    "<p>La DGAFP cofinance des projets de formation portés par les administrations publiques pour enrichir "
    "l'offre interministérielle Mentor, sur des <strong>thèmes prioritaires</strong>.</p>"
)


def load(orgs, users) -> None:
    admin = users["admin@fonction-publique.gouv.fr"]
    applicant = users["porteuse.projet@developpement-durable.gouv.fr"]
    evaluator = users["evaluateur@interieur.gouv.fr"]
    if not Call.objects.filter(year=2021).exists():
        _past_call(orgs, users, admin, evaluator)
    year = timezone.localdate().year
    if not Call.objects.filter(year=year).exists():
        _current_call(orgs, admin, applicant, evaluator, year)


def _call(year, opens_at, closes_at, admin) -> Call:
    call = Call.objects.create(
        title=f"Appel à projets {year} : enrichir l'offre interministérielle",
        year=year,
        description=DESCRIPTION,
        opens_at=opens_at,
        closes_at=closes_at,
        envelope=Decimal("500000"),
        max_rate=Decimal("50"),
        max_amount=Decimal("80000"),
        requires_agreement=True,
    )
    for position, (name, slugs) in enumerate(THEMES, start=1):
        theme = Theme.objects.create(call=call, name=name, position=position)
        theme.collections.set(Collection.objects.filter(slug__in=slugs))
    RequiredDocument.objects.create(call=call, name="Dossier de présentation du projet", position=1)
    RequiredDocument.objects.create(call=call, name="Budget détaillé", required=False, position=2)
    for position, (name, weight) in enumerate(
        [("Pertinence au regard des thèmes", 3), ("Qualité pédagogique", 2), ("Faisabilité et budget", 1)],
        start=1,
    ):
        Criterion.objects.create(call=call, name=name, weight=weight, position=position)
    CALLS.fire("publish", call, admin)
    return call


def _proposal(call, organisation, author, title, requested, collection) -> Proposal:
    requested = Decimal(requested)
    proposal = Proposal.objects.create(
        call=call,
        organisation=organisation,
        created_by=author,
        title=title,
        summary=f"{title} : un parcours conçu avec les services et ouvert à tous les agents de l'État.",
        objectives="Donner aux agents des repères pratiques et des outils pour agir dans leur service.",
        audience="Agents et encadrants des services centraux et déconcentrés.",
        audience_size=1500,
        team="Une cheffe de projet, deux concepteurs pédagogiques, un référent métier.",
        total_cost=requested * 2 + Decimal("10000"),
        own_funding=requested,
        other_funding=Decimal("10000"),
        requested=requested,
    )
    proposal.themes.set(call.themes.order_by("position")[:2])
    PlannedTraining.objects.create(
        proposal=proposal,
        title=title,
        modality=Modality.BLENDED,
        duration_hours=Decimal("6"),
        collection=collection,
        scope=Scope.TRANSVERSE,
    )
    ScheduleStep.objects.create(proposal=proposal, label="Conception", planned_on=date(call.year, 9, 1))
    ScheduleStep.objects.create(
        proposal=proposal, label="Mise en ligne", planned_on=date(call.year + 1, 3, 1)
    )
    document = call.documents.get(required=True)
    proposal.attachments.create(
        document=document,
        file=ContentFile(PDF, name="dossier.pdf"),
        original_name="dossier.pdf",
        size=len(PDF),
    )
    return proposal


def _evaluate(proposal, evaluator, admin, marks) -> None:
    item = evaluation.assign(proposal, evaluator, admin)
    evaluation.start(item, evaluator)
    evaluation.record(
        item, evaluator, {n: (m, "") for n, m in enumerate(marks, start=1)}, "Projet solide.", True
    )


def _past_call(orgs, users, admin, evaluator) -> None:
    paris = timezone.get_current_timezone()
    call = _call(
        2021,
        datetime(2021, 3, 1, 9, 0, tzinfo=paris),
        datetime(2021, 5, 31, 12, 0, tzinfo=paris),
        admin,
    )
    update_calls_by_date()  # both dates are past: opened, then closed
    management = Collection.objects.get(slug="management")
    author = users["conceptrice@dgfip.finances.gouv.fr"]
    projects = [
        (orgs["DGFIP"], author, "Manager à distance", "60000", Verdict.SELECTED),
        (
            orgs["SG-MTE"],
            users["concepteur@developpement-durable.gouv.fr"],
            "Sobriété énergétique au bureau",
            "45000",
            Verdict.SELECTED,
        ),
        (orgs["DGFIP"], author, "Prévenir les risques psychosociaux", "30000", Verdict.WAITING),
    ]
    proposals = []
    for organisation, by, title, requested, verdict in projects:
        proposal = _proposal(call, organisation, by, title, requested, management)
        # Submitted while the call was open, in 2021.
        Proposal.objects.filter(pk=proposal.pk).update(
            status=ProposalStatus.SUBMITTED, submitted_at=datetime(2021, 5, 20, 15, 0, tzinfo=paris)
        )
        proposal.refresh_from_db()
        _evaluate(proposal, evaluator, admin, [4, 3, 3] if verdict == Verdict.SELECTED else [2, 2, 3])
        proposals.append((proposal, verdict))
    for proposal, verdict in proposals:
        granted = proposal.cap if verdict == Verdict.SELECTED else None
        decisions.decide(proposal, admin, verdict, granted)
    CALLS.fire("publish_results", call, admin, notify=False)
    published = list(Training.objects.filter(status=TrainingStatus.PUBLISHED).order_by("pk")[:2])
    funded = (
        Proposal.objects.filter(call=call, verdict=Verdict.SELECTED).select_related("call").order_by("pk")
    )
    for proposal, training in zip(funded, published, strict=False):
        followup.link_training(proposal, admin, training)
        for kind in (
            MilestoneKind.AGREEMENT_SIGNED,
            MilestoneKind.DESIGN_STARTED,
            MilestoneKind.SUBMITTED_FOR_REVIEW,
        ):
            followup.reach(proposal, admin, kind, date(2021, 10, 1))
        followup.pay(proposal, admin, proposal.granted / 2, date(2021, 10, 15), "Premier versement")


def _current_call(orgs, admin, applicant, evaluator, year) -> None:
    now = timezone.now()
    call = _call(year, now - timedelta(days=30), now + timedelta(days=60), admin)
    update_calls_by_date()
    ecology = Collection.objects.get(slug="transition-ecologique-et-developpement-durable")
    submitted = _proposal(
        call, orgs["SG-MTE"], applicant, "La biodiversité dans les politiques publiques", "40000", ecology
    )
    PROPOSALS.fire("submit", submitted, applicant)
    submitted.refresh_from_db()
    evaluation.assign(submitted, evaluator, admin)
    Proposal.objects.create(
        call=call, organisation=orgs["SG-MTE"], created_by=applicant, title="Achats publics durables"
    )
