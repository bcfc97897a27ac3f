"""Two administrators granting at the same moment, for real: one thread and one database connection each, each
posting the committee's form. The call's row is locked while the grants are added up, so the envelope holds."""

import contextlib
import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Sum
from django.test import Client
from django.urls import reverse

from mentor.funding import decisions
from mentor.funding.enums import CallStatus, ProposalStatus, Verdict
from mentor.funding.models import Proposal

from .fixtures import make_dgafp_admin

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def overlapping(monkeypatch):
    """Make the race as tight as it can be: each request, having added up the grants, waits for the others to
    have done the same before it writes. Without the lock on the call's row, every request would then write on a
    stale total; with it, the others are still waiting for the lock, so the first one goes on alone after a
    moment and each next one adds up what the previous ones granted."""
    barrier = {}

    def granted_total(call, excluding=None):
        total = real(call, excluding)
        with contextlib.suppress(threading.BrokenBarrierError):  # the others wait for the lock
            barrier["now"].wait(timeout=1)
        return total

    real = decisions.granted_total
    monkeypatch.setattr(decisions, "granted_total", granted_total)
    return barrier


def race(posts):
    """Send every (user, url, data) at the same instant from its own thread; return the responses."""
    barrier = threading.Barrier(len(posts))
    outcomes = [None] * len(posts)

    def send(index, user, url, data):
        client = Client()
        client.force_login(user)
        try:
            barrier.wait()
            outcomes[index] = client.post(url, data)
        except Exception as error:  # reported below, so that a lost race never hides behind a thread
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(i, *p)) for i, p in enumerate(posts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_two_administrators_granting_at_once_never_overspend_the_envelope(calls, overlapping):
    call = calls.call(status=CallStatus.CLOSED, envelope=Decimal("30000"))
    first = calls.proposal(call, requested="20000", title="Premier")
    second = calls.proposal(call, requested="20000", title="Second")
    Proposal.objects.update(status=ProposalStatus.SUBMITTED)
    other_admin = make_dgafp_admin(calls.world)
    overlapping["now"] = threading.Barrier(2)
    outcomes = race(
        [
            (user, reverse("www:funding:decide", args=[p.pk]), {"verdict": "selected", "granted": "20000"})
            for user, p in ((calls.admin, first), (other_admin, second))
        ]
    )
    assert [getattr(o, "status_code", o) for o in outcomes] == [302, 302], outcomes
    granted = Proposal.objects.filter(verdict=Verdict.SELECTED)
    assert granted.count() == 1
    assert granted.aggregate(total=Sum("granted"))["total"] == Decimal("20000")


def test_many_grants_at_once_fill_the_envelope_exactly(calls, overlapping):
    call = calls.call(status=CallStatus.CLOSED, envelope=Decimal("30000"))
    proposals = [calls.proposal(call, requested="10000", title=f"Projet {n}") for n in range(5)]
    Proposal.objects.update(status=ProposalStatus.SUBMITTED)
    overlapping["now"] = threading.Barrier(5)
    outcomes = race(
        [
            (
                calls.admin,
                reverse("www:funding:decide", args=[p.pk]),
                {"verdict": "selected", "granted": "10000"},
            )
            for p in proposals
        ]
    )
    assert all(getattr(o, "status_code", None) == 302 for o in outcomes), outcomes
    assert Proposal.objects.filter(verdict=Verdict.SELECTED).count() == 3
    assert Proposal.objects.aggregate(total=Sum("granted"))["total"] == Decimal("30000")
