"""One search interface, two engines: SQLite FTS5 (the embedded default) and PostgreSQL full-text search.

An app describes what it indexes with a ``SearchIndex``, keeps it in step with ``engine().index_rows`` /
``remove_rows`` / ``rebuild``, and searches with ``parse_query``, ``engine().prepare`` (near-misses: a typed word
that no document holds gets the closest indexed words as alternatives, found in the index's vocabulary and scored
alike on both engines by ``near_miss``), then ``engine().matching_ids`` (a subquery of matching ids, for ``pk__in``,
a pure index lookup) and ``engine().rank`` (a relevance expression for ordering). The engine's tables (the index
and its vocabulary ``<table>_vocab``) are created by the app's migrations. ``register`` lists an index for
``manage.py rebuild_search_index``.
"""

from django.db import connections
from django.dispatch import Signal

from .index import RelatedText, SearchIndex
from .postgres import PostgresEngine
from .query import SearchQuery, parse_query
from .sqlite import Fts5Engine

ENGINES = {engine.vendor: engine for engine in (Fts5Engine, PostgresEngine)}
_registered: dict[str, SearchIndex] = {}
# Sent with ``index`` and ``using`` once an index is rebuilt: what was searched before may be found differently.
index_rebuilt = Signal()


def engine(using: str = "default") -> Fts5Engine | PostgresEngine:
    """The engine of the database ``using`` (chosen by its vendor)."""
    connection = connections[using]
    return ENGINES[connection.vendor](connection)


def rebuild(index: SearchIndex, batch_size: int = 10_000, using: str = "default") -> int:
    """Index every row of ``index`` again (see the engines' ``rebuild``); returns the rows indexed."""
    count = engine(using).rebuild(index, batch_size)
    index_rebuilt.send(sender=SearchIndex, index=index, using=using)
    return count


def register(index: SearchIndex) -> SearchIndex:
    """List ``index`` among those ``rebuild_search_index`` rebuilds (call it at import time of the app's module)."""
    _registered[index.table] = index
    return index


def registered_indexes() -> list[SearchIndex]:
    return list(_registered.values())


__all__ = [
    "RelatedText",
    "SearchIndex",
    "SearchQuery",
    "engine",
    "index_rebuilt",
    "parse_query",
    "rebuild",
    "register",
    "registered_indexes",
]
