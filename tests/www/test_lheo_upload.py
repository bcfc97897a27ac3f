"""The LHEO upload page of Mentor teams: the same import as the command, with its report."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mentor.offer.enums import TrainingStatus
from mentor.offer.models import Training
from tests.exchange.conftest import SCHEMAS

pytestmark = pytest.mark.django_db
URL = reverse("www:exchange:import_lheo")


def sample():
    return SimpleUploadedFile("offre.xml", (SCHEMAS / "lheo-2.2-onisep-bts.xml").read_bytes(), "text/xml")


def test_only_mentor_teams_may_import(client, world):
    assert client.get(URL).status_code == 302
    client.force_login(world.designer)
    assert client.get(URL).status_code == 403
    client.force_login(world.team)
    assert client.get(URL).status_code == 200


def test_a_dry_run_then_an_import_with_their_report(client, world):
    client.force_login(world.team)
    dry = client.post(URL, {"organisation": world.ministry.pk, "file": sample(), "dry_run": "on"})
    assert dry.status_code == 200
    html = dry.content.decode()
    assert "1 formation lue : 1 créée, 0 mise à jour, 0 inchangée, 0 rejetée. Essai à blanc" in html
    assert "BTS négociation et relation client" in html
    assert not Training.objects.filter(owner=world.ministry).exists()
    done = client.post(URL, {"organisation": world.ministry.pk, "file": sample()})
    assert "1 formation lue : 1 créée" in done.content.decode()
    assert Training.objects.get(owner=world.ministry).status == TrainingStatus.DRAFT
    again = client.post(URL, {"organisation": world.ministry.pk, "file": sample()})
    assert "0 créée, 0 mise à jour, 1 inchangée" in again.content.decode()


def test_an_organisation_outside_the_team_and_a_hostile_file_are_refused(client, world):
    client.force_login(world.team)
    other = client.post(URL, {"organisation": world.other_ministry.pk, "file": sample()})
    assert "Sélectionnez un choix valide" in other.content.decode()
    hostile = SimpleUploadedFile(
        "offre.xml", b'<?xml version="1.0"?><!DOCTYPE lheo [<!ENTITY x SYSTEM "file:///etc/passwd">]><lheo/>'
    )
    refused = client.post(URL, {"organisation": world.ministry.pk, "file": hostile})
    assert "refusée par sécurité" in refused.content.decode()
    assert not Training.objects.exists()


@pytest.mark.parametrize("extra", [0, 5])
def test_the_page_has_a_fixed_number_of_queries(client, world, django_assert_num_queries, extra):
    for n in range(extra):
        world.user(f"equipe{n}@finances.gouv.fr", world.ministry, "mentor_team")
    client.force_login(world.team)
    with django_assert_num_queries(7):
        assert client.get(URL).status_code == 200
