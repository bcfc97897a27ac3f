"""Follow-up of funded projects: milestones, payments against the grant (never above it), and the trainings a
project produces, whose publication through the editorial workflow reaches the "published" milestone by itself
(``signals.py``)."""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone

from mentor.accounts.roles import is_dgafp_admin
from mentor.offer.enums import TrainingStatus

from .access import is_editor
from .enums import MilestoneKind, Verdict
from .models import FundedTraining, Milestone, Payment, Proposal
from .money import euros


class FollowUpRefused(Exception):
    """``str(error)`` is the French reason."""


def _funded(proposal, user, admin_only=False) -> Proposal:
    if not (is_dgafp_admin(user) or (not admin_only and is_editor(user, proposal))):
        raise FollowUpRefused(
            "Seuls la DGAFP"
            + ("" if admin_only else " et l'équipe du projet")
            + " font le suivi de ce projet."
        )
    if proposal.verdict != Verdict.SELECTED or proposal.call.results_published_at is None:
        raise FollowUpRefused(
            "Seul un projet retenu, une fois les résultats publiés, fait l'objet d'un suivi."
        )
    return proposal


def reach(proposal, user, kind: str, on) -> Milestone:
    _funded(proposal, user)
    if kind not in MilestoneKind.values:
        raise FollowUpRefused("Ce jalon n'existe pas.")
    milestone, _ = Milestone.objects.update_or_create(
        proposal=proposal, kind=kind, defaults={"reached_on": on}
    )
    return milestone


def pay(proposal, user, amount: Decimal, paid_on, label: str = "") -> Payment:
    """Record a payment; the payments of a project never add up to more than its grant (the proposal's row is
    locked while they are added up)."""
    with transaction.atomic():
        proposal = Proposal.objects.select_for_update(of=("self",)).select_related("call").get(pk=proposal.pk)
        _funded(proposal, user, admin_only=True)
        if amount is None or amount <= 0:
            raise FollowUpRefused("Le montant d'un versement doit être supérieur à zéro.")
        paid = proposal.payments.aggregate(total=Sum("amount"))["total"] or Decimal("0")
        if paid + amount > proposal.granted:
            raise FollowUpRefused(
                f"Ce versement porterait le total versé à {euros(paid + amount)}, au-delà du montant accordé "
                f"({euros(proposal.granted)}) : il reste {euros(proposal.granted - paid)} à verser."
            )
        return Payment.objects.create(proposal=proposal, amount=amount, paid_on=paid_on, label=label.strip())


def link_training(proposal, user, training) -> FundedTraining:
    """Link a training the project produces (the caller found it among the trainings ``user`` may see)."""
    _funded(proposal, user)
    organisation = proposal.organisation
    if not is_dgafp_admin(user) and not training.owner.path.startswith(organisation.path):
        raise FollowUpRefused(
            f"« {training.title} » est produite par {training.owner.name} : l'équipe du projet ne lie que les "
            f"formations de « {organisation.name} » et de ses services."
        )
    try:
        with transaction.atomic():
            link = FundedTraining.objects.create(proposal=proposal, training=training)
    except IntegrityError:
        raise FollowUpRefused(f"« {training.title} » est déjà liée à ce projet.") from None
    if training.status == TrainingStatus.PUBLISHED:
        training_published(training.pk)
    return link


def training_published(training_id: int) -> None:
    """The "published" milestone of every project linked to the training, if not reached yet."""
    Milestone.objects.filter(
        proposal__in=FundedTraining.objects.filter(training_id=training_id).values("proposal_id"),
        kind=MilestoneKind.PUBLISHED,
        reached_on__isnull=True,
    ).update(reached_on=timezone.localdate())
