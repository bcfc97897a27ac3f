"""Likely duplicates across organisations: found once a night for the whole offer (one lookup per live
training), kept in ``LikelyDuplicate`` so that the watch page reads them in a fixed number of queries, and never
proposed again once someone said a pair is not a duplicate (``NotDuplicate``)."""

from django.db import transaction
from django.db.models import Q

from mentor.offer.models import Training

from .index import analyse_training
from .models import LikelyDuplicate, NotDuplicate
from .similarity import LIVE_STATUSES, similar

SEPARATOR = " · "


def ordered(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def find_likely_duplicates(batch_size: int = 500) -> int:
    """Replace the pairs by those of the current offer; returns how many were found."""
    codes: dict[int, list[str]] = {}
    through = Training.formacode_terms.through
    for training_id, code in through.objects.values_list("training_id", "formacodeterm_id").order_by("pk"):
        codes.setdefault(training_id, []).append(code)
    dismissed = set(NotDuplicate.objects.values_list("first_id", "second_id").order_by())
    pairs: dict[tuple[int, int], LikelyDuplicate] = {}
    live = Training.objects.filter(status__in=LIVE_STATUSES)
    owners = dict(live.values_list("pk", "owner_id").order_by())
    last = 0
    while True:
        batch = list(live.filter(pk__gt=last).order_by("pk")[:batch_size])
        if not batch:
            break
        for training in batch:
            for match in similar(
                analyse_training(training, codes.get(training.pk, [])), 10, exclude=training.pk
            ):
                key = ordered(training.pk, match.training_id)
                other_owner = owners.get(match.training_id)
                if not match.likely_duplicate or other_owner in (None, training.owner_id) or key in dismissed:
                    continue
                if key not in pairs or pairs[key].score < match.score:
                    pairs[key] = LikelyDuplicate(
                        first_id=key[0],
                        second_id=key[1],
                        score=match.score,
                        shared_terms=SEPARATOR.join(match.shared_terms)[:500],
                    )
        last = batch[-1].pk
    with transaction.atomic():
        LikelyDuplicate.objects.all().delete()
        LikelyDuplicate.objects.bulk_create(pairs.values(), batch_size=1_000)
    return len(pairs)


def dismiss(pair: LikelyDuplicate, user) -> None:
    """Say that the two trainings of ``pair`` are not duplicates: the pair goes and does not come back."""
    with transaction.atomic():
        NotDuplicate.objects.get_or_create(
            first_id=pair.first_id, second_id=pair.second_id, defaults={"decided_by": user}
        )
        pair.delete()


def pairs_about(trainings):
    """The pairs of which at least one training is in ``trainings`` (a queryset of trainings)."""
    ids = trainings.values("pk")
    return LikelyDuplicate.objects.filter(Q(first__in=ids) | Q(second__in=ids))
