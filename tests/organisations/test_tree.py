import pytest
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError

from mentor.organisations.enums import OrganisationKind
from mentor.organisations.models import EmailDomain, Organisation
from tests.factories import OrganisationFactory, TrainingFactory, UserFactory

pytestmark = pytest.mark.django_db


def make_ministry_tree():
    ministry = OrganisationFactory(code="MIN", kind=OrganisationKind.MINISTRY)
    central = OrganisationFactory(code="DG", kind=OrganisationKind.CENTRAL_ADMINISTRATION, parent=ministry)
    regional = OrganisationFactory(code="DR", kind=OrganisationKind.DECONCENTRATED_SERVICE, parent=central)
    return ministry, central, regional


def test_a_deconcentrated_service_belongs_to_its_ministry():
    ministry, central, regional = make_ministry_tree()
    assert regional.ministry_id == ministry.pk
    assert central.ministry_id == ministry.pk
    assert ministry.ministry_id == ministry.pk


def test_the_ministry_is_one_column_read_without_walking_the_tree(django_assert_num_queries):
    _, _, regional = make_ministry_tree()
    with django_assert_num_queries(1):
        ministry_code = (
            Organisation.objects.filter(pk=regional.pk).values_list("ministry__code", flat=True).get()
        )
    assert ministry_code == "MIN"


def test_an_organisation_outside_any_ministry_stands_for_itself():
    directorate = OrganisationFactory(code="DINUMX", kind=OrganisationKind.INTERMINISTERIAL_DIRECTORATE)
    assert directorate.ministry_id == directorate.pk


def test_moving_a_subtree_to_another_ministry_updates_every_descendant_and_the_trainings():
    ministry, central, regional = make_ministry_tree()
    training = TrainingFactory(owner=regional)
    other = OrganisationFactory(code="MIN2", kind=OrganisationKind.MINISTRY)
    central.parent = other
    central.save()
    regional.refresh_from_db()
    training.refresh_from_db()
    assert regional.ministry_id == other.pk
    assert regional.path == f"/{other.pk}/{central.pk}/{regional.pk}/"
    assert training.owner_ministry_id == other.pk


def test_subtree_lookup_uses_the_materialised_path():
    ministry, central, regional = make_ministry_tree()
    OrganisationFactory(code="ELSE")
    assert set(Organisation.objects.subtree_of(ministry)) == {ministry, central, regional}
    assert regional.ancestor_ids == [ministry.pk, central.pk, regional.pk]


def test_an_organisation_cannot_become_its_own_descendant():
    ministry, central, regional = make_ministry_tree()
    ministry.parent = regional
    with pytest.raises(ValidationError) as error:
        ministry.save()
    assert "sous-organisations" in str(error.value)
    ministry.refresh_from_db()
    assert ministry.parent is None


def test_an_organisation_cannot_be_its_own_parent():
    ministry, _, _ = make_ministry_tree()
    ministry.parent = ministry
    with pytest.raises(ValidationError):
        ministry.full_clean()


def test_deleting_an_organisation_that_still_owns_something_is_refused():
    ministry, central, regional = make_ministry_tree()
    with pytest.raises(ProtectedError):
        ministry.delete()
    TrainingFactory(owner=regional)
    with pytest.raises(ProtectedError):
        regional.delete()
    UserFactory(entity=central)
    assert Organisation.objects.subtree_of(ministry).count() == 3


def test_email_domain_finds_the_owner_including_subdomains():
    ministry, central, _ = make_ministry_tree()
    EmailDomain.objects.create(domain="Finances.GOUV.fr", organisation=ministry)
    EmailDomain.objects.create(domain="dgfip.finances.gouv.fr", organisation=central)
    assert EmailDomain.organisation_for_email("a@dgfip.finances.gouv.fr") == central
    assert EmailDomain.organisation_for_email("a@douane.finances.gouv.fr") == ministry
    assert EmailDomain.organisation_for_email("a@gmail.com") is None
