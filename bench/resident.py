"""The cold search of the mix through the catalogue's resident index, next to the same search made in SQL, for one
database: what `make bench` measures as "API, recherche refaite" and its SQL diagnostic, without the 2 h 30 of the
whole bench at 100,000 trainings.

``python -m bench.resident`` (with ``DATABASE_URL`` and ``DJANGO_SETTINGS_MODULE=config.settings.bench``) builds
the index, then calls ``/api/v1/trainings/`` through Django's test client, catalogue cache off, for each case and
persona of the mix: ``--repeat`` times through the index, a third as often in SQL. It prints the medians case by
case, whether both found the same number of results and facet counts (and the same page when the order is the
newest), the percentiles over the whole mix, and leaves the database as it was.
"""

import argparse
import os
import resource
import statistics
import time

import django


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    # The anonymous persona calls the API far more often than the rate a visitor is allowed (429 past it).
    os.environ.setdefault("API_RATE_ANONYMOUS", "1000000/min")
    os.environ["RESIDENT_INDEX_BUILD"] = "inline"
    django.setup()
    from django.db import transaction

    with transaction.atomic():
        compare(args.repeat)
        # Logging the personas in wrote their sessions: a shared database is left as it was.
        transaction.set_rollback(True)


def compare(repeat):
    from urllib.parse import urlencode

    from django.test import Client
    from django.test.utils import override_settings

    from .measure import build_resident_index, counted, percentile
    from .mix import CASES, as_params, personas

    built = build_resident_index()
    print(
        f"index résident : {built['documents']} documents en {built['build_s']:.1f} s, "
        f"RSS +{built['rss_growth_mb']:.0f} Mo"
    )
    users = personas()
    clients = {}
    for persona, user in users.items():
        clients[persona] = Client(HTTP_HOST="127.0.0.1")
        if user.is_authenticated:
            clients[persona].force_login(user)
    everything = {"index": [], "sql": []}
    mismatches = []
    for case, params in CASES.items():
        for persona in users:
            path = f"/api/v1/trainings/?{urlencode(as_params(params))}"
            bodies, medians = {}, {}
            for way, times in (("index", repeat), ("sql", max(2, repeat // 3))):
                with override_settings(CATALOGUE_CACHE_SECONDS=0, CATALOGUE_RESIDENT_INDEX=way == "index"):
                    samples = []
                    for _ in range(times):
                        started = time.perf_counter()
                        response = clients[persona].get(path)
                        samples.append((time.perf_counter() - started) * 1000)
                        if response.status_code != 200:
                            raise RuntimeError(f"GET {path} → {response.status_code}")
                bodies[way], medians[way] = response.json(), statistics.median(samples)
                everything[way] += samples
            same = counted(bodies["index"]) == counted(bodies["sql"])
            if not same:
                mismatches.append(f"{case} / {persona}")
            page = [r["id"] for r in bodies["index"]["results"]] == [
                r["id"] for r in bodies["sql"]["results"]
            ]
            print(
                f"{case:34} {persona:15} index {medians['index']:7.1f} ms   SQL {medians['sql']:7.1f} ms   "
                f"{bodies['index']['count']:6} résultats {'=' if same else '≠'} facettes, "
                f"page {'identique' if page else 'autre (pertinence)'}"
            )
    for way, samples in everything.items():
        print(
            f"tout le mélange, {'index résident' if way == 'index' else 'SQL'} : p50 {statistics.median(samples):.1f}"
            f" ms, p95 {percentile(samples, 95):.1f} ms ({len(samples)} mesures)"
        )
    print(f"écarts (nombre, facettes) : {mismatches or 'aucun'}")
    print(f"RSS max du processus : {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} Mo")


if __name__ == "__main__":
    main()
