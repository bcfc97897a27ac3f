"""Checks on uploaded agreement documents (``core/uploads.py``: by size and by content, not by name)."""

from mentor.core.uploads import validate_upload

MAX_AGREEMENT_SIZE = 5 * 1024 * 1024


def validate_agreement_document(upload) -> None:
    validate_upload(upload, {"pdf"}, MAX_AGREEMENT_SIZE)
