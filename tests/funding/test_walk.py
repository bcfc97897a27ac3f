"""A whole call through its pages: created as a draft, published, opened and closed by date (frozen clock),
a proposal prepared by two editors and submitted, evaluated, decided under the envelope, results published by
e-mail, and the funded project followed until its training is published through the editorial workflow."""

from datetime import timedelta
from decimal import Decimal
from unittest import mock

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from mentor.editorial import workflow as editorial
from mentor.funding.enums import CallStatus, MilestoneKind, ProposalStatus, Verdict
from mentor.funding.models import CallLog, Evaluation, Milestone, Proposal
from mentor.funding.tasks import update_call_statuses
from tests.tasks import run_tasks

from .fixtures import pdf

pytestmark = pytest.mark.django_db


def at(moment):
    return mock.patch("django.utils.timezone.now", return_value=moment)


def post(client, user, name, *args, data=None, **kwargs):
    client.force_login(user)
    return client.post(reverse(f"www:funding:{name}", args=args), data or {}, **kwargs)


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def proposal_data(calls, proposal, **overrides):
    data = {
        "title": proposal.title,
        "summary": "Un parcours sur la sobriété numérique.",
        "objectives": "Réduire l'empreinte des services.",
        "themes": [calls.theme.pk],
        "audience": "Les agents des services informatiques.",
        "audience_size": "400",
        "team": "Deux concepteurs.",
        "total_cost": "60000",
        "own_funding": "30000",
        "other_funding": "5000",
        "requested": "25000",
        "formations-TOTAL_FORMS": "1",
        "formations-INITIAL_FORMS": "0",
        "formations-0-title": "La sobriété numérique",
        "formations-0-modality": "e_learning",
        "formations-0-duration_hours": "3",
        "formations-0-collection": str(calls.world.collection.pk),
        "formations-0-scope": "transverse",
        "calendrier-TOTAL_FORMS": "1",
        "calendrier-INITIAL_FORMS": "0",
        "calendrier-0-label": "Conception",
        "calendrier-0-planned_on": "2026-09-01",
    }
    data.update(overrides)
    return data


