"""The quality review grid: which indicators a review rates, and recording a review with its decision."""

from django.db import transaction

from .enums import Rating
from .models import Indicator, QualityRating, QualityReview, TrainingRevision
from .transitions import REVIEW_DECISIONS
from .workflow import TransitionRefused, fire, lock


def applicable_indicators(training):
    return list(Indicator.objects.applicable_to(training.scope))


@transaction.atomic
def review_and_decide(
    subject, user, ratings: dict[int, tuple[str, str]], decision: str, comment: str = "", notify: bool = True
):
    """Record a quality review of ``subject`` (a Training or a TrainingRevision) by ``user`` and fire its
    ``decision``. ``ratings`` maps each applicable indicator's id to (rating, comment). The grid is copied
    into the review. When the decision is refused (an unmet blocking indicator, the wrong state, someone else
    decided first…) nothing is kept and TransitionRefused says why."""
    if decision not in REVIEW_DECISIONS:
        raise TransitionRefused("Cette décision n'existe pas.")
    revision = subject if isinstance(subject, TrainingRevision) else None
    training = subject.training if revision else subject
    indicators = applicable_indicators(training)
    missing = [i.statement for i in indicators if i.pk not in ratings]
    if missing:
        raise TransitionRefused("Chaque indicateur doit être apprécié. Manque : " + " ; ".join(missing))
    unexplained = [
        i.statement for i in indicators if ratings[i.pk][0] == Rating.NOT_MET and not ratings[i.pk][1].strip()
    ]
    if unexplained:
        raise TransitionRefused(
            "Un commentaire est obligatoire pour un indicateur non satisfait : " + " ; ".join(unexplained)
        )
    cycle = lock(subject)
    review = QualityReview.objects.create(
        training=training,
        revision=revision,
        stage=cycle.stage,
        reviewer=user,
        decision=decision,
        comment=comment.strip(),
    )
    QualityRating.objects.bulk_create(
        QualityRating(
            review=review,
            position=position,
            criterion_code=indicator.criterion.code,
            criterion_name=indicator.criterion.name,
            statement=indicator.statement,
            guidance=indicator.guidance,
            is_blocking=indicator.is_blocking,
            rating=ratings[indicator.pk][0],
            comment=ratings[indicator.pk][1].strip(),
        )
        for position, indicator in enumerate(indicators, start=1)
    )
    fire(decision, subject, user, comment, notify=notify)
    return review
