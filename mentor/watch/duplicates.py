"""Likely duplicates across organisations: found once a night for the whole offer, kept in ``LikelyDuplicate`` so
that the watch page reads them in a fixed number of queries, and never proposed again once someone said a pair is
not a duplicate (``NotDuplicate``).

A pair is what the lookup of ``similarity`` finds: among the 10 trainings most like a live training, those of
another organisation from ``LIKELY_DUPLICATE`` on. The job runs that lookup for every live training, but on the
index read once into memory (its postings and vectors) instead of four queries per training, which took hours at
100,000 trainings: same candidates (the postings of each training's rarest terms, the best ``CANDIDATES`` kept),
same scores, same functions of ``similarity``.
"""

import heapq
import math
import sys
from array import array
from collections import defaultdict

from django.db import transaction
from django.db.models import Q

from mentor.offer.models import Training

from .index import EVERY_TRAINING, analyse_training
from .models import LikelyDuplicate, NotDuplicate, TermCount, TrainingTerm
from .similarity import CANDIDATES, LIKELY_DUPLICATE, LIVE_STATUSES, idf, rarest_terms, scored, shared_terms

SEPARATOR = " · "
LOOKUP_LIMIT = 10


def ordered(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


class _Index:
    """The similarity index in memory: each term's postings (every indexed training, as the lookup's candidates
    come from them all) and each live training's TF-IDF vector."""

    def __init__(self, live_ids: set[int]):
        self.counts = dict(TermCount.objects.values_list("term", "trainings").order_by())
        size = self.counts.get(EVERY_TRAINING, 0)
        rarity = {term: idf(size, holding) for term, holding in self.counts.items()}
        # Arrays and one string per term: at 100,000 trainings, some 7 million postings.
        self.postings: dict[str, tuple[array, array]] = defaultdict(lambda: (array("q"), array("d")))
        self.vectors: dict[int, dict[str, float]] = defaultdict(dict)
        rows = TrainingTerm.objects.exclude(term_id=EVERY_TRAINING).order_by("training_id", "term_id")
        for training_id, term, weight in rows.values_list("training_id", "term_id", "weight").iterator(
            10_000
        ):
            term = sys.intern(term)
            ids, weights = self.postings[term]
            ids.append(training_id)
            weights.append(weight)
            if training_id in live_ids:
                self.vectors[training_id][term] = weight * rarity.get(term, 0.0)

    def similar(self, training_id: int) -> list[tuple[float, int, dict[str, float]]]:
        """``similarity.similar`` for a live training: (score, other training, query) of the best
        ``LOOKUP_LIMIT``."""
        query = self.vectors[training_id]
        query_norm = math.sqrt(sum(v * v for v in query.values()))
        relevance: dict[int, float] = defaultdict(float)
        for term in rarest_terms(query, self.counts):
            value = query[term]
            ids, weights = self.postings[term]
            for other, weight in zip(ids, weights, strict=True):
                relevance[other] += weight * value
        relevance.pop(training_id, None)
        best = heapq.nsmallest(CANDIDATES, relevance.items(), key=lambda item: (-item[1], item[0]))
        candidates = {other: self.vectors[other] for other, _ in best if other in self.vectors}
        if not candidates or not query_norm:
            return []
        return [
            (score, other, query) for score, other in scored(query, query_norm, candidates)[:LOOKUP_LIMIT]
        ]


def find_likely_duplicates() -> int:
    """Replace the pairs by those of the current offer; returns how many were found."""
    owners = dict(Training.objects.filter(status__in=LIVE_STATUSES).values_list("pk", "owner_id").order_by())
    dismissed = set(NotDuplicate.objects.values_list("first_id", "second_id").order_by())
    index = _Index(set(owners))
    found: dict[tuple[int, int], tuple[float, int, list[str]]] = {}
    for training_id in sorted(index.vectors):
        for score, other, query in index.similar(training_id):
            key = ordered(training_id, other)
            if score < LIKELY_DUPLICATE or owners[other] == owners[training_id] or key in dismissed:
                continue
            if key not in found or found[key][0] < score:
                found[key] = (score, training_id, shared_terms(query, index.vectors[other]))
    # The shared terms as written in the training whose lookup found the pair (the index keeps stems only).
    analyses = _analyses({finder for _, finder, _ in found.values()})
    pairs = [
        LikelyDuplicate(
            first_id=key[0],
            second_id=key[1],
            score=score,
            shared_terms=SEPARATOR.join(analyses[finder].label(t) for t in terms)[:500],
        )
        for key, (score, finder, terms) in sorted(found.items())
    ]
    with transaction.atomic():
        LikelyDuplicate.objects.all().delete()
        LikelyDuplicate.objects.bulk_create(pairs, batch_size=1_000)
    return len(pairs)


def _analyses(training_ids: set[int]) -> dict:
    codes: dict[int, list[str]] = defaultdict(list)
    through = Training.formacode_terms.through
    for training_id, code in through.objects.values_list("training_id", "formacodeterm_id").order_by("pk"):
        if training_id in training_ids:
            codes[training_id].append(code)
    trainings = Training.objects.filter(status__in=LIVE_STATUSES).order_by("pk")
    return {t.pk: analyse_training(t, codes[t.pk]) for t in trainings.iterator(2_000) if t.pk in training_ids}


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
