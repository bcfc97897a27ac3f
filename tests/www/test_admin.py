import pytest
from django.urls import reverse

from mentor.accounts.models import User
from mentor.offer.models import Collection, StrategicOrientation
from mentor.organisations.models import Organisation
from tests.factories import TrainingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, reference_data):
    admin = User.objects.create_superuser("admin@fonction-publique.gouv.fr", "un-mot-de-passe-solide")
    client.force_login(admin)
    return client


def test_admin_is_in_french_and_lists_every_model(admin_client):
    html = admin_client.get(reverse("admin:index")).content.decode()
    for label in [
        "Collections",
        "Organisations",
        "Formations",
        "Sessions",
        "Critères de publication",
        "Utilisateurs",
    ]:
        assert label in html


def test_an_administrator_changes_the_lead_of_a_collection(admin_client):
    collection = Collection.objects.get(slug="langues")
    dinum = Organisation.objects.get(code="DINUM")
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-id": str(collection.pk),
        "form-0-position": "1",
        "form-0-lead": str(dinum.pk),
        "_save": "Enregistrer",
    }
    response = admin_client.post(reverse("admin:offer_collection_changelist"), data)
    assert response.status_code == 302
    collection.refresh_from_db()
    assert (collection.lead, collection.position) == (dinum, 1)


def test_an_administrator_adds_an_orientation(admin_client):
    collection = Collection.objects.get(slug="langues")
    response = admin_client.post(
        reverse("admin:offer_strategicorientation_add"),
        {
            "collection": collection.pk,
            "title": "Préparer les agents aux échanges européens",
            "slug": "echanges-europeens",
            "position": 2,
            "description": "",
            "thematic_offers-TOTAL_FORMS": "0",
            "thematic_offers-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert StrategicOrientation.objects.filter(collection=collection, slug="echanges-europeens").exists()


def test_deleting_a_lead_that_leads_collections_is_refused_with_a_message(admin_client):
    dgafp = Organisation.objects.get(code="DGAFP")
    response = admin_client.post(
        reverse("admin:organisations_organisation_delete", args=[dgafp.pk]), {"post": "yes"}
    )
    assert response.status_code == 200
    assert "protégés" in response.content.decode()
    assert Organisation.objects.filter(pk=dgafp.pk).exists()


def test_the_admin_cannot_bypass_the_editorial_workflow(admin_client):
    training = TrainingFactory(draft=True)
    page = admin_client.get(reverse("admin:offer_training_change", args=[training.pk])).content.decode()
    assert 'name="status"' not in page
    assert "Brouillon" in page
    assert "Statut éditorial" in page
