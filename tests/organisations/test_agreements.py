from datetime import date, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from mentor.core.permissions import check
from mentor.organisations.agreements import expiring_agreements, has_active_agreement
from mentor.organisations.enums import AgreementStatus
from mentor.organisations.enums import OrganisationKind as K
from tests.factories import OrganisationFactory, PartnershipAgreementFactory

pytestmark = pytest.mark.django_db

DAY = date(2026, 6, 15)


@pytest.fixture
def tree():
    ministry = OrganisationFactory(kind=K.MINISTRY)
    directorate = OrganisationFactory(kind=K.CENTRAL_ADMINISTRATION, parent=ministry)
    service = OrganisationFactory(kind=K.DECONCENTRATED_SERVICE, parent=directorate)
    other = OrganisationFactory(kind=K.MINISTRY)
    return ministry, directorate, service, other


def agreement(partner, start=-10, end=10, status=AgreementStatus.ACTIVE):
    return PartnershipAgreementFactory(
        partner=partner,
        starts_on=DAY + timedelta(days=start),
        ends_on=DAY + timedelta(days=end),
        status=status,
    )


def test_an_organisation_without_agreement_may_not_contribute(tree):
    assert not has_active_agreement(tree[0], on=DAY)


def test_an_agreement_covers_the_partner_and_everything_below_it(tree):
    ministry, directorate, service, other = tree
    agreement(directorate)
    assert has_active_agreement(directorate, on=DAY)
    assert has_active_agreement(service, on=DAY), "inherited from an ancestor"
    assert not has_active_agreement(ministry, on=DAY), "never from a descendant"
    assert not has_active_agreement(other, on=DAY)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [(-10, 10, True), (0, 0, True), (1, 30, False), (-30, -1, False)],
    ids=["within", "first and last day", "not started", "ended"],
)
def test_the_dates_decide(tree, start, end, expected):
    agreement(tree[0], start, end)
    assert has_active_agreement(tree[2], on=DAY) is expected


@pytest.mark.parametrize(
    "status", [AgreementStatus.DRAFT, AgreementStatus.EXPIRED, AgreementStatus.TERMINATED]
)
def test_only_an_active_agreement_counts(tree, status):
    agreement(tree[0], status=status)
    assert not has_active_agreement(tree[0], on=DAY)


def test_without_a_date_today_is_used(tree):
    today = timezone.localdate()
    PartnershipAgreementFactory(partner=tree[0], starts_on=today, ends_on=today)
    assert has_active_agreement(tree[1])


def test_the_contribute_permission_says_why_it_refuses(tree):
    decision = check(AnonymousUser(), "organisations.contribute", tree[1])
    assert not decision and "convention de partenariat active" in decision.reason
    PartnershipAgreementFactory(partner=tree[0])
    assert check(AnonymousUser(), "organisations.contribute", tree[1])


def test_agreements_expiring_within_90_days(tree):
    today = timezone.localdate()
    soon = PartnershipAgreementFactory(partner=tree[0], ends_on=today + timedelta(days=45))
    last_day = PartnershipAgreementFactory(partner=tree[1], ends_on=today + timedelta(days=90))
    PartnershipAgreementFactory(partner=tree[3], ends_on=today + timedelta(days=91))
    PartnershipAgreementFactory(
        partner=tree[2], ends_on=today + timedelta(days=10), status=AgreementStatus.DRAFT
    )
    PartnershipAgreementFactory(
        partner=tree[2], starts_on=today - timedelta(days=100), ends_on=today - timedelta(days=1)
    )
    assert list(expiring_agreements()) == [soon, last_day]
