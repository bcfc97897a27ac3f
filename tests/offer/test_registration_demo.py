import pytest
from django.core.management import call_command

from mentor.offer.enums import RegistrationStatus
from mentor.offer.models import Registration, Session

pytestmark = pytest.mark.django_db


def test_the_demo_holds_registrations_in_every_status_and_loads_twice_without_duplicates():
    call_command("load_demo_data")
    assert set(Registration.objects.values_list("status", flat=True)) == set(RegistrationStatus.values)
    before = Registration.objects.count()
    call_command("load_demo_data")
    assert Registration.objects.count() == before
    # Visible to the agents who hold them: the demo shows what the rules allow.
    for registration in Registration.objects.select_related("user", "session"):
        assert Session.objects.visible_to(registration.user).filter(pk=registration.session_id).exists()
