"""Synonyms from the FORMACODE thesaurus: a descriptor and its non-preferred terms are equivalent in a search.

The thesaurus file shipped with the code is the single source of both the ``FormacodeTerm`` rows and this table;
it is read once per process, so expanding a query costs no SQL query.
"""

from collections import defaultdict
from functools import lru_cache

from mentor.core.formacode import LABEL, non_preferred_terms, read_formacode
from mentor.core.text import stem, words

Phrase = tuple[str, ...]  # unaccented words, stop words left out


def stems_of(phrase: Phrase) -> Phrase:
    return tuple(stem(w) for w in phrase)


@lru_cache(maxsize=1)
def synonym_table() -> dict[Phrase, tuple[Phrase, ...]]:
    """Stems of a phrase -> every phrase equivalent to it (itself included), from the whole thesaurus."""
    equivalents: dict[Phrase, set[Phrase]] = defaultdict(set)
    for row in read_formacode():
        phrases = {tuple(words(term)) for term in [row[LABEL], *non_preferred_terms(row)]}
        phrases.discard(())
        if len(phrases) < 2:
            continue
        for phrase in phrases:
            equivalents[stems_of(phrase)] |= phrases
    return {key: tuple(sorted(value)) for key, value in equivalents.items()}


@lru_cache(maxsize=1)
def longest_phrase() -> int:
    return max((len(key) for key in synonym_table()), default=1)
