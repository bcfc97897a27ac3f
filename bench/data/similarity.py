"""Measures the similar-training lookup (``mentor.watch``) on the labelled evaluation set of ``tests/watch``:
each training of a group of near-duplicates asks for the trainings most like it, inside a generated offer.

recall@5: the share of a training's group-mates found among its first 5 results, averaged over the set.
precision@1: the share of the set's grouped trainings whose first result is a group-mate.
Intruders: results from the set that are not group-mates (distractors, other groups) scored at or above the
"likely duplicate" threshold; there must be none.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from mentor.offer.enums import Scope, TrainingStatus
from mentor.offer.models import Collection, Training
from mentor.organisations.models import Organisation
from mentor.watch.analysis import analyse
from mentor.watch.similarity import LIKELY_DUPLICATE, similar

EVALUATION_SET = Path(__file__).resolve().parents[2] / "tests" / "watch" / "similarity_set.json"
TEXTS = ("title", "teaser", "description", "learning_outcomes")


@dataclass
class Evaluation:
    queries: int = 0
    recall_at_5: float = 0.0
    precision_at_1: float = 0.0
    intruders: list[tuple[str, str, float]] = field(default_factory=list)
    misses: list[tuple[str, list[str]]] = field(default_factory=list)


def load_set(path: Path = EVALUATION_SET) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _insert(items: list[dict]) -> list[Training]:
    owner = Organisation.objects.order_by("pk").first()
    now = timezone.now()
    collection = Collection.objects.order_by("pk").first()
    trainings = []
    for n, item in enumerate(items):
        training = Training(
            **{name: item.get(name, "") for name in TEXTS},
            slug=f"evaluation-similarite-{n}",
            owner=owner,
            collection=collection,
            scope=Scope.TRANSVERSE,
            # Half published, half drafts: the lookup reads the whole offer, whatever the status.
            status=TrainingStatus.PUBLISHED if n % 2 else TrainingStatus.DRAFT,
            published_at=now if n % 2 else None,
        )
        training.save()
        trainings.append(training)
    return trainings


def evaluate(evaluation_set: dict, keep: bool = False) -> Evaluation:
    """Insert the set into the current offer, run one lookup per grouped training, and (unless ``keep``) take
    the set out again."""
    items, group_of = [], []
    for number, group in enumerate(evaluation_set["groups"]):
        for item in group["trainings"]:
            items.append(item)
            group_of.append(number)
    for item in evaluation_set["distractors"]:
        items.append(item)
        group_of.append(None)
    result = Evaluation()
    with transaction.atomic():
        trainings = _insert(items)
        by_id = {t.pk: (t, group) for t, group in zip(trainings, group_of, strict=True)}
        recalls, firsts = [], []
        for training, group in zip(trainings, group_of, strict=True):
            if group is None:
                continue
            mates = {t.pk for t, g in by_id.values() if g == group and t.pk != training.pk}
            draft = analyse({name: getattr(training, name) for name in TEXTS})
            found = similar(draft, limit=10, exclude=training.pk)
            top5 = [m.training_id for m in found[:5]]
            recalls.append(len(mates & set(top5)) / len(mates))
            firsts.append(bool(found) and found[0].training_id in mates)
            if not mates <= set(top5):
                result.misses.append((training.title, [_title(m.training_id, by_id) for m in found[:5]]))
            for match in found:
                if match.training_id in by_id and match.training_id not in mates and match.likely_duplicate:
                    result.intruders.append((training.title, by_id[match.training_id][0].title, match.score))
        result.queries = len(recalls)
        result.recall_at_5 = sum(recalls) / len(recalls)
        result.precision_at_1 = sum(firsts) / len(firsts)
        if not keep:
            transaction.set_rollback(True)
    return result


def _title(training_id: int, by_id: dict) -> str:
    if training_id in by_id:
        return by_id[training_id][0].title
    return f"(offre générée) {Training.objects.get(pk=training_id).title}"


__all__ = ["LIKELY_DUPLICATE", "Evaluation", "evaluate", "load_set"]
