"""The floor: each search of the mix as one hand-written SQL statement run straight on the database.

It returns what the catalogue returns (the count, one page in the requested order, every facet's counts with the
facet's own selection left out), under the same visibility rule, with the search engine's own match expression.
End-to-end time divided by this time is the cost of everything that is not the database's necessary work.
"""

from django.db import connection
from django.utils import timezone

from mentor.core.search import engine
from mentor.offer import search_index
from mentor.offer.catalogue.builtin_facets import DURATION_BANDS
from mentor.offer.models import Collection
from mentor.organisations.models import Organisation

PAGE_SIZE = 20


def _visible(user, params):
    ministry_id = user.entity.ministry_id if user.is_authenticated and user.entity_id else None
    if ministry_id is None:
        return "t.status = 'published' AND t.scope = 'transverse'"
    params += [ministry_id, ministry_id]
    return (
        "t.status = 'published' AND (t.scope = 'transverse' OR t.owner_ministry_id = %s OR EXISTS ("
        "SELECT 1 FROM offer_adoption a JOIN organisations_organisation o ON o.id = a.organisation_id "
        "WHERE a.training_id = t.id AND o.ministry_id = %s))"
    )


def _open_session(user, params):
    """A visible session of the row's training open to registration (Session.objects.visible_to), with the
    training's flag for the sessions open to all."""
    if not (user.is_authenticated and user.entity_id):
        return "t.registration_open_to_all"
    line = user.entity.ancestor_ids
    marks = ", ".join(["%s"] * len(line))
    params += line + line
    return (
        "(t.registration_open_to_all OR EXISTS (SELECT 1 FROM offer_session s WHERE s.training_id = t.id "
        "AND s.status = 'registration_open' "
        f"AND ((s.open_to = 'owner' AND s.organiser_id IN ({marks})) "
        "OR (s.open_to = 'list' AND EXISTS (SELECT 1 FROM offer_session_open_to_organisations l "
        f"WHERE l.session_id = s.id AND l.organisation_id IN ({marks}))))))"
    )


def _band(low, high):
    parts = ([f"hours >= {low}"] if low is not None else []) + (
        [f"hours < {high}"] if high is not None else []
    )
    return " AND ".join(parts)


def _in(column, values, params):
    params += list(values)
    return f"{column} IN ({', '.join(['%s'] * len(values)) or 'NULL'})"


def _filters(case):
    """Facet param -> (SQL over the base rows, params), for the facets the case selects."""
    filters = {}
    if "collection" in case:
        ids = list(
            Collection.objects.filter(slug__in=case["collection"]).values_list("pk", flat=True)
        ) + list(Collection.objects.filter(parent__slug__in=case["collection"]).values_list("pk", flat=True))
        params = []
        filters["collection"] = (_in("collection_id", ids, params), params)
    if "modality" in case:
        params = []
        filters["modality"] = (_in("modality", case["modality"], params), params)
    if "duration" in case:
        bands = [
            f"({_band(low, high)})" for value, _, low, high in DURATION_BANDS if value in case["duration"]
        ]
        filters["duration"] = (" OR ".join(bands), [])
    if "owner" in case:
        params = []
        ids = list(Organisation.objects.filter(code__in=case["owner"]).values_list("pk", flat=True))
        filters["owner"] = (_in("owner_id", ids, params), params)
    if "scope" in case:
        params = []
        filters["scope"] = (_in("scope", case["scope"], params), params)
    if "open_registration" in case:
        filters["open_registration"] = ("open_reg = 1", [])
    if "label" in case:
        filters["label"] = ("labelled = 1", [])
    return filters


def _where(filters, leaving_out=None):
    chosen = [(sql, p) for name, (sql, p) in filters.items() if name != leaving_out]
    sql = " AND ".join(f"({s})" for s, _ in chosen) or "1 = 1"
    return sql, [x for _, p in chosen for x in p]


