"""The catalogue's results as CSV: BOM, ";", the active filters, the visibility rule, every result (streamed)."""

import csv
import io

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tests.factories import TrainingFactory

pytestmark = pytest.mark.django_db
LIST = reverse("api:training-list")


def read(response):
    assert response.streaming
    body = b"".join(response.streaming_content)
    assert body.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))


def test_the_csv_has_every_visible_result_with_the_active_filters(offer):
    for n in range(25):
        TrainingFactory(
            title=f"Autre formation {n}", collection=offer.collection, owner=offer.owner, modality="classroom"
        )
    response = APIClient().get(LIST, {"format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="offre-mentor.csv"'
    lines = read(response)
    assert lines[0] == [
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
    # Anonymous: the 28 cross-government trainings (more than a page), not the ministry-specific one.
    assert len(lines) == 1 + 28
    titles = {line[0] for line in lines[1:]}
    assert offer.metier.title not in titles
    assert offer.rich.title in titles
    rich = next(line for line in lines if line[0] == offer.rich.title)
    assert rich[1:6] == [
        "Numérique",
        "Interministérielle (transverse)",
        "Direction générale des finances publiques",
        "Hybride",
        "10,75",
    ]
    assert rich[6].startswith("Oui, jusqu'au ")
    assert rich[7] != ""
    filtered = read(APIClient().get(LIST, {"format": "csv", "modality": "e_learning"}))
    assert [line[0] for line in filtered[1:]] == [offer.permanent.title]


def test_the_csv_has_no_pages(offer):
    response = APIClient().get(LIST, {"format": "csv", "page_size": "0"})
    assert response.status_code == 200  # the CSV has no pages: page_size does not apply
    assert read(response)[0][0] == "Intitulé"
