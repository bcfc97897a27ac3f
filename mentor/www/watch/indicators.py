"""The indicators dashboard (/indicateurs/) and its CSV download."""

import csv
import io

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.formats import date_format
from django.views.decorators.http import require_GET

from mentor.core.permissions import require
from mentor.watch.indicators import Filters, compute, filter_choices

from ..breadcrumb import breadcrumb
from .charts import bar_chart


def _percent(share):
    return None if share is None else round(100 * share)


def rows(result) -> list[tuple[str, str, object]]:
    """Every figure as (section, indicator, value): the CSV's lines and the API's flat view."""
    lines = [
        ("Offre", "Formations publiées", result.published),
        ("Offre", "Formations en conception", result.in_design),
        ("Offre", "Formations en relecture", result.in_review),
        ("Offre", "Formations archivées", result.archived),
        ("Offre", "Part des formations publiées labellisées (%)", _percent(result.labelled_share)),
        (
            "Offre",
            "Délai médian de la soumission à la publication (jours)",
            result.median_days_to_publication,
        ),
        ("Offre", "Objectifs ciblés", result.objectives),
        ("Offre", "Objectifs couverts par une formation publiée", result.objectives_covered),
        ("Offre", "Adoptions entre entités", result.adoptions),
        ("Public", "Sessions tenues", result.sessions_held),
        ("Public", "Places offertes", result.seats_offered),
        ("Public", "Inscriptions confirmées", result.registrations),
        ("Public", "Sur liste d'attente", result.waiting),
        ("Public", "Annulations", result.cancellations),
    ]
    lines += [
        ("Public", f"Inscriptions confirmées : {r['ministry']}", r["registrations"])
        for r in result.by_learner_ministry
    ]
    lines += [
        ("Qualité", f"Critère non satisfait : {r['criterion']}", r["count"]) for r in result.criteria_not_met
    ]
    lines.append(("Qualité", "Labels qui expirent dans les 90 jours", result.labels_expiring))
    lines += [
        ("Qualité", f"Satisfaction des apprenants (sur 5) : {r['collection']}", r["average"])
        for r in result.satisfaction_by_collection
    ]
    lines += [
        ("Qualité", f"Satisfaction des apprenants (sur 5) : {r['month']:%Y-%m}", r["average"])
        for r in result.satisfaction_by_month
    ]
    return lines


@require_GET
@login_required
def dashboard(request):
    require(request.user, "watch.watch_offer")
    filters = Filters.from_params(request.GET)
    result = compute(request.user, filters)
    context = {
        "breadcrumb_data": breadcrumb(current="Indicateurs du programme"),
        "result": result,
        "filters": filters,
        "choices": filter_choices(request.user),
        "labelled_percent": _percent(result.labelled_share),
        "covered_percent": _percent(result.objectives_covered_share),
        "charts": [
            bar_chart(
                "Formations par état",
                "etats",
                "Formations",
                [(s["label"], s["value"]) for s in result.statuses],
            ),
            bar_chart(
                "Inscriptions confirmées par ministère des agents",
                "ministeres",
                "Inscriptions",
                [(r["ministry"], r["registrations"]) for r in result.by_learner_ministry],
            ),
            bar_chart(
                "Satisfaction des apprenants par collection (moyenne sur 5)",
                "satisfaction-collections",
                "Moyenne sur 5",
                [(r["collection"], r["average"]) for r in result.satisfaction_by_collection],
            ),
            bar_chart(
                "Évolution de la satisfaction des apprenants, mois par mois (moyenne sur 5)",
                "satisfaction-mois",
                "Moyenne sur 5",
                [(date_format(r["month"], "F Y"), r["average"]) for r in result.satisfaction_by_month],
            ),
            bar_chart(
                "Critères le plus souvent non satisfaits",
                "criteres",
                "Indicateurs non satisfaits",
                [(r["criterion"], r["count"]) for r in result.criteria_not_met],
            ),
        ],
        "export_query": "&".join(f"{k}={v}" for k, v in filters.as_params().items()),
    }
    return render(request, "www/watch/indicators.html", context)


@require_GET
@login_required
def export(request):
    require(request.user, "watch.watch_offer")
    result = compute(request.user, Filters.from_params(request.GET))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(["section", "indicateur", "valeur"])
    for section, name, value in rows(result):
        writer.writerow([section, name, "" if value is None else str(value).replace(".", ",")])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="indicateurs-mentor.csv"'
    return response
