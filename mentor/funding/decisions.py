"""The selection committee's decisions, under THE envelope rule: the total granted on a call never exceeds its
envelope, and a grant never exceeds the proposal's cap (``Proposal.cap``). Every decision locks the call's row
first (``select_for_update(of=("self",))``; on SQLite the IMMEDIATE transaction serialises writers), then adds up
the grants afresh: two administrators granting at the same moment are served one after the other, and the second
sees what the first granted."""

from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from mentor.accounts.roles import is_dgafp_admin

from .enums import CallStatus, ProposalStatus, Verdict
from .models import Call, Proposal
from .money import euros


class DecisionRefused(Exception):
    """A decision the rules refuse; ``str(error)`` is the French reason."""


def granted_total(call, excluding=None) -> Decimal:
    proposals = Proposal.objects.filter(call=call, verdict=Verdict.SELECTED)
    if excluding is not None:
        proposals = proposals.exclude(pk=excluding.pk)
    return proposals.aggregate(total=Sum("granted"))["total"] or Decimal("0")


def decide(proposal, user, verdict: str, granted: Decimal | None = None, reasons: str = "") -> Proposal:
    """Record the committee's ``verdict`` on ``proposal``; raise DecisionRefused, changing nothing, when a rule
    says no. Moving a selected proposal to another verdict gives its grant back to the envelope."""
    reasons = reasons.strip()
    with transaction.atomic():
        call = Call.objects.select_for_update(of=("self",)).get(pk=proposal.call_id)
        proposal = Proposal.objects.get(pk=proposal.pk)
        proposal.call = call
        if not is_dgafp_admin(user):
            raise DecisionRefused("Seuls les administrateurs DGAFP du comité de sélection décident.")
        if call.status != CallStatus.CLOSED:
            raise DecisionRefused(
                f"Le comité décide quand l'appel est clos : il est à l'état « {call.get_status_display()} »."
            )
        if proposal.status != ProposalStatus.SUBMITTED:
            raise DecisionRefused("Seule une proposition déposée reçoit une décision.")
        if verdict not in Verdict.values:
            raise DecisionRefused("Choisissez une décision : retenu, liste d'attente ou non retenu.")
        if verdict == Verdict.SELECTED:
            _check_grant(call, proposal, granted)
        else:
            granted = None
        if verdict == Verdict.REFUSED and not reasons:
            raise DecisionRefused("Un refus se motive : écrivez les motifs pour le candidat.")
        proposal.verdict = verdict
        proposal.granted = granted
        proposal.reasons = reasons
        proposal.decided_at = timezone.now()
        proposal.decided_by = user
        proposal.save(
            update_fields=["verdict", "granted", "reasons", "decided_at", "decided_by", "updated_at"]
        )
    return proposal


def _check_grant(call, proposal, granted):
    if granted is None:
        raise DecisionRefused("Un projet retenu reçoit un montant accordé.")
    if granted <= 0:
        raise DecisionRefused("Le montant accordé doit être supérieur à zéro.")
    cap = proposal.cap
    if cap is None or granted > cap:
        raise DecisionRefused(
            f"Le montant accordé ({euros(granted)}) dépasse le plafond de la proposition ({euros(cap)})."
        )
    others = granted_total(call, excluding=proposal)
    if others + granted > call.envelope:
        raise DecisionRefused(
            f"Accorder {euros(granted)} dépasserait l'enveloppe de {euros(call.envelope)} : "
            f"{euros(others)} sont déjà accordés, il reste {euros(call.envelope - others)}."
        )
