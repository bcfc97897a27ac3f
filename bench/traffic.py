"""The realistic traffic model: a vocabulary of a few thousand French queries built from the generated offer, asked
with a Zipf distribution by a few hundred agents spread over the generated tree and by anonymous visitors.

Run by bench/run.py as ``python -m bench.traffic --requests measured.wrk --warm-up warm.wrk`` with DATABASE_URL
set: writes two request files for bench/mix.lua (``path<TAB>cookie``, drawn independently from the same
distribution, so that the measured run does not replay the warm-up) and prints what the model is made of (JSON).
The sessions of the agents are made in-process, as bench/measure.py does.
"""

import argparse
import json
import random
import re
from dataclasses import dataclass
from urllib.parse import urlencode

import django

from mentor.core.text import FRENCH_STOP_WORDS, unaccent

ZIPF_S = 1.1
VOCABULARY_SIZE = 3000
AGENTS = 300
ANONYMOUS_SHARE = 0.4  # of the requests, by visitors who are not signed in
API_SHARE = 0.2  # of the requests, through /api/v1/trainings/ (the rest: the /catalogue/ page)
REQUESTS_PER_FILE = 30_000  # more than wrk sends in a run: no line is replayed twice
TRAININGS_READ = 3000  # texts the words are taken from (the generator's vocabulary is seen long before)

# Shares of the vocabulary by kind of query; the rest are facet combinations, with or without a word.
WORD_SHARE, PAIR_SHARE, TYPO_SHARE = 0.3, 0.3, 0.1
PAGE_ODDS = {1: 85, 2: 10, 3: 5}
ORDERING_ODDS = {None: 80, "newest": 10, "next_session": 10}
FACET_CHOICES = {
    "modality": ["e_learning", "blended", "classroom", "virtual_class"],
    "duration": ["moins-de-3h", "3h-7h", "7h-21h", "21h-et-plus"],
    "open_registration": ["1"],
    "scope": ["metier", "transverse"],
}
# Besides the search's own stop words, words nobody types alone into a catalogue's search box: other function words
# and the generator's boilerplate ("Apprenez à …, avec des exemples tirés du terrain").
NOT_SEARCHED = {"cette", "dont", "plus", "moins", "tout", "tous", "toute", "toutes", "entre", "apres", "avant", "lors",
                "afin", "ainsi", "comme", "elles", "tires", "exemples", "apprenez", "terrain", "capable", "issue",
                "formation"}  # fmt: skip
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
ELISION = re.compile(r"\b(?:[cdjlmnst]|qu)['’]")


@dataclass(frozen=True)
class Query:
    q: str = ""
    facets: tuple[tuple[str, str], ...] = ()
    page: int = 1
    ordering: str | None = None

    def params(self) -> list[tuple[str, str]]:
        pairs = [("q", self.q)] if self.q else []
        pairs += list(self.facets)
        if self.ordering:
            pairs.append(("ordering", self.ordering))
        if self.page != 1:
            pairs.append(("page", str(self.page)))
        return pairs

    def querystring(self) -> str:
        return urlencode(self.params())


def _stop_word(token: str) -> bool:
    bare = unaccent(token)
    return bare in FRENCH_STOP_WORDS or bare in NOT_SEARCHED


def words_and_pairs(texts: list[str]) -> tuple[list[str], list[str]]:
    """The words of ``texts`` worth searching alone, and the pairs of such words that follow each other, each
    list from the most frequent; stop words and words of fewer than four letters are left out."""
    words, pairs = {}, {}
    for text in texts:
        for fragment in re.split(r"[,.;:!?()\n]", ELISION.sub("", text.lower())):
            tokens = [t for t in WORD.findall(fragment) if len(t) >= 4 and not _stop_word(t)]
            for token in tokens:
                words[token] = words.get(token, 0) + 1
            for first, second in zip(tokens, tokens[1:], strict=False):
                if first != second:
                    pair = f"{first} {second}"
                    pairs[pair] = pairs.get(pair, 0) + 1

    def by_frequency(counts):
        return [k for k, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]

    return by_frequency(words), by_frequency(pairs)


def typo(rng: random.Random, word: str) -> str:
    """``word`` as typed too fast: two letters swapped, one dropped or one doubled (never the first)."""
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(3)
    if kind == 0 and word[i] != word[i + 1]:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == 1:
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i] + word[i:]


def _weighted(rng, odds):
    return rng.choices(list(odds), weights=list(odds.values()))[0]


def _facets(rng, collections: list[str]) -> tuple[tuple[str, str], ...]:
    choices = {"collection": collections, **FACET_CHOICES}
    names = rng.sample(sorted(choices), k=rng.choice((1, 1, 2, 2, 3)))
    return tuple(sorted((name, rng.choice(choices[name])) for name in names))


