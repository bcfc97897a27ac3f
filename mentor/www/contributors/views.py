"""« Qui contribue à l'offre ? »: every organisation of the tree, ministries with their services and
establishments, then the interministerial directorates, training providers and public-service schools; each with
its partnership agreement, the collections it contributes to, the published trainings it contributes that the
visitor may see, and (for signed-in users) how to reach its Mentor team.

A fixed number of queries whatever the number of organisations: one per kind of row (organisations, agreements
and their collections, counted trainings, collections, teams), joined in memory."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from mentor.offer.models import Collection, Training
from mentor.organisations.enums import AgreementStatus
from mentor.organisations.enums import OrganisationKind as K
from mentor.organisations.models import Organisation, PartnershipAgreement, TeamMembership

from ..breadcrumb import breadcrumb

# Under a ministry, its organisations by kind, in this order.
MINISTRY_GROUPS = [
    (K.CENTRAL_ADMINISTRATION, "Administrations centrales"),
    (K.DECONCENTRATED_SERVICE, "Services déconcentrés"),
    (K.PUBLIC_ESTABLISHMENT, "Établissements publics"),
    (K.TRAINING_PROVIDER, "Opérateurs de formation"),
    (K.PUBLIC_SERVICE_SCHOOL, "Écoles de service public"),
    (K.INTERMINISTERIAL_DIRECTORATE, "Directions interministérielles"),
    (K.OTHER, "Autres organisations"),
]
# Outside the ministries, the organisations at the top of the tree by kind (with what lies below them).
OTHER_SECTIONS = [
    (K.INTERMINISTERIAL_DIRECTORATE, "Les directions interministérielles"),
    (K.TRAINING_PROVIDER, "Les opérateurs de formation"),
    (K.PUBLIC_SERVICE_SCHOOL, "Les écoles de service public"),
    (K.OTHER, "Les autres organisations"),
]


@dataclass
class Contributor:
    organisation: Organisation
    parent: Organisation | None = None
    agreement: PartnershipAgreement | None = None
    covered_by: Organisation | None = None  # an ancestor whose agreement in force covers it
    collections: list = field(default_factory=list)
    trainings: int = 0
    team: list = field(default_factory=list)
    team_of: Organisation | None = None  # the ancestor whose team answers for it

    @property
    def as_rows(self) -> list:
        return [self]


def _agreement_of(agreements, today):
    """The agreement to show: one in force, else the latest."""
    in_force = [
        a for a in agreements if a.status == AgreementStatus.ACTIVE and a.starts_on <= today <= a.ends_on
    ]
    return (in_force or agreements or [None])[0]


def _contributors(user):
    today = timezone.localdate()
    organisations = list(
        Organisation.objects.only(
            "id", "code", "name", "kind", "parent_id", "path", "article", "name_in_sentence"
        ).order_by("path")
    )
    by_id = {o.pk: o for o in organisations}
    agreements = defaultdict(list)
    for agreement in (
        PartnershipAgreement.objects.prefetch_related("contributed_collections")
        .only("id", "partner_id", "status", "starts_on", "ends_on")
        .order_by("partner_id", "-starts_on", "-pk")
    ):
        agreements[agreement.partner_id].append(agreement)
    collections = {
        c.pk: c for c in Collection.objects.only("id", "name", "slug").order_by("position", "name")
    }
    trainings = defaultdict(dict)
    for owner_id, collection_id, count in (
        Training.objects.visible_to(user)
        .values_list("owner_id", "collection_id")
        .annotate(count=Count("pk"))
        .order_by("owner_id", "collection_id")
    ):
        trainings[owner_id][collection_id] = count
    teams = defaultdict(list)
    if user.is_authenticated:
        for member in TeamMembership.objects.select_related("user").order_by(
            "organisation_id", "position", "pk"
        ):
            teams[member.organisation_id].append(member)

    contributors = {}
    for organisation in organisations:
        own = _agreement_of(agreements.get(organisation.pk, []), today)
        ancestors = [by_id[pk] for pk in reversed(organisation.ancestor_ids[:-1]) if pk in by_id]
        covered_by = None
        if own is None or own.status != AgreementStatus.ACTIVE or not own.starts_on <= today <= own.ends_on:
            covered_by = next(
                (
                    a
                    for a in ancestors
                    if (shown := _agreement_of(agreements.get(a.pk, []), today))
                    and shown.status == AgreementStatus.ACTIVE
                    and shown.starts_on <= today <= shown.ends_on
                ),
                None,
            )
        counted = trainings.get(organisation.pk, {})
        named = {c.pk for c in own.contributed_collections.all()} if own else set()
        team_of = next((o for o in [organisation, *ancestors] if teams.get(o.pk)), None)
        contributors[organisation.pk] = Contributor(
            organisation=organisation,
            parent=by_id.get(organisation.parent_id),
            agreement=own,
            covered_by=covered_by,
            collections=[c for pk, c in collections.items() if pk in named or pk in counted],
            trainings=sum(counted.values()),
            team=teams.get(team_of.pk, []) if team_of else [],
            team_of=team_of if team_of is not organisation else None,
        )
    return organisations, contributors


def _subtree(root, organisations, contributors):
    """The organisations below ``root``, in tree order."""
    return [contributors[o.pk] for o in organisations if o.pk != root.pk and o.path.startswith(root.path)]


@require_safe
def contributors(request):
    organisations, contributors = _contributors(request.user)
    roots = [o for o in organisations if o.parent_id is None]
    ministries = []
    for ministry in (o for o in roots if o.kind == K.MINISTRY):
        below = _subtree(ministry, organisations, contributors)
        groups = [
            (label, [c for c in below if c.organisation.kind == kind]) for kind, label in MINISTRY_GROUPS
        ]
        ministries.append((contributors[ministry.pk], [(label, rows) for label, rows in groups if rows]))
    others = []
    for kind, title in OTHER_SECTIONS:
        rows = []
        for root in (o for o in roots if o.kind == kind):
            rows.append(contributors[root.pk])
            rows.extend(_subtree(root, organisations, contributors))
        if rows:
            others.append((title, rows))
    return render(
        request,
        "www/contributors/contributors.html",
        {
            "breadcrumb_data": breadcrumb(current="Qui contribue à l'offre ?"),
            "ministries": sorted(ministries, key=lambda m: m[0].organisation.name),
            "others": others,
            "organisation_count": len(organisations),
        },
    )
