"""Every facet count and the number of results in one SQL query, reading the matching trainings once.

Each facet is counted over the trainings meeting every OTHER facet's selection, and the results are those meeting
all of them. The query reads the trainings the user may see that match the text, with one column per facet (the
row's value) and one flag per selected facet (1 when the row meets that selection), and groups them:

- the facets with few values together, by all their values and all the flags at once: a few thousand groups at
  most, which Python adds up into each facet's counts (keeping, for a facet, the groups whose other flags are all
  1) and into the number of results (the groups whose flags are all 1);
- each facet with many values (``FacetDefinition.many_values``) apart, by its value and the other flags.

Grouping by everything at once hashes each row once per set instead of once per facet. A row failing two
selections or more counts nowhere: it is left out before grouping. On PostgreSQL the sets are the ``GROUPING
SETS`` of one ``GROUP BY``; SQLite, which has none, reads a materialised common table expression once per set,
joined by ``UNION ALL``.
"""

from django.db import connections
from django.db.models import Case, IntegerField, Value, When

# Column names below are made here from counters; facet params always go as query parameters.


def facet_counts(
    queryset, values: dict, apart: set, conditions: dict
) -> tuple[int, dict[str, dict[str, int]]]:
    """``values``: facet param -> expression of a row's value (NULL when it has none); ``apart``: the params of
    the facets with many values; ``conditions``: selected facet param -> the condition (a ``Q`` or boolean
    expression) a row meets when it matches that selection.

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
    sets = _sets(value_columns, flag_columns, apart)
    connection = connections[base.db]
    build = _grouping_sets if connection.vendor == "postgresql" else _union_of_groups
    statement, statement_params = build(sql, list(params), value_columns, flag_columns, sets)
    with connection.cursor() as cursor:
        cursor.execute(statement, statement_params)
        rows = cursor.fetchall()
    return _add_up(rows, list(value_columns), list(flag_columns), sets)


def _sets(value_columns, flag_columns, apart):
    """Set name -> (the facets whose values it groups, the flags it groups): None names the shared set."""
    shared = [param for param in value_columns if param not in apart]
    sets = {None: (shared, list(flag_columns))}
    for param in value_columns:
        if param in apart:
            sets[param] = ([param], [other for other in flag_columns if other != param])
    return sets


def _quoted(columns):
    return [f'"{c}"' for c in columns]


def _left_out_sql(flag_columns):
    """A row failing two selections or more counts neither in the results nor in any facet."""
    if len(flag_columns) < 2:
        return "1 = 1"
    flags = " + ".join(_quoted(flag_columns.values()))
    return f"{flags} >= {len(flag_columns) - 1}"


def _grouping_sets(sql, params, value_columns, flag_columns, sets):
    apart = [param for param in sets if param is not None]
    # GROUPING(c) is 0 in the sets grouped by c: the value column of a facet apart names its set.
    which = ", ".join(f'GROUPING("{value_columns[param]}")' for param in apart) or "0"
    grouping_sets = ", ".join(
        "(" + ", ".join(_quoted([value_columns[p] for p in facets] + [flag_columns[p] for p in flags])) + ")"
        for facets, flags in sets.values()
    )
    columns = ", ".join(_quoted([*value_columns.values(), *flag_columns.values()]))
    statement = (
        f"SELECT ARRAY[{which}], {columns}, COUNT(*) FROM ({sql}) AS base "  # noqa: S608
        f"WHERE {_left_out_sql(flag_columns)} GROUP BY GROUPING SETS ({grouping_sets})"
    )
    return statement, params


def _union_of_groups(sql, params, value_columns, flag_columns, sets):
    branches, branch_params = [], []
    for name, (facets, flags) in sets.items():
        grouped = [value_columns[p] for p in facets] + [flag_columns[p] for p in flags]
        selected = ", ".join(
            f'"{c}"' if c in grouped else "NULL" for c in [*value_columns.values(), *flag_columns.values()]
        )
        branches.append(
            f"SELECT %s, {selected}, COUNT(*) FROM base WHERE {_left_out_sql(flag_columns)} "  # noqa: S608
            + ("GROUP BY " + ", ".join(_quoted(grouped)) if grouped else "")
        )
        branch_params.append(name or "")
    return f"WITH base AS MATERIALIZED ({sql}) {' UNION ALL '.join(branches)}", params + branch_params


def _add_up(rows, value_params, flag_params, sets):
    apart = [param for param in sets if param is not None]
    total, counts = 0, {param: {} for param in value_params}
    width = len(value_params)
    for row in rows:
        name = _set_name(row[0], apart)
        values = dict(zip(value_params, row[1 : 1 + width], strict=True))
        flags = dict(zip(flag_params, row[1 + width : -1], strict=True))
        count = row[-1]
        failed = {param for param, flag in flags.items() if flag == 0}
        if name is None and not failed:
            total += count
        for param in sets[name][0]:
            # A facet counts the rows meeting every selection but its own.
            value = values[param]
            if value is not None and not failed - {param}:
                key = str(value)
                counts[param][key] = counts[param].get(key, 0) + count
    return total, counts


def _set_name(which, apart):
    """The set of a row: from its GROUPING() list on PostgreSQL, its name (or "") on SQLite."""
    if isinstance(which, str):
        return which or None
    return next((param for param, grouped_out in zip(apart, which, strict=False) if grouped_out == 0), None)
