from dataclasses import dataclass


@dataclass(frozen=True)
class SearchIndex:
    """A full-text index over the rows of one table, with three weights: the title ranks first, then the summary
    columns, then the body columns. Each engine builds and queries its own table named ``table``."""

    table: str
    source_table: str
    title: str
    summary: tuple[str, ...]
    body: tuple[str, ...]
