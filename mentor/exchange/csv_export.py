"""The catalogue's results as CSV, for spreadsheet software in French: UTF-8 with a byte order mark, ";" between
fields, decimal commas, one row per training. Streamed by chunks of trainings, so the whole visible offer can be
downloaded."""

import csv
from collections.abc import Iterator

from django.conf import settings
from django.http import StreamingHttpResponse
from django.utils import timezone

from mentor.editorial.labels import attach_valid_labels
from mentor.offer.catalogue import with_next_session

CHUNK = 500
HEADER = [
    "Intitulé",
    "Collection",
    "Portée",
    "Organisation productrice",
    "Modalité",
    "Durée (heures)",
    "Label Mentor",
    "Prochaine session",
    "Adresse",
]


class _Line:
    """What csv.writer writes to: the last line, to hand out."""

    def write(self, text):
        self.text = text


def rows(trainings, user) -> Iterator[list[str]]:
    chunk = []
    for training in with_next_session(trainings, user).iterator(chunk_size=CHUNK):
        chunk.append(training)
        if len(chunk) == CHUNK:
            yield from _rows(chunk)
            chunk = []
    yield from _rows(chunk)


def _rows(chunk):
    attach_valid_labels(chunk)
    for training in chunk:
        label = training.valid_label
        next_session = training.next_session_start
        yield [
            training.title,
            training.collection.name,
            training.get_scope_display(),
            training.owner.name,
            training.get_modality_display(),
            f"{training.total_duration_hours.normalize():f}".replace(".", ","),
            f"Oui, jusqu'au {label.valid_until.strftime('%d/%m/%Y')}" if label else "Non",
            timezone.localtime(next_session).strftime("%d/%m/%Y %H:%M") if next_session else "",
            settings.SITE_URL + training.get_absolute_url(),
        ]


def stream(trainings, user) -> Iterator[str]:
    """The CSV document of ``trainings`` (a queryset), line by line, byte order mark first."""
    line = _Line()
    writer = csv.writer(line, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    yield "\ufeff" + line.text
    for row in rows(trainings, user):
        writer.writerow(row)
        yield line.text


def csv_response(trainings, user) -> StreamingHttpResponse:
    response = StreamingHttpResponse(stream(trainings, user), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="offre-mentor.csv"'
    return response
