"""Near-misses, the same for every engine: a typed word that no document holds is corrected BEFORE the search, by
adding the closest indexed words as alternatives, so that the match itself stays a pure index lookup. Each engine
only says which typed words are unknown and which indexed words are candidates (``Engine.prepare``)."""

from dataclasses import replace
from difflib import SequenceMatcher

from .query import SearchQuery

# A typed word is corrected when it is long enough to be a typo rather than an abbreviation.
NEAR_MISS_MIN_LENGTH = 5
# The SQLite engine looks for candidates among the indexed words that start with these many letters of the word.
NEAR_MISS_PREFIX = 2
NEAR_MISS_CUTOFF = 0.8
# Longest ending a stemmer removes from a French word, for the comparison with a word's beginning.
NEAR_MISS_SUFFIX = 4
# Alternatives added for one typed word.
NEAR_MISS_KEPT = 3


def correctable_words(query: SearchQuery) -> list[str]:
    """The typed words that may be corrected: alone in their group (no synonym, not in a phrase), long enough."""
    return [
        group[0][0]
        for group in query.groups
        if len(group) == 1 and len(group[0]) == 1 and len(group[0][0]) >= NEAR_MISS_MIN_LENGTH
    ]


def with_corrections(query: SearchQuery, corrections: dict[str, list[str]]) -> SearchQuery:
    """``query`` with ``corrections[word]`` (indexed words) added as alternatives of each corrected typed word,
    and the corrections recorded (``SearchQuery.corrections``), so that a page can say what it searched."""
    corrections = {word: terms for word, terms in corrections.items() if terms}
    if not corrections:
        return query
    groups = tuple(
        group + tuple((term,) for term in corrections.get(group[0][0], ()))
        if len(group) == 1 and len(group[0]) == 1
        else group
        for group in query.groups
    )
    return replace(query, groups=groups, corrections=tuple((w, tuple(t)) for w, t in corrections.items()))


def closest(word: str, word_stem: str, terms: list[str]) -> list[str]:
    """The indexed stems most like a misspelt word: like its stem, or like its beginning (the stemmer may not
    recognise the suffix of a misspelt word: "managment" stays whole where "management" gives "manag")."""

    def likeness(term):
        scores = [SequenceMatcher(None, word_stem, term).ratio()]
        if len(word) - len(term) <= NEAR_MISS_SUFFIX:
            scores.append(SequenceMatcher(None, word[: len(term) + 1], term).ratio())
        return max(scores)

    scored = sorted(((likeness(t), t) for t in terms), reverse=True)
    return [term for score, term in scored[:NEAR_MISS_KEPT] if score >= NEAR_MISS_CUTOFF]
