"""The production engine: PostgreSQL full-text search with the ``mentor_french`` configuration (French Snowball
stemming after ``unaccent``, created by a migration of ``core``). Near-misses are corrected before the search
(``prepare``): ``pg_trgm`` finds the indexed words close to a typo in the table ``<index>_vocab``, the vocabulary of
the index, so that the search itself is the tsquery alone, answered by the GIN index of the documents."""

from django.db import transaction
from django.db.models.expressions import RawSQL

from .index import SearchIndex, joined_sql, texts_sql
from .near_miss import closest, correctable_words, with_corrections
from .query import SearchQuery

CONFIGURATION = "mentor_french"
# PostgreSQL's function that joins the texts of related rows.
AGGREGATE = "string_agg"
# The vocabulary keeps only the lexemes a query may hold (``tsquery_text`` takes words of [a-z0-9] only): a host
# name or a path, also lexemes, could otherwise come back as a correction and break the tsquery syntax.
QUERYABLE_LEXEME = "~ '^[a-z0-9]+$'"
# Indexed words fetched by trigram similarity for one typo, before the scoring of ``near_miss.closest``.
NEAR_MISS_CANDIDATES = 50
# Added to the relevance of a row whose title matches, so that title matches always come first.
TITLE_BONUS = 1000


class PostgresEngine:
    vendor = "postgresql"

    def __init__(self, connection):
        self.connection = connection

    def prepare(self, index: SearchIndex, query: SearchQuery) -> SearchQuery:
        """``query`` with, for each typed word whose lexeme no document holds (nor, for a word matched as a prefix,
        the beginning of a lexeme), the closest indexed words as alternatives: candidates found by the trigram
        index of the vocabulary, like the word or its lexeme, then scored as on every engine
        (``near_miss.closest``). One statement for all the typed words."""
        typed = correctable_words(query)
        if not typed:
            return query
        vocabulary = f"{index.table}_vocab"
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"SELECT typed.word, typed.lexeme, near.word, near.stands_alone "
                f"FROM (SELECT w AS word, p AS prefix, "
                f"unnest(tsvector_to_array(to_tsvector('{CONFIGURATION}', w))) AS lexeme "
                f"FROM unnest(%s::text[], %s::boolean[]) AS t(w, p)) AS typed "
                f"CROSS JOIN LATERAL (SELECT v.word, "
                f"tsvector_to_array(to_tsvector('{CONFIGURATION}', v.word)) = ARRAY[v.word] AS stands_alone "
                f"FROM {vocabulary} v WHERE v.word %% typed.word OR v.word %% typed.lexeme "
                f"ORDER BY greatest(similarity(v.word, typed.word), similarity(v.word, typed.lexeme)) DESC "
                f"LIMIT {NEAR_MISS_CANDIDATES}) AS near "
                f"WHERE NOT EXISTS (SELECT 1 FROM {vocabulary} WHERE word = typed.lexeme "
                f"OR (typed.prefix AND starts_with(word, typed.lexeme)))",
                [typed, [word in query.prefixes for word in typed]],
            )
            rows = cursor.fetchall()
        candidates: dict[tuple[str, str], list[str]] = {}
        # A lexeme stands for itself only when to_tsquery, which stems every word again, leaves it unchanged.
        stands_alone = set()
        for word, lexeme, term, alone in rows:
            candidates.setdefault((word, lexeme), []).append(term)
            if alone:
                stands_alone.add(term)
        corrections = {
            word: [t for t in closest(word, lexeme, terms) if t in stands_alone]
            for (word, lexeme), terms in candidates.items()
        }
        return with_corrections(query, corrections)

    def tsquery_text(self, query: SearchQuery, weight: str = "") -> str:
        """to_tsquery syntax built from words made of [a-z0-9] only, so the user's text can never make it
        invalid; PostgreSQL stems each word with the same configuration as the documents. With ``weight`` (a
        letter), each word matches only the parts of the documents of that weight. A word matched as a prefix gets
        ``:*`` (the beginning of its lexeme)."""

        def term(word):
            marks = ("*" if word in query.prefixes else "") + weight
            return f"{word}:{marks}" if marks else word

        return " & ".join(
            "(" + " | ".join("(" + " & ".join(term(w) for w in phrase) + ")" for phrase in group) + ")"
            for group in query.groups
        )

    def matching_ids(self, index: SearchIndex, query: SearchQuery) -> RawSQL:
        return RawSQL(
            f"SELECT id FROM {index.table} WHERE document @@ to_tsquery('{CONFIGURATION}', %s)",
            [self.tsquery_text(query)],
        )

    def rank(self, index: SearchIndex, query: SearchQuery, outer_pk: str) -> RawSQL:
        """Relevance of the outer row (higher is better): title matches first, then ts_rank. The title match is a
        query restricted to weight A (the title's), read in place: filtering the document first would copy it
        for every row ranked, six times slower on a common word."""
        return RawSQL(
            f"(SELECT {TITLE_BONUS} * (document @@ to_tsquery('{CONFIGURATION}', %s))::int + ts_rank(document, q) "
            f"FROM {index.table}, to_tsquery('{CONFIGURATION}', %s) AS q WHERE id = {outer_pk})",
            [self.tsquery_text(query, weight="A"), self.tsquery_text(query)],
        )

    def index_rows(self, index: SearchIndex, ids) -> None:
        ids = list(ids)
        if ids:
            with self.connection.cursor() as cursor:
                cursor.execute(
                    f"{self._insert_sql(index)} WHERE id = ANY(%s) "
                    "ON CONFLICT (id) DO UPDATE SET document = EXCLUDED.document",
                    [ids],
                )
                # Lexemes are added, never removed (here or in ``remove_rows``): one that no document holds any more
                # only yields a near-miss candidate that matches nothing, and ``rebuild`` clears them.
                cursor.execute(
                    f"INSERT INTO {index.table}_vocab (word) SELECT DISTINCT lexeme "
                    f"FROM {index.table}, unnest(tsvector_to_array(document)) AS lexeme "
                    f"WHERE id = ANY(%s) AND lexeme {QUERYABLE_LEXEME} ON CONFLICT DO NOTHING",
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
            cursor.execute(f"TRUNCATE {index.table}_vocab")
            cursor.execute(
                f"INSERT INTO {index.table}_vocab (word) SELECT word "
                f"FROM ts_stat('SELECT document FROM {index.table}') WHERE word {QUERYABLE_LEXEME}"
            )
            cursor.execute(f"ANALYZE {index.table}")
            cursor.execute(f"ANALYZE {index.table}_vocab")
            cursor.execute(f"SELECT COUNT(*) FROM {index.table}")
            return cursor.fetchone()[0]

    def texts(self, index: SearchIndex, ids=None) -> list[tuple]:
        """(id, title, summary, body) of the rows ``ids`` (every row when None), as written."""
        sql = texts_sql(index, AGGREGATE)
        with self.connection.cursor() as cursor:
            if ids is None:
                cursor.execute(sql)
            else:
                cursor.execute(f"{sql} WHERE id = ANY(%s)", [list(ids)])
            return cursor.fetchall()

    def _insert_sql(self, index: SearchIndex) -> str:
        def vector(parts, weight):
            # PostgreSQL's parser reads "data.gouv.fr" or "a/b" as one host or file token, while a query is split
            # into words (core/search/query.py): split the documents the same way, or such a title never matches.
            text = f"regexp_replace({joined_sql(parts, AGGREGATE)}, '[./@]', ' ', 'g')"
            return f"setweight(to_tsvector('{CONFIGURATION}', {text}), '{weight}')"

        return (
            f"INSERT INTO {index.table} (id, document) "
            f"SELECT id, {vector([index.title], 'A')} || {vector(index.summary, 'B')} || {vector(index.body, 'C')} "
            f"FROM {index.source_table}"
        )
