"""Every facet count and the number of results in one SQL query, reading the matching trainings once.

Each facet is counted over the trainings meeting every OTHER facet's selection, and the results are those meeting
all of them. The query reads the trainings the user may see that match the text, with one column per facet (the
row's value) and one flag per selected facet (whether the row meets that selection). Then:

- on PostgreSQL, one ``GROUP BY GROUPING SETS``: facet ``f`` is grouped by its value and by the flags of the other
  selected facets, the results by all the flags; the rows whose flags are all 1 are the ones kept. One pass over
  the rows hashes every set, and only the grouped values (not every row) are cast to text;
- on SQLite, which has no grouping sets, the rows go into a materialised common table expression, read by one
  ``GROUP BY`` per facet (with its ``WHERE`` on the other flags) joined by ``UNION ALL``.
"""

from django.db import connections
from django.db.models import Case, IntegerField, Value, When

# Column names below are made here from counters; facet params always go as query parameters.


def facet_counts(queryset, values: dict, conditions: dict) -> tuple[int, dict[str, dict[str, int]]]:
    """``values``: facet param -> expression of a row's value (NULL when it has none). ``conditions``: selected
    facet param -> the condition (a ``Q`` or boolean expression) a row meets when it matches that selection.

    Returns the number of rows meeting every condition, and facet param -> value as text -> number of rows
    meeting every condition but the facet's own."""
    value_columns = {param: f"value_{n}" for n, param in enumerate(values)}
    flag_columns = {param: f"flag_{n}" for n, param in enumerate(conditions)}
    base = queryset.annotate(
        **{value_columns[param]: expression for param, expression in values.items()},
        **{
            flag_columns[param]: Case(
                When(condition, then=Value(1)), default=Value(0), output_field=IntegerField()
            )
            for param, condition in conditions.items()
        },
    )
    base = base.values(*value_columns.values(), *flag_columns.values()).order_by()
    sql, params = base.query.get_compiler(using=base.db).as_sql()
    connection = connections[base.db]
    build = _grouping_sets if connection.vendor == "postgresql" else _union_of_groups
    statement, statement_params = build(sql, list(params), value_columns, flag_columns)
    total, counts = 0, {param: {} for param in values}
    with connection.cursor() as cursor:
        cursor.execute(statement, statement_params)
        for param, value, count in cursor.fetchall():
            if param is None:
                total += count
            elif value is not None:
                counts[param][value] = counts[param].get(value, 0) + count
    return total, counts


def _sets(value_columns, flag_columns):
    """(facet param or None for the results, its value column or None, the flag columns it is counted under)."""
    for param, column in value_columns.items():
        yield param, column, [flag for other, flag in flag_columns.items() if other != param]
    yield None, None, list(flag_columns.values())


def _grouping_sets(sql, params, value_columns, flag_columns):
    flags = list(flag_columns.values())
    # GROUPING(c) is 0 in the sets grouped by c: each value column is in one set only, so it names the facet.
    which = " ".join(f'WHEN GROUPING("{c}") = 0 THEN %s' for c in value_columns.values())
    value = ", ".join(f'CAST("{c}" AS TEXT)' for c in value_columns.values())
    sets = ", ".join(
        "(" + ", ".join(f'"{c}"' for c in ([column] if column else []) + set_flags) + ")"
        for _, column, set_flags in _sets(value_columns, flag_columns)
    )
    # A flag outside a row's set reads NULL there: only the flags of the set must be 1.
    kept = " AND ".join(f'COALESCE("{c}", 1) = 1' for c in flags) or "TRUE"
    statement = (
        f"SELECT CASE {which} END, COALESCE({value}), COUNT(*) FROM ({sql}) AS base "  # noqa: S608
        f"GROUP BY GROUPING SETS ({sets}) HAVING {kept}"
    )
    return statement, list(value_columns) + params


def _union_of_groups(sql, params, value_columns, flag_columns):
    branches, branch_params = [], []
    for param, column, set_flags in _sets(value_columns, flag_columns):
        where = " AND ".join(f'"{c}" = 1' for c in set_flags) or "1 = 1"
        if column:
            branches.append(
                f'SELECT %s, CAST("{column}" AS TEXT), COUNT(*) FROM base WHERE {where} '  # noqa: S608
                f'GROUP BY "{column}"'
            )
            branch_params.append(param)
        else:
            branches.append(f"SELECT NULL, NULL, COUNT(*) FROM base WHERE {where}")  # noqa: S608
    return f"WITH base AS MATERIALIZED ({sql}) {' UNION ALL '.join(branches)}", params + branch_params
