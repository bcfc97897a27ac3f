"""Checks on uploaded agreement documents: by size, and by content rather than by the name the sender chose."""

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

MAX_AGREEMENT_SIZE = 5 * 1024 * 1024
PDF_MAGIC = b"%PDF-"


def validate_pdf_size(upload) -> None:
    if upload.size > MAX_AGREEMENT_SIZE:
        raise ValidationError(
            f"Le fichier pèse {filesizeformat(upload.size)} : la limite est de "
            f"{filesizeformat(MAX_AGREEMENT_SIZE)}.",
            code="file_too_large",
        )


def validate_pdf_content(upload) -> None:
    """A PDF starts with ``%PDF-``; a renamed image or document does not."""
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(len(PDF_MAGIC))
    upload.seek(position)
    if head != PDF_MAGIC:
        raise ValidationError(
            "Le document n'est pas un PDF : déposez la convention signée au format PDF.", code="not_a_pdf"
        )
