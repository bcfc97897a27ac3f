"""What the contribution and review pages both show about a training: its editorial history, its quality
reviews criterion by criterion, its label, its adopters and what learners say of it."""

from django.db.models import Prefetch

from mentor.core.permissions import check
from mentor.editorial.content import field_label
from mentor.editorial.models import Label, QualityRating, QualityReview, TransitionLog
from mentor.editorial.workflow import reevaluation_decision
from mentor.watch.satisfaction import results_of


def training_context(training, user) -> dict:
    context = {"training": training, "label": Label.objects.filter(training=training).first()}
    if check(user, "editorial.view_history", training):
        context["logs"] = (
            TransitionLog.objects.filter(training=training)
            .select_related("actor", "revision")
            .order_by("-at", "-id")
        )
        context["history"] = _versions(training)
        context["reviews"] = [
            (review, review.criterion_results())
            for review in QualityReview.objects.filter(training=training)
            .select_related("reviewer", "revision")
            .prefetch_related(Prefetch("ratings", QualityRating.objects.order_by("position")))
        ]
    context["adoptions"] = training.adoptions.select_related("organisation")
    if context["label"] is not None:
        context["reevaluation"] = reevaluation_decision(training, user)
    context["satisfaction"] = results_of(training)
    return context


def _versions(training, limit=20):
    """The latest recorded versions of the training with, for each, the fields it changed."""
    versions = list(training.history.select_related("history_user")[: limit + 1])
    rows = []
    for version, previous in zip(versions[:limit], [*versions[1:], None], strict=False):
        changed = previous and version.diff_against(previous).changed_fields
        labels = [field_label(name) for name in changed or [] if name not in ("updated_at", "owner_ministry")]
        rows.append((version, labels))
    return rows
