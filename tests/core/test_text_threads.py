"""The French stemming of ``core.text`` gives under threads (gunicorn's threaded workers) exactly what it gives in one
thread, and what it caches for the life of the process is never a stem computed in the middle of another word."""

import sys
import threading

import pytest

from mentor.core import text

# Words of the catalogue of every length and ending, so that the stemmer's buffers and cursors move a lot.
_CATALOGUE_WORDS = (
    "cuir concept manager management managers evaluation evaluer evaluations communication communiquer "
    "competences competence accompagnement accompagner juridique juridiques marches publics comptabilite "
    "comptable budgetaire budget ressources humaines recrutement recruter encadrement encadrer numerique "
    "donnees protection securite informatique cybersecurite environnement ecologique transition energetique "
    "redaction rediger administrative administratif prevention risques psychosociaux harcelement laicite "
    "deontologie ethique fonction publique agents etat collectivites territoriales hospitaliere formateurs "
    "formation formations former pedagogie pedagogique innovation innovations conduite changement projets "
    "projet gestion gerer finances financier controle interne audit qualite usagers accueil relation"
)
WORDS = _CATALOGUE_WORDS.split()
THREADS = 8
ROUNDS = 30


def clear_caches():
    for cached in (text.stem, text._token_words, text._token_stems):
        cached.cache_clear()


@pytest.fixture
def busy_switching():
    """Threads handed over every few microseconds, as on a loaded server: a shared stemmer then goes wrong."""
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(interval)


def run_in_threads(work):
    start = threading.Barrier(THREADS)
    results, errors = [None] * THREADS, []

    def worker(index):
        start.wait()
        try:
            results[index] = work(index)
        except Exception as error:  # noqa: BLE001 - every failure is reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return results


def test_stems_computed_concurrently_are_the_single_threaded_ones(busy_switching):
    clear_caches()
    expected = {word: text.stem(word) for word in WORDS}
    assert expected["evaluation"] == expected["evaluer"] == "evalu"

    def stem_everything(index):
        found = {}
        for round_ in range(ROUNDS):
            clear_caches()  # every call computes, none is answered from the cache
            order = WORDS[index + round_ :] + WORDS[: index + round_]
            for word in order:
                stemmed = text.stem(word)
                if stemmed != expected[word]:
                    found[word] = stemmed
        return found

    assert run_in_threads(stem_everything) == [{}] * THREADS


def test_what_concurrent_searches_leave_in_the_cache_is_right(busy_switching):
    sentence = " ".join(WORDS)
    clear_caches()
    expected = text.stemmed_text(sentence)

    for _ in range(ROUNDS):
        clear_caches()
        results = run_in_threads(lambda index: text.stemmed_text(sentence))
        assert results == [expected] * THREADS

    # What stays cached for the process's life: the stems a later search reads.
    assert {word: text.stem(word) for word in WORDS} == {word: text.stem.__wrapped__(word) for word in WORDS}
    assert text.stemmed_text(sentence) == expected
