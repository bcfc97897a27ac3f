"""The search-engine reference line: the searches of the mix run by an embedded search engine, tantivy, over the
same trainings, as the figure a team that had picked a search engine instead of the database would get.

The engine gets what a real deployment would give it: every training as one document, its texts stemmed as the
SQLite engine stems them (``core.text.stemmed_text``, so the two indexes hold the same terms) and, as fast fields,
everything the visibility rule and the facets read. The query is the catalogue's own (``search_index.parse``: the
same FORMACODE synonyms, prefixes and corrections), translated group by group; the visibility rule is
``Training.objects.visible_to``'s; the facets are counted as ``catalogue.counting`` defines them (each over the
documents meeting every OTHER facet's selection). Counts and facets are checked against the API's.

``python -m bench.engine_reference`` prints the figures for the database of ``DATABASE_URL``, and leaves it as it
was.
"""

import argparse
import os
import resource
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import django

# Documents' fields read by the visibility rule and the facets: stored as fast fields, indexed for term filters.
NUMBERS = ("owner_ministry_id", "adopted_ministries", "collection_id", "collection_parent_id", "owner_id")
NUMBERS += ("reserved_to", "newest")
WORDS = ("status", "scope", "modality", "duration")
FLAGS = ("open_to_all", "labelled")
# bm25 weights of the columns and the title bonus, as the SQLite engine ranks (core.search.sqlite).
FIELD_WEIGHTS = {"title": 10.0, "summary": 3.0, "body": 1.0}
TITLE_BONUS = 1000.0
PAGE_SIZE = 20
# Buckets asked of a terms aggregation, more than there are organisations: every owner is counted, so that the 30
# shown are exactly the catalogue's.
TERMS_SIZE = 1_000_000
WRITER_HEAP = 200_000_000
# One indexing thread: the machine's other core serves the database and the measures.
WRITER_THREADS = 1


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        kb = next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
    return kb / 1024


@dataclass
class EngineIndex:
    index: object
    schema: object
    directory: tempfile.TemporaryDirectory
    build_s: float
    threads: int
    documents: int
    disk_bytes: int
    rss_growth_mb: float

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        self.directory.cleanup()

    def figures(self) -> dict:
        return {
            "build_s": self.build_s,
            "threads": self.threads,
            "documents": self.documents,
            "disk_bytes": self.disk_bytes,
            "rss_growth_mb": self.rss_growth_mb,
        }


def _schema():
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field("id", stored=True, indexed=True, fast=True)
    # The texts are stemmed already, words of [a-z0-9] separated by spaces.
    for field in FIELD_WEIGHTS:
        builder.add_text_field(field, tokenizer_name="whitespace", index_option="freq")
    builder.add_text_field("title_shown", stored=True, tokenizer_name="raw", index_option="basic")
    for field in NUMBERS:
        builder.add_unsigned_field(field, indexed=True, fast=True)
    for field in WORDS:
        builder.add_text_field(field, tokenizer_name="raw", fast=True, index_option="basic")
    for field in FLAGS:
        builder.add_boolean_field(field, indexed=True, fast=True)
    return builder.build()


