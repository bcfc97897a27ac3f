"""Facet counts in one SQL query, whatever the number of facets and of results.

Each facet is counted over the trainings filtered by every OTHER facet's selection: the facets without a selection
share one base (the results), and each facet with a selection has its own. Each base is read once:

- on PostgreSQL, one ``GROUP BY GROUPING SETS`` per base, which hashes every facet in one pass over the rows and
  casts only the grouped values (not every row) to text;
- on SQLite, which has no grouping sets, a materialised common table expression per base and one ``GROUP BY``
  branch per facet, joined by ``UNION ALL``.
"""

from django.db import connections


def grouped_counts(jobs) -> dict[str, dict[str, int]]:
    """``jobs``: (queryset of trainings, {facet param: expression of the row's facet value}) pairs.
    Returns facet param -> facet value (as text) -> number of trainings."""
    jobs = [(queryset, expressions) for queryset, expressions in jobs if expressions]
    if not jobs:
        return {}
    using = jobs[0][0].db
    connection = connections[using]
    build = _grouping_sets if connection.vendor == "postgresql" else _union_of_groups
    sql, params = build([_base(n, queryset, expressions) for n, (queryset, expressions) in enumerate(jobs)])
    counts: dict[str, dict[str, int]] = {param: {} for _, expressions in jobs for param in expressions}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for param, value, count in cursor.fetchall():
            if value is not None:
                counts[param][value] = count
    return counts


def _base(n, queryset, expressions):
    """(SQL, params, {facet param: column name}) of the rows of ``queryset`` with one column per facet value."""
    columns = {f"facet_{n}_{i}": expression for i, expression in enumerate(expressions.values())}
    base = queryset.annotate(**columns).values(*columns).order_by()
    sql, params = base.query.get_compiler(using=base.db).as_sql()
    return sql, list(params), dict(zip(expressions, columns, strict=True))


# Column names below are made here from counters; facet params always go as query parameters.
def _grouping_sets(bases):
    selects, params = [], []
    for n, (sql, base_params, columns) in enumerate(bases):
        # GROUPING(c) is 0 in the set grouped by c: it names the facet of each output row.
        which = " ".join(f'WHEN GROUPING("{c}") = 0 THEN %s' for c in columns.values())
        value = ", ".join(f'CAST("{c}" AS TEXT)' for c in columns.values())
        sets = ", ".join(f'("{c}")' for c in columns.values())
        selects.append(
            f"SELECT CASE {which} END, COALESCE({value}), COUNT(*) "  # noqa: S608
            f"FROM ({sql}) AS base_{n} GROUP BY GROUPING SETS ({sets})"
        )
        params += list(columns) + base_params
    return " UNION ALL ".join(selects), params


def _union_of_groups(bases):
    ctes, cte_params, branches, branch_params = [], [], [], []
    for n, (sql, base_params, columns) in enumerate(bases):
        ctes.append(f"base_{n} AS MATERIALIZED ({sql})")
        cte_params += base_params
        for param, column in columns.items():
            branches.append(
                f'SELECT %s, CAST("{column}" AS TEXT), COUNT(*) FROM base_{n} GROUP BY CAST("{column}" AS TEXT)'  # noqa: S608
            )
            branch_params.append(param)
    return f"WITH {', '.join(ctes)} {' UNION ALL '.join(branches)}", cte_params + branch_params
