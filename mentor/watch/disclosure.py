"""What a person may see of a similar training: THE one exception to the visibility rule.

Avoiding duplicates means knowing what every organisation builds, drafts included, so the lookup reads the whole
offer. A training the person may open anyway (``Training.objects.visible_to``: the catalogue; or
``editorial.access.trainings_followed_by``: their own drafts and those they review) is shown in full, with a link.
Any other one shows its title, its owner organisation and its status, and nothing else: no text, no link, no id
to fetch it by. Every page and API answer that lists similar trainings goes through ``disclose``.
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from mentor.editorial.access import trainings_followed_by
from mentor.offer.enums import TrainingStatus
from mentor.offer.models import Training

from .similarity import Match


@dataclass(frozen=True)
class SimilarTraining:
    title: str
    owner_organisation: str
    status: str  # TrainingStatus value
    status_label: str
    score: float
    shared_terms: tuple[str, ...]
    likely_duplicate: bool
    # Only for a training the person may open: None otherwise.
    training: Training | None = None
    in_catalogue: bool = False

    @property
    def id(self) -> int | None:
        return self.training.pk if self.training else None


def disclose(user, matches: list[Match]) -> list[SimilarTraining]:
    """``matches`` as ``user`` may see them (one query, whatever their number)."""
    ids = [m.training_id for m in matches]
    if not ids:
        return []
    rows = (
        Training.objects.filter(pk__in=ids)
        .select_related("owner")
        .annotate(
            in_catalogue=Exists(Training.objects.visible_to(user).filter(pk=OuterRef("pk"))),
            followed=Exists(trainings_followed_by(user).filter(pk=OuterRef("pk"))),
        )
        .order_by()
    )
    trainings = {t.pk: t for t in rows}
    shown = []
    for match in matches:
        training = trainings.get(match.training_id)
        if training is None:
            continue
        may_open = training.in_catalogue or training.followed
        shown.append(
            SimilarTraining(
                title=training.title,
                owner_organisation=training.owner.name,
                status=training.status,
                status_label=TrainingStatus(training.status).label,
                score=match.score,
                shared_terms=match.shared_terms,
                likely_duplicate=match.likely_duplicate,
                training=training if may_open else None,
                in_catalogue=training.in_catalogue,
            )
        )
    return shown
