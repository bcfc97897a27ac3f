from dataclasses import dataclass


@dataclass(frozen=True)
class RelatedText:
    """Text of the rows related to an indexed row, joined by spaces: ``expression`` (SQL) read ``FROM`` and
    ``WHERE`` as ``source`` says, correlated with the indexed row by ``<source_table>.id`` or its columns. Each
    engine aggregates it with its own function."""

    expression: str
    source: str  # "FROM … WHERE …"


@dataclass(frozen=True)
class SearchIndex:
    """A full-text index over the rows of one table, with three weights: the title ranks first, then the summary
    parts, then the body parts. A part is a column of ``source_table`` or a ``RelatedText``. Each engine builds and
    queries its own table named ``table``."""

    table: str
    source_table: str
    title: str
    summary: tuple[str | RelatedText, ...]
    body: tuple[str | RelatedText, ...]


def joined_sql(parts, aggregate: str) -> str:
    """The parts (columns of the source table or ``RelatedText``) as one SQL text, separated by spaces; the related
    rows joined by the engine's ``aggregate`` function (``group_concat``, ``string_agg``), empty text for none."""

    def text(part):
        if isinstance(part, RelatedText):
            return f"COALESCE((SELECT {aggregate}({part.expression}, ' ') {part.source}), '')"
        return f"COALESCE({part}, '')"

    return " || ' ' || ".join(text(p) for p in parts)


def texts_sql(index: SearchIndex, aggregate: str) -> str:
    """Select (id, title, summary, body) of the rows of ``index``, as written: what the index holds once stemmed.
    The caller adds its ``WHERE`` on ``id``."""
    return (
        f"SELECT id, {joined_sql([index.title], aggregate)}, {joined_sql(index.summary, aggregate)}, "
        f"{joined_sql(index.body, aggregate)} FROM {index.source_table}"
    )
