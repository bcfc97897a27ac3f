import html

import pytest
from django.core.management import call_command
from django.utils import timezone

from mentor.funding.enums import CallStatus, MilestoneKind, ProposalStatus, Verdict
from mentor.funding.models import Call, Milestone, Proposal

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_past_call_with_funded_trainings_and_an_open_call(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo_data")
    call_command("load_demo_data")  # a second load changes nothing
    past = Call.objects.get(year=2021)
    assert past.status == CallStatus.RESULTS_PUBLISHED
    funded = Proposal.objects.filter(call=past, verdict=Verdict.SELECTED)
    assert funded.count() == 2
    for proposal in funded:
        assert proposal.trainings.filter(status="published").exists()
        assert Milestone.objects.get(proposal=proposal, kind=MilestoneKind.PUBLISHED).reached_on is not None
    current = Call.objects.get(year=timezone.localdate().year)
    assert current.status == CallStatus.OPEN
    assert sorted(current.proposals.values_list("status", flat=True)) == [
        ProposalStatus.DRAFT,
        ProposalStatus.SUBMITTED,
    ]
    assert current.title in html.unescape(client.get("/").content.decode())
    client.login(username="porteuse.projet@developpement-durable.gouv.fr", password="mentor-demo-2026")
    page = client.get(current.get_absolute_url()).content.decode()
    assert "La biodiversité dans les politiques publiques" in page and "Achats publics durables" in page
    client.login(username="evaluateur@interieur.gouv.fr", password="mentor-demo-2026")
    assert (
        "La biodiversité dans les politiques publiques" in client.get("/appels/evaluations/").content.decode()
    )
