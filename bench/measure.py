"""In-process latencies of one database (already generated): the query mix through the API, the HTML page, the
raw-SQL floor and the search-engine reference (tantivy), the training page and the "everything in one page"
approach.

Run by bench/run.py as ``python -m bench.measure --out part.json --requests wrk.txt`` with DATABASE_URL set.
Also writes the requests wrk replays under load, with the session cookie of each persona.
"""

import argparse
import json
import statistics
import time
import traceback
from urllib.parse import urlencode

import django

WARMUP = 1
# Timed calls per case and persona even past the time budget; lowered for the slow 100,000-training runs.
min_samples = 3


def percentile(samples, p):
    ordered = sorted(samples)
    if not ordered:
        return None
    k = (len(ordered) - 1) * p / 100
    low = int(k)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def summary(samples):
    return {
        "n": len(samples),
        "p50": percentile(samples, 50),
        "p95": percentile(samples, 95),
        "p99": percentile(samples, 99),
    }


def timed(call, repeat, budget_s, warmup=WARMUP, before=None):
    """(result of the warm-up, milliseconds of ``repeat`` calls), fewer calls (``min_samples`` at least) past
    ``budget_s``; ``before``, untimed, ahead of each timed call."""
    result = None
    for _ in range(warmup):
        result = call()
    samples, started = [], time.perf_counter()
    while len(samples) < repeat and (len(samples) < min_samples or time.perf_counter() - started < budget_s):
        if before:
            before()
        begin = time.perf_counter()
        call()
        samples.append((time.perf_counter() - begin) * 1000)
    return result, samples


class Channel:
    """Samples of one way of running the mix, keyed by case then persona; ``error`` once it cannot run."""

    def __init__(self):
        self.samples: dict[str, dict[str, list[float]]] = {}
        self.error = None

    def run(self, case, persona, call, repeat, budget_s, warmup=WARMUP, before=None):
        """Time ``call``; return what its warm-up returned (None when the channel is broken)."""
        if self.error:
            return None
        try:
            result, self.samples.setdefault(case, {})[persona] = timed(call, repeat, budget_s, warmup, before)
            return result
        except Exception as error:  # a missing or broken endpoint is a result to report, not a crash
            self.error = f"{type(error).__name__}: {error}"[:300]
            traceback.print_exc()
            return None

    def as_json(self):
        flat = [s for by_persona in self.samples.values() for values in by_persona.values() for s in values]
        return {
            "error": self.error,
            "summary": summary(flat) if flat and not self.error else None,
            "cases": {
                case: {persona: summary(values) for persona, values in by_persona.items()}
                for case, by_persona in self.samples.items()
            },
        }


def checked_get(client, path):
    def call():
        response = client.get(path)
        if response.status_code != 200:
            raise RuntimeError(f"GET {path} → {response.status_code}")
        return response

    return call


