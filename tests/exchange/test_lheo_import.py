"""LHEO import: the real ONISEP 2.2 sample, our own 2.3 export round-tripped without loss, idempotence, record by
record with line numbers, dry runs, sanitised HTML, and every kind of hostile XML refused."""

from io import BytesIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from mentor.editorial.models import TransitionLog
from mentor.exchange import lheo_import
from mentor.exchange.lheo_export import write
from mentor.offer.enums import Modality, TrainingStatus
from mentor.offer.models import Session, Training
from tests.exchange.conftest import SCHEMAS
from tests.factories import CollectionFactory, OrganisationFactory

pytestmark = pytest.mark.django_db
ONISEP = SCHEMAS / "lheo-2.2-onisep-bts.xml"


@pytest.fixture
def school(db):
    CollectionFactory(name="Management", slug="management")
    return OrganisationFactory(code="LYCEE", name="Lycée Kerneuzec")


def test_the_real_onisep_22_sample_is_imported_as_a_sanitised_draft(school):
    report = lheo_import.import_lheo(ONISEP.read_bytes(), school)
    assert report.version == "2.2"
    assert report.counts == {"created": 1, "updated": 0, "unchanged": 0, "rejected": 0}
    training = Training.objects.get(owner=school)
    assert training.external_id == "9436_18706"
    assert training.status == TrainingStatus.DRAFT
    assert training.title == "BTS négociation et relation client"
    assert training.leads_to_certification
    assert training.modality == Modality.CLASSROOM
    assert training.delivery_url == "https://lyceedekerneuzec.fr"
    # The HTML of the sample is turned into text: no tag left, the words and the list items kept.
    assert "<" not in training.learning_outcomes
    assert training.learning_outcomes.startswith("Les objectifs :\nCe BTS forme des managers de la vente")
    assert "- Gestion de clientèles ( 5 heures hebdomadaire" in training.content_outline
    session = Session.objects.get(training=training)
    assert (session.external_id, session.is_permanent) == ("9436_18706", False)
    assert timezone.localtime(session.starts_at).date().isoformat() == "2015-09-01"
    assert session.place == "Lycée Kerneuzec, Kerneuzec, 29391 QUIMPERLÉ"


def test_a_second_import_of_the_same_file_changes_nothing(school, django_capture_on_commit_callbacks):
    lheo_import.import_lheo(ONISEP.read_bytes(), school)
    training = Training.objects.get()
    before = (training.history.count(), TransitionLog.objects.count(), training.updated_at)
    report = lheo_import.import_lheo(ONISEP.read_bytes(), school)
    assert report.counts == {"created": 0, "updated": 0, "unchanged": 1, "rejected": 0}
    training.refresh_from_db()
    assert (training.history.count(), TransitionLog.objects.count(), training.updated_at) == before


def test_our_own_export_round_trips_without_loss(offer, django_user_model):
    exported = BytesIO()
    write(
        Training.objects.filter(pk__in=[offer.rich.pk, offer.permanent.pk, offer.always_open.pk]).order_by(
            "pk"
        ),
        django_user_model(),
        exported,
    )
    target = OrganisationFactory(code="COPIE", name="Copie")
    report = lheo_import.import_lheo(exported.getvalue(), target)
    assert report.counts["created"] == 3, report.records
    fields = [
        "title", "teaser", "description", "learning_outcomes", "content_outline", "prerequisites",
        "target_audience", "contact_name", "contact_email", "modality", "duration_on_site_hours",
        "duration_remote_hours", "language", "keywords", "leads_to_certification", "delivery_url", "collection_id",
        "scope",
    ]  # fmt: skip
    for original in (offer.rich, offer.permanent, offer.always_open):
        original.refresh_from_db()
        copy = Training.objects.get(owner=target, external_id=original.external_id or f"mentor-{original.pk}")
        assert {f: getattr(copy, f) for f in fields} == {f: getattr(original, f) for f in fields}
        assert list(copy.formacode_terms.values_list("code", flat=True)) == list(
            original.formacode_terms.order_by("code").values_list("code", flat=True)
        )
        assert list(copy.covered_objectives.all()) == list(original.covered_objectives.all())
        assert copy.status == TrainingStatus.DRAFT
    copied = Session.objects.filter(training__owner=target).order_by("starts_at", "pk")
    session_fields = ["title", "is_permanent", "starts_at", "ends_at", "capacity", "place", "online_url"]
    originals = [offer.open_session, offer.closed_session]
    assert [[getattr(s, f) for f in session_fields] for s in copied.filter(is_permanent=False)] == [
        [getattr(s, f) for f in session_fields] for s in originals
    ]
    # The permanent e-learning had no session: none is invented; the permanent session stays one.
    assert not Session.objects.filter(training__owner=target, training__title=offer.permanent.title).exists()
    assert Session.objects.get(training__owner=target, training__title=offer.always_open.title).is_permanent
    # And importing it again changes nothing.
    assert lheo_import.import_lheo(exported.getvalue(), target).counts["unchanged"] == 3


