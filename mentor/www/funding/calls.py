"""Calls for projects: the public list and page, and for DGAFP administrators the management page (moves,
envelope, ranking), the dashboard and the CSV exports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.views.decorators.http import require_GET, require_POST

from mentor.accounts.roles import is_dgafp_admin
from mentor.funding import dashboard as figures
from mentor.funding import exports
from mentor.funding.access import calls_visible_to, eligibility, organisations_of, proposals_edited_by
from mentor.funding.decisions import granted_total
from mentor.funding.enums import CallStatus, Verdict
from mentor.funding.evaluation import ranking
from mentor.funding.workflow import CALLS, TransitionRefused

from ..breadcrumb import breadcrumb
from .forms import StartForm

CALLS_LINK = ("Appels à projets", reverse_lazy("www:funding:calls"))


@require_GET
def call_list(request):
    calls = calls_visible_to(request.user).order_by("-year", "-opens_at", "pk")
    return render(
        request,
        "www/funding/calls.html",
        {"calls": calls, "breadcrumb_data": breadcrumb(current="Appels à projets")},
    )


def start_form(call, user, data=None):
    """The form to start a proposal, offered for the organisations of ``user`` that may answer; the refusals of
    the others, to show why."""
    if call.status != CallStatus.OPEN or not user.is_authenticated:
        return None, []
    allowed, refused = [], []
    for organisation in organisations_of(user):
        decision = eligibility(call, organisation)
        (allowed if decision else refused).append((organisation, decision.reason))
    if not allowed:
        return None, [reason for _, reason in refused]
    queryset = organisations_of(user).filter(pk__in=[o.pk for o, _ in allowed])
    return StartForm(data, organisations=queryset, initial={"organisation": allowed[0][0].pk}), []


@require_GET
def call_view(request, pk):
    call = get_object_or_404(calls_visible_to(request.user), pk=pk)
    form, refusals = start_form(call, request.user)
    context = {
        "call": call,
        "themes": call.themes.prefetch_related("collections", "thematic_offers").order_by("position", "pk"),
        "documents": call.documents.order_by("position", "pk"),
        "criteria": call.criteria.order_by("position", "pk"),
        "form": form,
        "refusals": refusals,
        "mine": proposals_edited_by(request.user).filter(call=call).select_related("organisation"),
        "is_admin": is_dgafp_admin(request.user),
        "breadcrumb_data": breadcrumb(CALLS_LINK, current=call.title),
    }
    return render(request, "www/funding/call.html", context)


def admin_call(request, pk):
    if not is_dgafp_admin(request.user):
        raise Http404
    return get_object_or_404(calls_visible_to(request.user), pk=pk)


@require_GET
@login_required
def manage(request, pk):
    call = admin_call(request, pk)
    rows = ranking(call)
    granted = granted_total(call)
    remaining = call.envelope - granted
    for row in rows:
        row.fits = row.verdict == Verdict.WAITING and row.cap is not None and row.cap <= remaining
    context = {
        "call": call,
        "rows": rows,
        "granted": granted,
        "remaining": remaining,
        "actions": CALLS.available(call, request.user),
        "refusal": CALLS.guard("publish_results", call, request.user).reason
        if call.status == CallStatus.CLOSED
        else "",
        "logs": [(log, CALLS.table[log.transition].label) for log in call.logs.select_related("actor")],
        "breadcrumb_data": breadcrumb(
            CALLS_LINK, (call.title, call.get_absolute_url()), current="Gestion et sélection"
        ),
    }
    return render(request, "www/funding/manage.html", context)


@require_POST
@login_required
def transition(request, pk, name):
    call = admin_call(request, pk)
    try:
        CALLS.fire(name, call, request.user)
    except TransitionRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, f"« {CALLS.table[name].label} » : c'est fait.")
    return redirect("www:funding:manage", pk=call.pk)


@require_GET
@login_required
def dashboard(request, pk):
    call = admin_call(request, pk)
    context = {
        "call": call,
        "figures": figures.figures(call),
        "breadcrumb_data": breadcrumb(
            CALLS_LINK,
            (call.title, call.get_absolute_url()),
            ("Gestion et sélection", reverse("www:funding:manage", args=[call.pk])),
            current="Tableau de bord",
        ),
    }
    return render(request, "www/funding/dashboard.html", context)


@require_GET
@login_required
def export(request, pk, kind):
    call = admin_call(request, pk)
    if kind not in exports.EXPORTS:
        raise Http404
    return exports.response(call, kind)
