"""Likely duplicates across organisations: found once a night for the whole offer, kept in ``LikelyDuplicate`` so
that the watch page reads them in a fixed number of queries, and never proposed again once someone said a pair is
not a duplicate (``NotDuplicate``).

A pair is what the lookup of ``similarity`` finds: among the 10 trainings most like a live training, those of
another organisation from ``LIKELY_DUPLICATE`` on. The job runs that lookup for every live training, but on the
index read once into memory (its postings and vectors) instead of four queries per training, which took hours at
100,000 trainings: same candidates (the postings of each training's rarest terms, the best ``CANDIDATES`` kept),
same scores, same functions of ``similarity``.
"""

from array import array

import numpy as np
from django.db import transaction
from django.db.models import Q

from mentor.offer.models import Training

from .analysis import written_terms
from .index import EVERY_TRAINING, TEXT_FIELDS
from .models import LikelyDuplicate, NotDuplicate, TermCount, TrainingTerm
from .similarity import (
    CANDIDATES,
    LIKELY_DUPLICATE,
    LIVE_STATUSES,
    MIN_SCORE,
    idf,
    rarest_terms,
    shared_terms,
)

SEPARATOR = " · "
LOOKUP_LIMIT = 10
BATCH_SIZE = 1_000


def ordered(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


class _Index:
    """The similarity index in memory, as arrays (at 100,000 trainings, some 7 million rows): each term's postings
    (every indexed training: the lookup's candidates come from them all) and each training's TF-IDF vector. A
    training is known by its row, in the order of its id."""

    def __init__(self, live_ids: set[int]):
        self.counts = dict(TermCount.objects.values_list("term", "trainings").order_by())
        size = self.counts.get(EVERY_TRAINING, 0)
        term_ids: dict[str, int] = {}
        # Typed arrays, 8 bytes a row, while the rows are read: lists of Python numbers took ten times more.
        trainings, terms, weights = array("q"), array("q"), array("d")
        rows = TrainingTerm.objects.exclude(term_id=EVERY_TRAINING).order_by("training_id", "term_id")
        for training_id, term, weight in rows.values_list("training_id", "term_id", "weight").iterator(
            10_000
        ):
            trainings.append(training_id)
            terms.append(term_ids.setdefault(term, len(term_ids)))
            weights.append(weight)
        self.term_ids, self.terms = term_ids, list(term_ids)
        self.ids, row_of = np.unique(np.frombuffer(trainings, dtype=np.int64), return_inverse=True)
        terms, weights = np.frombuffer(terms, dtype=np.int64), np.frombuffer(weights, dtype=np.float64)
        self.live = np.isin(self.ids, np.fromiter(live_ids, dtype=np.int64, count=len(live_ids)))
        # Postings, term by term (rows already in the order of the trainings).
        by_term = np.argsort(terms, kind="stable")
        self.posting_rows, self.posting_weights = row_of[by_term], weights[by_term]
        self.posting_starts = np.searchsorted(terms[by_term], np.arange(len(self.terms) + 1))
        # Vectors, training by training.
        rarity = np.array([idf(size, self.counts.get(t, 0)) for t in self.terms])
        self.vector_terms, self.vector_values = terms, weights * rarity[terms]
        self.vector_starts = np.searchsorted(row_of, np.arange(len(self.ids) + 1))
        self.norms = np.sqrt(np.add.reduceat(self.vector_values**2, self.vector_starts[:-1]))
        self.dense_query = np.zeros(len(self.terms))

    def vector(self, row: int) -> dict[str, float]:
        start, end = self.vector_starts[row], self.vector_starts[row + 1]
        terms, values = self.vector_terms[start:end].tolist(), self.vector_values[start:end].tolist()
        return {self.terms[t]: v for t, v in zip(terms, values, strict=True)}

    def similar(self, row: int) -> list[tuple[float, int]]:
        """``similarity.similar`` for the live training of ``row``: (score, row) of the best ``LOOKUP_LIMIT``,
        best first, found and scored as the lookup does."""
        query = self.vector(row)
        query_norm = self.norms[row]
        # The candidates: the postings of the rarest terms, summed by training, the best CANDIDATES kept.
        chosen = [self.term_ids[t] for t in rarest_terms(query, self.counts)]
        postings = np.concatenate(
            [np.arange(self.posting_starts[t], self.posting_starts[t + 1]) for t in chosen] or [[]]
        ).astype(np.int64)
        values = np.repeat(
            [query[self.terms[t]] for t in chosen],
            [self.posting_starts[t + 1] - self.posting_starts[t] for t in chosen],
        )
        relevance = np.bincount(
            self.posting_rows[postings], self.posting_weights[postings] * values, minlength=len(self.ids)
        )
        relevance[row] = 0.0
        candidates = np.flatnonzero(relevance)
        if len(candidates) > CANDIDATES:
            # The best, ties to the smaller id (the rows are in the order of the ids), as the lookup orders them.
            kth = np.partition(relevance[candidates], len(candidates) - CANDIDATES)[-CANDIDATES]
            above = candidates[relevance[candidates] > kth]
            level = candidates[relevance[candidates] == kth]
            candidates = np.concatenate([above, level[: CANDIDATES - len(above)]])
        candidates = candidates[self.live[candidates] & (self.norms[candidates] > 0)]
        if not len(candidates) or not query_norm:
            return []
        # Their exact scores: each candidate's vector against the query.
        starts, ends = self.vector_starts[candidates], self.vector_starts[candidates + 1]
        lengths = ends - starts
        offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        positions = np.repeat(starts - offsets, lengths) + np.arange(lengths.sum())
        query_terms = self.vector_terms[self.vector_starts[row] : self.vector_starts[row + 1]]
        self.dense_query[query_terms] = self.vector_values[
            self.vector_starts[row] : self.vector_starts[row + 1]
        ]
        products = self.dense_query[self.vector_terms[positions]] * self.vector_values[positions]
        self.dense_query[query_terms] = 0.0
        scores = np.add.reduceat(products, offsets) / (query_norm * self.norms[candidates])
        kept = scores >= MIN_SCORE
        found = sorted(
            ((round(s, 4), r) for s, r in zip(scores[kept].tolist(), candidates[kept].tolist(), strict=True)),
            key=lambda item: (-item[0], item[1]),
        )
        return found[:LOOKUP_LIMIT]


def find_likely_duplicates() -> int:
    """Replace the pairs by those of the current offer; returns how many were found."""
    owners = dict(Training.objects.filter(status__in=LIVE_STATUSES).values_list("pk", "owner_id").order_by())
    dismissed = set(NotDuplicate.objects.values_list("first_id", "second_id").order_by())
    index = _Index(set(owners))
    found: dict[tuple[int, int], tuple[float, int, list[str]]] = {}
    ids = index.ids.tolist()
    for row in np.flatnonzero(index.live).tolist():
        training_id = ids[row]
        for score, other_row in index.similar(row):
            other = ids[other_row]
            key = ordered(training_id, other)
            if score < LIKELY_DUPLICATE or owners[other] == owners[training_id] or key in dismissed:
                continue
            if key not in found or found[key][0] < score:
                terms = shared_terms(index.vector(row), index.vector(other_row))
                found[key] = (score, training_id, terms)
    labelled = _labelled(found)
    with transaction.atomic():
        LikelyDuplicate.objects.all().delete()
        # In batches, from the pairs in order: 800,000 model instances at once took gigabytes.
        for start in range(0, len(labelled), BATCH_SIZE):
            LikelyDuplicate.objects.bulk_create(
                LikelyDuplicate(first_id=key[0], second_id=key[1], score=score, shared_terms=terms)
                for key, (score, terms) in labelled[start : start + BATCH_SIZE]
            )
    return len(labelled)


def _labelled(found) -> list[tuple[tuple[int, int], tuple[float, str]]]:
    """The pairs in order, each with its shared terms as written in the training whose lookup found it (the index
    keeps stems only), reading the finders' texts one at a time; ``found`` is emptied as they are labelled."""
    by_finder: dict[int, list[tuple[int, int]]] = {}
    for key, (_, finder, _) in found.items():
        by_finder.setdefault(finder, []).append(key)
    labelled = {}
    trainings = Training.objects.filter(status__in=LIVE_STATUSES).only("pk", *TEXT_FIELDS).order_by("pk")
    for training in trainings.iterator(2_000):
        keys = by_finder.get(training.pk)
        if not keys:
            continue
        analysis = written_terms({name: getattr(training, name) for name in TEXT_FIELDS})
        for key in keys:
            score, _, terms = found.pop(key)
            labelled[key] = (score, SEPARATOR.join(analysis.label(t) for t in terms)[:500])
    return sorted(labelled.items())


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
