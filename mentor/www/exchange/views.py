"""The LHEO upload page of Mentor teams: the same import as ``manage.py import_lheo``, and its report."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from mentor.accounts.enums import Role
from mentor.accounts.roles import organisations_where
from mentor.exchange import lheo_import

from ..breadcrumb import breadcrumb
from .forms import LheoImportForm


@require_http_methods(["GET", "POST"])
@login_required
def import_lheo(request):
    organisations = organisations_where(request.user, Role.MENTOR_TEAM).order_by("name")
    if not organisations.exists():
        raise PermissionDenied("L'import LHEO est réservé aux équipes Mentor.")
    form = LheoImportForm(request.POST or None, request.FILES or None, organisations=organisations)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            report = lheo_import.import_lheo(
                form.cleaned_data["file"].read(),
                form.cleaned_data["organisation"],
                dry_run=form.cleaned_data["dry_run"],
            )
        except lheo_import.Refused as refusal:
            form.add_error("file", str(refusal))
    context = {
        "breadcrumb_data": breadcrumb(current="Importer une offre au format LHEO"),
        "form": form,
        "report": report,
        "organisation": form.cleaned_data.get("organisation") if report else None,
    }
    return render(request, "www/exchange/report.html" if report else "www/exchange/import.html", context)
