"""The indicators of the programme: the offer, its audience and its quality, for the part of the offer a person
watches (``scope``), narrowed by collection, ministry, scope and period. Every figure comes from an aggregate
query: their number is fixed, whatever the size of the offer. Unknown or malformed filters are ignored, as in the
catalogue."""

import datetime
import statistics
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Exists, F, OuterRef, Q, Sum, Value
from django.db.models.functions import TruncMonth
from django.utils import timezone

from mentor.editorial.enums import Rating
from mentor.editorial.models import Label, QualityRating
from mentor.offer.enums import RegistrationStatus, Scope, SessionStatus, TrainingStatus
from mentor.offer.models import Adoption, Collection, Objective, Registration, Session, Training
from mentor.organisations.enums import OrganisationKind
from mentor.organisations.models import Organisation

from . import kept
from .models import SatisfactionAnswer
from .satisfaction import MIN_ANSWERS, QUESTIONS
from .scope import collections_watched_by, trainings_watched_by

IN_DESIGN = (TrainingStatus.DRAFT, TrainingStatus.CHANGES_REQUESTED)
IN_REVIEW = (TrainingStatus.SUBMITTED, TrainingStatus.IN_REVIEW, TrainingStatus.APPROVED)
HELD = (SessionStatus.IN_PROGRESS, SessionStatus.COMPLETED, SessionStatus.ARCHIVED)
EXPIRING_DAYS = 90
TOP_CRITERIA = 5


@dataclass(frozen=True)
class Filters:
    collection: int | None = None
    ministry: int | None = None
    scope: str | None = None
    start: datetime.date | None = None
    end: datetime.date | None = None

    @classmethod
    def from_params(cls, params) -> "Filters":
        def number(name):
            # An id no database column can hold (beyond 64 bits) is as unknown as a word: ignored.
            value = params.get(name, "")
            return int(value) if value.isdigit() and int(value) < 2**63 else None

        def date(name):
            try:
                return datetime.date.fromisoformat(params.get(name, ""))
            except ValueError:
                return None

        scope = params.get("scope")
        return cls(
            collection=number("collection"),
            ministry=number("ministry"),
            scope=scope if scope in Scope.values else None,
            start=date("start"),
            end=date("end"),
        )

    def as_params(self) -> dict[str, str]:
        values = {
            "collection": self.collection,
            "ministry": self.ministry,
            "scope": self.scope,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
        }
        return {k: str(v) for k, v in values.items() if v is not None}


@dataclass
class Indicators:
    filters: Filters
    # the offer
    published: int = 0
    in_design: int = 0
    in_review: int = 0
    archived: int = 0
    labelled_share: float | None = None
    median_days_to_publication: float | None = None
    objectives: int = 0
    objectives_covered: int = 0
    adoptions: int = 0
    # the audience
    sessions_held: int = 0
    seats_offered: int = 0
    registrations: int = 0
    waiting: int = 0
    cancellations: int = 0
    by_learner_ministry: list[dict] = field(default_factory=list)
    # the quality
    criteria_not_met: list[dict] = field(default_factory=list)
    labels_expiring: int = 0
    # learner satisfaction (average of the five questions, out of 5), only where at least MIN_ANSWERS answered
    satisfaction_by_collection: list[dict] = field(default_factory=list)
    satisfaction_by_month: list[dict] = field(default_factory=list)
    # when the figures were computed, and whether newer ones are being computed (``kept``)
    computed_at: datetime.datetime | None = None
    renewing: bool = False

    @property
    def objectives_covered_share(self) -> float | None:
        return self.objectives_covered / self.objectives if self.objectives else None

    @property
    def statuses(self) -> list[dict]:
        return [
            {"label": "Publiées", "value": self.published},
            {"label": "En conception", "value": self.in_design},
            {"label": "En relecture", "value": self.in_review},
            {"label": "Archivées", "value": self.archived},
        ]


def _in_period(filters: Filters, name: str) -> Q:
    """The moments of the period's days (local time), as bounds of the column itself: an index can serve them,
    and SQLite does not convert every row's time zone."""
    condition = Q()
    if filters.start and filters.start > datetime.date.min:
        condition &= Q(**{f"{name}__gte": _midnight(filters.start)})
    if filters.end and filters.end < datetime.date.max:
        condition &= Q(**{f"{name}__lt": _midnight(filters.end + datetime.timedelta(days=1))})
    return condition


def _midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _of(rows, path: str, trainings):
    """``rows`` of the watched ``trainings`` (through ``path``); all of them for who watches the whole offer, without
    a subquery that the database would run for each row."""
    return rows.filter(**{f"{path}__in": trainings.values("pk")}) if trainings.query.has_filters() else rows


def trainings_for(user, filters: Filters):
    trainings = trainings_watched_by(user)
    if filters.collection:
        collection_ids = Collection.objects.filter(Q(pk=filters.collection) | Q(parent_id=filters.collection))
        trainings = trainings.filter(collection__in=collection_ids.values("pk"))
    if filters.ministry:
        trainings = trainings.filter(owner_ministry_id=filters.ministry)
    if filters.scope:
        trainings = trainings.filter(scope=filters.scope)
    return trainings


def compute(user, filters: Filters) -> Indicators:
    """The indicators of what ``user`` watches, narrowed by ``filters``: kept and renewed in the background
    (``kept``), otherwise computed in ten queries, whatever the size of the offer (and one for the roles of
    ``user``)."""
    return kept.kept(user, filters, lambda: _compute(user, filters))


