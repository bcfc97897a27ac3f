"""The LHEO 2.3 export validates against the official schema, maps what LHEO carries, and follows the visibility
rule and the catalogue's filters."""

from io import BytesIO

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from lxml import etree
from rest_framework.test import APIClient

from mentor.exchange import lheo
from mentor.exchange.lheo_export import write
from mentor.offer.models import Training
from tests.factories import SessionFactory, TrainingFactory

pytestmark = pytest.mark.django_db
NS = {"l": lheo.NS_23}
EXPORT = reverse("api:export-lheo")


def parse(content: bytes):
    return etree.parse(BytesIO(content))


def formation(document, number):
    return document.xpath("//l:formation[@numero=$n]", namespaces=NS, n=number)[0]


def text(element, path):
    return element.xpath(f"string({path})", namespaces=NS)


def test_the_export_of_a_rich_offer_validates_against_the_lheo_23_schema(
    offer, lheo_schema, django_user_model
):
    output = BytesIO()
    write(Training.objects.filter(status="published").order_by("pk"), django_user_model(), output)
    document = parse(output.getvalue())
    lheo_schema.assertValid(document)
    assert document.getroot().tag == f"{{{lheo.NS_23}}}lheo"

    rich = formation(document, "PRJ-42")
    assert text(rich, "l:intitule-formation") == offer.rich.title
    assert text(rich, "l:objectif-formation") == offer.rich.description
    assert text(rich, "l:resultats-attendus") == offer.rich.learning_outcomes
    assert text(rich, "l:certifiante") == "1"
    assert rich.xpath("l:domaine-formation/l:code-FORMACODE/text()", namespaces=NS) == ["13041", "31054"]
    assert text(rich, "l:action/l:modalites-enseignement") == "1"
    assert text(rich, "l:action/l:url-action/l:urlweb") == offer.rich.delivery_url
    sessions = rich.xpath("l:action/l:session", namespaces=NS)
    assert [s.get("numero") for s in sessions] == ["S-1", f"mentor-session-{offer.closed_session.pk}"]
    assert text(sessions[0], "l:periode/l:debut") == offer.open_session.starts_at.strftime("%Y%m%d")
    assert text(sessions[0], "l:adresse-inscription/l:adresse/l:ville") == "Paris"
    assert text(sessions[0], "l:etat-recrutement") == "1"
    responsible = rich.xpath("l:organisme-formation-responsable", namespaces=NS)[0]
    # The directorate has no SIRET of its own: its ministry's.
    assert text(responsible, "l:SIRET-organisme-formation/l:SIRET") == "11000201100044"
    assert text(responsible, "l:numero-activite") == "11755555575"
    assert text(responsible, "l:nom-organisme") == "Direction générale des finances publiques"
    extras = {e.get("info"): e.text for e in rich.xpath("l:extras[@info='mentor']/l:extra", namespaces=NS)}
    assert extras["collection"] == "numerique"
    assert extras["portee"] == "transverse"
    assert extras["objectif-cible"] == "Ouvrir les données publiques"
    assert "label-valable-jusqu-au" in extras

    # A permanent e-learning without a session still has a valid action and session.
    permanent = formation(document, f"mentor-{offer.permanent.pk}")
    session = permanent.xpath("l:action/l:session", namespaces=NS)
    assert len(session) == 1
    assert text(session[0], "l:periode/l:debut") == lheo.PERMANENT_START
    assert text(permanent, "l:action/l:modalites-entrees-sorties") == "1"


def test_the_api_export_is_the_visible_offer_with_the_catalogue_filters(offer, lheo_schema):
    response = APIClient().get(EXPORT)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    assert response.streaming
    document = parse(b"".join(response.streaming_content))
    lheo_schema.assertValid(document)
    numbers = set(document.xpath("//l:formation/@numero", namespaces=NS))
    # Anonymous: the published cross-government offer, not the ministry-specific training.
    assert numbers == {"PRJ-42", f"mentor-{offer.permanent.pk}", f"mentor-{offer.always_open.pk}"}
    filtered = parse(b"".join(APIClient().get(EXPORT, {"modality": "e_learning"}).streaming_content))
    assert filtered.xpath("//l:formation/@numero", namespaces=NS) == [f"mentor-{offer.permanent.pk}"]


def test_modified_since_gives_the_trainings_changed_since(offer):
    Training.objects.filter(pk=offer.rich.pk).update(updated_at="2030-01-02T00:00:00Z")
    body = b"".join(APIClient().get(EXPORT, {"modified_since": "2030-01-01T00:00:00Z"}).streaming_content)
    assert parse(body).xpath("//l:formation/@numero", namespaces=NS) == ["PRJ-42"]
    # Any ISO 8601 offset, even one PostgreSQL would refuse, reads as the same moment in UTC.
    far = APIClient().get(EXPORT, {"modified_since": "2029-12-31T09:00:00+18:22"})
    assert parse(b"".join(far.streaming_content)).xpath("//l:formation/@numero", namespaces=NS) == ["PRJ-42"]
    bad = APIClient().get(EXPORT, {"modified_since": "hier"})
    assert bad.status_code == 400
    assert bad.json()["errors"]["modified_since"][0]["message"] == (
        "Indiquez une date et une heure au format ISO 8601, par exemple 2026-12-01T00:00:00+01:00."
    )


def test_the_command_writes_the_file_with_a_progress_bar(offer, lheo_schema, tmp_path, capsys):
    target = tmp_path / "offre.xml"
    call_command("export_lheo", "--output", str(target))
    lheo_schema.assertValid(etree.parse(str(target)))
    err = capsys.readouterr()
    assert "3 formations exportées" in err.out


def test_texts_come_back_exactly_whatever_their_characters(offer):
    # A formation is assembled as text: what XML would otherwise read differently must be escaped (a carriage
    # return would become a line feed, a quote would end an attribute).
    tricky = "Ligne 1\r\nLigne 2 <b>&amp; « guillemets » \"doubles\" et 'simples'\tfin"
    Training.objects.filter(pk=offer.rich.pk).update(
        description=tricky, keywords=tricky, external_id='PRJ-"42"&<1>'
    )
    output = BytesIO()
    write(Training.objects.filter(pk=offer.rich.pk), AnonymousUser(), output)
    rich = formation(parse(output.getvalue()), 'PRJ-"42"&<1>')
    assert text(rich, "l:objectif-formation") == tricky
    assert rich.xpath("l:extras/l:extra[@info='mots-cles']/text()", namespaces=NS) == [tricky]
    assert rich.xpath("l:action/@numero", namespaces=NS) == ['PRJ-"42"&<1>']


def test_the_export_reads_a_constant_number_of_queries_whatever_the_offer(offer, django_assert_num_queries):
    def export():
        output = BytesIO()
        write(Training.objects.filter(status="published").order_by("pk"), AnonymousUser(), output)
        return output.getvalue().count(b"<formation ")

    with CaptureQueriesContext(connection) as few:
        assert export() == 4
    for n in range(5):
        more = TrainingFactory(collection=offer.collection, owner=offer.owner, title=f"Encore {n}")
        more.covered_objectives.set(offer.rich.covered_objectives.all())
        more.formacode_terms.set(offer.rich.formacode_terms.all())
        SessionFactory.create_batch(2, training=more)
    with django_assert_num_queries(len(few.captured_queries)):
        assert export() == 9
