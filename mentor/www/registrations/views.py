"""An agent's side of registration: register, cancel, and "Mes formations"."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from mentor.offer import registration as registrations
from mentor.offer.enums import ACTIVE_REGISTRATION_STATUSES, RegistrationStatus
from mentor.offer.models import Registration, Session
from mentor.offer.registration import RegistrationRefused

REGISTERED_MESSAGES = {
    RegistrationStatus.CONFIRMED: "Votre inscription est confirmée. Un courriel vous le confirme.",
    RegistrationStatus.REQUESTED: "Votre demande d'inscription est transmise aux gestionnaires de la session.",
    RegistrationStatus.WAITING: "La session est complète : vous êtes inscrit sur sa liste d'attente.",
}


@require_POST
@transaction.atomic
def register(request, pk):
    # Scoped lookup first: a session the user may not see is a 404, even before asking them to log in.
    session = get_object_or_404(Session.objects.visible_to(request.user).select_related("training"), pk=pk)
    training_url = session.training.get_absolute_url()
    if not request.user.is_authenticated:
        return redirect_to_login(training_url)
    try:
        registration = registrations.register(session, request.user)
    except RegistrationRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, REGISTERED_MESSAGES[registration.status])
    return redirect(f"{training_url}#session-{session.pk}")


@require_POST
@login_required
@transaction.atomic
def cancel(request, pk):
    registration = get_object_or_404(
        Registration.objects.filter(user=request.user).select_related("session__training"), pk=pk
    )
    try:
        registrations.cancel(registration, by=request.user)
    except RegistrationRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, "Votre inscription est annulée.")
    return redirect("www:my_registrations")


@login_required
def my_registrations(request):
    mine = (
        Registration.objects.filter(user=request.user)
        .select_related("session__training", "session__organiser")
        .order_by("-created_at", "-id")
    )
    active = [r for r in mine if r.status in ACTIVE_REGISTRATION_STATUSES]
    past = [r for r in mine if r.status not in ACTIVE_REGISTRATION_STATUSES]
    context = {
        "active": active,
        "past": past,
        "manages_sessions": Session.objects.managed_by(request.user).exists(),
    }
    return render(request, "www/registrations/mine.html", context)
