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
