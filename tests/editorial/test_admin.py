import pytest
from django.urls import reverse

from mentor.accounts.models import User
from mentor.editorial.models import Indicator

pytestmark = pytest.mark.django_db


def test_administrators_manage_indicators_under_their_criterion(client, world):
    client.force_login(
        User.objects.create_superuser("super@fonction-publique.gouv.fr", "un-mot-de-passe-solide")
    )
    page = client.get(reverse("admin:editorial_publicationcriterion_change", args=[world.relevance.pk]))
    assert "Les sources sont citées" in page.content.decode()
    response = client.post(
        reverse("admin:editorial_indicator_add"),
        {
            "criterion": world.relevance.pk,
            "statement": "Les auteurs sont identifiés",
            "guidance": "Nom et fonction.",
            "scope": "transverse",
            "is_blocking": "on",
            "required_field": "contact_name",
            "position": 3,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    indicator = Indicator.objects.get(statement="Les auteurs sont identifiés")
    assert (
        indicator.is_blocking
        and indicator.scope == "transverse"
        and indicator.required_field == "contact_name"
    )
    # Past reviews are records: nobody edits them in the admin.
    assert client.get(reverse("admin:editorial_qualityreview_add")).status_code == 403
