"""French text helpers shared by the search engines: the same normalisation on the index side and the query side,
so that accents, case and inflections never decide whether a training is found."""

import re
import threading
import unicodedata
from functools import lru_cache

import snowballstemmer

# Letters that NFKD does not split into a base letter and a mark.
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"})
_WORD = re.compile(r"[a-z0-9]+")
_TOKEN = re.compile(r"\w+")  # split first, so that the costly unaccenting is done once per distinct token

# Snowball's French stop words, without accents (words are compared after unaccenting), plus the lone letters
# left by elision ("d'offres", "l'État").
_STOP_WORDS = """
    a au aux avec ce ces c d dans de des du elle en et eux il ils je j l la le les leur lui m ma mais me meme mes
    moi mon n ne nos notre nous on ou par pas pour qu que qui s sa se ses son sur t ta te tes toi ton tu un une
    vos votre vous y etre ete etes etais etait etant suis es est sommes sont serai sera ont avoir ai as avons avez
"""
FRENCH_STOP_WORDS = frozenset(_STOP_WORDS.split())

# A Snowball stemmer keeps the word it works on in its own attributes: shared by the threads of a gunicorn worker,
# it raised IndexError and gave the stem of another word, which the caches below then kept for good. One each.
_local = threading.local()


def unaccent(text: str) -> str:
    """Lower case, without accents or ligatures: "Écologie, Œuvre" -> "ecologie, oeuvre"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def words(text: str) -> list[str]:
    """The words of ``text`` that carry meaning, unaccented and lower-cased, stop words left out."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return [w for token in _TOKEN.findall(text) for w in _token_words(token)]


# Indexing 100,000 trainings meets the same tokens again and again: each is unaccented and stemmed once.
@lru_cache(maxsize=200_000)
def _token_words(token: str) -> tuple[str, ...]:
    return tuple(w for w in _WORD.findall(unaccent(token)) if w not in FRENCH_STOP_WORDS)


@lru_cache(maxsize=200_000)
def _token_stems(token: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in _token_words(token))


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """French Snowball stem of an unaccented word ("evaluation" and "evaluer" both give "evalu")."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("french")
    return stemmer.stemWord(word)


def stemmed_text(text: str | None) -> str:
    """The stems of ``text`` joined by spaces: what the SQLite engine indexes and matches."""
    text = text or ""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return " ".join(s for token in _TOKEN.findall(text) for s in _token_stems(token))


def written_forms(text: str | None, stems) -> dict[str, set[str]]:
    """Each of ``stems`` -> the words of ``text`` with that stem, in lower case with their accents: how a stem
    is written ("manag" -> {"management", "manager"}), to show a person the word a search used."""
    found: dict[str, set[str]] = {}
    for token in _TOKEN.findall(text or ""):
        token_stems = _token_stems(token)
        if len(token_stems) == 1 and token_stems[0] in stems:
            found.setdefault(token_stems[0], set()).add(token.lower())
    return found
