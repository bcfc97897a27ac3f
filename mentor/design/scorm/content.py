"""The files of a package: types from the allow-list, no executable content, no insecure link, no script from a
domain outside the allow-list. Each finding names the file and, for links and scripts, the line."""

import re

from .limits import Limits
from .manifest import MANIFEST
from .report import Report

EXECUTABLE_EXTENSIONS = frozenset(
    {
        ".exe",
        ".dll",
        ".com",
        ".bat",
        ".cmd",
        ".msi",
        ".scr",
        ".ps1",
        ".vbs",
        ".sh",
        ".bin",
        ".app",
        ".dmg",
        ".apk",
        ".so",
        ".dylib",
        ".class",
        ".jar",
        ".swf",
    }
)
_EXECUTABLE_MAGIC = (
    b"MZ",
    b"\x7fELF",
    b"\xca\xfe\xba\xbe",
    b"\xcf\xfa\xed\xfe",
    b"\xce\xfa\xed\xfe",
    b"\xfe\xed\xfa",
    b"#!",
    b"FWS",
    b"CWS",
    b"ZWS",
)

_MARKUP = {".html", ".htm", ".xhtml", ".svg"}
_SCRIPT = {".js", ".mjs", ".json"}
# An http:// address where a page or a style loads something, not a namespace or a doctype.
_MARKUP_HTTP = re.compile(
    r"""\b(?:src|href|action|formaction|poster|data|background|srcset|xlink:href)\s*=\s*["']?\s*http://"""
    r"""|url\(\s*["']?\s*http://""",
    re.IGNORECASE,
)
_CSS_HTTP = re.compile(r"""url\(\s*["']?\s*http://|@import\s+["']http://""", re.IGNORECASE)
# In scripts, a string that starts with http:// (XML namespaces of the W3C are names, not resources).
_SCRIPT_HTTP = re.compile(r"""["'`]http://(?!www\.w3\.org/)""", re.IGNORECASE)
_SCRIPT_SRC = re.compile(r"""<script\b[^>]*?\bsrc\s*=\s*["']?\s*(?:https?:)?//([^/"'\s>:]+)""", re.IGNORECASE)
_SCRIPT_IMPORT = re.compile(r"""(?:\bimport\s*\(?|\bfrom)\s*["'](?:https?:)?//([^/"'\s:]+)""", re.IGNORECASE)


def _line(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


def _allowed(host: str, domains: frozenset[str]) -> bool:
    host = host.lower()
    return any(host == d or host.endswith("." + d) for d in domains)


def check_files(entries: dict, limits: Limits, report: Report) -> None:
    for name in sorted(entries):
        entry = entries[name]
        if entry.extension in EXECUTABLE_EXTENSIONS or entry.head.startswith(_EXECUTABLE_MAGIC):
            report.fail("file_types", "Contenu exécutable interdit dans un paquet.", name)
        elif entry.extension.lstrip(".") not in limits.allowed_extensions:
            kind = f"« {entry.extension} »" if entry.extension else "sans extension"
            report.fail("file_types", f"Type de fichier non autorisé ({kind}).", name)
        if entry.text is None or name == MANIFEST:
            continue
        text = entry.text.decode("utf-8", errors="replace")
        _check_links(name, entry.extension, text, report)
        _check_scripts(name, entry.extension, text, limits, report)


def _check_links(name, extension, text, report) -> None:
    pattern = _MARKUP_HTTP if extension in _MARKUP else _CSS_HTTP if extension == ".css" else None
    if extension in _SCRIPT:
        pattern = _SCRIPT_HTTP
    if pattern is None:
        return
    for match in pattern.finditer(text):
        report.fail(
            "tls", "Ressource chargée en http:// : utilisez https://.", name, _line(text, match.start())
        )


def _check_scripts(name, extension, text, limits, report) -> None:
    pattern = (
        _SCRIPT_SRC if extension in _MARKUP else _SCRIPT_IMPORT if extension in (".js", ".mjs") else None
    )
    if pattern is None:
        return
    for match in pattern.finditer(text):
        host = match.group(1)
        if not _allowed(host, limits.script_domains):
            report.fail(
                "script_domains",
                f"Script chargé depuis « {host} », domaine hors de la liste autorisée.",
                name,
                _line(text, match.start()),
            )
