"""Which trainings of the offer are most like a draft: cosine similarity of TF-IDF vectors over the terms of
``analysis``, computed from the similarity index in the database (SQLite or PostgreSQL, no other server).

Four reads, whatever the size of the offer (the rarity of the draft's terms, then:)
1. candidates: the postings of the draft's rarest terms only (up to ``POSTING_BUDGET`` rows: a term held by half
   the offer says little and would make the read grow with it), summed per training, the best ``CANDIDATES`` kept;
2. the exact score of those still live (their status, by key) from all their terms and each term's current
   rarity.
The score is between 0 and 1; from ``LIKELY_DUPLICATE`` on, two trainings are probably the same training.
"""

import math
from dataclasses import dataclass

from django.db.models import Case, F, FloatField, Sum, Value, When

from mentor.offer.enums import TrainingStatus
from mentor.offer.models import Training

from .analysis import Analysis
from .index import EVERY_TRAINING
from .models import TermCount, TrainingTerm

CANDIDATES = 100
POSTING_BUDGET = 25_000
MIN_SCORE = 0.08
LIKELY_DUPLICATE = 0.3
SHARED_TERMS = 6
# The offer a designer must know about: published, or on its way to be. Refused and archived trainings are left.
LIVE_STATUSES = [
    s for s in TrainingStatus.values if s not in (TrainingStatus.REJECTED, TrainingStatus.ARCHIVED)
]


@dataclass(frozen=True)
class Match:
    training_id: int
    score: float
    shared_terms: tuple[str, ...]

    @property
    def likely_duplicate(self) -> bool:
        return self.score >= LIKELY_DUPLICATE


def idf(trainings: int, holding: int) -> float:
    return math.log(1 + (trainings + 1) / (holding + 1))


def similar(draft: Analysis, limit: int = 10, exclude: int | None = None) -> list[Match]:
    """The trainings most like ``draft``, best first, without ``exclude`` (the draft itself when it is saved).
    Every indexed training counts, whatever its status or owner: what may be shown of each is decided by
    ``disclosure``."""
    if not draft:
        return []
    counts = dict(
        TermCount.objects.filter(term__in=[*draft.weights, EVERY_TRAINING]).values_list("term", "trainings")
    )
    size = counts.pop(EVERY_TRAINING, 0)
    query = {t: w * idf(size, counts.get(t, 0)) for t, w in draft.weights.items()}
    query_norm = math.sqrt(sum(v * v for v in query.values()))
    candidate_ids = _candidates(query, counts, exclude)
    if not candidate_ids or not query_norm:
        return []
    vectors: dict[int, dict[str, float]] = {}
    # The statuses apart, by key: joined to the terms, SQLite would walk every live training instead.
    live_ids = list(
        Training.objects.filter(pk__in=candidate_ids, status__in=LIVE_STATUSES).values_list("pk", flat=True)
    )
    rows = TrainingTerm.objects.filter(training_id__in=live_ids).exclude(term_id=EVERY_TRAINING)
    for training_id, term, weight, holding in rows.values_list(
        "training_id", "term_id", "weight", "term__trainings"
    ).order_by():
        vectors.setdefault(training_id, {})[term] = weight * idf(size, holding or 0)
    matches = []
    for score, training_id in scored(query, query_norm, vectors)[:limit]:
        shared = shared_terms(query, vectors[training_id])
        matches.append(Match(training_id, score, tuple(draft.label(t) for t in shared)))
    return matches


def scored(
    query: dict[str, float], query_norm: float, vectors: dict[int, dict[str, float]]
) -> list[tuple[float, int]]:
    """(score, training) of each of ``vectors`` from ``MIN_SCORE`` on, best first (the score rounded to 4
    decimals)."""
    found = []
    for training_id, vector in vectors.items():
        norm = math.sqrt(sum(v * v for v in vector.values()))
        score = (
            sum(query[t] * v for t, v in vector.items() if t in query) / (query_norm * norm) if norm else 0.0
        )
        if score >= MIN_SCORE:
            found.append((round(score, 4), training_id))
    found.sort(key=lambda item: (-item[0], item[1]))
    return found


def shared_terms(query: dict[str, float], vector: dict[str, float]) -> list[str]:
    """The terms that weigh most in the score, most first."""
    contributions = {t: query[t] * v for t, v in vector.items() if t in query}
    return sorted(contributions, key=lambda t: (-contributions[t], t))[:SHARED_TERMS]


def rarest_terms(query: dict[str, float], counts: dict[str, int]) -> list[str]:
    """The terms of ``query`` whose postings make the candidates: the rarest, within ``POSTING_BUDGET``."""
    held = sorted((t for t in query if counts.get(t)), key=lambda t: (counts[t], t))
    chosen, postings = [], 0
    for term in held:
        if chosen and postings + counts[term] > POSTING_BUDGET:
            break
        chosen.append(term)
        postings += counts[term]
    return chosen


def _candidates(query: dict[str, float], counts: dict[str, int], exclude: int | None) -> list[int]:
    chosen = rarest_terms(query, counts)
    if not chosen:
        return []
    relevance = Sum(
        F("weight")
        * Case(*(When(term_id=t, then=Value(query[t])) for t in chosen), output_field=FloatField())
    )
    rows = TrainingTerm.objects.filter(term_id__in=chosen)
    if exclude is not None:
        rows = rows.exclude(training_id=exclude)
    best = rows.values("training_id").annotate(relevance=relevance).order_by("-relevance", "training_id")
    return [row["training_id"] for row in best[:CANDIDATES]]