def build_vocabulary(rng: random.Random, texts: list[str], collections: list[str], size=VOCABULARY_SIZE):
    """``size`` distinct queries, by rank of popularity: single words, pairs of words, typos of words and facet
    combinations (collection, modality, duration, open registration, scope; some with a word), some on page 2 or 3
    or in another order. The simpler a query, the more often it is asked: the catalogue without anything first
    (its home page), then the queries of one parameter, of two…, in random order within each."""
    words, pairs = words_and_pairs(texts)
    long_words = [w for w in words if len(w) >= 6]
    typos = [typo(rng, w) for w in rng.sample(long_words, k=min(len(long_words), int(size * TYPO_SHARE)))]
    texts = words[: int(size * WORD_SHARE)] + pairs[: int(size * PAIR_SHARE)] + typos
    queries = {Query()}
    for q in texts:
        queries.add(Query(q=q, page=_weighted(rng, PAGE_ODDS), ordering=_weighted(rng, ORDERING_ODDS)))
    attempts = 0
    while len(queries) < size and attempts < size * 20:
        attempts += 1
        q = rng.choice(texts) if rng.random() < 0.4 else ""
        queries.add(
            Query(
                q=q,
                facets=_facets(rng, collections),
                page=_weighted(rng, PAGE_ODDS),
                ordering=_weighted(rng, ORDERING_ODDS),
            )
        )
    ranked = sorted(queries, key=Query.querystring)
    rng.shuffle(ranked)
    ranked.sort(key=lambda query: len(query.params()))  # stable: random within the same number of parameters
    return ranked[:size]


def zipf_weights(n: int, s: float = ZIPF_S) -> list[float]:
    """The probability of each of ``n`` ranks under Zipf's law of exponent ``s``."""
    raw = [1 / rank**s for rank in range(1, n + 1)]
    total = sum(raw)
    return [w / total for w in raw]


def request_lines(rng, vocabulary: list[Query], cookies: list[str], count: int) -> list[str]:
    """``count`` requests for mix.lua: a query drawn by Zipf's law, asked by an anonymous visitor
    (``ANONYMOUS_SHARE``) or by one of the agents (``cookies``, evenly), on the page or through the API."""
    queries = rng.choices(vocabulary, weights=zipf_weights(len(vocabulary)), k=count)
    lines = []
    for query in queries:
        cookie = "" if rng.random() < ANONYMOUS_SHARE else rng.choice(cookies)
        base = "/api/v1/trainings/" if rng.random() < API_SHARE else "/catalogue/"
        qs = query.querystring()
        lines.append(f"{base}{'?' + qs if qs else ''}\t{cookie}")
    return lines


def _texts():
    from mentor.offer.enums import TrainingStatus
    from mentor.offer.models import Training

    rows = (
        Training.objects.filter(status=TrainingStatus.PUBLISHED)
        .order_by("pk")
        .values_list("title", "keywords", "teaser", "description")[:TRAININGS_READ]
    )
    return [text for row in rows for text in row]


def _agents(rng):
    """``AGENTS`` generated agents drawn at random: the generator spread them over every entity of the tree."""
    from bench.data.generate import EMAIL_SUFFIX
    from mentor.accounts.models import User

    pks = list(User.objects.filter(email__endswith=EMAIL_SUFFIX).order_by("pk").values_list("pk", flat=True))
    chosen = rng.sample(pks, k=min(AGENTS, len(pks)))
    return list(User.objects.filter(pk__in=chosen).select_related("entity").order_by("pk"))


def build(requests_path, warm_up_path, seed=1) -> dict:
    from django.test import Client

    from mentor.offer.models import Collection

    rng = random.Random(seed)  # noqa: S311 - a reproducible model, not secrets
    vocabulary = build_vocabulary(
        rng, _texts(), list(Collection.objects.order_by("slug").values_list("slug", flat=True))
    )
    agents = _agents(rng)
    cookies = []
    for agent in agents:
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(agent)
        cookies.append(f"sessionid={client.cookies['sessionid'].value}")
    for path in (requests_path, warm_up_path):
        with open(path, "w") as out:
            out.write("\n".join(request_lines(rng, vocabulary, cookies, REQUESTS_PER_FILE)) + "\n")
    weights = zipf_weights(len(vocabulary))
    return {
        "vocabulary": len(vocabulary),
        "zipf_s": ZIPF_S,
        "top_10_share": sum(weights[:10]),
        "agents": len(agents),
        "entities": len({a.entity_id for a in agents}),
        "ministries": len({a.entity.ministry_id for a in agents}),
        "anonymous_share": ANONYMOUS_SHARE,
        "api_share": API_SHARE,
        "examples": [q.querystring() for q in vocabulary[:8]],
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", required=True, help="request file of the measured run")
    parser.add_argument("--warm-up", required=True, help="request file of the warm-up")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    django.setup()
    print(json.dumps(build(args.requests, args.warm_up, args.seed), ensure_ascii=False))


if __name__ == "__main__":
    main()