def renew_kept() -> bool:
    """The background renewal of one kept combination of the indicators (``kept.renew``)."""
    return kept.renew(lambda user, params: _compute(user, Filters.from_params(params)))


def _compute(user, filters: Filters) -> Indicators:
    today = timezone.localdate()
    trainings = trainings_for(user, filters)
    result = Indicators(filters, computed_at=timezone.now())
    published = Q(status=TrainingStatus.PUBLISHED) & _in_period(filters, "published_at")
    counts = trainings.aggregate(
        published=Count("pk", filter=published),
        in_design=Count("pk", filter=Q(status__in=IN_DESIGN)),
        in_review=Count("pk", filter=Q(status__in=IN_REVIEW)),
        archived=Count("pk", filter=Q(status=TrainingStatus.ARCHIVED)),
    )
    result.published, result.in_design = counts["published"], counts["in_design"]
    result.in_review, result.archived = counts["in_review"], counts["archived"]
    durations = trainings.filter(published, editorial_file__submitted_at__isnull=False).values_list(
        "published_at", "editorial_file__submitted_at"
    )
    days = [(p - s).total_seconds() / 86400 for p, s in durations.order_by() if p >= s]
    result.median_days_to_publication = round(statistics.median(days), 1) if days else None

    collections = collections_watched_by(user)
    if filters.collection:
        collections = collections.filter(Q(pk=filters.collection) | Q(parent_id=filters.collection))
    objectives = Objective.objects.filter(
        thematic_offer__orientation__collection__in=collections.values("pk")
    )
    # Covered: by one published training at least, asked objective by objective (an index lookup), not by joining
    # every training that covers it.
    published_cover = Training.covered_objectives.through.objects.filter(
        objective_id=OuterRef("pk"), training__status=TrainingStatus.PUBLISHED
    )
    coverage = objectives.aggregate(total=Count("pk"), covered=Count("pk", filter=Exists(published_cover)))
    result.objectives, result.objectives_covered = coverage["total"], coverage["covered"]
    result.adoptions = (
        _of(Adoption.objects, "training", trainings).filter(_in_period(filters, "created_at")).count()
    )

    sessions = _of(Session.objects, "training", trainings).filter(_in_period(filters, "starts_at"))
    audience = sessions.aggregate(
        held=Count("pk", filter=Q(status__in=HELD)),
        seats=Sum("capacity", filter=~Q(status=SessionStatus.CANCELLED)),
    )
    result.sessions_held, result.seats_offered = audience["held"], audience["seats"] or 0
    by_ministry = (
        (
            Registration.objects.filter(session__in=sessions.values("pk"))
            if sessions.query.has_filters()
            else Registration.objects.all()
        )
        .values(ministry=F("user__entity__ministry__name"))
        .annotate(
            registrations=Count("pk", filter=Q(status=RegistrationStatus.CONFIRMED)),
            waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITING)),
            cancellations=Count("pk", filter=Q(status=RegistrationStatus.CANCELLED)),
        )
        .order_by("-registrations", "ministry")
    )
    for row in by_ministry:
        row["ministry"] = row["ministry"] or "Entité inconnue"
        result.by_learner_ministry.append(row)
        result.registrations += row["registrations"]
        result.waiting += row["waiting"]
        result.cancellations += row["cancellations"]

    result.criteria_not_met = list(
        _of(QualityRating.objects, "review__training", trainings)
        .filter(rating=Rating.NOT_MET)
        .filter(_in_period(filters, "review__created_at"))
        .values(criterion=F("criterion_name"))
        .annotate(count=Count("pk"))
        .order_by("-count", "criterion")[:TOP_CRITERIA]
    )
    answers = _of(SatisfactionAnswer.objects, "session__training", trainings).filter(
        _in_period(filters, "answered_at")
    )
    mean = sum((F(name) for name, _ in QUESTIONS), start=Value(0.0)) / len(QUESTIONS)
    for target, key, grouping in (
        (result.satisfaction_by_collection, "collection", F("session__training__collection__name")),
        (result.satisfaction_by_month, "month", TruncMonth("answered_at")),
    ):
        rows = (
            answers.values(**{key: grouping}).annotate(answers=Count("pk"), average=Avg(mean)).order_by(key)
        )
        target += [
            {key: row[key], "answers": row["answers"], "average": round(row["average"], 2)}
            for row in rows
            if row["answers"] >= MIN_ANSWERS
        ]
    # The labels from their own (short) table, not joined to every training of the count above.
    labels = (
        _of(Label.objects, "training", trainings)
        .filter(valid_until__gte=today)
        .aggregate(
            labelled=Count(
                "pk",
                filter=Q(training__status=TrainingStatus.PUBLISHED)
                & _in_period(filters, "training__published_at"),
            ),
            expiring=Count("pk", filter=Q(valid_until__lte=today + datetime.timedelta(days=EXPIRING_DAYS))),
        )
    )
    result.labelled_share = labels["labelled"] / result.published if result.published else None
    result.labels_expiring = labels["expiring"]
    return result


def filter_choices(user) -> dict:
    """What the filters of the page offer: the collections and ministries within ``user``'s watch."""
    return {
        "collections": list(collections_watched_by(user).order_by("name").values_list("pk", "name")),
        "ministries": list(
            Organisation.objects.filter(kind=OrganisationKind.MINISTRY)
            .order_by("name")
            .values_list("pk", "name")
        ),
        "scopes": Scope.choices,
    }
