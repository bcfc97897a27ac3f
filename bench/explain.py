"""Where the time of one catalogue search goes: each SQL query it runs, timed alone, slowest first, with its plan.
The catalogue's cache is off here: the search is always run in full.

    DATABASE_URL=… DJANGO_SETTINGS_MODULE=config.settings.bench \\
        .venv/bin/python -m bench.explain "sans texte" "agent MEF (DR)" [--plans 3]
"""

import argparse
import time
from urllib.parse import urlencode

import django


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("case")
    parser.add_argument("persona")
    parser.add_argument("--plans", type=int, default=3, help="plans printed, for the slowest queries")
    args = parser.parse_args()
    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.http import QueryDict
    from django.test.utils import CaptureQueriesContext

    from mentor.offer.catalogue import CatalogueQuery, search_catalogue

    from .mix import CASES, as_params, personas

    settings.CATALOGUE_CACHE_SECONDS = 0
    user = personas()[args.persona]
    query = CatalogueQuery.from_params(QueryDict(urlencode(as_params(CASES[args.case]))))
    search_catalogue(user, query)  # warm-up: connection, caches, synonym table
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as captured:
        result = search_catalogue(user, query)
        list(result.page.object_list)
    total_ms = (time.perf_counter() - started) * 1000
    timed = []
    with connection.cursor() as cursor:
        for sql in (q["sql"] for q in captured.captured_queries):
            begin = time.perf_counter()
            cursor.execute(sql)
            cursor.fetchall()
            timed.append(((time.perf_counter() - begin) * 1000, sql))
    timed.sort(reverse=True)
    sql_ms = sum(ms for ms, _ in timed)
    print(f"{args.case} / {args.persona}: {result.count} résultats, {total_ms:.1f} ms en tout, "
          f"{len(timed)} requêtes SQL, {sql_ms:.1f} ms en SQL rejouées seules")  # fmt: skip
    explain = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN (ANALYZE, BUFFERS) "
    for n, (ms, sql) in enumerate(timed):
        print(f"\n--- {ms:.1f} ms\n{sql[:1500]}")
        if n < args.plans:
            with connection.cursor() as cursor:
                cursor.execute(explain + sql)
                print("\n".join(str(row[-1]) for row in cursor.fetchall()))


if __name__ == "__main__":
    main()
