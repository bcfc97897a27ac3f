"""Search indexes held in the memory of each process, by tantivy (the embedded Rust search engine), kept exact by
a journal of changes in the database.

Why: counting and ranking tens of thousands of matches, with the facet counts, takes a search engine's structures
(posting lists, per-value columns, top-k ranking) a few milliseconds where SQL takes hundreds (README,
"Performances"). Each process holds its own index in RAM: nothing is shared between processes or machines, so the
app servers stay stateless and the database remains the only truth.

How it stays exact: every write of an indexed row adds a line to the journal (``SearchChange``) in the writer's own
transaction (``changed``). Before each search, the process reads the lines after the last one it applied (one
indexed query, usually empty) and re-reads those rows. A line without a row means that anything may have changed:
the index is built again. PostgreSQL hands out ids when a line is inserted, not when it commits, so a line may
become visible after one with a higher id: an id skipped is asked for again until it shows up or ``GAP`` has
passed. An index is also built again when its last catch-up is older than ``REBUILD_AFTER`` (the journal is
pruned after ``KEEP_CHANGES``, see ``core.tasks``), and on a new day, since its documents may hold what depends on
the date (a label valid until yesterday).

Building takes seconds for a large offer (a minute at 100,000 trainings on a loaded machine): a web process builds
in a thread of its own, and meanwhile ``searcher`` answers None so that the caller searches the database, exact
too. The tests build inline (``RESIDENT_INDEX_BUILD``).
"""

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db import connections
from django.db.models import Max, Q
from django.utils import timezone

from mentor.core.models import SearchChange

GAP = timedelta(minutes=10)
REBUILD_AFTER = timedelta(hours=12)
KEEP_CHANGES = timedelta(days=1)
# More rows changed at once than this: building the index again costs no more than re-reading them.
MAX_PATCH = 5_000
# The writer's memory: tantivy's minimum for one thread is 3 MB; a few rows at a time need no more.
WRITER_HEAP = 15_000_000


@dataclass
class _Held:
    index: object
    writer: object
    applied: int  # the highest journal id applied
    gaps: dict[int, float] = field(default_factory=dict)  # ids not seen yet -> when first missed (monotonic)
    caught_up: float = field(default_factory=time.monotonic)
    day: date = field(default_factory=timezone.localdate)


class ResidentIndex:
    """One index, held by each process. ``schema()`` builds its tantivy schema; ``documents(ids, using)`` yields
    the tantivy documents of the rows ``ids`` that the index holds (of every row when ``ids`` is None), read from
    the database ``using``; each has the row's id in the unsigned field ``id``."""

    def __init__(self, name: str, schema: Callable[[], object], documents: Callable[..., Iterable]):
        self.name = name
        self._make_schema = schema
        self._documents = documents
        self._schema = None
        self._held: dict[str, _Held] = {}
        self._building: set[str] = set()  # databases whose index a thread is building
        # Threaded servers (runserver, gunicorn's threads) search from several threads at once.
        self._lock = threading.Lock()

    @property
    def schema(self):
        if self._schema is None:
            self._schema = self._make_schema()
        return self._schema

    def searcher(self, using: str = "default"):
        """A tantivy searcher over the index as the database ``using`` stands now; None while this process builds
        it in the background (``RESIDENT_INDEX_BUILD = "background"``): the caller searches the database."""
        with self._lock:
            held = self._held.get(using)
            if held is not None:
                age = timedelta(seconds=time.monotonic() - held.caught_up)
                if age > REBUILD_AFTER or held.day != timezone.localdate() or not self._catch_up(held, using):
                    del self._held[using]
                    held = None
            if held is not None:
                return held.index.searcher()
            if settings.RESIDENT_INDEX_BUILD != "background":
                held = self._held[using] = self._build(using)
                return held.index.searcher()
            if using not in self._building:
                self._building.add(using)
                threading.Thread(target=self._build_in_background, args=(using,), daemon=True).start()
            return None

    def forget(self) -> None:
        """Drop what this process holds: the next search builds the index again."""
        with self._lock:
            self._held.clear()

    def _build_in_background(self, using: str) -> None:
        try:
            held = self._build(using)
            with self._lock:
                self._held[using] = held
        finally:
            with self._lock:
                self._building.discard(using)
            # The thread's own connection: requests never use it.
            connections[using].close()

    def _build(self, using: str) -> _Held:
        import tantivy

        # The journal is read before the rows: a change committed meanwhile is applied again at the next search.
        journal = SearchChange.objects.using(using)
        applied = journal.aggregate(last=Max("id"))["last"] or 0
        recent = set(journal.filter(at__gte=timezone.now() - GAP).values_list("id", flat=True))
        index = tantivy.Index(self.schema)
        writer = index.writer(WRITER_HEAP, 1)
        for document in self._documents(None, using):
            writer.add_document(document)
        writer.commit()
        index.reload()
        now = time.monotonic()
        gaps = {n: now for n in range(min(recent, default=applied + 1), applied + 1) if n not in recent}
        return _Held(index, writer, applied, gaps)

    def _catch_up(self, held: _Held, using: str) -> bool:
        """Apply the journal's new lines to ``held``; False when the index must be built again instead."""
        now = time.monotonic()
        held.gaps = {n: since for n, since in held.gaps.items() if now - since < GAP.total_seconds()}
        lines = list(
            SearchChange.objects.using(using)
            .filter(Q(id__gt=held.applied) | Q(id__in=list(held.gaps)))
            .values_list("id", "index", "row_id")
        )
        seen = {n for n, _, _ in lines}
        last = max(seen, default=held.applied)
        for n in range(held.applied + 1, last):
            if n not in seen:
                held.gaps[n] = now
        for n in seen:
            held.gaps.pop(n, None)
        held.applied = max(last, held.applied)
        held.caught_up = now
        rows = {row for _, index, row in lines if index == self.name}
        if None in rows or len(rows) > MAX_PATCH:
            return False
        if rows:
            import tantivy

            # By a query: tantivy-py turns a Python int into a signed term, which an unsigned field never holds.
            held.writer.delete_documents_by_query(
                tantivy.Query.term_set_query(self.schema, "id", sorted(rows))
            )
            for document in self._documents(sorted(rows), using):
                held.writer.add_document(document)
            held.writer.commit()
            held.index.reload()
        return True


def changed(name: str, row_ids, using: str = "default") -> None:
    """Journal a change of the rows ``row_ids`` of the index ``name``, in the current transaction (None among
    them, or ``row_ids`` None: every row)."""
    ids = None if row_ids is None else set(row_ids)
    ids = [None] if ids is None or None in ids else sorted(ids)
    if ids:
        SearchChange.objects.using(using).bulk_create(SearchChange(index=name, row_id=n) for n in ids)
