"""Uploaded files, one way for every app: a file is what its content says (magic bytes, and for zip-based formats
the zip's own table of contents), not what its name says; it has a size limit and a plain name; it is stored under
MEDIA_ROOT with a random name and served only by a view that has checked who asks (``file_response``)."""

import os
import uuid
import zipfile

from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible

# kind -> (what users call it, the extensions its name may have)
KINDS = {
    "pdf": ("PDF", (".pdf",)),
    "odt": ("texte OpenDocument (ODT)", (".odt",)),
    "ods": ("tableur OpenDocument (ODS)", (".ods",)),
    "docx": ("Word (DOCX)", (".docx",)),
    "xlsx": ("Excel (XLSX)", (".xlsx",)),
    "zip": ("archive ZIP", (".zip",)),
    "png": ("image PNG", (".png",)),
    "jpeg": ("image JPEG", (".jpg", ".jpeg")),
}
OPENDOCUMENT = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
}


def detect_kind(upload) -> str | None:
    """The kind of ``upload`` read from its content, or None when it is none of KINDS."""
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        head = upload.read(8)
        if head.startswith(b"%PDF-"):
            return "pdf"
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            return "png"
        if head.startswith(b"\xff\xd8\xff"):
            return "jpeg"
        if head.startswith(b"PK\x03\x04"):
            upload.seek(0)
            return _zip_kind(upload)
        return None
    finally:
        upload.seek(position)


def _zip_kind(upload) -> str | None:
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                info = archive.getinfo("mimetype")
                if info.file_size < 100:
                    kind = OPENDOCUMENT.get(archive.read(info).strip())
                    if kind:
                        return kind
            if "[Content_Types].xml" in names:
                if "word/document.xml" in names:
                    return "docx"
                if "xl/workbook.xml" in names:
                    return "xlsx"
            return "zip"
    except (zipfile.BadZipFile, ValueError, OSError):
        return None


def describe(kinds) -> str:
    return ", ".join(label for kind, (label, _) in KINDS.items() if kind in kinds)


def validate_upload(upload, kinds, max_bytes: int) -> str:
    """Check ``upload`` (name, size, content) against the allowed ``kinds``; return its kind or raise a
    ValidationError that says, in French, what is wrong. (Django already drops any path from the name of a file
    posted to a form; a name that still carries one, from the API or a command, is refused here.)"""
    name = upload.name or ""
    if not name or any(c in name for c in "/\\\x00") or name.startswith(".") or ".." in name or ":" in name:
        raise ValidationError(
            "Le nom du fichier ne doit contenir aucun chemin : renommez-le.", code="path_in_name"
        )
    if upload.size > max_bytes:
        raise ValidationError(
            f"Le fichier pèse {filesizeformat(upload.size)} : la limite est de {filesizeformat(max_bytes)}.",
            code="file_too_large",
        )
    kind = detect_kind(upload)
    if kind not in kinds:
        raise ValidationError(
            f"« {name} » n'est pas un fichier accepté ici. Formats acceptés : {describe(kinds)}.",
            code="wrong_type",
        )
    if os.path.splitext(name)[1].lower() not in KINDS[kind][1]:
        raise ValidationError(
            f"« {name} » est un fichier {KINDS[kind][0]} : son nom doit finir par {KINDS[kind][1][0]}.",
            code="wrong_extension",
        )
    return kind


@deconstructible
class RandomName:
    """``upload_to`` for FileFields: ``<folder>/<year>/<random>.<extension>``; the name the sender chose is kept in
    a field of its own when it matters, never in the path."""

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        from django.utils import timezone

        extension = os.path.splitext(filename)[1].lower()[:10]
        return f"{self.folder}/{timezone.now():%Y}/{uuid.uuid4().hex}{extension}"

    def __eq__(self, other):
        return isinstance(other, RandomName) and other.folder == self.folder


def file_response(field_file, download_name: str) -> FileResponse:
    """Serve a stored file as an attachment under ``download_name``; the caller has fetched its owner through a
    queryset limited to what the user may see."""
    return FileResponse(field_file.open("rb"), as_attachment=True, filename=download_name)
