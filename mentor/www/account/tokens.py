"""The user's API tokens on the profile: create (the key is shown once), see when each was last used, revoke."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST
from dsfr.forms import DsfrBaseForm

from mentor.accounts import api_tokens
from mentor.accounts.models import ApiToken

from ..breadcrumb import breadcrumb


class TokenForm(DsfrBaseForm):
    name = forms.CharField(
        label="Nom du jeton", max_length=100, help_text="Pour le reconnaître, par exemple « Plateforme RH »."
    )
    read_only = forms.BooleanField(label="Lecture seule : ce jeton ne pourra rien modifier", required=False)


@login_required
@require_http_methods(["GET", "POST"])
def token_list(request):
    form = TokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            token, new_key = api_tokens.create_token(
                request.user, form.cleaned_data["name"], form.cleaned_data["read_only"]
            )
        form = TokenForm()
    context = {
        "breadcrumb_data": breadcrumb(("Mon compte", "/compte/profil/"), current="Jetons d'accès à l'API"),
        "tokens": ApiToken.objects.active().filter(user=request.user),
        "form": form,
        "new_key": new_key,
    }
    return render(request, "www/account/api_tokens.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def revoke(request, pk):
    with transaction.atomic():
        if not api_tokens.revoke(request.user, pk):
            raise Http404
    messages.success(request, "Le jeton est révoqué : il ne donne plus accès à l'API.")
    return redirect("accounts:api_tokens")
