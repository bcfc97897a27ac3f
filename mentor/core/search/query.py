"""What a user typed, turned into a structure every engine can render safely: no character of the user's text
ever reaches an engine's query syntax, only words made of ``[a-z0-9]``."""

from dataclasses import dataclass

from mentor.core.text import words

from .synonyms import Phrase, longest_phrase, stems_of, synonym_table

# A longer query is cut: beyond this, more words only make the engine slower, never the results better.
MAX_WORDS = 12
# Alternatives kept for one group, so that a very common term cannot blow the query up.
MAX_ALTERNATIVES = 12
# A typed word is also matched as the beginning of longer words ("cyber" finds "cybersécurité") from this length;
# the last word, which the user may still be typing, from the shorter one.
PREFIX_MIN_LENGTH = 4
LAST_WORD_PREFIX_MIN_LENGTH = 3


@dataclass(frozen=True)
class SearchQuery:
    """AND of groups; a group is an OR of alternatives; an alternative is an AND of words (unaccented, unstemmed).

    "achat public formation" gives two groups: (achat public | marche public | commande publique | …) and
    (formation).
    """

    text: str
    groups: tuple[tuple[Phrase, ...], ...]
    # Typed words matched as prefixes too (each engine matches the beginning of its stem).
    prefixes: frozenset[str] = frozenset()
    # Typed words that no document holds -> the indexed words (stems) added as their alternatives, best first.
    corrections: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def __bool__(self):
        return bool(self.groups)

    @property
    def words(self) -> list[str]:
        return [w for group in self.groups for w in group[0]]


def parse_query(text: str) -> SearchQuery:
    """Split ``text`` into words and expand each FORMACODE term found in it (longest match first)."""
    typed = words(text)[:MAX_WORDS]
    stems = stems_of(tuple(typed))
    table = synonym_table()
    groups, start = [], 0
    while start < len(typed):
        for length in range(min(longest_phrase(), len(typed) - start), 0, -1):
            key = stems[start : start + length]
            if length == 1 or key in table:
                break
        typed_phrase = tuple(typed[start : start + length])
        groups.append(_alternatives(typed_phrase, table.get(key, ())))
        start += length
    return SearchQuery(text=" ".join(typed), groups=tuple(groups), prefixes=_prefixes(typed))


def _prefixes(typed: list[str]) -> frozenset[str]:
    """The typed words long enough to be matched as the beginning of a word, the last one from fewer letters."""
    return frozenset(
        word
        for n, word in enumerate(typed)
        if len(word) >= (LAST_WORD_PREFIX_MIN_LENGTH if n == len(typed) - 1 else PREFIX_MIN_LENGTH)
    )


def _alternatives(typed: Phrase, synonyms: tuple[Phrase, ...]) -> tuple[Phrase, ...]:
    """The typed phrase first, then its synonyms, without one that another alternative already implies (a
    document matching "evaluation" matches "methodologie evaluation" too, so the longer one adds nothing)."""
    candidates = [typed, *(s for s in synonyms if stems_of(s) != stems_of(typed))]
    kept: list[Phrase] = []
    for phrase in sorted(candidates, key=len):
        if not any(set(stems_of(shorter)) <= set(stems_of(phrase)) for shorter in kept):
            kept.append(phrase)
    kept.sort(key=lambda p: p != typed)
    return tuple(kept[:MAX_ALTERNATIVES])
