"""The offer-watch page's figures for one person, in a fixed number of queries whatever the size of the offer:
likely duplicates across organisations, what is being designed per collection and thematic offer, and the
objectives of the thematic offers that no published training covers (or only trainings whose label expired)."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from mentor.offer.enums import TrainingStatus
from mentor.offer.models import Objective

from .disclosure import ShownTraining, show
from .duplicates import SEPARATOR, pairs_about
from .scope import collections_watched_by, trainings_watched_by

IN_DESIGN = (
    TrainingStatus.DRAFT,
    TrainingStatus.SUBMITTED,
    TrainingStatus.IN_REVIEW,
    TrainingStatus.CHANGES_REQUESTED,
    TrainingStatus.APPROVED,
)
MAX_PAIRS = 200
NO_THEME = "Sans offre thématisée"


@dataclass
class Pair:
    pk: int
    first: ShownTraining
    second: ShownTraining
    score: float
    shared_terms: list[str]


@dataclass
class DuplicateGroup:
    """Trainings linked by likely-duplicate pairs (a connected group), with the pairs."""

    trainings: list[ShownTraining] = field(default_factory=list)
    pairs: list[Pair] = field(default_factory=list)


def duplicate_groups(user) -> list[DuplicateGroup]:
    pairs = list(
        pairs_about(trainings_watched_by(user)).order_by("-score", "first_id", "second_id")[:MAX_PAIRS]
    )
    shown = show(user, {p.first_id for p in pairs} | {p.second_id for p in pairs})
    parent: dict[int, int] = {}

    def root(n):
        while parent.setdefault(n, n) != n:
            n = parent[n]
        return n

    for pair in pairs:
        parent[root(pair.first_id)] = root(pair.second_id)
    groups: dict[int, DuplicateGroup] = defaultdict(DuplicateGroup)
    seen = set()
    for pair in pairs:
        if pair.first_id not in shown or pair.second_id not in shown:
            continue
        group = groups[root(pair.first_id)]
        for training_id in (pair.first_id, pair.second_id):
            if training_id not in seen:
                seen.add(training_id)
                group.trainings.append(shown[training_id])
        group.pairs.append(
            Pair(
                pair.pk,
                shown[pair.first_id],
                shown[pair.second_id],
                pair.score,
                pair.shared_terms.split(SEPARATOR) if pair.shared_terms else [],
            )
        )
    return list(groups.values())


def in_design(user) -> list[tuple[str, str, list[ShownTraining]]]:
    """(collection, thematic offer, trainings) for what is being designed now, by collection then theme."""
    trainings = list(
        trainings_watched_by(user)
        .filter(status__in=IN_DESIGN)
        .select_related("collection")
        .prefetch_related(
            Prefetch(
                "covered_objectives",
                Objective.objects.select_related("thematic_offer").order_by("pk"),
            )
        )
        .order_by("collection__name", "title", "pk")
    )
    shown = show(user, [t.pk for t in trainings])
    groups: dict[tuple[str, str], list[ShownTraining]] = defaultdict(list)
    for training in trainings:
        themes = sorted({o.thematic_offer.title for o in training.covered_objectives.all()}) or [NO_THEME]
        for theme in themes:
            groups[(training.collection.name, theme)].append(shown[training.pk])
    return [(collection, theme, items) for (collection, theme), items in sorted(groups.items())]


@dataclass
class ObjectiveCoverage:
    uncovered: list[Objective]
    expired_only: list[Objective]


def objective_coverage(user) -> ObjectiveCoverage:
    today = timezone.localdate()
    published = Q(trainings__status=TrainingStatus.PUBLISHED)
    objectives = (
        Objective.objects.filter(thematic_offer__orientation__collection__in=collections_watched_by(user))
        .select_related("thematic_offer__orientation__collection")
        .annotate(
            published=Count("trainings", filter=published, distinct=True),
            expired=Count(
                "trainings",
                filter=published & Q(trainings__mentor_label__valid_until__lt=today),
                distinct=True,
            ),
        )
        .order_by("thematic_offer__orientation__collection__name", "thematic_offer__title", "position", "pk")
    )
    rows = list(objectives)
    return ObjectiveCoverage(
        uncovered=[o for o in rows if o.published == 0],
        expired_only=[o for o in rows if o.published and o.expired == o.published],
    )
