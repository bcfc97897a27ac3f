"""Account and entity-change requests for the reviewer's tree, and the agreements that expire soon."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from mentor.accounts import services
from mentor.core.permissions import require
from mentor.organisations.agreements import EXPIRY_WARNING_DAYS, expiring_agreements

from ..account import emails
from .refusal import shows_refusal
from .scope import pending_account_requests, pending_entity_changes


@login_required
@shows_refusal
@require_GET
def requests(request):
    require(request.user, "accounts.review_requests")
    return render(
        request,
        "www/organisation/requests.html",
        {
            "account_requests": pending_account_requests(request.user),
            "entity_changes": pending_entity_changes(request.user),
        },
    )


def _accepting(request) -> bool:
    return request.POST.get("decision") == "accept"


@login_required
@shows_refusal
@require_POST
def decide_account_request(request, pk):
    account_request = get_object_or_404(pending_account_requests(request.user), pk=pk)
    require(request.user, "accounts.review_account_request", account_request)
    try:
        decided = services.decide_account_request(account_request, request.user, _accepting(request))
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        emails.send_account_decision(decided)
        messages.success(
            request, f"La demande de {decided.user.email} est {decided.get_status_display().lower()}."
        )
    return redirect("www:organisation:requests")


@login_required
@shows_refusal
@require_POST
def decide_entity_change(request, pk):
    change = get_object_or_404(pending_entity_changes(request.user), pk=pk)
    require(request.user, "accounts.review_entity_change", change)
    try:
        decided = services.decide_entity_change(change, request.user, _accepting(request))
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        emails.send_entity_change_decision(decided)
        messages.success(
            request, f"La demande de {decided.user.email} est {decided.get_status_display().lower()}."
        )
    return redirect("www:organisation:requests")


@login_required
@shows_refusal
@require_GET
def agreements(request):
    require(request.user, "accounts.view_agreements")
    return render(
        request,
        "www/organisation/agreements.html",
        {"agreements": expiring_agreements(), "days": EXPIRY_WARNING_DAYS},
    )
