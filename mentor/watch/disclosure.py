"""What a person may see of a training found by the offer watch: THE one exception to the visibility rule.

Avoiding duplicates means knowing what every organisation builds, drafts included, so the similarity lookup and
the likely duplicates read the whole offer. A training the person may open anyway (``Training.objects.visible_to``:
the catalogue; or ``editorial.access.trainings_followed_by``: their own drafts and those they review) is shown in
full, with a link. Any other one shows its title, its owner organisation and its status, and nothing else: no
text, no link, no id to fetch it by. Every page and API answer that lists such trainings goes through ``show``.
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from mentor.editorial.access import trainings_followed_by
from mentor.offer.enums import TrainingStatus
from mentor.offer.models import Training

from .similarity import Match


@dataclass(frozen=True)
class ShownTraining:
    title: str
    owner_organisation: str
    status: str  # a TrainingStatus value
    status_label: str
    # Only for a training the person may open, None otherwise.
    training: Training | None = None
    in_catalogue: bool = False

    @property
    def id(self) -> int | None:
        return self.training.pk if self.training else None


@dataclass(frozen=True)
class SimilarTraining(ShownTraining):
    score: float = 0.0
    shared_terms: tuple[str, ...] = ()
    likely_duplicate: bool = False


def show(user, ids) -> dict[int, ShownTraining]:
    """The trainings ``ids`` as ``user`` may see them, by id (one query, whatever their number)."""
    if not ids:
        return {}
    rows = (
        Training.objects.filter(pk__in=ids)
        .select_related("owner")
        .annotate(
            in_catalogue=Exists(Training.objects.visible_to(user).filter(pk=OuterRef("pk"))),
            followed=Exists(trainings_followed_by(user).filter(pk=OuterRef("pk"))),
        )
        .order_by()
    )
    return {
        training.pk: ShownTraining(
            title=training.title,
            owner_organisation=training.owner.name,
            status=training.status,
            status_label=TrainingStatus(training.status).label,
            training=training if training.in_catalogue or training.followed else None,
            in_catalogue=training.in_catalogue,
        )
        for training in rows
    }


def disclose(user, matches: list[Match]) -> list[SimilarTraining]:
    """``matches`` (from ``similarity.similar``) as ``user`` may see them, best first."""
    shown = show(user, [m.training_id for m in matches])
    return [
        SimilarTraining(
            **vars(shown[match.training_id]),
            score=match.score,
            shared_terms=match.shared_terms,
            likely_duplicate=match.likely_duplicate,
        )
        for match in matches
        if match.training_id in shown
    ]
