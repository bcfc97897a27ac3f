"""Sign-up, confirmation of the address by a signed link, and invitations."""

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from mentor.accounts import services
from mentor.accounts.enums import RequestStatus
from mentor.accounts.models import AccountRequest, User
from mentor.accounts.tokens import InvalidLink, pending_invitation, user_to_confirm

from . import emails
from .entities import entity_options
from .forms import InvitationSignUpForm, SignUpForm


@require_http_methods(["GET", "POST"])
def sign_up(request):
    if request.user.is_authenticated:
        return redirect("accounts:profile")
    data = request.POST if request.method == "POST" else request.GET
    email = data.get("email", "")
    query = data.get("q", "")
    if "rechercher" in request.POST:
        # One form asks for the address once: its "Rechercher" button sends it with the entity searched, and the
        # page comes back with the suggestion of the address's domain and what was typed (passwords excepted).
        form = SignUpForm(initial={k: request.POST.get(k, "") for k in ("email", "first_name", "last_name")})
    elif request.method == "POST":
        form = SignUpForm(request.POST)
        if form.is_valid():
            try:
                with transaction.atomic():
                    user = services.sign_up(
                        email=form.cleaned_data["email"],
                        first_name=form.cleaned_data["first_name"],
                        last_name=form.cleaned_data["last_name"],
                        password=form.cleaned_data["password1"],
                        entity=form.cleaned_data["entity"],
                    )
                    emails.send_confirmation(request, user)
            except IntegrityError:
                # Two sign-ups with one address at the same moment: the unique index decides.
                form.add_error("email", "Un compte existe déjà avec cette adresse.")
            except ValidationError as error:
                form.add_error("entity", error)
            else:
                request.session["signed_up_email"] = user.email
                return redirect("accounts:signup_done")
    else:
        form = SignUpForm(initial={"email": email})
    selected = form.cleaned_data.get("entity") if form.is_bound else None
    suggested, options = entity_options(query, email, selected)
    checked = selected or (None if form.is_bound else suggested)
    return render(
        request,
        "www/account/signup.html",
        {
            "form": form,
            "email": email,
            "query": query,
            "suggested": suggested,
            "options": options,
            "checked_id": str(checked.pk) if checked else request.POST.get("entity", ""),
        },
    )


def sign_up_done(request):
    email = request.session.get("signed_up_email", "")
    return render(request, "www/account/signup_done.html", {"email": email})


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """GET shows the button, POST confirms: a mail scanner following the link must not change anything."""
    try:
        user = user_to_confirm(token)
    except InvalidLink as error:
        return render(request, "www/account/link_invalid.html", {"message": str(error)}, status=400)
    if request.method == "GET":
        return render(request, "www/account/confirm.html", {"confirmed_user": user})
    with transaction.atomic():
        already = user.email_confirmed_at is not None
        active = services.confirm_email(user)
        account_request = AccountRequest.objects.filter(user=user, status=RequestStatus.PENDING).first()
        if account_request is not None and not already:
            emails.notify_reviewers_of_account_request(request, account_request)
    if active:
        messages.success(request, "Votre adresse est confirmée : vous pouvez vous connecter.")
        return redirect("accounts:login")
    messages.info(
        request,
        "Votre adresse est confirmée. Votre demande de compte est transmise à l'équipe Mentor "
        f"{account_request.entity.of_name if account_request else 'de votre entité'} : vous recevrez sa réponse "
        "par courriel.",
    )
    return redirect("www:home")


@require_http_methods(["GET", "POST"])
def invitation(request, token):
    try:
        invitation = pending_invitation(token)
    except InvalidLink as error:
        return render(request, "www/account/link_invalid.html", {"message": str(error)}, status=400)
    user = request.user if request.user.is_authenticated else None
    if user is not None and user.email.lower() != invitation.email.lower():
        return render(
            request,
            "www/account/link_invalid.html",
            {"message": "Cette invitation a été envoyée à une autre adresse : déconnectez-vous d'abord."},
            status=403,
        )
    existing = user is None and User.objects.filter(email__iexact=invitation.email).exists()
    form = None if user or existing else InvitationSignUpForm(invitation.email, request.POST or None)
    if request.method == "POST" and not existing and (form is None or form.is_valid()):
        data = (
            {}
            if form is None
            else {
                "first_name": form.cleaned_data["first_name"],
                "last_name": form.cleaned_data["last_name"],
                "password": form.cleaned_data["password1"],
            }
        )
        try:
            member = services.accept_invitation(invitation, user, **data)
        except ValidationError as error:
            return render(
                request, "www/account/link_invalid.html", {"message": error.messages[0]}, status=400
            )
        if user is None:
            login(request, member, backend="mentor.accounts.backends.PasswordBackend")
        messages.success(request, f"Vous avez rejoint {invitation.organisation.with_article}.")
        return redirect("accounts:profile")
    return render(
        request, "www/account/invitation.html", {"invitation": invitation, "form": form, "existing": existing}
    )
