"""The production engine: PostgreSQL full-text search with the ``mentor_french`` configuration (French Snowball
stemming after ``unaccent``, created by a migration of ``core``) and ``pg_trgm`` for near-misses in titles."""

from django.db import transaction
from django.db.models.expressions import RawSQL

from .index import SearchIndex
from .query import SearchQuery

CONFIGURATION = "mentor_french"
# Added to the relevance of a row whose title matches, so that title matches always come first.
TITLE_BONUS = 1000


class PostgresEngine:
    vendor = "postgresql"

    def __init__(self, connection):
        self.connection = connection

    def prepare(self, index: SearchIndex, query: SearchQuery) -> SearchQuery:
        """Nothing to add: near-misses are matched at query time by trigrams (see ``matching_ids``)."""
        return query

    def tsquery_text(self, query: SearchQuery) -> str:
        """to_tsquery syntax built from words made of [a-z0-9] only, so the user's text can never make it
        invalid; PostgreSQL stems each word with the same configuration as the documents."""
        return " & ".join(
            "(" + " | ".join("(" + " & ".join(phrase) + ")" for phrase in group) + ")"
            for group in query.groups
        )

    def matching_ids(self, index: SearchIndex, query: SearchQuery) -> RawSQL:
        # word_similarity (the <% operator, threshold pg_trgm.word_similarity_threshold) catches a typo in a title.
        return RawSQL(
            f"SELECT id FROM {index.table} "
            f"WHERE document @@ to_tsquery('{CONFIGURATION}', %s) OR %s <%% title",
            [self.tsquery_text(query), query.text],
        )

    def rank(self, index: SearchIndex, query: SearchQuery, outer_pk: str) -> RawSQL:
        """Relevance of the outer row (higher is better): title matches first, then ts_rank."""
        return RawSQL(
            f"(SELECT {TITLE_BONUS} * (ts_filter(document, '{{a}}') @@ q)::int + ts_rank(document, q) "
            f"FROM {index.table}, to_tsquery('{CONFIGURATION}', %s) AS q WHERE id = {outer_pk})",
            [self.tsquery_text(query)],
        )

    def index_rows(self, index: SearchIndex, ids) -> None:
        ids = list(ids)
        if ids:
            with self.connection.cursor() as cursor:
                cursor.execute(
                    f"{self._insert_sql(index)} WHERE id = ANY(%s) "
                    "ON CONFLICT (id) DO UPDATE SET document = EXCLUDED.document, title = EXCLUDED.title",
                    [ids],
                )

    def remove_rows(self, index: SearchIndex, ids) -> None:
        ids = list(ids)
        if ids:
            with self.connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {index.table} WHERE id = ANY(%s)", [ids])

    def rebuild(self, index: SearchIndex, batch_size: int) -> int:
        # One transaction: searches see the old index or the new one, never a half-built one.
        with transaction.atomic(using=self.connection.alias), self.connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {index.table}")
            cursor.execute(f"SELECT MIN(id), MAX(id) FROM {index.source_table}")
            low, high = cursor.fetchone()
            if low is not None:
                for start in range(low, high + 1, batch_size):
                    cursor.execute(
                        f"{self._insert_sql(index)} WHERE id >= %s AND id < %s", [start, start + batch_size]
                    )
            cursor.execute(f"ANALYZE {index.table}")
            cursor.execute(f"SELECT COUNT(*) FROM {index.table}")
            return cursor.fetchone()[0]

    def _insert_sql(self, index: SearchIndex) -> str:
        def vector(columns, weight):
            text = " || ' ' || ".join(f"COALESCE({c}, '')" for c in columns)
            return f"setweight(to_tsvector('{CONFIGURATION}', {text}), '{weight}')"

        return (
            f"INSERT INTO {index.table} (id, document, title) "
            f"SELECT id, {vector([index.title], 'A')} || {vector(index.summary, 'B')} || {vector(index.body, 'C')}, "
            f"lower(unaccent({index.title})) FROM {index.source_table}"
        )
