"""An entity administrator's pages: roles in the tree, invitations, the Mentor team of the Contact page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mentor.accounts import services
from mentor.accounts.models import Invitation, Membership
from mentor.core.permissions import check, require
from mentor.organisations.models import TeamMembership

from ..account import emails
from .forms import GrantRoleForm, InvitationForm, TeamFormSet
from .refusal import shows_refusal
from .scope import administered, administered_roots


@login_required
@shows_refusal
@require_GET
def index(request):
    return render(
        request,
        "www/organisation/index.html",
        {
            "organisations": administered_roots(request.user).order_by("name"),
            "can_review": check(request.user, "accounts.review_requests"),
            "can_view_agreements": check(request.user, "accounts.view_agreements"),
        },
    )


def _manage_page(request, organisation, grant_form=None, invite_form=None, status=200):
    memberships = (
        Membership.objects.filter(organisation__path__startswith=organisation.path)
        .select_related("user", "organisation", "collection")
        .order_by("organisation__path", "user__last_name", "role")
    )
    rows = [(m, check(request.user, "accounts.withdraw_role", m)) for m in memberships]
    return render(
        request,
        "www/organisation/manage.html",
        {
            "organisation": organisation,
            "rows": rows,
            "grant_form": grant_form or GrantRoleForm(request.user, organisation),
            "invite_form": invite_form or InvitationForm(request.user, organisation),
            "invitations": Invitation.objects.filter(
                organisation__path__startswith=organisation.path, accepted_at__isnull=True
            ).select_related("organisation"),
        },
        status=status,
    )


def _administered(request, pk):
    organisation = get_object_or_404(administered(request.user), pk=pk)
    require(request.user, "accounts.administer_organisation", organisation)
    return organisation


@login_required
@shows_refusal
@require_GET
def manage(request, pk):
    return _manage_page(request, _administered(request, pk))


@login_required
@shows_refusal
@require_POST
def grant(request, pk):
    organisation = _administered(request, pk)
    form = GrantRoleForm(request.user, organisation, request.POST)
    if not form.is_valid():
        return _manage_page(request, organisation, grant_form=form, status=400)
    membership = services.grant_role(form.membership)
    messages.success(
        request,
        f"{membership.user} a maintenant le rôle « {membership.get_role_display()} » ({membership.organisation.name}).",
    )
    return redirect("www:organisation:manage", pk=organisation.pk)


@login_required
@shows_refusal
@require_POST
def withdraw(request, pk, membership_pk):
    organisation = _administered(request, pk)
    in_tree = Membership.objects.filter(organisation__path__startswith=organisation.path)
    try:
        membership = services.withdraw_role(in_tree, membership_pk, by=request.user)
    except Membership.DoesNotExist:
        raise Http404 from None
    messages.success(request, f"Le rôle « {membership.get_role_display()} » de {membership.user} est retiré.")
    return redirect("www:organisation:manage", pk=organisation.pk)


@login_required
@shows_refusal
@require_POST
def invite(request, pk):
    organisation = _administered(request, pk)
    form = InvitationForm(request.user, organisation, request.POST)
    if not form.is_valid():
        return _manage_page(request, organisation, invite_form=form, status=400)
    # One transaction for the invitation and its e-mail: the e-mail leaves only if the invitation is saved.
    with transaction.atomic():
        data = form.cleaned_data
        invitation = services.invite(
            email=data["email"], organisation=data["organisation"], role=data["role"], by=request.user
        )
        emails.send_invitation(request, invitation)
    messages.success(request, f"Invitation envoyée à {invitation.email}.")
    return redirect("www:organisation:manage", pk=organisation.pk)


@login_required
@shows_refusal
@require_http_methods(["GET", "POST"])
def team(request, pk):
    organisation = _administered(request, pk)
    queryset = TeamMembership.objects.filter(organisation=organisation).select_related("user")
    formset = TeamFormSet(request.POST or None, queryset=queryset)
    if request.method == "POST" and formset.is_valid():
        with transaction.atomic():
            for member in formset.save(commit=False):
                member.organisation = organisation
                member.save()
            for member in formset.deleted_objects:
                member.delete()
        messages.success(request, "L'équipe Mentor affichée sur la page Contact est enregistrée.")
        return redirect("www:organisation:team", pk=organisation.pk)
    return render(
        request,
        "www/organisation/team.html",
        {"organisation": organisation, "formset": formset},
        status=400 if formset.is_bound else 200,
    )