def _documents():
    """Each training as the fields of its document (a dict), read in a few set-based queries."""
    from django.db.models import F

    from mentor.core.text import stemmed_text
    from mentor.editorial.models import Label
    from mentor.offer.catalogue.builtin_facets import DURATION_BANDS
    from mentor.offer.enums import OpenTo, SessionStatus
    from mentor.offer.models import Adoption, Collection, Session, Training

    collections = {c.pk: c for c in Collection.objects.only("pk", "name", "parent_id")}
    covered: dict[int, list[str]] = {}
    objectives: dict[int, list[str]] = {}
    through = Training.covered_objectives.through.objects.values_list(
        "training_id", "objective__text", "objective__thematic_offer__title"
    )
    for training_id, text, theme in through.iterator(chunk_size=20_000):
        objectives.setdefault(training_id, []).append(text)
        covered.setdefault(training_id, []).append(theme or "")
    adopted: dict[int, set[int]] = {}
    for training_id, ministry_id in Adoption.objects.values_list("training_id", "organisation__ministry_id"):
        if ministry_id is not None:
            adopted.setdefault(training_id, set()).add(ministry_id)
    # The organisations whose agents (and those of the organisations below) see an open session reserved to some
    # organisations: the organiser of a session open to its own agents, the listed ones of a session open to a
    # list (Session.objects.reserved_to).
    reserved: dict[int, set[int]] = {}
    open_sessions = Session.objects.filter(status=SessionStatus.REGISTRATION_OPEN)
    for training_id, organiser_id in open_sessions.filter(open_to=OpenTo.OWNER).values_list(
        "training_id", "organiser_id"
    ):
        reserved.setdefault(training_id, set()).add(organiser_id)
    listed = Session.open_to_organisations.through.objects.filter(
        session__in=open_sessions.filter(open_to=OpenTo.LIST)
    ).values_list("session__training_id", "organisation_id")
    for training_id, organisation_id in listed.iterator(chunk_size=20_000):
        reserved.setdefault(training_id, set()).add(organisation_id)
    labelled = set(Label.objects.valid().values_list("training_id", flat=True))
    # The newest order (-published_at, -pk) as one number: tantivy sorts by one fast field.
    newest = {
        pk: rank
        for rank, pk in enumerate(
            Training.objects.order_by(F("published_at").asc(nulls_first=True), "pk").values_list(
                "pk", flat=True
            )
        )
    }
    rows = Training.objects.values_list(
        "pk",
        "title",
        "teaser",
        "keywords",
        "description",
        "learning_outcomes",
        "collection_id",
        "status",
        "scope",
        "owner_ministry_id",
        "modality",
        "duration_on_site_hours",
        "duration_remote_hours",
        "owner_id",
        "registration_open_to_all",
    )
    for row in rows.order_by("pk").iterator(chunk_size=2_000):
        pk, title, teaser, keywords, description, outcomes, collection_id, *rest = row
        status, scope, ministry_id, modality, on_site, remote, owner_id, open_to_all = rest
        collection = collections[collection_id]
        parent = collections.get(collection.parent_id)
        hours = (on_site or 0) + (remote or 0)
        yield {
            "id": pk,
            "title": stemmed_text(title),
            # The same parts as search_index.TRAINING_INDEX's summary and body.
            "summary": stemmed_text(
                " ".join(
                    [teaser, keywords, collection.name, parent.name if parent else "", *covered.get(pk, [])]
                )
            ),
            "body": stemmed_text(" ".join([description, outcomes, *objectives.get(pk, [])])),
            "title_shown": title,
            "owner_ministry_id": [ministry_id] if ministry_id else [],
            "adopted_ministries": sorted(adopted.get(pk, ())),
            "collection_id": [collection_id],
            "collection_parent_id": [collection.parent_id] if collection.parent_id else [],
            "owner_id": [owner_id],
            "reserved_to": sorted(reserved.get(pk, ())),
            "newest": [newest[pk]],
            "status": status,
            "scope": scope,
            "modality": modality,
            # The first band whose upper bound is above the total names it (DurationFacet).
            "duration": next(
                (value for value, _, _, high in DURATION_BANDS if high is not None and hours < high),
                DURATION_BANDS[-1][0],
            ),
            "open_to_all": open_to_all,
            "labelled": pk in labelled,
        }


def build_index(threads: int = WRITER_THREADS) -> EngineIndex:
    """Every training indexed in a temporary directory (deleted with the returned object)."""
    import tantivy

    before = rss_mb()
    started = time.perf_counter()
    schema = _schema()
    directory = tempfile.TemporaryDirectory(prefix="mentor-tantivy-")
    index = tantivy.Index(schema, path=directory.name)
    writer = index.writer(heap_size=WRITER_HEAP, num_threads=threads)
    documents = 0
    for fields in _documents():
        document = tantivy.Document()
        document.add_unsigned("id", fields["id"])
        for name in (*FIELD_WEIGHTS, "title_shown"):
            document.add_text(name, fields[name])
        for name in NUMBERS:
            for value in fields[name]:
                document.add_unsigned(name, value)
        for name in WORDS:
            document.add_text(name, fields[name])
        for name in FLAGS:
            document.add_boolean(name, fields[name])
        writer.add_document(document)
        documents += 1
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    build_s = time.perf_counter() - started
    disk = sum(f.stat().st_size for f in Path(directory.name).rglob("*") if f.is_file())
    return EngineIndex(index, schema, directory, build_s, threads, documents, disk, rss_mb() - before)


