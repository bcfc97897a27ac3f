"""The figures of a call's dashboard, for DGAFP administrators: what was received (per theme, per kind of
organisation), what was asked, granted and paid against the envelope, the ranking and what funded projects
published. Each series is a list of bars (label, value, share of the largest or of the envelope, in %) that the
page draws and repeats as a table."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum

from mentor.offer.enums import TrainingStatus
from mentor.offer.models import Training
from mentor.organisations.enums import OrganisationKind

from .enums import ProposalStatus, Verdict
from .evaluation import ranking
from .models import Payment, Proposal, Theme
from .money import euros


@dataclass(frozen=True)
class Bar:
    label: str
    value: object
    shown: str
    percent: int


def _bars(pairs, whole=None, money=False) -> list[Bar]:
    pairs = list(pairs)
    whole = whole if whole is not None else max((v for _, v in pairs), default=0)
    return [
        Bar(label, value, euros(value) if money else str(value), round(value * 100 / whole) if whole else 0)
        for label, value in pairs
    ]


def figures(call) -> dict:
    submitted = Proposal.objects.filter(call=call, status=ProposalStatus.SUBMITTED)
    themes = (
        Theme.objects.filter(call=call)
        .annotate(n=Count("proposal", filter=Q(proposal__status=ProposalStatus.SUBMITTED)))
        .order_by("position", "pk")
    )
    kinds = submitted.values("organisation__kind").annotate(n=Count("pk")).order_by("organisation__kind")
    totals = submitted.aggregate(
        requested=Sum("requested"),
        granted=Sum("granted", filter=Q(verdict=Verdict.SELECTED)),
        count=Count("pk"),
        selected=Count("pk", filter=Q(verdict=Verdict.SELECTED)),
    )
    paid = Payment.objects.filter(proposal__call=call).aggregate(total=Sum("amount"))["total"]
    zero = Decimal("0")
    published = (
        Training.objects.filter(funding_links__proposal__call=call, status=TrainingStatus.PUBLISHED)
        .select_related("owner")
        .distinct()
        .order_by("title", "pk")
    )
    return {
        "received": totals["count"],
        "selected": totals["selected"],
        "by_theme": _bars((t.name, t.n) for t in themes),
        "by_kind": _bars((OrganisationKind(k["organisation__kind"]).label, k["n"]) for k in kinds),
        "amounts": _bars(
            [
                ("Enveloppe", call.envelope),
                ("Demandé", totals["requested"] or zero),
                ("Accordé", totals["granted"] or zero),
                ("Versé", paid or zero),
            ],
            whole=max(call.envelope, totals["requested"] or zero) or None,
            money=True,
        ),
        "ranking": ranking(call),
        "published": list(published),
    }
