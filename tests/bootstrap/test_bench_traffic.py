"""The benchmark's traffic model (bench/traffic.py), its writes of the offer (bench/writes.py) and the lines the
report prints of them (bench/report.py). Figures are made by `make bench`; here, what they are made of."""

import random
from collections import Counter
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client

from bench import traffic, writes
from bench.cache import kind_of
from bench.load import _cache_delta
from bench.report import growth, table
from mentor.core.models import Generation
from mentor.offer.catalogue.query import ORDERINGS
from mentor.offer.models import Session, Training

TEXTS = [
    "Conduire l'entretien professionnel annuel",
    "entretien professionnel, management, évaluation",
    "Apprenez à conduire un entretien professionnel, avec des exemples tirés du terrain.",
    "Maîtriser la commande publique et les marchés publics",
    "commande publique, marchés, achat",
]
COLLECTIONS = ["achat-public", "management"]


def test_words_and_pairs_come_from_the_texts_without_stop_words_nor_elisions():
    words, pairs = traffic.words_and_pairs(TEXTS)
    assert words[:3] == ["entretien", "professionnel", "commande"]  # the most frequent first
    assert "conduire" in words and "marchés" in words
    assert not {"avec", "apprenez", "exemples", "les", "un", "l'entretien"} & set(words)
    assert pairs[:2] == ["entretien professionnel", "commande publique"]
    assert "professionnel annuel" in pairs


def test_a_typo_keeps_the_first_letter_and_changes_one_letter_at_most():
    rng = random.Random(3)
    for word in ["professionnel", "management", "évaluation", "achat"] * 10:
        typed = traffic.typo(rng, word)
        assert typed != word or len(set(word)) < len(word)  # a swap of two same letters is the only no-op
        assert typed[0] == word[0]
        assert abs(len(typed) - len(word)) <= 1


def test_the_vocabulary_ranks_distinct_queries_from_the_simplest():
    texts = [f"{a} {b}, {b} {c}" for a in ("budget", "juridique", "numérique") for b in ("marchés", "achats") for c in
             ("contrats", "risques", "données", "usagers")]  # fmt: skip
    vocabulary = traffic.build_vocabulary(random.Random(1), texts, COLLECTIONS, size=300)
    assert len(vocabulary) == len(set(vocabulary)) == 300
    assert vocabulary[0] == traffic.Query()  # the catalogue's home page
    sizes = [len(query.params()) for query in vocabulary]
    assert sizes == sorted(sizes)
    kinds = Counter(("mots" if " " in q.q else "mot") if q.q else "facettes" for q in vocabulary[1:])
    assert set(kinds) == {"mot", "mots", "facettes"}
    facets = {name for query in vocabulary for name, _ in query.facets}
    assert facets == {"collection", "modality", "duration", "open_registration", "scope"}
    assert {value for q in vocabulary for name, value in q.facets if name == "collection"} == set(COLLECTIONS)
    assert {q.page for q in vocabulary} == {1, 2, 3}
    assert {q.ordering for q in vocabulary} - {None} <= set(ORDERINGS)
    assert any(q.q and q.q.split()[0] not in " ".join(texts) for q in vocabulary)  # typos


def test_zipf_weights_follow_the_law():
    weights = traffic.zipf_weights(1000, s=1.1)
    assert sum(weights) == pytest.approx(1)
    assert weights[0] / weights[1] == pytest.approx(2**1.1)
    assert weights[0] / weights[9] == pytest.approx(10**1.1)


def test_requests_draw_queries_by_rank_from_anonymous_visitors_and_agents():
    vocabulary = [traffic.Query(q=f"mot{n}") for n in range(100)]
    lines = traffic.request_lines(random.Random(2), vocabulary, ["sessionid=a", "sessionid=b"], 20_000)
    paths, cookies = zip(*(line.split("\t") for line in lines), strict=True)
    asked = Counter(dict(parse_qsl(urlsplit(path).query))["q"] for path in paths)
    assert asked["mot0"] / len(lines) == pytest.approx(traffic.zipf_weights(100)[0], rel=0.05)
    assert asked["mot0"] > asked["mot1"] > asked["mot9"] > asked["mot99"]
    assert Counter(cookies)[""] / len(lines) == pytest.approx(traffic.ANONYMOUS_SHARE, abs=0.02)
    assert set(cookies) == {"", "sessionid=a", "sessionid=b"}
    api = sum(path.startswith("/api/v1/trainings/?") for path in paths)
    assert api / len(lines) == pytest.approx(traffic.API_SHARE, abs=0.02)
    assert all(path.startswith(("/api/v1/trainings/?", "/catalogue/?")) for path in paths)


