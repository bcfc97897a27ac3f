import pytest
from django.urls import reverse

from mentor.accounts.models import User

pytestmark = pytest.mark.django_db

PAGES = [
    "admin:accounts_accountrequest_changelist",
    "admin:accounts_entitychangerequest_changelist",
    "admin:accounts_invitation_changelist",
    "admin:organisations_teammembership_changelist",
    "admin:organisations_partnershipagreement_changelist",
    "admin:organisations_contactmessage_changelist",
    "admin:organisations_partnershipagreement_add",
    "admin:organisations_teammembership_add",
]


@pytest.mark.parametrize("name", PAGES)
def test_every_new_model_has_an_admin_page(client, name):
    client.force_login(User.objects.create_superuser("admin@fonction-publique.gouv.fr", "x" * 12))
    assert client.get(reverse(name)).status_code == 200
