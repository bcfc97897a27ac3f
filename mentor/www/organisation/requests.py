"""Account and entity-change requests for the reviewer's tree, and the agreements that expire soon."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from mentor.accounts import services
from mentor.accounts.roles import is_dgafp_admin
from mentor.core.permissions import require
from mentor.organisations.agreements import EXPIRY_WARNING_DAYS, agreements_covering, expiring_agreements

from ..account import emails
from ..breadcrumb import breadcrumb
from .refusal import shows_refusal
from .scope import administered_roots, pending_account_requests, pending_entity_changes


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


@dataclass(frozen=True)
class RequestKind:
    """What deciding one kind of request takes: the pending requests the reviewer may reach (others are a 404),
    the permission to decide, the decision itself and the e-mail that tells the requester."""

    pending: Callable
    permission: str
    decide: Callable
    notify: Callable


REQUEST_KINDS = {
    "account_request": RequestKind(
        pending_account_requests,
        "accounts.review_account_request",
        services.decide_account_request,
        emails.send_account_decision,
    ),
    "entity_change": RequestKind(
        pending_entity_changes,
        "accounts.review_entity_change",
        services.decide_entity_change,
        emails.send_entity_change_decision,
    ),
}


@login_required
@shows_refusal
@require_POST
def decide(request, kind, pk):
    kind = REQUEST_KINDS[kind]
    pending = get_object_or_404(kind.pending(request.user), pk=pk)
    require(request.user, kind.permission, pending)
    try:
        decided = kind.decide(pending, request.user, request.POST.get("decision") == "accept")
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        kind.notify(decided)
        messages.success(
            request, f"La demande de {decided.user.email} est {decided.get_status_display().lower()}."
        )
    return redirect("www:organisation:requests")


@login_required
@shows_refusal
@require_GET
def agreements(request):
    """Read-only: an entity administrator sees the agreements of their organisations and of the organisations
    above them; a DGAFP administrator, who creates and changes them in the administration, those that expire
    soon."""
    require(request.user, "accounts.view_agreements")
    dgafp = is_dgafp_admin(request.user)
    return render(
        request,
        "www/organisation/agreements.html",
        {
            "expiring": expiring_agreements() if dgafp else None,
            "own": None if dgafp else agreements_covering(administered_roots(request.user)),
            "days": EXPIRY_WARNING_DAYS,
            "breadcrumb_data": breadcrumb(
                ("Mon organisation", reverse("www:organisation:index")), current="Conventions de partenariat"
            ),
        },
    )
