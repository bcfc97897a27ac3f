"""The demo data of this app: Mentor teams for the ministries and the DGAFP, agreements, one expiring soon."""

import pytest
from django.core.management import call_command

from mentor.organisations.agreements import expiring_agreements, has_active_agreement
from mentor.organisations.models import Organisation, TeamMembership

pytestmark = pytest.mark.django_db


def test_demo_teams_agreements_and_an_agreement_expiring_soon(db):
    call_command("load_demo_data")
    call_command("load_demo_data")  # run twice: nothing is duplicated
    with_team = set(TeamMembership.objects.values_list("organisation__code", flat=True))
    assert {"MEF", "MI", "MTE", "DGAFP"} <= with_team
    # The demo's seven members, and the functional mailboxes of the five leads the demo names nobody for.
    assert TeamMembership.objects.count() == 12
    assert [a.partner.code for a in expiring_agreements()] == ["MI"]
    for code in ["DGFIP", "IGPDE", "ANTS", "OFB", "INSP"]:
        assert has_active_agreement(Organisation.objects.get(code=code)), code
    assert not has_active_agreement(Organisation.objects.get(code="DB")), "no agreement of its own nor above"
