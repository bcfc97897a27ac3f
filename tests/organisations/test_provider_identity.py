"""SIRET (checksum by python-stdnum), activity number and address of organisations, as LHEO needs them."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from mentor.organisations.models import Organisation
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("siret", ["13002526500014", "1300252650001", "ABCDEFGHIJKLMN"])
def test_a_siret_with_a_wrong_checksum_or_length_is_refused_in_french(siret):
    organisation = OrganisationFactory.build(code="X", siret=siret)
    with pytest.raises(ValidationError) as error:
        organisation.full_clean(exclude=["parent", "ministry"])
    assert error.value.message_dict["siret"] == [
        "Ce numéro SIRET n'est pas valide : il faut 14 chiffres dont la clé de contrôle est juste."
    ]


def test_a_valid_siret_and_activity_number_pass():
    organisation = OrganisationFactory.build(code="X", siret="13002526500013", activity_number="11755555575")
    organisation.full_clean(exclude=["parent", "ministry"])


def test_reference_and_demo_data_fill_the_providers_identity():
    call_command("load_reference_data")
    call_command("load_demo_data")
    dinum = Organisation.objects.get(code="DINUM")
    assert (dinum.siret, dinum.postal_code, dinum.city) == ("13002526500013", "75007", "Paris")
    igpde = Organisation.objects.get(code="IGPDE")
    assert (igpde.siret, igpde.activity_number, igpde.city) == ("99000002800011", "11940000194", "Vincennes")
    # An administrator's edit survives a reload.
    Organisation.objects.filter(code="IGPDE").update(city="Paris")
    call_command("load_demo_data")
    assert Organisation.objects.get(code="IGPDE").city == "Paris"
