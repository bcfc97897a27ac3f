"""The session managers' side: the sessions they manage, the requests to decide, the session's transitions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from mentor.offer import registration as registrations
from mentor.offer import sessions
from mentor.offer.enums import RegistrationStatus
from mentor.offer.models import Registration, Session
from mentor.offer.registration import RegistrationRefused
from mentor.offer.sessions import TransitionRefused

from ..breadcrumb import breadcrumb
from .forms import CapacityForm, RescheduleForm, SessionForm

S = RegistrationStatus


def _count(status):
    return Count("registrations", filter=Q(registrations__status=status))


@login_required
def session_list(request):
    managed = (
        Session.objects.managed_by(request.user)
        .select_related("training", "organiser")
        .annotate(confirmed=_count(S.CONFIRMED), requested=_count(S.REQUESTED), waiting=_count(S.WAITING))
        .order_by("-requested", "starts_at", "pk")
    )
    page = Paginator(managed, 30).get_page(request.GET.get("page"))
    page.pages_list = page.paginator.get_elided_page_range(page.number)
    return render(request, "www/registrations/managed_sessions.html", {"page_obj": page})


@login_required
def session_detail(request, pk):
    session = get_object_or_404(
        Session.objects.managed_by(request.user).select_related("training", "organiser"), pk=pk
    )
    rows = list(session.registrations.select_related("user").order_by("created_at", "id"))
    groups = [
        (status, [r for r in rows if r.status == status])
        for status in (S.REQUESTED, S.CONFIRMED, S.WAITING, S.REFUSED, S.CANCELLED)
    ]
    confirmed = sum(1 for r in rows if r.status == S.CONFIRMED)
    context = {
        "breadcrumb_data": breadcrumb(
            ("Sessions que je gère", reverse("www:managed_sessions")), current=str(session)
        ),
        "session": session,
        "groups": groups,
        "confirmed": confirmed,
        "places_left": None if session.capacity is None else max(session.capacity - confirmed, 0),
        "transitions": sessions.available_transitions(session, request.user),
        "transition_logs": session.transition_logs.select_related("actor"),
        "capacity_form": CapacityForm(initial={"capacity": session.capacity}),
        "reschedule_form": RescheduleForm()
        if sessions.guard(session, sessions.date_change(session), request.user)
        else None,
    }
    return render(request, "www/registrations/managed_session.html", context)


@require_POST
@login_required
@transaction.atomic
def session_transition(request, pk):
    session = get_object_or_404(Session.objects.managed_by(request.user), pk=pk)
    try:
        sessions.apply_transition(session, request.POST.get("transition", ""), request.user)
    except TransitionRefused as refusal:
        messages.error(request, str(refusal))
    else:
        session.refresh_from_db(fields=["status"])
        messages.success(request, f"La session est désormais au statut « {session.get_status_display()} ».")
    return redirect("www:managed_session", pk=session.pk)


@require_POST
@login_required
@transaction.atomic
def session_capacity(request, pk):
    session = get_object_or_404(Session.objects.managed_by(request.user), pk=pk)
    form = CapacityForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["capacity"]))
    else:
        try:
            registrations.set_capacity(session, form.cleaned_data["capacity"], request.user)
        except RegistrationRefused as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(request, "Le nombre de places est enregistré.")
    return redirect("www:managed_session", pk=session.pk)


DECISIONS = ("accepter", "refuser")
DECIDED_MESSAGES = {
    S.CONFIRMED: "La demande est acceptée : l'inscription est confirmée.",
    S.WAITING: "La demande est acceptée, mais la session est complète : l'agent est sur la liste d'attente.",
    S.REFUSED: "L'inscription est refusée.",
}


@require_POST
@login_required
@transaction.atomic
def decide_registration(request, pk, decision):
    if decision not in DECISIONS:
        raise Http404("Décision inconnue.")
    registration = get_object_or_404(
        Registration.objects.filter(session__in=Session.objects.managed_by(request.user).values("pk")),
        pk=pk,
    )
    try:
        if decision == "refuser":
            registration = registrations.refuse(
                registration, request.user, request.POST.get("comment", "")[:500]
            )
        else:
            registration = registrations.accept(registration, request.user)
    except RegistrationRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, DECIDED_MESSAGES[registration.status])
    return redirect("www:managed_session", pk=registration.session_id)


@login_required
def session_create(request):
    """Schedule a session through the lifecycle (``sessions.schedule_session``): it starts in preparation, its
    scheduler among its managers."""
    form = SessionForm(request.user, request.POST or None, initial={"training": request.GET.get("formation")})
    if request.method == "POST" and form.is_valid():
        session = form.save(commit=False)
        try:
            session = sessions.schedule_session(
                session, request.user, form.cleaned_data.get("open_to_organisations") or ()
            )
        except TransitionRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(
                request,
                "La session est programmée, en préparation : ouvrez ses inscriptions quand elle est prête.",
            )
            return redirect("www:managed_session", pk=session.pk)
    return render(
        request,
        "www/registrations/new_session.html",
        {
            "form": form,
            "breadcrumb_data": breadcrumb(
                ("Sessions que je gère", reverse("www:managed_sessions")), current="Programmer une session"
            ),
        },
        status=400 if form.errors else 200,
    )


@require_POST
@login_required
def session_reschedule(request, pk):
    session = get_object_or_404(Session.objects.managed_by(request.user), pk=pk)
    form = RescheduleForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect("www:managed_session", pk=session.pk)
    try:
        sessions.reschedule(
            session, request.user, form.cleaned_data["starts_at"], form.cleaned_data["ends_at"]
        )
    except TransitionRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request, "Les nouvelles dates sont enregistrées et les agents inscrits en sont avertis."
        )
    return redirect("www:managed_session", pk=session.pk)
