"""What a training is about, as weighted terms: the text analysis behind similar trainings.

A text becomes French word stems (``core.text``: accents folded, stop words left out, Snowball stems) after two
readings the search does not need: a public-service acronym is read as its expansion ("RPS" as "risques
psychosociaux") and an English training word as its French equivalent ("procurement" as "achat public"). A run of
stems that names a FORMACODE descriptor (its label or one of its non-preferred terms) adds the descriptor itself as
a term, and, for a third of the weight, the descriptors the thesaurus gives as related. Titles count three times,
objectives twice; the words of every training description ("agent", "service", "formation", the levels) count for
a fifth. The rarity of each term in the offer is applied at lookup time (``similarity``), not here: a term's
weight in one training does not depend on the others.
"""

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from mentor.core.formacode import LABEL, read_formacode
from mentor.core.formacode import non_preferred_terms as formacode_synonyms
from mentor.core.text import stem, words

from .vocabulary import ACRONYMS, COMMON_WORDS, ENGLISH, ENGLISH_STOP_WORDS

# How much each part of a training says about its subject.
FIELD_WEIGHTS = {"title": 3.0, "learning_outcomes": 2.0, "teaser": 1.5, "keywords": 1.5, "description": 1.0}
COMMON_WORD_WEIGHT = 0.2
RELATED_DESCRIPTOR_WEIGHT = 0.35
CHOSEN_DESCRIPTOR_WEIGHT = 2.0  # a FORMACODE descriptor the designer picked for the training
# The longest trainings keep their strongest terms only: the index stays small and the lookup fast.
MAX_TERMS = 80
DESCRIPTOR_PREFIX = "#"

_ACRONYM = re.compile(r"\b(" + "|".join(sorted(ACRONYMS, key=len, reverse=True)) + r")\b")
_TOKEN = re.compile(r"\w+")
RELATED = 8  # column of formacode.csv: related descriptors, "11022 RECHERCHE OPERATIONNELLE$…"


@dataclass
class Analysis:
    """A text's terms with their weights, and how to show each term to a person."""

    weights: dict[str, float] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)

    def __bool__(self):
        return bool(self.weights)

    def label(self, term: str) -> str:
        return self.labels.get(term) or descriptor_labels().get(term) or term


def descriptor_term(code: str) -> str:
    return DESCRIPTOR_PREFIX + code


@lru_cache(maxsize=1)
def _phrases() -> tuple[dict[tuple[str, ...], str], dict[str, tuple[str, ...]], int]:
    """Stems of each FORMACODE label and non-preferred term -> its descriptor; descriptor -> related ones."""
    phrases: dict[tuple[str, ...], str] = {}
    related: dict[str, tuple[str, ...]] = {}
    for row in read_formacode():
        code = row[0].strip()
        for term in [row[LABEL], *formacode_synonyms(row)]:
            key = tuple(stem(w) for w in words(term))
            if key:
                phrases.setdefault(key, code)
        related[code] = tuple(part.split()[0] for part in row[RELATED].split("$") if part.strip())
    return phrases, related, max(len(key) for key in phrases)


@lru_cache(maxsize=1)
def descriptor_labels() -> dict[str, str]:
    return {descriptor_term(row[0].strip()): row[LABEL].strip() for row in read_formacode()}


@lru_cache(maxsize=1)
def _english() -> tuple[dict[tuple[str, ...], tuple[str, ...]], int]:
    table = {
        tuple(w for w in words(english) if w not in ENGLISH_STOP_WORDS): tuple(words(french))
        for english, french in ENGLISH.items()
    }
    return table, max(len(key) for key in table)


@lru_cache(maxsize=1)
def _common_stems() -> frozenset[str]:
    return frozenset(stem(w) for w in COMMON_WORDS)


def _read_as_french(text: str) -> tuple[list[str], dict[str, str]]:
    """The unaccented words of ``text`` with acronyms expanded and English translated; and, for each word, how
    it was written (to show the terms a person would recognise)."""
    text = _ACRONYM.sub(lambda m: f" {ACRONYMS[m.group(1)]} ", text)
    written = {}
    for token in _TOKEN.findall(text):
        for word in words(token):
            written.setdefault(word, token.lower())
    found = [w for w in words(text) if w not in ENGLISH_STOP_WORDS]
    english, longest = _english()
    result, i = [], 0
    while i < len(found):
        for length in range(min(longest, len(found) - i), 0, -1):
            french = english.get(tuple(found[i : i + length]))
            if french is not None:
                result.extend(french)
                i += length
                break
        else:
            result.append(found[i])
            i += 1
    return result, written


def _add_descriptors(stems: list[str], weight: float, tf: dict[str, float]) -> None:
    phrases, related, longest = _phrases()
    i = 0
    while i < len(stems):
        for length in range(min(longest, len(stems) - i), 0, -1):
            code = phrases.get(tuple(stems[i : i + length]))
            if code is not None:
                tf[descriptor_term(code)] += weight
                for other in related.get(code, ()):
                    tf[descriptor_term(other)] += weight * RELATED_DESCRIPTOR_WEIGHT
                i += length
                break
        else:
            i += 1


def _stems(text: str) -> list[tuple[str, str]]:
    """The terms of ``text`` in order, each with the word as written."""
    french, written = _read_as_french(text)
    return [(stem(word), written.get(word, word)) for word in french]


def written_terms(fields: dict[str, str]) -> Analysis:
    """How the terms of ``fields`` are shown to a person (``Analysis.label``), as ``analyse`` would show them,
    without weighing them: for the nightly duplicate search, which reads the weights from the index."""
    labels: dict[str, str] = {}
    for text in fields.values():
        for term, label in _stems(text or ""):
            labels.setdefault(term, label)
    return Analysis(labels=labels)


def analyse(fields: dict[str, str], descriptor_codes=()) -> Analysis:
    """The weighted terms of a training (or a draft) given its texts by field name (see ``FIELD_WEIGHTS``) and
    the FORMACODE codes chosen for it."""
    tf: dict[str, float] = defaultdict(float)
    labels: dict[str, str] = {}
    common = _common_stems()
    for name, text in fields.items():
        if not text:
            continue
        weight = FIELD_WEIGHTS[name]
        stems = []
        for term, label in _stems(text):
            stems.append(term)
            tf[term] += weight * (COMMON_WORD_WEIGHT if term in common else 1.0)
            labels.setdefault(term, label)
        _add_descriptors(stems, weight, tf)
    for code in descriptor_codes:
        tf[descriptor_term(code)] += CHOSEN_DESCRIPTOR_WEIGHT
    # Sub-linear: a word said ten times is not ten times the subject.
    weights = {term: (1 + math.log(n) if n >= 1 else n) for term, n in tf.items()}
    strongest = sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:MAX_TERMS]
    kept = {term: round(w, 4) for term, w in strongest}
    return Analysis(kept, {t: labels[t] for t in kept if t in labels})
