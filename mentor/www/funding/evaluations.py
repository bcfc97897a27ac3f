"""Evaluators' pages: the proposals assigned to them, and the grid of one evaluation (copied when it starts)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.views.decorators.http import require_GET, require_http_methods

from mentor.funding import evaluation as evaluations
from mentor.funding.access import evaluations_of

from ..breadcrumb import breadcrumb
from .forms import ScoreForm

QUEUE_LINK = ("Mes évaluations", reverse_lazy("www:funding:evaluations"))


@require_GET
@login_required
def queue(request):
    rows = evaluations_of(request.user).select_related("proposal__call", "proposal__organisation")
    return render(
        request,
        "www/funding/evaluations.html",
        {
            "rows": rows.order_by("completed_at", "pk"),
            "breadcrumb_data": breadcrumb(current="Mes évaluations"),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def evaluation_view(request, pk):
    item = get_object_or_404(
        evaluations_of(request.user).select_related("proposal__call", "proposal__organisation"), pk=pk
    )
    if request.method == "POST" and "start" in request.POST:
        try:
            evaluations.start(item, request.user)
        except evaluations.EvaluationRefused as refusal:
            messages.error(request, str(refusal))
        return redirect("www:funding:evaluation", pk=item.pk)
    scores = list(item.scores.order_by("position"))
    form = ScoreForm(request.POST or None, scores=scores, initial={"comment": item.comment})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                evaluations.record(
                    item,
                    request.user,
                    form.values(),
                    form.cleaned_data["comment"],
                    "complete" in request.POST,
                )
            except evaluations.EvaluationRefused as refusal:
                form.add_error(None, str(refusal))
            else:
                messages.success(request, "Évaluation enregistrée.")
                return redirect("www:funding:evaluation", pk=item.pk)
        status = 400
    context = {
        "evaluation": item,
        "proposal": item.proposal,
        "scores": scores,
        "form": form if item.started_at else None,
        "breadcrumb_data": breadcrumb(QUEUE_LINK, current=item.proposal.title),
        "proposal_url": reverse("www:funding:proposal", args=[item.proposal_id]),
    }
    return render(request, "www/funding/evaluation.html", context, status=status)
