"""The offer-watch page: likely duplicates across organisations, what is being designed, uncovered objectives."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from mentor.core.permissions import require
from mentor.watch import duplicates
from mentor.watch.overview import duplicate_groups, in_design, objective_coverage
from mentor.watch.scope import trainings_watched_by

from ..breadcrumb import breadcrumb


@require_GET
@login_required
def overview(request):
    require(request.user, "watch.watch_offer")
    context = {
        "breadcrumb_data": breadcrumb(current="Veille de l'offre"),
        "groups": duplicate_groups(request.user),
        "in_design": in_design(request.user),
        "coverage": objective_coverage(request.user),
    }
    return render(request, "www/watch/overview.html", context)


@require_POST
@login_required
def not_a_duplicate(request, pk):
    require(request.user, "watch.watch_offer")
    pair = get_object_or_404(duplicates.pairs_about(trainings_watched_by(request.user)), pk=pk)
    duplicates.dismiss(pair, request.user)
    messages.success(request, "C'est noté : ces deux formations ne seront plus proposées comme doublons.")
    return redirect("www:watch:overview")
