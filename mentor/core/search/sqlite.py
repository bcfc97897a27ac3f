"""The embedded engine: SQLite FTS5. FTS5 has no French stemmer, so the text is stemmed in Python (``core.text``)
before it is indexed, and the query words are stemmed the same way before they are matched."""

from django.db import transaction
from django.db.models.expressions import RawSQL

from mentor.core.text import stem, stemmed_text

from .index import SearchIndex, joined_sql, texts_sql
from .near_miss import NEAR_MISS_PREFIX, closest, correctable_words, with_corrections
from .query import SearchQuery

# SQLite's function that joins the texts of related rows.
AGGREGATE = "group_concat"
# bm25 weights of the title, summary and body columns.
COLUMN_WEIGHTS = (10.0, 3.0, 1.0)
# Added to the relevance of a row whose title matches, so that title matches always come first.
TITLE_BONUS = 1000.0


class Fts5Engine:
    vendor = "sqlite"

    def __init__(self, connection):
        self.connection = connection

    def prepare(self, index: SearchIndex, query: SearchQuery) -> SearchQuery:
        """``query`` with, for each typed word that no document holds, the closest indexed words as alternatives
        (the table ``<index>_vocab``, an fts5vocab of the index, lists them)."""
        typed = {word: stem(word) for word in correctable_words(query)}
        if not typed:
            return query
        vocabulary = f"{index.table}_vocab"
        corrections = {}
        with self.connection.cursor() as cursor:
            # A word is known when a document holds its stem: a probe of the index, which stops at the first
            # document (the vocabulary counts every document of a term: 3 ms for a word of most trainings). Or, for
            # a word matched as a prefix, when a term starts with its stem: "{" sorts right after "z", so the range
            # from a stem to the stem followed by "{" holds every term starting with it. CASE tries them in turn.
            probes, params = [], []
            for word, typed_stem in typed.items():
                probe = f"WHEN EXISTS (SELECT 1 FROM {index.table} WHERE {index.table} MATCH %s) THEN 1"
                params.append(f'"{typed_stem}"')
                if word in query.prefixes:
                    probe += (
                        f" WHEN EXISTS (SELECT 1 FROM {vocabulary} WHERE term >= %s AND term < %s) THEN 1"
                    )
                    params += [typed_stem, typed_stem + "{"]
                probes.append(f"CASE {probe} ELSE 0 END")
            cursor.execute(f"SELECT {', '.join(probes)}", params)
            known = dict(zip(typed, cursor.fetchone(), strict=True))
            for word, typed_stem in typed.items():
                if known[word]:
                    continue
                prefix = typed_stem[:NEAR_MISS_PREFIX]
                cursor.execute(
                    f"SELECT term FROM {vocabulary} WHERE term >= %s AND term < %s", [prefix, prefix + "{"]
                )
                terms = [row[0] for row in cursor.fetchall()]
                # A stem stands for itself only when stemming it again changes nothing.
                corrections[word] = [t for t in closest(word, typed_stem, terms) if stem(t) == t]
        return with_corrections(query, corrections)

    def match_expression(self, query: SearchQuery) -> str:
        """FTS5 MATCH syntax built from quoted stems only, so the user's text can never make it invalid; a word
        matched as a prefix is followed by ``*``."""

        def term(word):
            return f'"{stem(word)}"' + ("*" if word in query.prefixes else "")

        return " AND ".join(
            "(" + " OR ".join("(" + " AND ".join(term(w) for w in phrase) + ")" for phrase in group) + ")"
            for group in query.groups
        )

    def matching_ids(self, index: SearchIndex, query: SearchQuery) -> RawSQL:
        return RawSQL(
            f"SELECT rowid FROM {index.table} WHERE {index.table} MATCH %s", [self.match_expression(query)]
        )

    def rank(self, index: SearchIndex, query: SearchQuery, outer_pk: str) -> RawSQL:
        """Relevance of the outer row (higher is better): title matches first, then bm25."""
        expression = self.match_expression(query)
        weights = ", ".join(str(w) for w in COLUMN_WEIGHTS)
        # The scores come from one uncorrelated subquery, which SQLite runs once and indexes by id (the LIMIT keeps
        # it from being merged into the outer row's): a MATCH per outer row would run the full-text query again
        # for every result.
        return RawSQL(
            f"(SELECT score FROM (SELECT rowid AS id, -bm25({index.table}, {weights}) AS score FROM {index.table} "
            f"WHERE {index.table} MATCH %s LIMIT -1) WHERE id = {outer_pk}) "
            f"+ {TITLE_BONUS} * ({outer_pk} IN (SELECT rowid FROM {index.table} WHERE {index.table} MATCH %s))",
            [expression, f"{{{index.title}}} : ({expression})"],
        )

    def index_rows(self, index: SearchIndex, ids) -> None:
        ids = list(ids)
        if not ids:
            return
        placeholders = ", ".join(["%s"] * len(ids))
        with self._cursor() as cursor:
            cursor.execute(f"DELETE FROM {index.table} WHERE rowid IN ({placeholders})", ids)
            cursor.execute(f"{self._insert_sql(index)} WHERE id IN ({placeholders})", ids)

    def remove_rows(self, index: SearchIndex, ids) -> None:
        ids = list(ids)
        if ids:
            placeholders = ", ".join(["%s"] * len(ids))
            with self.connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {index.table} WHERE rowid IN ({placeholders})", ids)

    def rebuild(self, index: SearchIndex, batch_size: int) -> int:
        # One transaction: searches see the old index or the new one, never a half-built one.
        with transaction.atomic(using=self.connection.alias), self._cursor() as cursor:
            cursor.execute(f"DELETE FROM {index.table}")
            cursor.execute(f"SELECT MIN(id), MAX(id) FROM {index.source_table}")
            low, high = cursor.fetchone()
            if low is not None:
                for start in range(low, high + 1, batch_size):
                    cursor.execute(
                        f"{self._insert_sql(index)} WHERE id >= %s AND id < %s", [start, start + batch_size]
                    )
            # Merges the b-trees written batch by batch, so that queries read one.
            cursor.execute(f"INSERT INTO {index.table}({index.table}) VALUES ('optimize')")
            cursor.execute(f"SELECT COUNT(*) FROM {index.table}")
            return cursor.fetchone()[0]

    def texts(self, index: SearchIndex, ids=None) -> list[tuple]:
        """(id, title, summary, body) of the rows ``ids`` (every row when None), as written."""
        sql = texts_sql(index, AGGREGATE)
        with self.connection.cursor() as cursor:
            if ids is None:
                cursor.execute(sql)
            else:
                ids = list(ids)
                cursor.execute(f"{sql} WHERE id IN ({', '.join(['%s'] * len(ids))})", ids)
            return cursor.fetchall()

    def _insert_sql(self, index: SearchIndex) -> str:
        def stems(parts):
            return f"mentor_stems({joined_sql(parts, AGGREGATE)})"

        return (
            f"INSERT INTO {index.table}(rowid, title, summary, body) "
            f"SELECT id, mentor_stems({index.title}), {stems(index.summary)}, {stems(index.body)} "
            f"FROM {index.source_table}"
        )

    def _cursor(self):
        """A cursor on a connection that knows ``mentor_stems``, so indexing stays one set-based statement."""
        self.connection.ensure_connection()
        self.connection.connection.create_function("mentor_stems", 1, stemmed_text, deterministic=True)
        return self.connection.cursor()
