import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from mentor.core.uploads import RandomName, detect_kind, validate_upload


def zipped(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCUMENTS = {
    "note.pdf": (b"%PDF-1.7\n%...", "pdf"),
    "note.odt": (
        zipped({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}),
        "odt",
    ),
    "budget.ods": (zipped({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}), "ods"),
    "note.docx": (zipped({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<x/>"}), "docx"),
    "budget.xlsx": (zipped({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<x/>"}), "xlsx"),
    "module.zip": (zipped({"imsmanifest.xml": b"<x/>"}), "zip"),
}


@pytest.mark.parametrize(("name", "expected"), [(n, k) for n, (_, k) in DOCUMENTS.items()])
def test_the_kind_comes_from_the_content(name, expected):
    upload = SimpleUploadedFile(name, DOCUMENTS[name][0])
    assert detect_kind(upload) == expected
    assert validate_upload(upload, {expected}, 1024 * 1024) == expected


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "rapport.pdf",
            b"MZ\x90\x00 an executable",
            r"n'est pas un fichier accepté ici\. Formats acceptés : PDF, texte OpenDocument \(ODT\)\.",
        ),
        ("rapport.odt", b"%PDF-1.7", "est un fichier PDF : son nom doit finir par .pdf"),
        ("../../etc/rapport.pdf", b"%PDF-1.7", "aucun chemin"),
        ("C:rapport.pdf", b"%PDF-1.7", "aucun chemin"),
        ("gros.pdf", b"%PDF-1.7" + b"0" * 2048, "la limite est de 2,0"),
        ("casse.zip", b"PK\x03\x04 truncated", "n'est pas un fichier accepté"),
    ],
)
def test_what_is_not_what_its_name_says_is_refused_in_french(name, content, message):
    upload = ContentFile(content, name=name)  # a form's upload loses its path; an API caller's may not
    with pytest.raises(ValidationError, match=message):
        validate_upload(upload, {"pdf", "odt"}, 2048)


def test_stored_names_are_random_and_keep_only_the_extension():
    first = RandomName("candidatures")(None, "Budget prévisionnel.XLSX")
    second = RandomName("candidatures")(None, "Budget prévisionnel.XLSX")
    assert first != second and first.startswith("candidatures/") and first.endswith(".xlsx")
    assert "Budget" not in first