def run_all(repeat, budget_s):
    """Every in-process measurement of the current database; returns (results, wrk request lines)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from mentor.offer.models import Training

    from . import engine_reference
    from .floor import floor_statement
    from .ministry_share import measure_ministry_share
    from .mix import CASES, as_params, personas
    from .one_page import everything_in_one_page
    from .watch import (
        measure_dashboard,
        measure_dashboard_after_write,
        measure_dashboard_computed,
        measure_similar,
    )

    users = personas()
    clients, cookies = {}, {}
    for name, user in users.items():
        clients[name] = Client(HTTP_HOST="127.0.0.1")
        if user.is_authenticated:
            clients[name].force_login(user)
            cookies[name] = f"sessionid={clients[name].cookies['sessionid'].value}"
    channels = {
        name: Channel()
        for name in (
            "api",
            "api_cold",
            "api_cold_sql",
            "api_ministry",
            "html",
            "html_cold",
            "floor",
            "tantivy",
            "training_page",
            "one_page",
            "similar",
            "dashboard",
            "dashboard_after_write",
            "dashboard_computed",
        )
    }
    resident_index = build_resident_index()
    engine_index = engine_searcher = None
    try:
        engine_index = engine_reference.build_index()
        engine_searcher = engine_reference.Searcher(engine_index)
    except Exception as error:  # tantivy missing or failing: the other measures still run
        channels["tantivy"].error = f"{type(error).__name__}: {error}"[:300]
        traceback.print_exc()
    wrk_lines, mismatches, engine_mismatches, resident_mismatches, sql_queries = [], [], [], [], {}
    for case, params in CASES.items():
        qs = urlencode(as_params(params))
        api_path = f"/api/v1/trainings/?{qs}"
        for name, user in users.items():
            client = clients[name]
            # The API's warm-up also counts its SQL queries and gives the count the floor must find.
            with CaptureQueriesContext(connection) as queries:
                response = client.get(api_path)
            sql_queries.setdefault(case, {})[name] = len(queries)
            # After its first call a search is served from the catalogue's cache until the offer changes: "api"
            # times that, as agents browsing the same catalogue get it; "api_cold" times the search itself.
            channels["api"].run(case, name, checked_get(client, api_path), repeat, budget_s, warmup=0)
            with override_settings(CATALOGUE_CACHE_SECONDS=0):
                cold = channels["api_cold"].run(case, name, checked_get(client, api_path), repeat, budget_s)
            with override_settings(CATALOGUE_CACHE_SECONDS=0, CATALOGUE_RESIDENT_INDEX=False):
                in_sql = channels["api_cold_sql"].run(
                    case, name, checked_get(client, api_path), repeat, budget_s
                )
            if cold and in_sql and counted(cold.json()) != counted(in_sql.json()):
                resident_mismatches.append(
                    f"{case} / {name} : index résident {cold.json()['count']}, SQL {in_sql.json()['count']}"
                )
            channels["html"].run(case, name, checked_get(client, f"/catalogue/?{qs}"), repeat, budget_s)
            with override_settings(CATALOGUE_CACHE_SECONDS=0):
                channels["html_cold"].run(
                    case, name, checked_get(client, f"/catalogue/?{qs}"), repeat, budget_s
                )
            sql, sql_params = floor_statement(user, params)

            def floor(sql=sql, sql_params=sql_params):
                with connection.cursor() as cursor:
                    cursor.execute(sql, sql_params)
                    return cursor.fetchall()

            rows = channels["floor"].run(case, name, floor, repeat, budget_s) or []
            found = next((n for kind, _, n in rows if kind == "count"), None)
            expected = response.json().get("count") if response.status_code == 200 else None
            if found != expected:
                mismatches.append(f"{case} / {name} : plancher {found}, API {expected}")
            if engine_searcher:
                prepared = engine_searcher.prepared(user, dict(params))
                engine_found = channels["tantivy"].run(
                    case, name, lambda p=prepared: engine_searcher.search(p), repeat, budget_s
                )
                if engine_found and response.status_code == 200:
                    engine_mismatches += engine_reference.mismatches(
                        case, name, engine_found, prepared, response.json()
                    )
            wrk_lines.append(f"{api_path}\t{cookies.get(name, '')}")
    for name, user in users.items():
        visible = list(Training.objects.visible_to(user).order_by("pk").values_list("pk", "slug")[:500:100])
        for pk, slug in visible:
            path = f"/formations/{pk}-{slug}/"
            channels["training_page"].run(path, name, checked_get(clients[name], path), repeat, budget_s)
        channels["one_page"].run(
            "toutes les formations visibles", name, lambda u=user: everything_in_one_page(u), 5, budget_s
        )
    measure_ministry_share(
        channels["api_ministry"],
        users,
        CASES,
        repeat,
        budget_s,
        lambda params: f"/api/v1/trainings/?{urlencode(as_params(params))}",
    )
    measure_similar(channels["similar"], repeat, budget_s)
    measure_dashboard(channels["dashboard"], repeat, budget_s)
    measure_dashboard_after_write(channels["dashboard_after_write"], repeat, budget_s)
    measure_dashboard_computed(channels["dashboard_computed"], repeat, budget_s)
    results = {name: channel.as_json() for name, channel in channels.items()}
    results["floor_ratio"] = ratios_to(results, "floor")
    # The floor must find what the catalogue finds, or its ratio means nothing.
    results["floor_count_mismatches"] = mismatches
    # The same for the search engine: its count and every facet's counts.
    results["tantivy_ratio"] = ratios_to(results, "tantivy")
    results["tantivy_mismatches"] = engine_mismatches
    results["tantivy_index"] = engine_index.figures() if engine_index else None
    # The resident index must find and count what the SQL search does.
    results["resident_index"] = resident_index
    results["resident_mismatches"] = resident_mismatches
    if engine_index:
        engine_index.close()
    results["api_sql_queries"] = sql_queries
    results["one_page_size_bytes"] = {name: len(everything_in_one_page(user)) for name, user in users.items()}
    return results, wrk_lines


def build_resident_index() -> dict:
    """The catalogue's resident index built by this process, before any measure: its time and memory."""
    from mentor.offer.catalogue import resident

    from .engine_reference import rss_mb

    before = rss_mb()
    started = time.perf_counter()
    searcher = resident.INDEX.searcher()
    return {
        "build_s": time.perf_counter() - started,
        "documents": searcher.num_docs,
        "rss_growth_mb": rss_mb() - before,
    }


def counted(body) -> tuple:
    """What the two searches must agree on: the number of results and every facet's counts."""
    return body.get("count"), body.get("facets")


def ratios_to(results, reference):
    """Per channel: the median over the mix of (p50 end to end / p50 of ``reference``, the floor or the search
    engine), case by case and persona by persona."""
    ratios = {}
    if results[reference]["error"]:
        return ratios
    reference_cases = results[reference]["cases"]
    for channel in ("api", "api_cold", "api_cold_sql", "api_ministry", "html", "html_cold"):
        if results[channel]["error"]:
            continue
        values = [
            stats["p50"] / reference_cases[case][persona]["p50"]
            for case, by_persona in results[channel]["cases"].items()
            for persona, stats in by_persona.items()
            if reference_cases.get(case, {}).get(persona, {}).get("p50")
        ]
        ratios[channel] = statistics.median(values) if values else None
    return ratios


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--requests", required=True, help="file of requests for wrk")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--budget", type=float, default=2.0, help="seconds per case and persona")
    parser.add_argument("--min-samples", type=int, default=3)
    args = parser.parse_args()
    global min_samples
    min_samples = args.min_samples
    django.setup()
    result, wrk_lines = run_all(args.repeat, args.budget)
    with open(args.out, "w") as out:
        json.dump(result, out, indent=1)
    with open(args.requests, "w") as out:
        out.write("\n".join(wrk_lines) + "\n")


if __name__ == "__main__":
    main()
