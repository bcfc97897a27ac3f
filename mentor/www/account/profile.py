"""The profile: names, entity-change request, personal data, account deletion."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mentor.accounts import services
from mentor.accounts.enums import RequestStatus
from mentor.accounts.models import EntityChangeRequest

from . import emails
from .entities import entity_options
from .forms import DeleteAccountForm, EntityChangeForm, NamesForm
from .personal_data import personal_data


def _profile_context(request, **extra):
    return {
        "names_form": NamesForm(instance=request.user),
        "pending_change": EntityChangeRequest.objects.filter(user=request.user, status=RequestStatus.PENDING)
        .select_related("to_entity")
        .first(),
        **extra,
    }


@login_required
@require_GET
def profile(request):
    return render(request, "www/account/profile.html", _profile_context(request))


@login_required
@require_POST
def update_names(request):
    form = NamesForm(request.POST, instance=request.user)
    if not form.is_valid():
        return render(
            request, "www/account/profile.html", _profile_context(request, names_form=form), status=400
        )
    with transaction.atomic():
        form.save()
    messages.success(request, "Vos nom et prénom sont enregistrés.")
    return redirect("accounts:profile")


@login_required
@require_http_methods(["GET", "POST"])
def entity_change(request):
    query = request.GET.get("q", "")
    form = EntityChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                change = services.request_entity_change(request.user, form.cleaned_data["entity"])
                emails.notify_reviewers_of_entity_change(request, change)
        except (ValidationError, IntegrityError) as error:
            message = (
                error.messages[0]
                if isinstance(error, ValidationError)
                else ("Une demande de changement d'entité est déjà en attente.")
            )
            form.add_error("entity", message)
        else:
            messages.success(
                request,
                f"Votre demande de rattachement {change.to_entity.to_name} est transmise à son équipe Mentor.",
            )
            return redirect("accounts:profile")
    selected = form.cleaned_data.get("entity") if form.is_bound else None
    _, options = entity_options(query, "" if query else request.user.email, selected)
    return render(
        request,
        "www/account/entity_change.html",
        {
            "form": form,
            "query": query,
            "options": options,
            "checked_id": request.POST.get("entity", ""),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def download_personal_data(request):
    document = json.dumps(personal_data(request.user), ensure_ascii=False, indent=2)
    response = HttpResponse(document, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mes-donnees-mentor.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    form = DeleteAccountForm(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.delete_account(request.user)
        except ProtectedError:
            messages.error(
                request,
                "Votre compte est lié à des contenus qui ne peuvent pas rester sans auteur : "
                "écrivez à l'équipe Mentor de votre entité (page Contact) pour le supprimer.",
            )
            return redirect("accounts:profile")
        logout(request)
        messages.success(
            request, "Votre compte est supprimé. Vos inscriptions passées sont conservées sans votre nom."
        )
        return redirect("www:home")
    return render(request, "www/account/delete.html", {"form": form}, status=400 if form.errors else 200)
