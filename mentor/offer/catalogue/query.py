from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from .facets import facet_definitions

MAX_QUERY_LENGTH = 200
ORDERINGS = ("relevance", "newest", "next_session")
DEFAULT_ORDERING = "relevance"
# Beyond this many values in one parameter the request is not a person's: the rest is dropped.
MAX_VALUES_PER_FACET = 50
MAX_PAGE = 1_000_000_000


@dataclass
class CatalogueQuery:
    """What the user asked the catalogue: the same object serves the pages, the links they build and the API."""

    q: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)  # facet query parameter -> selected values
    ordering: str = DEFAULT_ORDERING
    page: int = 1
    exact: bool = False  # the words as typed, typos not corrected

    @classmethod
    def from_params(cls, params) -> "CatalogueQuery":
        """From a QueryDict or a mapping. Never raises: unknown parameters and values are dropped, ``q`` is
        stripped and cut to 200 characters, a page that is not a positive number becomes 1, ``exact`` is set by
        ``exact=1`` only."""
        filters = {}
        for definition in facet_definitions():
            raw = [v.strip() for v in _values(params, definition.param)[:MAX_VALUES_PER_FACET] if v.strip()]
            values = definition.clean(raw) if raw else []
            if values:
                filters[definition.param] = values
        q = " ".join((_first(params, "q") or "").split())[:MAX_QUERY_LENGTH].strip()
        ordering = _first(params, "ordering")
        page = _first(params, "page") or ""
        return cls(
            q=q,
            filters=filters,
            ordering=ordering if ordering in ORDERINGS else DEFAULT_ORDERING,
            page=_page_number(page),
            exact=_first(params, "exact") == "1",
        )

    def to_querystring(self, **changes) -> str:
        """The query string of this query with ``changes`` (q, filters, ordering, page) applied; defaults left out."""
        query = replace(self, **changes)
        pairs = [("q", query.q)] if query.q else []
        if query.exact:
            pairs.append(("exact", "1"))
        for definition in facet_definitions():
            pairs += [(definition.param, value) for value in query.filters.get(definition.param, [])]
        if query.ordering != DEFAULT_ORDERING:
            pairs.append(("ordering", query.ordering))
        if query.page != 1:
            pairs.append(("page", str(query.page)))
        return urlencode(pairs)

    def toggled(self, param: str, value: str) -> "CatalogueQuery":
        """The same query with ``value`` of facet ``param`` added or removed, back on page 1."""
        selected = list(self.filters.get(param, []))
        if value in selected:
            selected.remove(value)
        else:
            selected.append(value)
        filters = {p: v for p, v in self.filters.items() if p != param}
        if selected:
            filters[param] = selected
        return replace(self, filters=filters, page=1)


def _page_number(text: str) -> int:
    """A positive page number, or 1. Very long numbers are capped (never parsed whole): past the last page
    anyway, they give the last page."""
    if not (text.isascii() and text.isdigit()):
        return 1
    return max(1, min(int(text[:10]), MAX_PAGE))


def _values(params, name) -> list[str]:
    if hasattr(params, "getlist"):
        values = params.getlist(name)
    else:
        value = params.get(name)
        values = value if isinstance(value, list | tuple) else [value]
    # A NUL character is no one's filter, and PostgreSQL refuses it in a text parameter.
    return [
        str(v)
        for v in values
        if isinstance(v, str | int) and not isinstance(v, bool) and "\x00" not in str(v)
    ]


def _first(params, name) -> str | None:
    values = _values(params, name)
    return values[0] if values else None