def floor_statement(user, case) -> tuple[str, list]:
    """One statement giving the count, the page and every facet's counts of ``case`` as seen by ``user``."""
    # With the engine's own corrections of typed words, as the catalogue searches.
    text = search_index.parse(case.get("q", ""))
    text_params: list = []
    base_from, rank = "offer_training t", "0"
    if text:
        search = engine()
        if connection.vendor == "sqlite":
            # Matches first, once, with their bm25: joined the other way, SQLite runs one MATCH per training.
            text_params = [search.match_expression(text)]
            matches = (
                "SELECT rowid AS id, -bm25(offer_training_search, 10.0, 3.0, 1.0) AS rank "
                "FROM offer_training_search WHERE offer_training_search MATCH %s"
            )
            base_from = f"(SELECT * FROM ({matches}) LIMIT -1) m JOIN offer_training t ON t.id = m.id"
            match, rank = "1 = 1", "m.rank"
        else:
            text_params = [search.tsquery_text(text)]
            base_from = (
                "offer_training t JOIN offer_training_search x ON x.id = t.id, "
                "to_tsquery('mentor_french', %s) q"
            )
            match, rank = "x.document @@ q", "ts_rank(x.document, q)"
    open_params: list = []
    open_sql = _open_session(user, open_params)
    # editorial's facet: a label still valid today (Label.objects.valid()).
    open_sql += (
        " THEN 1 ELSE 0 END AS open_reg, CASE WHEN EXISTS (SELECT 1 FROM editorial_label l "
        "WHERE l.training_id = t.id AND l.valid_until >= %s)"
    )
    open_params.append(timezone.localdate())
    visible_params: list = []
    visible = _visible(user, visible_params)
    where = f"{match} AND {visible}" if text else visible
    # Placeholders in the order they appear: SELECT list, FROM, WHERE.
    params = open_params + text_params + visible_params
    base = (
        f"SELECT t.id, t.collection_id, t.modality, t.scope, t.owner_id, t.published_at, {rank} AS rank, "
        f"(t.duration_on_site_hours + t.duration_remote_hours) AS hours, "
        f"CASE WHEN {open_sql} THEN 1 ELSE 0 END AS labelled FROM {base_from} WHERE {where}"
    )
    filters = _filters(case)
    all_sql, all_params = _where(filters)
    page = int(case.get("page", ["1"])[0])
    order = "rank DESC, published_at DESC, id DESC" if text else "published_at DESC, id DESC"
    duration_case = (
        "CASE "
        + " ".join(f"WHEN {_band(low, high)} THEN '{value}'" for value, _, low, high in DURATION_BANDS)
        + " END"
    )
    parts = [
        (f"SELECT 'count', '', COUNT(*) FROM base WHERE {all_sql}", all_params),
        (
            f"SELECT 'page', CAST(id AS TEXT), 0 FROM (SELECT id FROM base WHERE {all_sql} "
            f"ORDER BY {order} LIMIT {PAGE_SIZE} OFFSET {(page - 1) * PAGE_SIZE}) p",
            all_params,
        ),
    ]
    for facet, column in (
        ("collection", "CAST(collection_id AS TEXT)"),
        ("modality", "modality"),
        ("duration", duration_case),
        ("scope", "scope"),
    ):
        sql, p = _where(filters, leaving_out=facet)
        parts.append((f"SELECT '{facet}', {column}, COUNT(*) FROM base WHERE {sql} GROUP BY 2", p))
    sql, p = _where(filters, leaving_out="owner")
    parts.append(
        (
            f"SELECT 'owner', v, n FROM (SELECT CAST(owner_id AS TEXT) AS v, COUNT(*) AS n FROM base "
            f"WHERE {sql} GROUP BY owner_id ORDER BY n DESC LIMIT 30) o",
            p,
        )
    )
    for facet, column in (("open_registration", "open_reg"), ("label", "labelled")):
        sql, p = _where(filters, leaving_out=facet)
        parts.append((f"SELECT '{facet}', '1', COUNT(*) FROM base WHERE {sql} AND {column} = 1", p))
    statement = f"WITH base AS MATERIALIZED ({base}) " + " UNION ALL ".join(s for s, _ in parts)
    return statement, params + [x for _, p in parts for x in p]