@pytest.fixture
def bench_offer(db):
    call_command("generate_bench_data", trainings=200, users=60, seed=3)


def test_every_request_of_the_model_is_answered(bench_offer, tmp_path, settings):
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    model = traffic.build(tmp_path / "measured.wrk", tmp_path / "warm-up.wrk", seed=1)
    assert model["agents"] == 60
    assert model["entities"] > 30
    assert model["vocabulary"] > 500
    lines = (tmp_path / "measured.wrk").read_text().splitlines()
    assert len(lines) == traffic.REQUESTS_PER_FILE
    assert lines != (tmp_path / "warm-up.wrk").read_text().splitlines()
    client = Client(HTTP_HOST="127.0.0.1")
    for line in random.Random(1).sample(lines, 40):
        path, cookie = line.split("\t")
        client.cookies.clear()
        if cookie:
            client.cookies.load(cookie)
        response = client.get(path)
        assert response.status_code == 200, path
        signed_in = response.wsgi_request.user.is_authenticated
        assert signed_in == bool(cookie)


def catalogue_generations():
    return dict(Generation.objects.filter(name__startswith="catalogue").values_list("name", "token"))


def test_each_kind_of_write_changes_the_offer_and_renews_what_it_can_change(
    bench_offer, django_capture_on_commit_callbacks
):
    rng = random.Random(1)
    pools = writes._pools(rng)
    # A capacity is read by no search: no entry of the catalogue is renewed. New dates renew what shows the dates
    # of sessions, a teaser the whole catalogue's or the owner ministry's entries, as the offer's signals decide.
    for kind, model, field, renews in [("capacity", Session, "capacity", False),
                                       ("dates", Session, "starts_at", True),
                                       ("teaser", Training, "teaser", True)]:  # fmt: skip
        pk = pools[kind][0]
        before, generations = getattr(model.objects.get(pk=pk), field), catalogue_generations()
        with django_capture_on_commit_callbacks(execute=True):
            writes.write_one(rng, kind, pk)
        assert getattr(model.objects.get(pk=pk), field) != before, kind
        assert (catalogue_generations() != generations) is renews, kind


def _run(traffic_stats=None, pair_stats=None):
    load = {"p50_ms": 20.0, "p95_ms": 30.0, "p99_ms": 40.0, "throughput_rps": 300.0, "non_2xx": 0,
            "errors_socket": 0, "worker_peak_rss_mb": [90.0, 91.0], "connections": 8, "duration_s": 20,
            "warm_up_s": 10}  # fmt: skip
    summary = {"summary": {"p50": 1.0, "p95": 2.0, "p99": 3.0}}
    run = {"engine": "postgresql", "scale": 10000, "generation_s": 25, "floor_ratio": {}, "load": load}
    run.update(dict.fromkeys(("api", "api_cold", "html", "floor", "training_page", "one_page"), summary))
    if traffic_stats:
        run["traffic"] = traffic_stats
    if pair_stats:
        run["pair"] = pair_stats
    return run


def _traffic(hits, misses, **extra):
    before = {"reads": {}, "keyspace_hits": 0, "keyspace_misses": 0}
    after = {"reads": {"catalogue": {"hit": hits, "miss": misses}, "throttle": {"hit": 50, "miss": 0}},
             "keyspace_hits": hits + 50, "keyspace_misses": misses}  # fmt: skip
    return {"p50_ms": 12.0, "p95_ms": 45.5, "p99_ms": 80.0, "throughput_rps": 321.4, "non_2xx": 2,
            "errors_socket": 1, "worker_peak_rss_mb": [101.0, 99.6], "connections": 8, "duration_s": 20,
            "warm_up_s": 10, "workers": 2, "write_interval_s": 2.0, "cache": _cache_delta(before, after),
            "writes": {"writes": {"capacity": 5, "dates": 4, "teaser": 6}, "failed": 0, "seconds": 30.2},
            **extra}  # fmt: skip


