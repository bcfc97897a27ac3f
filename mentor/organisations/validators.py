"""Checks on uploaded agreement documents (``core/uploads.py``: by size and by content, not by name)."""

from django.core.exceptions import ValidationError
from stdnum.exceptions import ValidationError as InvalidNumber
from stdnum.fr import siret

from mentor.core.uploads import validate_upload

MAX_AGREEMENT_SIZE = 5 * 1024 * 1024


def validate_agreement_document(upload) -> None:
    validate_upload(upload, {"pdf"}, MAX_AGREEMENT_SIZE)


def validate_siret(value: str) -> None:
    """Fourteen digits whose checksum (Luhn) holds: a typing error is caught before it reaches a partner."""
    try:
        siret.validate(value)
    except InvalidNumber as error:
        raise ValidationError(
            "Ce numéro SIRET n'est pas valide : il faut 14 chiffres dont la clé de contrôle est juste."
        ) from error
