"""The DGAFP creates a call in the administration; its dates are shown in Paris time; the dashboard and the
CSV exports say what the committee needs, as spreadsheet software in French reads it."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from mentor.accounts.models import User
from mentor.funding import decisions, evaluation
from mentor.funding.enums import CallStatus, ProposalStatus, Verdict
from mentor.funding.models import Call, Proposal
from mentor.funding.workflow import PROPOSALS

pytestmark = pytest.mark.django_db


def inline(prefix, rows):
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": "0"}
    for n, row in enumerate(rows):
        data.update({f"{prefix}-{n}-{key}": value for key, value in row.items()})
    return data


def test_an_administrator_creates_a_call_entered_in_paris_time(client, calls):
    client.force_login(
        User.objects.create_superuser("super@fonction-publique.gouv.fr", "un-mot-de-passe-solide")
    )
    data = {
        "title": "Appel à projets 2027",
        "year": "2027",
        "description": '<p>Bienvenue</p><script>alert("x")</script>',
        "opens_at_0": "01/02/2027",
        "opens_at_1": "09:00:00",
        "closes_at_0": "30/04/2027",
        "closes_at_1": "12:00:00",
        "envelope": "500000",
        "max_rate": "50",
        "max_amount": "80000",
        "eligible_kinds": ["ministry", "public_establishment"],
        "requires_agreement": "on",
        "scale_max": "4",
        **inline(
            "themes", [{"name": "Management", "position": "1", "collections": [calls.world.collection.pk]}]
        ),
        **inline("documents", [{"name": "Dossier", "required": "on", "position": "1"}]),
        **inline("criteria", [{"name": "Pertinence", "weight": "2", "position": "1"}]),
        **inline("logs", []),
    }
    response = client.post(reverse("admin:funding_call_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    call = Call.objects.get(title="Appel à projets 2027")
    assert call.status == CallStatus.DRAFT and call.description == "<p>Bienvenue</p>"
    assert call.eligible_kinds == ["ministry", "public_establishment"]
    assert call.opens_at.isoformat() == "2027-02-01T08:00:00+00:00"  # 9 h in Paris, winter time
    assert call.closes_at.isoformat() == "2027-04-30T10:00:00+00:00"  # noon in Paris, summer time
    assert list(call.themes.get().collections.all()) == [calls.world.collection]
    client.force_login(calls.admin)
    page = client.get(call.get_absolute_url()).content.decode()
    assert "du 1er février 2027 à 9\u00a0h au 30 avril 2027 à 12\u00a0h (heure de Paris)" in page


def scored_and_decided(calls):
    call = calls.call()
    proposal = PROPOSALS.fire("submit", calls.proposal(call), calls.applicant)
    for evaluator, marks in ((calls.evaluator, (4, 4)), (calls.second_evaluator, (1, 1))):
        item = evaluation.assign(proposal, evaluator, calls.admin)
        evaluation.start(item, evaluator)
        evaluation.record(item, evaluator, {1: (marks[0], "Bien."), 2: (marks[1], "")}, "Avis ; nuancé", True)
    Call.objects.filter(pk=call.pk).update(status=CallStatus.CLOSED)
    decisions.decide(proposal, calls.admin, Verdict.SELECTED, Decimal("12500.50"))
    return call, proposal


def read_csv(response):
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:]), delimiter=";"))


def test_the_csv_exports_are_utf8_with_a_bom_and_semicolons(client, calls):
    call, proposal = scored_and_decided(calls)
    client.force_login(calls.admin)
    rows = read_csv(client.get(reverse("www:funding:export", args=[call.pk, "propositions"])))
    assert rows[0][:3] == ["n°", "intitulé", "organisation"]
    assert rows[1][1] == "Former à la sobriété" and rows[1][-1] == "20000,00"
    rows = read_csv(client.get(reverse("www:funding:export", args=[call.pk, "evaluations"])))
    assert sorted(r[4] for r in rows[1:]) == ["100,00", "25,00"]
    assert rows[1][5] == "Avis ; nuancé"
    rows = read_csv(client.get(reverse("www:funding:export", args=[call.pk, "decisions"])))
    assert rows[1][3:6] == ["Retenu", "20000,00", "12500,50"]
    response = client.get(reverse("www:funding:export", args=[call.pk, "decisions"]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert client.get(reverse("www:funding:export", args=[call.pk, "inconnu"])).status_code == 404
    client.force_login(calls.applicant)
    assert client.get(reverse("www:funding:export", args=[call.pk, "decisions"])).status_code == 404


def test_the_dashboard_shows_numbers_and_charts_each_with_its_table(client, calls):
    call, proposal = scored_and_decided(calls)
    calls.proposal(call, organisation=calls.world.other_ministry, by=calls.other_applicant, title="Autre")
    Proposal.objects.filter(title="Autre").update(status=ProposalStatus.SUBMITTED, requested=Decimal("5000"))
    client.force_login(calls.admin)
    page = client.get(reverse("www:funding:dashboard", args=[call.pk])).content.decode()
    assert "2 propositions déposées,\n    1 retenue" in page
    for caption in (
        "Montants et enveloppe",
        "Propositions déposées par thème",
        "Propositions déposées par type",
    ):
        assert f"{caption}" in page
    assert page.count("(données du graphique)</caption>") == 3
    assert "<td>Demandé</td>\n            <td>25\u202f000,00\u00a0€</td>" in page
    assert "<td>Accordé</td>\n            <td>12\u202f500,50\u00a0€</td>" in page
    assert "<td>Administration centrale</td>\n            <td>1</td>" in page
    assert "62,50" in page and "75,00" in page  # the average and the spread of the two evaluators


def test_proposals_are_read_only_in_the_administration(client, calls):
    proposal = calls.proposal(calls.call())
    client.force_login(
        User.objects.create_superuser("super@fonction-publique.gouv.fr", "un-mot-de-passe-solide")
    )
    assert "Former à la sobriété" in client.get(reverse("admin:funding_proposal_changelist")).content.decode()
    url = reverse("admin:funding_proposal_change", args=[proposal.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"title": "Changé", "granted": "999999"})
    proposal.refresh_from_db()
    assert proposal.title == "Former à la sobriété" and proposal.granted is None