def test_the_report_shows_the_traffic_model_first_and_the_fixed_mix_as_a_diagnostic():
    model = {"vocabulary": 3000, "zipf_s": 1.1, "top_10_share": 0.44, "agents": 300, "entities": 263,
             "ministries": 30, "anonymous_share": 0.4, "api_share": 0.2}  # fmt: skip
    text = table({"runs": [_run(traffic_stats={"model": model, **_traffic(750, 250)})]})
    rows = [line for line in text.splitlines() if "wrk" in line]
    assert rows[0].startswith(
        "| postgresql | 10\u202f000 | modèle de trafic, 1 instance × 2 workers, cache Redis,"
    )
    assert rows[0].endswith("| 12.0 | 45.5 | 80.0 |  |  |  | 321 | 3 | 101 Mo / 100 Mo |")
    assert "mélange fixe (diagnostic)" in rows[1]
    assert (
        "Modèle de trafic postgresql 10\u202f000 formations : 3\u202f000 recherches (Zipf s = 1,1, les 10 premières "
        "font 44 % des requêtes), 300 agents de 263 entités (30 ministères) et 40 % de visiteurs anonymes, 20 % "
        "par l'API ; 15 modifications de l'offre en 30 s, chauffe comprise (une toutes les 2 s ; 0 en échec) ; "
        "cache du catalogue : 75 % des lectures trouvées (750 sur 1\u202f000)"
    ) in text


def test_the_report_proves_the_pair_shares_its_entries_or_says_it_does_not():
    proof = {
        "path": "/api/v1/trainings/?q=rgpd",
        "a": {"reads": {"catalogue": {"hit": 0, "miss": 2}}, "keyspace_hits": 0, "keyspace_misses": 3},
        "b": {"reads": {"catalogue": {"hit": 1, "miss": 0}}, "keyspace_hits": 2, "keyspace_misses": 0},
        "same_body": True,
    }
    text = table({"runs": [_run(pair_stats=_traffic(10, 30, shared_entry=proof) | {"workers": 1})]})
    assert "| modèle de trafic, 2 instances × 1 worker sur une adresse, Redis partagé," in text
    assert (
        "Entrée partagée postgresql 10\u202f000 formations : `/api/v1/trainings/?q=rgpd` demandée à l'instance A : "
        "0 lecture trouvée, 2 lectures absentes (Redis : keyspace_hits + 0, keyspace_misses + 3, limite de débit "
        "de l'API comprise), puis à l'instance B : 1 lecture trouvée, 0 lecture absente (Redis : keyspace_hits + 2, "
        "keyspace_misses + 0, limite de débit de l'API comprise) ; réponse de B identique à celle de A"
    ) in text
    assert "cache du catalogue : 25 % des lectures trouvées (10 sur 40)" in text
    proof["same_body"] = False
    assert "réponse de B DIFFÉRENTE à celle de A" in table(
        {"runs": [_run(pair_stats=_traffic(1, 1, shared_entry=proof))]}
    )


def test_the_report_shows_the_page_made_again_and_how_the_training_page_grows():
    small, large = _run(), _run()
    large["scale"] = 100000
    small["html_cold"] = {"summary": {"p50": 20.0, "p95": 30.0, "p99": 35.0}}
    large["training_page"] = {"summary": {"p50": 1.5, "p95": 2.0, "p99": 3.0}}
    runs = [small, large]  # the larger run has no "html_cold", as one recorded before that measure
    text = table({"runs": runs, "growth": growth(runs)})
    assert (
        "| postgresql | 10\u202f000 | page /catalogue/, recherche refaite (sans cache, index résident) "
        "| 20.0 | 30.0 | 35.0 |"
    ) in text
    assert (
        "Croissance postgresql page formation de 10\u202f000 à 100\u202f000 formations (× 10) : p50 × 1.50"
        in text
    )
    assert "Croissance postgresql page /catalogue/, recherche refaite" not in text


def test_the_hit_rate_counts_the_renderings_of_searches_alone():
    assert kind_of("catalogue:a1-b2-sans-dates:entity-4:2026-12-04:9f") == "catalogue"
    assert kind_of("catalogue-line:c3:reserved-open:4") == "catalogue-line"
    assert kind_of("throttle_anon_127.0.0.1") == "throttle"
    before = {"reads": {}, "keyspace_hits": 0, "keyspace_misses": 0}
    after = {"reads": {"catalogue": {"hit": 3, "miss": 1}, "catalogue-line": {"hit": 40, "miss": 0}},
             "keyspace_hits": 43, "keyspace_misses": 1}  # fmt: skip
    assert _cache_delta(before, after)["catalogue_hit_rate"] == 0.75