class Searcher:
    """The catalogue's search (``catalogue.search._search``) asked of the engine, as seen by one user."""

    def __init__(self, engine_index: EngineIndex):
        self.index = engine_index.index
        self.schema = engine_index.schema

    # Queries --------------------------------------------------------------------------------------------------

    def _term(self, field, value):
        import tantivy

        return tantivy.Query.term_query(self.schema, field, value)

    def _any(self, field, values):
        import tantivy

        return tantivy.Query.term_set_query(self.schema, field, list(values))

    def _bool(self, occur, queries):
        import tantivy

        return tantivy.Query.boolean_query([(occur, q) for q in queries])

    def text_query(self, query, fields):
        """``query`` (a ``SearchQuery``) over ``fields``: AND of groups, OR of alternatives, AND of words; a word
        matched as a prefix is a regular expression on its stem, as FTS5's ``"stem"*``."""
        import tantivy

        from mentor.core.text import stem

        def word(w):
            s = stem(w)
            per_field = [
                tantivy.Query.boost_query(
                    tantivy.Query.regex_query(self.schema, f, f"{s}.*")
                    if w in query.prefixes
                    else self._term(f, s),
                    FIELD_WEIGHTS[f],
                )
                for f in fields
            ]
            return per_field[0] if len(per_field) == 1 else self._bool(tantivy.Occur.Should, per_field)

        return self._bool(
            tantivy.Occur.Must,
            [
                self._bool(
                    tantivy.Occur.Should,
                    [self._bool(tantivy.Occur.Must, [word(w) for w in phrase]) for phrase in group],
                )
                for group in query.groups
            ],
        )

    def visible(self, ministry_id):
        """``Training.objects.visible_to``: published, and transverse or of the user's ministry (owned or
        adopted there)."""
        import tantivy

        shown = self._term("scope", "transverse")
        if ministry_id is not None:
            shown = self._bool(
                tantivy.Occur.Should,
                [
                    shown,
                    self._term("owner_ministry_id", ministry_id),
                    self._term("adopted_ministries", ministry_id),
                ],
            )
        return self._bool(tantivy.Occur.Must, [self._term("status", "published"), shown])

    def selections(self, filters, line):
        """Selected facet param -> the query of the documents meeting that selection (OR within the facet);
        ``filters`` as ``resolved`` gives them."""
        import tantivy

        chosen = {}
        for param, values in filters.items():
            if param == "collection":
                # in_collections: the collection chosen or its parent.
                chosen[param] = self._bool(
                    tantivy.Occur.Should,
                    [self._any("collection_id", values), self._any("collection_parent_id", values)],
                )
            elif param == "owner":
                chosen[param] = self._any("owner_id", values)
            elif param in ("modality", "duration", "scope"):
                chosen[param] = self._any(param, values)
            elif param == "open_registration":
                # OpenRegistrationFacet: a session open to all, or one reserved to the user's line.
                open_to_all = self._term("open_to_all", True)
                chosen[param] = (
                    self._bool(tantivy.Occur.Should, [open_to_all, self._any("reserved_to", line)])
                    if line
                    else open_to_all
                )
            elif param == "label":
                chosen[param] = self._term("labelled", True)
            else:
                raise ValueError(f"facette inconnue du moteur de référence : {param}")
        return chosen

    # The search -----------------------------------------------------------------------------------------------

    def prepared(self, user, params):
        """What a search depends on besides the engine's work, resolved before it is timed: the cleaned query, the
        text parsed by the catalogue (its corrections read our engine's vocabulary), the selected collections and
        owners as ids, the user's ministry and line (an application would hold these few maps and its user's
        session in memory)."""
        from mentor.offer import search_index
        from mentor.offer.catalogue.query import CatalogueQuery
        from mentor.offer.models import Collection
        from mentor.offer.models.training import ministry_id_of
        from mentor.organisations.models import Organisation

        query = CatalogueQuery.from_params(params)
        filters = dict(query.filters)
        if "collection" in filters:
            filters["collection"] = list(
                Collection.objects.filter(slug__in=filters["collection"]).values_list("pk", flat=True)
            )
        if "owner" in filters:
            filters["owner"] = list(
                Organisation.objects.filter(code__in=filters["owner"]).values_list("pk", flat=True)
            )
        line = user.entity.ancestor_ids if user.is_authenticated and user.entity_id else []
        text = search_index.parse(query.q, exact=query.exact)
        return query, text, filters, ministry_id_of(user), line

    def search(self, prepared) -> dict:
        """The count, the ids of the page (by relevance, title matches first, or newest first) and every facet's
        counts (param -> value as text -> count), as ``catalogue.counting`` counts them.

        The facets with values are counted by tantivy's terms aggregations (the Python binding has them): one
        aggregation request for the unselected facets, one per selected facet over the documents meeting the
        other selections. The yes/no facets (open registration, label) depend on the user, so they are counts of
        a search each."""
        import tantivy

        query, text, filters, ministry_id, line = prepared
        searcher = self.index.searcher()
        base = [self._const(self.visible(ministry_id))]
        if text:
            base.append(self.text_query(text, tuple(FIELD_WEIGHTS)))
        chosen = self.selections(filters, line)
        everything = base + [self._const(q) for q in chosen.values()]
        if text:
            # Title matches first (the SQLite engine's TITLE_BONUS), then bm25.
            title = tantivy.Query.const_score_query(self.text_query(text, ("title",)), TITLE_BONUS)
            scored = self._bool_mixed(everything, [title])
        else:
            scored = self._bool(tantivy.Occur.Must, everything)
        if query.ordering == "next_session":
            raise ValueError(
                "le moteur de référence ne trie pas par prochaine session (le mélange n'en a pas)"
            )
        order = {"order_by_field": "newest"} if not text or query.ordering != "relevance" else {}
        # The count and the page asked for in one search; again for the last page when that one is past it
        # (Paginator.get_page).
        result = searcher.search(scored, PAGE_SIZE, True, offset=(query.page - 1) * PAGE_SIZE, **order)
        count, hits = result.count, result.hits
        last = max(1, -(-count // PAGE_SIZE))
        if query.page > last:
            hits = searcher.search(scored, PAGE_SIZE, False, offset=(last - 1) * PAGE_SIZE, **order).hits
        page = [searcher.doc(address).get_first("id") for _, address in hits]
        counts = {}
        terms = {"collection": "collection_id", "modality": "modality", "duration": "duration"}
        terms |= {"owner": "owner_id", "scope": "scope"}
        unselected = {param: field for param, field in terms.items() if param not in chosen}
        if unselected:
            counts |= self._terms(searcher, self._bool(tantivy.Occur.Must, everything), unselected)
        for param, field in terms.items():
            if param in chosen:
                others = base + [self._const(q) for p, q in chosen.items() if p != param]
                counts |= self._terms(searcher, self._bool(tantivy.Occur.Must, others), {param: field})
        for param in ("open_registration", "label"):
            condition = self.selections({param: ["1"]}, line)[param]
            others = (
                base + [self._const(q) for p, q in chosen.items() if p != param] + [self._const(condition)]
            )
            n = searcher.search(self._bool(tantivy.Occur.Must, others), limit=1, count=True).count
            counts[param] = {"1": n} if n else {}
        return {"count": count, "page": page, "counts": counts}

    def _const(self, query):
        """A filter: it decides what matches, never the score."""
        import tantivy

        return tantivy.Query.const_score_query(query, 0.0)

    def _bool_mixed(self, must, should):
        import tantivy

        return tantivy.Query.boolean_query(
            [(tantivy.Occur.Must, q) for q in must] + [(tantivy.Occur.Should, q) for q in should]
        )

    def _terms(self, searcher, query, fields) -> dict[str, dict[str, int]]:
        aggregations = {
            param: {"terms": {"field": field, "size": TERMS_SIZE}} for param, field in fields.items()
        }
        result = searcher.aggregate(query, aggregations)
        return {
            param: {_key(bucket["key"]): bucket["doc_count"] for bucket in result[param]["buckets"]}
            for param in fields
        }


def _key(key) -> str:
    # Numeric keys come back as floats.
    return str(int(key)) if isinstance(key, float) else str(key)


def facet_values(counts, query) -> dict[str, list[tuple[str, int]]]:
    """The facets as the API shows them (value, count), from the engine's counts, through the catalogue's own
    facet definitions (which also read the labels of collections and owners)."""
    from mentor.offer.catalogue.facets import facet_definitions

    return {
        d.param: [
            (v.value, v.count) for v in d.values(counts.get(d.param, {}), query.filters.get(d.param, []))
        ]
        for d in facet_definitions()
    }


def mismatches(case, persona, found, prepared, api_body) -> list[str]:
    """What the engine found that differs from the API's response: the count, then each facet's values."""
    problems = []
    if found["count"] != api_body.get("count"):
        problems.append(f"{case} / {persona} : tantivy {found['count']}, API {api_body.get('count')}")
    ours = {
        param: [(v["value"], v["count"]) for v in values]
        for param, values in api_body.get("facets", {}).items()
    }
    theirs = facet_values(found["counts"], prepared[0])
    for param in sorted(set(ours) | set(theirs)):
        if ours.get(param) != theirs.get(param):
            different = sorted(set(ours.get(param, [])) ^ set(theirs.get(param, [])))[:6]
            problems.append(f"{case} / {persona} : facette {param} diffère ({different})")
    return problems


def main():
    """Figures for the current DATABASE_URL: the index, then each case × persona, tantivy next to the API with its
    cache off, checked against it."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--budget", type=float, default=2.0, help="seconds per case and persona")
    parser.add_argument("--threads", type=int, default=WRITER_THREADS, help="threads of tantivy's writer")
    args = parser.parse_args()
    # The anonymous persona calls the API far more often than the rate a visitor is allowed (429 past it).
    os.environ.setdefault("API_RATE_ANONYMOUS", "1000000/min")
    django.setup()
    from django.db import transaction

    with build_index(args.threads) as engine_index, transaction.atomic():
        compare(engine_index, args.repeat, args.budget)
        # Logging the personas in wrote their sessions: a shared database is left as it was.
        transaction.set_rollback(True)


def compare(engine_index, repeat, budget):
    from urllib.parse import urlencode

    from django.test import Client
    from django.test.utils import override_settings

    from .measure import checked_get, percentile, timed
    from .mix import CASES, as_params, personas

    print(
        f"index tantivy : {engine_index.documents} documents en {engine_index.build_s:.1f} s, "
        f"{engine_index.disk_bytes / 1e6:.1f} Mo sur disque, RSS +{engine_index.rss_growth_mb:.0f} Mo "
        f"(max du processus {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} Mo)"
    )
    searcher = Searcher(engine_index)
    users = personas()
    problems, ratios, all_engine, all_api = [], [], [], []
    print(f"{'cas':34} {'profil':16} {'n':>6} {'tantivy p50/p95':>16} {'API froide p50/p95':>19} {'×':>6}")
    clients = {}
    for persona, user in users.items():
        clients[persona] = Client(HTTP_HOST="127.0.0.1")
        if user.is_authenticated:
            clients[persona].force_login(user)
    for case, params in CASES.items():
        for persona, user in users.items():
            client = clients[persona]
            path = f"/api/v1/trainings/?{urlencode(as_params(params))}"
            prepared = searcher.prepared(user, dict(params))
            found, engine = timed(lambda p=prepared: searcher.search(p), repeat, budget)
            with override_settings(CATALOGUE_CACHE_SECONDS=0):
                response, api = timed(checked_get(client, path), repeat, budget)
            problems += mismatches(case, persona, found, prepared, response.json())
            e50, a50 = percentile(engine, 50), percentile(api, 50)
            ratios.append(a50 / e50)
            all_engine += engine
            all_api += api
            print(
                f"{case:34} {persona:16} {found['count']:>6} "
                f"{e50:7.1f}/{percentile(engine, 95):6.1f} ms {a50:8.1f}/{percentile(api, 95):6.1f} ms "
                f"{a50 / e50:5.1f}×"
            )
    print(
        f"ensemble : tantivy p50 {percentile(all_engine, 50):.1f} ms, p95 {percentile(all_engine, 95):.1f} ms ; "
        f"API froide p50 {percentile(all_api, 50):.1f} ms, p95 {percentile(all_api, 95):.1f} ms ; "
        f"API froide / tantivy, médiane des cas : {statistics.median(ratios):.1f}× "
        f"(base {os.environ.get('DATABASE_URL', 'par défaut')})"
    )
    print("\n".join(problems) or "comptes et facettes identiques à ceux de l'API")


if __name__ == "__main__":
    main()
