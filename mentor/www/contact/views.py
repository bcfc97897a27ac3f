from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from mentor.offer.models import Collection
from mentor.organisations.models import ContactMessage, TeamMembership

from .delivery import allow_one_more, deliver
from .forms import ContactForm


def _team_of(user):
    if not user.is_authenticated or user.entity is None:
        return None, []
    return TeamMembership.objects.team_for(user.entity)


def _leads():
    """Top-level collections with their lead and the lead's Mentor team, in the order of the catalogue."""
    collections = list(
        Collection.objects.filter(parent__isnull=True).select_related("lead").order_by("position", "name")
    )
    teams = {}
    for member in TeamMembership.objects.filter(
        organisation__in={c.lead_id for c in collections}
    ).select_related("user"):
        teams.setdefault(member.organisation_id, []).append(member)
    return [(collection, teams.get(collection.lead_id, [])) for collection in collections]


def _render(request, form, status=200):
    team_organisation, team = _team_of(request.user)
    return render(
        request,
        "www/contact/contact.html",
        {"team_organisation": team_organisation, "team": team, "leads": _leads(), "form": form},
        status=status,
    )


@require_GET
def contact(request):
    return _render(request, ContactForm())


@login_required
@require_POST
def send(request):
    form = ContactForm(request.POST)
    team_organisation, team = _team_of(request.user)
    if team_organisation is None:
        form.add_error(
            None, "Aucune équipe Mentor n'est rattachée à votre entité : écrivez à un chef de file."
        )
    if not form.is_valid():
        return _render(request, form, status=400)
    if not allow_one_more(request.user):
        form.add_error(
            None, "Vous avez envoyé beaucoup de messages en peu de temps : réessayez dans une heure."
        )
        return _render(request, form, status=429)
    with transaction.atomic():
        message = ContactMessage.objects.create(
            organisation=team_organisation,
            sender=request.user,
            sender_email=request.user.email,
            subject=form.cleaned_data["subject"],
            body=form.cleaned_data["body"],
        )
        deliver(message, sorted({member.email for member in team}))
    messages.success(
        request, f"Votre message est enregistré et transmis à l'équipe Mentor {team_organisation.of_name}."
    )
    return redirect("www:contact")
