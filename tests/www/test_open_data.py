"""The open-data page and its data.json: the public offer's exports, licence, update time and schema."""

import pytest
from django.urls import reverse

from tests.factories import TrainingFactory

pytestmark = pytest.mark.django_db


def test_the_page_lists_the_public_exports_with_their_licence(client, offer):
    response = client.get(reverse("www:open_data"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Licence Ouverte / Open Licence version 2.0 (Etalab)" in html
    assert "http://testserver/api/v1/exports/lheo.xml" in html
    assert "http://testserver/api/v1/trainings/?format=csv" in html
    assert "http://testserver/api/v1/schema/" in html
    # Anonymously visible: three published cross-government trainings.
    assert "3 formations publiées ; dernière mise à jour le " in html


def test_data_json_describes_the_dataset_for_harvesters(client, offer):
    body = client.get(reverse("www:open_data_catalog")).json()
    dataset = body["dataset"][0]
    assert body["conformsTo"] == "https://project-open-data.cio.gov/v1.1/schema"
    assert dataset["license"] == "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
    assert dataset["modified"] is not None
    assert [d["mediaType"] for d in dataset["distribution"]] == [
        "application/xml",
        "text/csv",
        "application/json",
    ]
    assert dataset["distribution"][0]["conformsTo"] == "http://lheo.gouv.fr/2.3"


@pytest.mark.parametrize("extra", [0, 20])
def test_the_page_has_a_fixed_number_of_queries(client, django_assert_num_queries, extra):
    for _ in range(extra):
        TrainingFactory()
    with django_assert_num_queries(1):
        assert client.get(reverse("www:open_data")).status_code == 200
