"""The FORMACODE thesaurus file shipped with the code (a copy of the shared reference data, whose README describes
the columns). It feeds the ``FormacodeTerm`` table and the search synonyms."""

import csv
from pathlib import Path

FORMACODE_FILE = Path(__file__).resolve().parent / "data" / "formacode.csv"

# Column numbers of formacode.csv.
CODE, LABEL_UPPER, LABEL, KIND, SEMANTIC_FIELD, NON_PREFERRED = 0, 1, 2, 3, 4, 5
DEFINITION = 9
COLUMNS = 15


def read_formacode(path: Path = FORMACODE_FILE) -> list[list[str]]:
    """The thesaurus rows (UTF-8, ``;``-separated, no header); short rows are padded to every column."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [row + [""] * (COLUMNS - len(row)) for row in csv.reader(handle, delimiter=";") if row]


def non_preferred_terms(row: list[str]) -> list[str]:
    return [term.strip() for term in row[NON_PREFERRED].split("$") if term.strip()]


def kind(row: list[str]) -> str:
    """DOM (domain), PUB (target public)…: the first part of the kind cell ("OUT$MOD$RYT" gives OUT)."""
    return row[KIND].split("$")[0]
