"""The catalogue's resident index (``core.search.resident``): every published training as one tantivy document,
held by each process, that answers a search's count, page and facet counts in a few milliseconds whatever the
number of results.

A document holds the texts of ``search_index.TRAINING_INDEX`` (title, summary, body) stemmed as the SQLite engine
stems them, ranked by tantivy's bm25 with the SQLite engine's weights, title matches first, tied scores newest
first; who may see the training (``TrainingQuerySet.audiences``, the visibility rule read from the training's side);
the value of each facet (``FacetDefinition.indexed``); and the order of the newest first. Every facet is counted
over the trainings meeting every other facet's selection, as ``counting`` counts in SQL.

Every write that changes what a document holds is journalled in its transaction (``changed``: ``invalidation``
and ``search_index`` call it), so that each process re-reads those trainings before its next search.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from itertools import islice

from mentor.core.search import engine
from mentor.core.search import resident as core_resident
from mentor.core.search.query import SearchQuery
from mentor.core.text import stem, stemmed_text
from mentor.offer.enums import TrainingStatus
from mentor.offer.models import Training
from mentor.offer.models.training import audiences_of
from mentor.offer.search_index import TRAINING_INDEX

from .builtin_facets import RESERVED, OpenRegistrationFacet
from .facets import YesFacet, facet_definitions
from .query import CatalogueQuery

NAME = "catalogue"
# bm25 weights of the texts and the bonus of a title match, as the SQLite engine ranks (``core.search.sqlite``).
FIELD_WEIGHTS = {"title": 10.0, "summary": 3.0, "body": 1.0}
TITLE_BONUS = 1000.0
# Trainings read from the database at once while the index is built: their texts are long.
BATCH = 2_000
# Hits read by a search ordered by relevance: so many times the documents wanted, at least so many, to order those
# tied with the last one wanted (``_Search._ranked``).
TIES_READ, MIN_READ = 8, 1_000
# Queries of words matched as prefixes kept by each process, one per field and stem: the most asked, 15 MB or so.
PREFIX_QUERIES_KEPT = 150
# Facet values asked of a terms aggregation: more than any facet has (owners included), so every one is counted.
ALL_VALUES = 1_000_000
# "Newest first" as one number (tantivy orders by one field): the publication time in hundredths of a second since
# 2000, then the id (below 2**24); 64 bits until the year 2348. Two trainings published within the same hundredth
# of a second come newest id first, where SQL compares the microseconds.
ID_BITS = 24
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


def _schema():
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field("id", stored=True, indexed=True, fast=True)
    # Stemmed already: words of [a-z0-9] separated by spaces.
    for name in FIELD_WEIGHTS:
        builder.add_text_field(name, tokenizer_name="whitespace", index_option="freq")
    builder.add_text_field("audience", tokenizer_name="raw", index_option="basic")
    builder.add_unsigned_field("newest", fast=True)
    for definition in facet_definitions():
        builder.add_text_field(
            _facet_field(definition), tokenizer_name="raw", fast=True, index_option="basic"
        )
        if isinstance(definition, YesFacet):
            builder.add_text_field(
                _counted_field(definition), tokenizer_name="raw", fast=True, index_option="basic"
            )
    return builder.build()


def _facet_field(definition) -> str:
    return f"facet_{definition.param}"


def _counted_field(definition) -> str:
    """The field a facet's counts aggregate. A yes/no facet's "1" is copied alone into a field of its own: the
    open registration facet also holds, for the sessions reserved to some, the organisations they are open to,
    and a terms aggregation over those took 4 ms at 100,000 trainings where one over "1" alone takes under 1."""
    return f"yes_{definition.param}" if isinstance(definition, YesFacet) else _facet_field(definition)


def _documents(ids, using):
    """The documents of the published trainings among ``ids`` (all of them when None), read batch by batch."""
    import tantivy

    published = Training.objects.using(using).filter(status=TrainingStatus.PUBLISHED)
    wanted = published.order_by("pk").values_list("pk", flat=True) if ids is None else ids
    wanted = iter(list(wanted))
    while batch := list(islice(wanted, BATCH)):
        trainings = published.filter(pk__in=batch)
        audiences = trainings.audiences()
        facets = {d: d.indexed(trainings) for d in facet_definitions()}
        published_at = dict(trainings.values_list("pk", "published_at"))
        for pk, title, summary, body in engine(using).texts(TRAINING_INDEX, batch):
            if pk not in audiences:
                continue
            document = tantivy.Document()
            document.add_unsigned("id", pk)
            document.add_text("title", stemmed_text(title))
            document.add_text("summary", stemmed_text(summary))
            document.add_text("body", stemmed_text(body))
            for audience in audiences[pk]:
                document.add_text("audience", audience)
            hundredths = (published_at[pk] - EPOCH) // timedelta(milliseconds=10) if published_at[pk] else 0
            document.add_unsigned("newest", (max(hundredths, 0) << ID_BITS) | pk)
            for definition, values in facets.items():
                for value in values.get(pk, ()):
                    document.add_text(_facet_field(definition), value)
                if isinstance(definition, YesFacet) and "1" in values.get(pk, ()):
                    document.add_text(_counted_field(definition), "1")
            yield document


INDEX = core_resident.ResidentIndex(NAME, _schema, _documents)


@lru_cache(maxsize=PREFIX_QUERIES_KEPT)
def _prefix_query(field: str, start: str):
    """The terms of ``field`` that begin with ``start``: a query whose automaton takes a tenth of a search to build,
    for stems that come back from one search to the next (a query holds no document, but its automaton about
    100 KB)."""
    import tantivy

    return tantivy.Query.regex_query(INDEX.schema, field, f"{start}.*")


def changed(training_ids, using: str = "default") -> None:
    """What the index holds of these trainings (of every training when None) may have changed: journalled in the
    current transaction, re-read by each process before its next search."""
    core_resident.changed(NAME, None if training_ids is None else list(training_ids), using)


@dataclass(frozen=True)
class Searched:
    count: int
    page_number: int
    ids: list[int]  # of the page, in order
    counts: dict[str, dict[str, int]]  # facet param -> indexed value -> trainings
    # For a ministry's share: the trainings found that an agent's reserved open session could add to the open
    # registration count (``audience.reserved_open``), sorted.
    reserved_open: list[int]


def search(
    user, query: CatalogueQuery, text: SearchQuery, page_size: int, using: str = "default"
) -> Searched | None:
    """The trainings ``user`` may see that match ``text`` and the selections of ``query``: their number, the ids
    of the page (``Paginator.get_page``: the last one past the end), newest first or, with a text and the
    relevance ordering, title matches first then bm25 then newest; and every facet's counts. None while the process
    builds the index."""
    searcher = INDEX.searcher(using)
    return None if searcher is None else _Search(searcher, user, query, text).run(page_size)


class _Search:
    def __init__(self, searcher, user, query, text):
        self.searcher, self.user, self.query, self.text = searcher, user, query, text
        self.schema = INDEX.schema
        self._selections = {}
        self.base = [self._filter(self._any("audience", audiences_of(user)))]
        if text:
            self.base.append(self._text(FIELD_WEIGHTS))
        definitions = facet_definitions()
        self.definitions = {d.param: d for d in definitions}
        self.chosen = {
            d.param: self._filter(self._selection(d, query.filters[d.param]))
            for d in definitions
            if query.filters.get(d.param)
        }

    def run(self, page_size):
        import tantivy

        everything = self.base + list(self.chosen.values())
        relevance = bool(self.text) and self.query.ordering == "relevance"
        if relevance:
            title = tantivy.Query.const_score_query(self._text({"title": 1.0}), TITLE_BONUS)
            scored = tantivy.Query.boolean_query(
                [(tantivy.Occur.Must, q) for q in everything] + [(tantivy.Occur.Should, title)]
            )
            page = self._ranked
        else:
            scored = self._all(everything)
            page = self._newest
        # Never past the documents held: tantivy aborts the process on an offset it cannot add to.
        page_number = min(max(self.query.page, 1), self.searcher.num_docs // page_size + 1)
        count, ids = page(scored, (page_number - 1) * page_size, page_size)
        last = max(1, -(-count // page_size))
        if page_number > last:  # as Paginator.get_page: the last page
            page_number = last
            count, ids = page(scored, (last - 1) * page_size, page_size)
        return Searched(
            count=count,
            page_number=page_number,
            ids=ids,
            counts=self._counts(),
            reserved_open=self._reserved_open(everything)
            if getattr(self.user, "shared_ministry_id", None)
            else [],
        )

    def _newest(self, query, offset, limit) -> tuple[int, list[int]]:
        """The number of documents ``query`` matches and the ids of the ``limit`` from ``offset``, newest first."""
        import tantivy

        found = self.searcher.search(
            query, limit, True, offset=offset, order_by_field="newest", order=tantivy.Order.Desc
        )
        return found.count, self._ids([address for _, address in found.hits])

    def _ranked(self, query, offset, limit) -> tuple[int, list[int]]:
        """As ``_newest``, by score, tied scores newest first as the SQL search orders them. tantivy orders tied
        documents by where it holds them, which differs from one process to the next and moves with every write:
        a search whose words match as prefixes gives every training matched in the same fields the same score, and
        its pages would overlap when served by two workers. So that every document tied with those of the page is
        ordered, hits are read well past the page (as fast as the page alone: the time goes to going through the
        matches), and all of them in the rare case where the score of the last one wanted still goes on."""
        wanted = offset + limit
        # tantivy panics on a limit of 0.
        fetched = max(min(max(wanted * TIES_READ, MIN_READ), self.searcher.num_docs), 1)
        found = self.searcher.search(query, fetched, True)
        hits = found.hits
        if wanted <= len(hits) < found.count and hits[-1][0] == hits[wanted - 1][0]:
            hits = self.searcher.search(query, found.count, False).hits
        window = {score for score, _ in hits[offset:wanted]}
        first = next((i for i, (score, _) in enumerate(hits) if score in window), len(hits))
        tied = [(score, address) for score, address in hits[first:] if score in window]
        newest = self.searcher.fast_field_values("newest", [address for _, address in tied])
        ranked = sorted(zip(tied, newest, strict=True), key=lambda hit: (-hit[0][0], -hit[1]))
        return found.count, self._ids(
            [address for (_, address), _ in ranked[offset - first : wanted - first]]
        )

    def _counts(self):
        """Facet param -> indexed value -> number of trainings meeting every other facet's selection.

        The facets not selected are counted by one terms aggregation over the results, a yes/no facet among them
        when it means one indexed value for this user (its bucket "1"); each selected facet by an aggregation over
        the trainings meeting the other selections; a yes/no facet that means several values for this user (the
        sessions reserved to their line) by a count of its own."""
        counts = {}
        plain = {
            d.param
            for d in self.definitions.values()
            if isinstance(d, YesFacet) and self._selection_values(d, ["1"]) == ["1"]
        }
        bucketed = [d for d in self.definitions.values() if not isinstance(d, YesFacet) or d.param in plain]
        unselected = [d for d in bucketed if d.param not in self.chosen]
        if unselected:
            counts |= self._terms(self._all(self.base + list(self.chosen.values())), unselected)
        for definition in self.definitions.values():
            if definition.param not in self.chosen and definition in unselected:
                continue
            others = self._others(definition.param)
            if definition in bucketed:
                counts |= self._terms(self._all(others), [definition])
            else:
                n = self._count(self._all([*others, self._filter(self._selection(definition, ["1"]))]))
                counts[definition.param] = {"1": n}
        for definition in self.definitions.values():
            if isinstance(definition, YesFacet):
                n = counts.get(definition.param, {}).get("1", 0)
                counts[definition.param] = {"1": n} if n else {}
        return counts

    def _others(self, param):
        return self.base + [q for p, q in self.chosen.items() if p != param]

    def _terms(self, query, definitions):
        aggregations = {
            d.param: {"terms": {"field": _counted_field(d), "size": ALL_VALUES}} for d in definitions
        }
        result = self.searcher.aggregate(query, aggregations)
        return {
            d.param: {str(bucket["key"]): bucket["doc_count"] for bucket in result[d.param]["buckets"]}
            for d in definitions
        }

    def _reserved_open(self, everything):
        """``audience.reserved_open`` in the index: found, not open to all, with a session reserved to some."""
        import tantivy

        field = _facet_field(OpenRegistrationFacet)
        query = tantivy.Query.boolean_query(
            [(tantivy.Occur.Must, q) for q in everything]
            + [(tantivy.Occur.Must, self._filter(self._any(field, [RESERVED])))]
            + [(tantivy.Occur.MustNot, self._any(field, ["1"]))]
        )
        count = self._count(query)
        if not count:
            return []
        return sorted(self._ids([address for _, address in self.searcher.search(query, count, False).hits]))

    def _count(self, query) -> int:
        return self.searcher.search(query, 1, True).count

    def _ids(self, addresses) -> list[int]:
        return self.searcher.fast_field_values("id", addresses)

    # Queries ----------------------------------------------------------------------------------------------------

    def _selection(self, definition, values):
        return self._any(_facet_field(definition), self._selection_values(definition, values))

    def _selection_values(self, definition, values):
        """``indexed_selection``, asked once per facet and values: it may read the database."""
        key = (definition.param, tuple(values))
        if key not in self._selections:
            self._selections[key] = definition.indexed_selection(values, self.user)
        return self._selections[key]

    def _any(self, field, values):
        import tantivy

        if not values:
            return tantivy.Query.empty_query()
        return tantivy.Query.term_set_query(self.schema, field, list(values))

    def _filter(self, query):
        """A condition that decides what matches, never the score."""
        import tantivy

        return tantivy.Query.const_score_query(query, 0.0)

    def _all(self, queries):
        import tantivy

        return tantivy.Query.boolean_query([(tantivy.Occur.Must, q) for q in queries])

    def _text(self, weights):
        """The text over the fields of ``weights`` (field -> boost): AND of groups, OR of alternatives, AND of
        words; a word matched as a prefix matches every term that starts with its stem, as FTS5's ``"stem"*``."""
        import tantivy

        def word(w):
            s = stem(w)
            per_field = [
                tantivy.Query.boost_query(
                    _prefix_query(f, s)
                    if w in self.text.prefixes
                    else tantivy.Query.term_query(self.schema, f, s),
                    boost,
                )
                for f, boost in weights.items()
            ]
            return self._any_of(per_field)

        return self._all(
            [
                self._any_of([self._all([word(w) for w in phrase]) for phrase in group])
                for group in self.text.groups
            ]
        )

    def _any_of(self, queries):
        import tantivy

        if len(queries) == 1:
            return queries[0]
        return tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in queries])
