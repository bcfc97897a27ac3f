"""Reading an uploaded zip as the hostile thing it may be. Nothing is ever extracted to disk: each file is read in
memory, in chunks, with every limit checked while reading (never after), so a zip bomb stops at the first byte
over the limit. A zip that tries anything (paths out of the package, links, encryption, archives inside, lying
sizes) is refused whole with a French message: ``Refused``."""

import posixpath
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass

from .limits import Limits

CHUNK = 64 * 1024
# Below this size, a high compression ratio is only a very regular file (a page of spaces), not a bomb.
RATIO_FLOOR = 1024 * 1024
# Text files are kept whole (up to this size) to be searched for insecure links and foreign scripts.
TEXT_EXTENSIONS = frozenset({".html", ".htm", ".xhtml", ".js", ".mjs", ".css", ".json", ".svg", ".xml"})
TEXT_LIMIT = 10 * 1024 * 1024
HEAD = 512

NESTED_EXTENSIONS = frozenset(
    {".zip", ".rar", ".7z", ".tar", ".gz", ".tgz", ".bz2", ".xz", ".zst", ".cab", ".jar", ".war", ".iso"}
)
_NESTED_MAGIC = (
    b"PK\x03\x04",
    b"PK\x05\x06",
    b"Rar!\x1a\x07",
    b"7z\xbc\xaf\x27\x1c",
    b"\x1f\x8b",
    b"BZh",
    b"\xfd7zXZ\x00",
    b"MSCF",
    b"\x28\xb5\x2f\xfd",
)
_DRIVE = re.compile(r"^[A-Za-z]:")


class Refused(Exception):
    """The zip is refused whole; ``str()`` is the French reason shown to the designer."""


@dataclass(frozen=True)
class Entry:
    name: str
    size: int
    head: bytes  # the first bytes, to recognise content whatever the name says
    text: bytes | None  # the whole content of a text file (TEXT_EXTENSIONS), else None

    @property
    def extension(self) -> str:
        return posixpath.splitext(self.name)[1].lower()


@dataclass(frozen=True)
class Contents:
    entries: dict[str, Entry]
    declared_bytes: int
    over_limits: bool  # too many files or too large: the contents were not read


def read_archive(fileobj, limits: Limits) -> Contents:
    """Open ``fileobj`` as a zip and read it under ``limits``; raise Refused when it is hostile or broken."""
    fileobj.seek(0, 2)
    size = fileobj.tell()
    fileobj.seek(0)
    if size > limits.upload_bytes:
        raise Refused(
            f"Le paquet pèse {size} octets : la limite est de {limits.upload_bytes} octets. Allégez-le "
            "(médias compressés, fichiers inutiles retirés)."
        )
    try:
        archive = zipfile.ZipFile(fileobj)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as error:
        raise Refused(f"Le fichier n'est pas une archive ZIP lisible ({error}).") from error
    with archive:
        infos = archive.infolist()
        seen = set()
        for info in infos:
            _check_entry(info, seen)
        files = [i for i in infos if not i.is_dir()]
        declared = sum(i.file_size for i in files)
        if len(files) > limits.file_count or declared > limits.unpacked_bytes:
            return Contents(
                {i.filename: Entry(i.filename, i.file_size, b"", None) for i in files}, declared, True
            )
        entries, total = {}, 0
        for info in files:
            entry, total = _read(archive, info, limits, total)
            entries[entry.name] = entry
        return Contents(entries, declared, False)


def _check_entry(info: zipfile.ZipInfo, seen: set) -> None:
    name = info.filename
    shown = name.replace("\x00", "\\0")
    parts = name.replace("\\", "/").split("/")
    if "\x00" in name or name.startswith(("/", "\\")) or _DRIVE.match(name) or ".." in parts or "\\" in name:
        raise Refused(
            f"« {shown} » : chemin interdit dans un paquet (chemin absolu, lecteur, « .. » ou barre oblique inverse). "
            "Le paquet est refusé."
        )
    if name in seen:
        raise Refused(f"« {shown} » figure deux fois dans l'archive : le paquet est refusé.")
    seen.add(name)
    if stat.S_ISLNK(info.external_attr >> 16):
        raise Refused(f"« {shown} » est un lien symbolique : les liens sont interdits dans un paquet.")
    if info.flag_bits & 0x1:
        raise Refused(f"« {shown} » est chiffré : déposez une archive sans mot de passe.")
    if not info.is_dir() and posixpath.splitext(name)[1].lower() in NESTED_EXTENSIONS:
        raise Refused(
            f"« {shown} » est une archive dans l'archive : déposez un paquet sans archive imbriquée."
        )


def _read(archive, info, limits: Limits, total: int) -> tuple[Entry, int]:
    """Read one file in chunks, stopping at the first byte over a limit. (zipfile itself never gives more bytes
    than the central directory declares: a file that lies about its size fails its CRC and is refused.)"""
    name = info.filename
    is_text = posixpath.splitext(name)[1].lower() in TEXT_EXTENSIONS and info.file_size <= TEXT_LIMIT
    head, kept, read = b"", [], 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(CHUNK):
                read += len(chunk)
                total += len(chunk)
                # The declared sizes were checked before reading; this does not trust them (nor zipfile, which
                # stops each file at its declared size).
                if total > limits.unpacked_bytes:
                    raise Refused(
                        "Le paquet décompressé dépasse la limite de "
                        f"{limits.unpacked_bytes} octets (archive piégée ?) : il est refusé."
                    )
                if read > RATIO_FLOOR and read > limits.ratio * max(info.compress_size, 1):
                    raise Refused(
                        f"« {name} » se décompresse plus de {limits.ratio} fois : c'est une bombe de "
                        "décompression, le paquet est refusé."
                    )
                if len(head) < HEAD:
                    head += chunk[: HEAD - len(head)]
                if is_text:
                    kept.append(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError) as error:
        raise Refused(f"« {name} » est illisible, l'archive est endommagée ({error}).") from error
    if head.startswith(_NESTED_MAGIC):
        raise Refused(
            f"« {name} » est une archive dans l'archive : déposez un paquet sans archive imbriquée."
        )
    return Entry(name, read, head, b"".join(kept) if is_text else None), total