def test_a_whole_call_from_draft_to_a_published_funded_training(client, calls, world):
    now = timezone.now()
    call = calls.call(
        status=CallStatus.DRAFT, opens_at=now + timedelta(days=1), closes_at=now + timedelta(days=30)
    )

    # The DGAFP publishes it: visible, not open yet.
    post(client, calls.admin, "call_transition", call.pk, "publish")
    call.refresh_from_db()
    assert call.status == CallStatus.PUBLISHED
    client.logout()
    page = client.get(call.get_absolute_url())
    assert page.status_code == 200 and "Des projets <strong>utiles</strong>." in page.content.decode()
    assert "Découvrir l'appel à projets" not in client.get("/").content.decode()

    # The scheduled job opens it at its opening time, not before.
    update_call_statuses.call()
    call.refresh_from_db()
    assert call.status == CallStatus.PUBLISHED
    with at(now + timedelta(days=1, minutes=1)):
        update_call_statuses.call()
    call.refresh_from_db()
    assert call.status == CallStatus.OPEN
    assert "Découvrir l'appel à projets" in client.get("/").content.decode()

    # The applicant prepares a proposal on behalf of their entity, with a co-editor.
    response = post(
        client,
        calls.applicant,
        "start",
        call.pk,
        data={"organisation": calls.organisation.pk, "title": "Sobriété"},
    )
    proposal = Proposal.objects.get()
    assert response.url == proposal.get_absolute_url()
    page = client.get(proposal.get_absolute_url())
    assert "Décrivez au moins une formation prévue." in page.content.decode()
    assert "Pièce obligatoire manquante : Présentation du projet." in page.content.decode()
    post(client, calls.applicant, "add_editor", proposal.pk, data={"email": calls.co_editor.email})
    assert list(proposal.editors.all()) == [calls.co_editor]
    response = post(client, calls.co_editor, "proposal", proposal.pk, data=proposal_data(calls, proposal))
    assert response.status_code == 302, response.content.decode()[:3000]
    post(client, calls.co_editor, "attach", proposal.pk, data={"document": calls.document.pk, "file": pdf()})
    response = post(client, calls.applicant, "proposal_transition", proposal.pk, "submit", follow=True)
    assert "« Déposer la proposition » : c'est fait." in messages_of(response)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED and proposal.requested == Decimal("25000")

    # The DGAFP assigns evaluators: the ministry's own team is refused, conflict of interest.
    response = post(
        client, calls.admin, "assign", proposal.pk, data={"email": calls.conflicted.email}, follow=True
    )
    assert any("Conflit d'intérêts" in m for m in messages_of(response))
    for evaluator in (calls.evaluator, calls.second_evaluator):
        post(client, calls.admin, "assign", proposal.pk, data={"email": evaluator.email})
    assert Evaluation.objects.count() == 2

    # Each evaluator starts (the grid is copied) and scores.
    for evaluator, marks in ((calls.evaluator, ("4", "2")), (calls.second_evaluator, ("2", "2"))):
        evaluation = Evaluation.objects.get(evaluator=evaluator)
        post(client, evaluator, "evaluation", evaluation.pk, data={"start": ""})
        response = post(
            client,
            evaluator,
            "evaluation",
            evaluation.pk,
            data={"score_1": marks[0], "score_2": marks[1], "comment": "Solide.", "complete": ""},
        )
        assert response.status_code == 302
    scores = sorted(Evaluation.objects.values_list("score", flat=True))
    assert scores == [Decimal("50.00"), Decimal("83.33")]

    # Closing by date; the committee sees the ranking with the spread, and decides under the envelope.
    with at(now + timedelta(days=31)):
        update_call_statuses.call()
    call.refresh_from_db()
    assert call.status == CallStatus.CLOSED
    client.force_login(calls.admin)
    page = client.get(reverse("www:funding:manage", args=[call.pk])).content.decode()
    assert "66,66" in page and "33,33" in page  # average and spread
    response = post(
        client,
        calls.admin,
        "decide",
        proposal.pk,
        data={"verdict": "selected", "granted": "30000"},
        follow=True,
    )
    assert any("dépasse le plafond de la proposition" in m for m in messages_of(response))
    post(client, calls.admin, "decide", proposal.pk, data={"verdict": "selected", "granted": "25000"})
    proposal.refresh_from_db()
    assert proposal.verdict == Verdict.SELECTED and proposal.granted == Decimal("25000")

    # Results published in one move: one e-mail per applicant, with an absolute link.
    post(client, calls.admin, "call_transition", call.pk, "publish_results")
    call.refresh_from_db()
    assert call.status == CallStatus.RESULTS_PUBLISHED
    run_tasks()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([calls.applicant.email, calls.co_editor.email])
    assert f"{settings.SITE_URL}/appels/propositions/{proposal.pk}/" in mail.outbox[0].body
    assert mail.outbox[0].body.count("Montant accordé : 25\u202f000,00\u00a0€") == 1
    client.force_login(calls.applicant)
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "Retenu" in page and "Évaluation n° 1" in page
    assert calls.evaluator.last_name not in page  # the applicant never sees who evaluated

    # Follow-up: a payment within the grant, a training linked, its publication reaches the milestone.
    response = post(
        client,
        calls.admin,
        "follow_up",
        proposal.pk,
        "versement",
        data={"amount": "30000", "paid_on": "2026-12-01"},
        follow=True,
    )
    assert any("au-delà du montant accordé" in m for m in messages_of(response))
    post(
        client,
        calls.admin,
        "follow_up",
        proposal.pk,
        "versement",
        data={"amount": "10000", "paid_on": "2026-12-01"},
    )
    training = world.training(title="La sobriété numérique")
    post(client, calls.applicant, "follow_up", proposal.pk, "formation", data={"training": training.pk})
    assert list(proposal.trainings.all()) == [training]
    published = Milestone.objects.get(proposal=proposal, kind=MilestoneKind.PUBLISHED)
    assert published.reached_on is None
    editorial.fire("submit", training, world.designer)
    world.review(training, world.team)
    editorial.fire("publish", training, world.designer)
    published.refresh_from_db()
    assert published.reached_on == timezone.localdate()
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "10\u202f000,00\u00a0€ versés sur 25\u202f000,00\u00a0€ accordés" in page
    assert "état éditorial : publiée" in page

    # The dashboard counts the published training; archiving ends the call.
    client.force_login(calls.admin)
    page = client.get(reverse("www:funding:dashboard", args=[call.pk])).content.decode()
    assert "1 formation publiée par les projets financés" in page
    post(client, calls.admin, "call_transition", call.pk, "archive")
    assert list(CallLog.objects.order_by("pk").values_list("transition", flat=True)) == [
        "publish",
        "open",
        "close",
        "publish_results",
        "archive",
    ]
