"""The training page: everything about one training and the sessions the user may see."""

from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from mentor.editorial.labels import attach_selected_label
from mentor.funding.access import produced_by_a_project, projects_funding
from mentor.offer.enums import ACTIVE_REGISTRATION_STATUSES, RegistrationStatus, SessionStatus
from mentor.offer.models import Registration, Session, Training

from ..breadcrumb import breadcrumb
from . import jsonld


@dataclass
class SessionRow:
    session: Session
    places_left: int | None  # None: unlimited
    registration: Registration | None  # the user's active registration, if any

    @property
    def is_open(self) -> bool:
        return self.session.status == SessionStatus.REGISTRATION_OPEN

    @property
    def is_full(self) -> bool:
        return self.places_left == 0


def session_rows(user, training) -> list[SessionRow]:
    """The sessions of ``training`` that ``user`` may see, with places left and the user's registration:
    two queries whatever the number of sessions. ``training`` comes from ``Training.objects.visible_to(user)``:
    its sessions only have to be open to the user, without ``Session.objects.visible_to`` checking the training
    again in a subquery whose building costs more than the rest of the query."""
    sessions = (
        Session.objects.filter(training=training)
        .open_to(user)
        .exclude(status=SessionStatus.ARCHIVED)
        .select_related("organiser")
        .annotate(
            confirmed=Count("registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED))
        )
        .order_by(F("starts_at").asc(nulls_first=True), "pk")
    )
    sessions = list(sessions)
    mine = {}
    if user.is_authenticated and sessions:
        mine = {
            r.session_id: r
            for r in Registration.objects.filter(
                user=user, session__in=[s.pk for s in sessions], status__in=ACTIVE_REGISTRATION_STATUSES
            ).order_by()  # read into a dict: the default ordering would join the session and the training
        }
    return [
        SessionRow(
            session=s,
            places_left=None if s.capacity is None else max(s.capacity - s.confirmed, 0),
            registration=mine.get(s.pk),
        )
        for s in sessions
    ]


def training_detail(request, pk, slug):
    training = get_object_or_404(
        Training.objects.visible_to(request.user)
        .select_related("collection", "owner", "mentor_label")
        .annotate(produced_by_a_project=produced_by_a_project()),
        pk=pk,
    )
    if training.slug != slug:
        return redirect(training, permanent=True)
    attach_selected_label(training)
    rows = session_rows(request.user, training)
    objectives = training.covered_objectives.select_related("thematic_offer__orientation")
    base_url = request.build_absolute_uri("/").rstrip("/")
    context = {
        "breadcrumb_data": breadcrumb(
            ("Catalogue", reverse("www:catalogue")),
            (training.collection.name, training.collection.get_absolute_url()),
            current=training.title,
        ),
        "training": training,
        "rows": rows,
        "objectives": objectives,
        "funding_projects": projects_funding(request.user, training),
        "jsonld": jsonld.script_tag(jsonld.course(training, [row.session for row in rows], base_url)),
    }
    return render(request, "www/training/detail.html", context)
