"""Evaluation of proposals: assignment with the conflict-of-interest rule, the grid copied into each evaluation
when it starts (as editorial's quality reviews copy theirs), the weighted score and the ranking per call."""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, F, Max, Min, Q
from django.utils import timezone

from mentor.accounts.roles import is_dgafp_admin, roles_of

from .enums import CallStatus, ProposalStatus
from .models import Evaluation, Proposal, Score


class EvaluationRefused(Exception):
    """``str(error)`` is the French reason."""


def conflict_of_interest(evaluator, organisation) -> str:
    """Why ``evaluator`` may not evaluate a proposal of ``organisation``, or "": their attachment entity or an
    organisation where they hold a role lies in its tree (in its subtree, or above it on its branch)."""
    paths = [(evaluator.entity.path, evaluator.entity.name)] if evaluator.entity_id else []
    paths += [(held.path, None) for held in roles_of(evaluator).held]
    for path, name in paths:
        if path.startswith(organisation.path) or organisation.path.startswith(path):
            where = f"son entité de rattachement ({name})" if name else "un rôle qu'il ou elle y tient"
            return (
                f"Conflit d'intérêts : {evaluator} relève de l'arbre de « {organisation.name} » par {where}."
            )
    return ""


def assign(proposal, evaluator, by) -> Evaluation:
    if not is_dgafp_admin(by):
        raise EvaluationRefused("Seuls les administrateurs DGAFP désignent les évaluateurs.")
    if proposal.status != ProposalStatus.SUBMITTED:
        raise EvaluationRefused("Seule une proposition déposée s'évalue.")
    if reason := conflict_of_interest(evaluator, proposal.organisation):
        raise EvaluationRefused(reason)
    try:
        with transaction.atomic():
            return Evaluation.objects.create(proposal=proposal, evaluator=evaluator)
    except IntegrityError:
        raise EvaluationRefused(f"{evaluator} évalue déjà cette proposition.") from None


def _locked(evaluation, user) -> Evaluation:
    evaluation = (
        Evaluation.objects.select_for_update(of=("self",))
        .select_related("proposal__call", "proposal__organisation")
        .get(pk=evaluation.pk)
    )
    if evaluation.evaluator_id != user.pk:
        raise EvaluationRefused("Cette évaluation est confiée à quelqu'un d'autre.")
    if evaluation.proposal.call.status not in (CallStatus.OPEN, CallStatus.CLOSED):
        raise EvaluationRefused("Les résultats de l'appel sont publiés : les évaluations sont closes.")
    if evaluation.proposal.status != ProposalStatus.SUBMITTED:
        raise EvaluationRefused("La proposition a été retirée : elle ne s'évalue plus.")
    return evaluation


def start(evaluation, user) -> Evaluation:
    """Copy the call's grid as it stands into the evaluation: editing the grid later rewrites no score."""
    with transaction.atomic():
        evaluation = _locked(evaluation, user)
        if evaluation.started_at is None:
            call = evaluation.proposal.call
            Score.objects.bulk_create(
                Score(
                    evaluation=evaluation,
                    position=n,
                    criterion_name=c.name,
                    guidance=c.guidance,
                    weight=c.weight,
                    scale_max=call.scale_max,
                )
                for n, c in enumerate(call.criteria.order_by("position", "pk"), start=1)
            )
            evaluation.started_at = timezone.now()
            evaluation.save(update_fields=["started_at", "updated_at"])
    return evaluation


def weighted_score(scores) -> Decimal | None:
    """Out of 100: each score brought to its scale, weighted."""
    total_weight = sum(s.weight for s in scores)
    if not scores or any(s.value is None for s in scores) or not total_weight:
        return None
    value = sum(Decimal(s.value) / s.scale_max * s.weight for s in scores) / total_weight * 100
    return value.quantize(Decimal("0.01"))


def record(evaluation, user, values: dict, comment: str, complete: bool) -> Evaluation:
    """Save the scores (``values``: position -> (score or None, comment)); ``complete`` ends the evaluation and
    needs every criterion scored. A score outside the scale refuses the whole form."""
    with transaction.atomic():
        evaluation = _locked(evaluation, user)
        if evaluation.started_at is None:
            raise EvaluationRefused("Commencez l'évaluation avant de noter.")
        scores = list(evaluation.scores.order_by("position"))
        for score in scores:
            value, note = values.get(score.position, (None, ""))
            if value is not None and not 0 <= value <= score.scale_max:
                raise EvaluationRefused(
                    f"« {score.criterion_name} » : la note doit être comprise entre 0 et {score.scale_max}."
                )
            score.value, score.comment = value, note.strip()
        if complete and any(s.value is None for s in scores):
            raise EvaluationRefused("Notez chaque critère avant de terminer l'évaluation.")
        Score.objects.bulk_update(scores, ["value", "comment"])
        evaluation.comment = comment.strip()
        evaluation.score = weighted_score(scores)
        evaluation.completed_at = timezone.now() if complete else None
        evaluation.save(update_fields=["comment", "score", "completed_at", "updated_at"])
    return evaluation


def ranking(call):
    """The submitted proposals of ``call``, best average score first, with the spread between evaluators so that
    the committee sees where they disagree."""
    done = Q(evaluations__completed_at__isnull=False)
    rows = (
        Proposal.objects.filter(call=call, status=ProposalStatus.SUBMITTED)
        .select_related("organisation", "call")
        .annotate(
            average=Avg("evaluations__score", filter=done),
            lowest=Min("evaluations__score", filter=done),
            highest=Max("evaluations__score", filter=done),
            evaluated=Count("evaluations", filter=done),
            assigned=Count("evaluations"),
        )
        .order_by(F("average").desc(nulls_last=True), "title", "pk")
    )
    rows = list(rows)
    for rank, row in enumerate(rows, start=1):
        row.rank = rank
        row.spread = row.highest - row.lowest if row.evaluated > 1 else None
        row.average = row.average.quantize(Decimal("0.01")) if row.average is not None else None
    return rows
