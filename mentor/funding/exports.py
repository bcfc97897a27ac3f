"""CSV exports of a call (proposals, evaluations, decisions) that spreadsheet software in French opens as they
are: UTF-8 with a byte order mark, ";" between fields, decimal commas."""

import csv

from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils.timezone import localtime

from .models import Evaluation, Proposal, Theme


def _amount(value) -> str:
    return "" if value is None else f"{value:.2f}".replace(".", ",")


def _proposals(call):
    yield [
        "n°",
        "intitulé",
        "organisation",
        "type d'organisation",
        "état",
        "déposée le",
        "thèmes",
        "agents visés",
        "coût total",
        "financement propre",
        "autres financements",
        "cofinancement demandé",
    ]
    rows = (
        Proposal.objects.filter(call=call)
        .select_related("organisation")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("position", "pk")))
        .order_by("pk")
    )
    for p in rows:
        yield [
            p.pk,
            p.title,
            p.organisation.name,
            p.organisation.get_kind_display(),
            p.get_status_display(),
            f"{localtime(p.submitted_at):%d/%m/%Y %H:%M}" if p.submitted_at else "",
            ", ".join(t.name for t in p.themes.all()),
            p.audience_size or "",
            _amount(p.total_cost),
            _amount(p.own_funding),
            _amount(p.other_funding),
            _amount(p.requested),
        ]


def _evaluations(call):
    yield ["proposition", "intitulé", "évaluateur", "terminée", "note pondérée sur 100", "appréciation"]
    rows = (
        Evaluation.objects.filter(proposal__call=call)
        .select_related("proposal", "evaluator")
        .order_by("proposal_id", "pk")
    )
    for e in rows:
        yield [
            e.proposal_id,
            e.proposal.title,
            str(e.evaluator),
            "oui" if e.completed_at else "non",
            _amount(e.score),
            e.comment,
        ]


def _decisions(call):
    yield ["proposition", "intitulé", "organisation", "décision", "plafond", "montant accordé", "motifs"]
    rows = Proposal.objects.filter(call=call).exclude(verdict="").select_related("organisation", "call")
    for p in rows.order_by("pk"):
        yield [
            p.pk,
            p.title,
            p.organisation.name,
            p.get_verdict_display(),
            _amount(p.cap),
            _amount(p.granted),
            p.reasons,
        ]


EXPORTS = {"propositions": _proposals, "evaluations": _evaluations, "decisions": _decisions}


def response(call, kind: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="appel-{call.year}-{call.pk}-{kind}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    for row in EXPORTS[kind](call):
        writer.writerow(row)
    return response
