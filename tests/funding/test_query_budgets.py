"""Exact query counts of the pages of calls for projects: they do not move when rows are added."""

from decimal import Decimal

import pytest
from django.urls import reverse

from mentor.funding import decisions, evaluation
from mentor.funding.enums import CallStatus, ProposalStatus, Verdict
from mentor.funding.models import Proposal
from mentor.funding.workflow import CALLS
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def crowded(calls, call, extra):
    """``extra`` more submitted proposals of other organisations' users, each evaluated twice."""
    for n in range(extra):
        author = UserFactory(entity=calls.world.other_ministry)
        proposal = calls.proposal(
            call, organisation=calls.world.other_ministry, by=author, title=f"Projet {n}"
        )
        proposal.editors.add(UserFactory(entity=calls.world.other_ministry))
    Proposal.objects.update(status=ProposalStatus.SUBMITTED)
    for proposal in (
        Proposal.objects.filter(call=call).exclude(organisation=calls.organisation).order_by("pk")
    ):
        for evaluator in (calls.world.team, calls.applicant):
            item = evaluation.assign(proposal, evaluator, calls.admin)
            evaluation.start(item, evaluator)
            evaluation.record(item, evaluator, {1: (3, ""), 2: (2, "")}, "", complete=True)


@pytest.mark.parametrize("extra", [0, 5])
def test_the_public_page_of_a_call(client, calls, django_assert_num_queries, extra):
    call = calls.call()
    for n in range(extra):
        calls.proposal(call, title=f"Projet {n}")
    with django_assert_num_queries(6):
        assert client.get(call.get_absolute_url()).status_code == 200
    client.force_login(calls.applicant)
    with django_assert_num_queries(14):
        assert client.get(call.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("extra", [0, 5])
def test_the_list_of_calls(client, calls, django_assert_num_queries, extra):
    for n in range(extra + 1):
        calls.call(title=f"Appel {n}")
    with django_assert_num_queries(1):
        assert client.get(reverse("www:funding:calls")).status_code == 200


@pytest.mark.parametrize("extra", [0, 4])
def test_the_page_of_a_draft_proposal(client, calls, django_assert_num_queries, extra):
    proposal = calls.proposal(calls.call())
    for n in range(extra):
        proposal.editors.add(UserFactory(entity=calls.organisation))
        proposal.schedule.create(label=f"Étape {n}", planned_on="2026-10-01")
    client.force_login(calls.applicant)
    with django_assert_num_queries(26):
        assert client.get(proposal.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("extra", [0, 4])
def test_the_committee_pages(client, calls, django_assert_num_queries, extra):
    call = calls.call(status=CallStatus.OPEN)
    mine = calls.proposal(call)
    crowded(calls, call, extra + 1)
    call.status = CallStatus.CLOSED
    call.save()
    client.force_login(calls.admin)
    with django_assert_num_queries(14):
        assert client.get(mine.get_absolute_url()).status_code == 200
    with django_assert_num_queries(10):
        assert client.get(reverse("www:funding:manage", args=[call.pk])).status_code == 200
    with django_assert_num_queries(11):
        assert client.get(reverse("www:funding:dashboard", args=[call.pk])).status_code == 200
    # The session and the user, the call, the rows (and the proposals' themes).
    for kind, count in (("propositions", 6), ("evaluations", 5), ("decisions", 5)):
        with django_assert_num_queries(count):
            assert client.get(reverse("www:funding:export", args=[call.pk, kind])).status_code == 200


@pytest.mark.parametrize("extra", [0, 4])
def test_a_funded_project_page(client, calls, django_assert_num_queries, extra):
    call = calls.call(status=CallStatus.CLOSED)
    proposal = calls.proposal(call)
    Proposal.objects.update(status=ProposalStatus.SUBMITTED)
    decisions.decide(proposal, calls.admin, Verdict.SELECTED, Decimal("20000"))
    CALLS.fire("publish_results", call, calls.admin)
    for n in range(extra):
        proposal.payments.create(amount=Decimal("100"), paid_on="2026-12-01")
        proposal.trainings.add(calls.world.training(title=f"Formation {n}"))
    client.force_login(calls.applicant)
    with django_assert_num_queries(15):
        assert client.get(proposal.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("extra", [0, 4])
def test_the_evaluator_pages(client, calls, django_assert_num_queries, extra):
    call = calls.call()
    crowded(calls, call, extra + 1)
    evaluator = calls.applicant  # evaluates every other organisation's proposal
    client.force_login(evaluator)
    with django_assert_num_queries(4):
        assert client.get(reverse("www:funding:evaluations")).status_code == 200
    evaluation_pk = Proposal.objects.order_by("pk").first().evaluations.get(evaluator=evaluator).pk
    with django_assert_num_queries(5):
        assert client.get(reverse("www:funding:evaluation", args=[evaluation_pk])).status_code == 200