def test_a_bad_record_is_reported_with_its_line_and_the_others_imported(school):
    data = (
        ONISEP.read_text()
        .replace(
            "<offres>",
            '<offres>\n<formation numero="sans-titre"><domaine-formation/><intitule-formation></intitule-formation>'
            "<action/></formation>",
        )
        .encode()
    )
    report = lheo_import.import_lheo(data, school)
    rejected = [r for r in report.records if r.result == "rejected"]
    assert [(r.line, r.number, r.reason) for r in rejected] == [
        (4, "sans-titre", "L'intitulé de la formation manque.")
    ]
    assert report.counts["created"] == 1
    assert report.summary() == "2 formations lues : 1 créée, 0 mise à jour, 0 inchangée, 1 rejetée."


def test_a_dry_run_writes_nothing(school):
    report = lheo_import.import_lheo(ONISEP.read_bytes(), school, dry_run=True)
    assert report.counts["created"] == 1
    assert report.summary().endswith("Essai à blanc : rien n'a été enregistré.")
    assert not Training.objects.exists()
    assert not Session.objects.exists()


def test_the_command_imports_and_summarises(school, capsys):
    call_command("import_lheo", str(ONISEP), "--organisation", "LYCEE", "--dry-run")
    assert not Training.objects.exists()
    call_command("import_lheo", str(ONISEP), "--organisation", "LYCEE")
    out = capsys.readouterr().out
    assert "LHEO 2.2. 1 formation lue : 1 créée, 0 mise à jour, 0 inchangée, 0 rejetée." in out
    assert Training.objects.filter(owner=school).count() == 1
    with pytest.raises(CommandError, match="Aucune organisation n'a le code « NOPE »."):
        call_command("import_lheo", str(ONISEP), "--organisation", "NOPE")


XXE = b"""<?xml version="1.0"?>
<!DOCTYPE lheo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<lheo xmlns="http://lheo.gouv.fr/2.3"><offres><formation><intitule-formation>&xxe;</intitule-formation>
</formation></offres></lheo>"""
LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<lheo xmlns="http://lheo.gouv.fr/2.3"><offres>&lol3;</offres></lheo>"""
DTD = b"""<?xml version="1.0"?><!DOCTYPE lheo SYSTEM "http://example.org/lheo.dtd">
<lheo xmlns="http://lheo.gouv.fr/2.3"><offres/></lheo>"""


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (XXE, "déclaration de type de document (DTD) ou d'entités : refusée par sécurité"),
        (LAUGHS, "déclaration de type de document (DTD) ou d'entités : refusée par sécurité"),
        (DTD, "déclaration de type de document (DTD) ou d'entités : refusée par sécurité"),
        (DTD.decode().encode("utf-16"), "déclaration de type de document (DTD) : refusée par sécurité"),
        (b"%PDF-1.7 pas du XML", "n'est pas un document XML bien formé (ligne 1)"),
        (
            b"<lheo xmlns='http://example.org/autre'><offres/></lheo>",
            "dans l'espace de noms « http://example.org/autre »",
        ),
        (b"<offres xmlns='http://lheo.gouv.fr/2.3'/>", "son élément racine est « offres »"),
        (b" " * (lheo_import.MAX_BYTES + 1), "dépasse la taille maximale de 20 Mo"),
    ],
    ids=["xxe", "billion-laughs", "dtd", "dtd-utf16", "not-xml", "wrong-namespace", "not-lheo", "huge"],
)
def test_hostile_or_foreign_files_are_refused_whole(school, data, message):
    with pytest.raises(lheo_import.Refused, match=message.replace("(", r"\(").replace(")", r"\)")):
        lheo_import.import_lheo(data, school)
    assert not Training.objects.exists()


def test_html_is_sanitised_to_text_neither_raw_nor_dropped():
    assert lheo_import.plain_text("<p>Un &amp; deux</p><script>alert(1)</script><ul><li>trois</li></ul>") == (
        "Un & deux\n\n- trois"
    )
    assert (
        lheo_import.plain_text("Des données <ouvertes> & partagées") == "Des données <ouvertes> & partagées"
    )
