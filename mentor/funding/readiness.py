"""What a proposal still lacks before it can be submitted: every item at once, as the editorial workflow lists
what a training lacks."""

from decimal import Decimal

from mentor.core.permissions import ALLOW, Decision, deny

from .money import euros


def budget_decision(call, total_cost, own_funding, other_funding, requested) -> Decision:
    """The budget rules: the lines add up, the request stays within the rate and the per-project maximum."""
    if None in (total_cost, own_funding, other_funding, requested):
        return ALLOW  # an incomplete budget is listed among the missing items, not refused while drafting
    if total_cost <= 0:
        return deny("Le coût total doit être supérieur à zéro.")
    if own_funding + other_funding + requested != total_cost:
        return deny(
            f"Le budget ne s'équilibre pas : financement propre ({euros(own_funding)}) + autres financements "
            f"({euros(other_funding)}) + cofinancement demandé ({euros(requested)}) = "
            f"{euros(own_funding + other_funding + requested)}, pour un coût total de {euros(total_cost)}."
        )
    by_rate = (total_cost * call.max_rate / 100).quantize(Decimal("0.01"))
    if requested > by_rate:
        return deny(
            f"Le cofinancement demandé ({euros(requested)}) dépasse {call.max_rate.normalize():f} % du coût "
            f"total, soit {euros(by_rate)}."
        )
    if requested > call.max_amount:
        return deny(
            f"Le cofinancement demandé ({euros(requested)}) dépasse le maximum par projet de "
            f"{euros(call.max_amount)}."
        )
    return ALLOW


def missing_items_of(proposal) -> list[str]:
    missing = []
    for field in ("summary", "objectives", "audience", "team"):
        if not getattr(proposal, field).strip():
            missing.append(f"Il manque : {proposal._meta.get_field(field).verbose_name}.")
    if not proposal.audience_size:
        missing.append("Il manque : le nombre d'agents visés.")
    if not proposal.themes.exists():
        missing.append("Choisissez au moins un thème prioritaire de l'appel.")
    if not proposal.planned_trainings.exists():
        missing.append("Décrivez au moins une formation prévue.")
    if not proposal.schedule.exists():
        missing.append("Le calendrier doit compter au moins une étape.")
    budget = (proposal.total_cost, proposal.own_funding, proposal.other_funding, proposal.requested)
    if None in budget:
        missing.append("Le budget est incomplet (coût total, financements, cofinancement demandé).")
    else:
        decision = budget_decision(proposal.call, *budget)
        if not decision:
            missing.append(decision.reason)
    attached = set(proposal.attachments.values_list("document_id", flat=True))
    for document in proposal.call.documents.all():
        if document.required and document.pk not in attached:
            missing.append(f"Pièce obligatoire manquante : {document.name}.")
    return missing
