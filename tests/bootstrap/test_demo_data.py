import pytest
from django.core.management import call_command

from mentor.accounts.enums import Role
from mentor.accounts.models import Membership
from mentor.offer.enums import Scope, SessionStatus
from mentor.offer.models import Session, Training
from mentor.organisations.enums import OrganisationKind
from mentor.organisations.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("load_demo_data")


def test_three_ministries_each_with_central_deconcentrated_and_establishment(demo):
    ministries = Organisation.objects.ministries()
    assert ministries.count() >= 3
    for ministry in ministries:
        kinds = set(Organisation.objects.subtree_of(ministry).values_list("kind", flat=True))
        assert {
            OrganisationKind.CENTRAL_ADMINISTRATION,
            OrganisationKind.DECONCENTRATED_SERVICE,
            OrganisationKind.PUBLIC_ESTABLISHMENT,
        } <= kinds
    assert Organisation.objects.filter(kind=OrganisationKind.TRAINING_PROVIDER).exists()
    assert Organisation.objects.filter(kind=OrganisationKind.PUBLIC_SERVICE_SCHOOL).exists()


def test_every_role_has_a_demo_account(demo):
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role.values)


def test_trainings_of_both_scopes_across_collections_and_sessions_in_every_status(demo):
    published = Training.objects.filter(status="published")
    assert set(published.values_list("scope", flat=True)) == set(Scope.values)
    assert published.values("collection").distinct().count() >= 8
    assert set(Session.objects.values_list("status", flat=True)) == set(SessionStatus.values)
