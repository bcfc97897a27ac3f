"""Agreements are entered in the admin: the signed PDF is checked by size and by content."""

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mentor.accounts.models import User
from mentor.organisations.models import PartnershipAgreement
from mentor.organisations.validators import MAX_AGREEMENT_SIZE
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("admin@fonction-publique.gouv.fr", "x" * 12))
    return client


def post_agreement(client, partner, document, **extra):
    data = {
        "partner": partner.pk,
        "starts_on": "2026-01-01",
        "ends_on": "2027-12-31",
        "status": "active",
        "signed_document": document,
        **extra,
    }
    return client.post(reverse("admin:organisations_partnershipagreement_add"), data)


def test_a_signed_pdf_is_accepted(admin_client):
    partner = OrganisationFactory()
    response = post_agreement(
        admin_client, partner, SimpleUploadedFile("convention.pdf", PDF, "application/pdf")
    )
    assert response.status_code == 302
    agreement = PartnershipAgreement.objects.get(partner=partner)
    assert agreement.signed_document.name.endswith(".pdf")
    agreement.signed_document.delete()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "convention.pdf",
            b"\x89PNG\r\n\x1a\n not a pdf",
            "n'est pas un fichier accepté ici. Formats acceptés : PDF.",
        ),
        ("convention.pdf", PDF + b"0" * MAX_AGREEMENT_SIZE, "la limite est de 5"),
        ("convention.docx", PDF, "pdf"),
    ],
    ids=["renamed image", "oversized", "wrong extension"],
)
def test_a_bad_document_is_refused_and_nothing_is_saved(admin_client, name, content, message):
    partner = OrganisationFactory()
    response = post_agreement(admin_client, partner, SimpleUploadedFile(name, content, "application/pdf"))
    assert response.status_code == 200
    assert message in html.unescape(response.content.decode())
    assert not PartnershipAgreement.objects.exists()


def test_an_agreement_ending_before_it_starts_is_refused(admin_client):
    partner = OrganisationFactory()
    response = post_agreement(admin_client, partner, "", starts_on="2027-01-01", ends_on="2026-01-01")
    assert response.status_code == 200
    assert "ne peut pas précéder son début" in html.unescape(response.content.decode())
    assert not PartnershipAgreement.objects.exists()
