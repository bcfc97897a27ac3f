"""The manifest of a SCORM package (``imsmanifest.xml``): parsed without DTD, entities or network, its SCORM
version read from its schema declarations, its launch file and declared files checked against the zip."""

import posixpath
import re
from urllib.parse import unquote, urlsplit

from lxml import etree

from .archive import Refused
from .report import Report

MANIFEST = "imsmanifest.xml"
_XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
_DECLARATIONS = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)
_EDITIONS = {"2004 4th edition": "4e édition", "2004 3rd edition": "3e édition", "cam 1.3": "2e édition"}


def _parser():
    # A new parser per manifest: lxml parsers are not safe to share between threads.
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
    )


def _local(element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def check_manifest(entries: dict, report: Report) -> None:
    """Record in ``report`` what the manifest says and every rule it breaks."""
    if MANIFEST not in entries:
        elsewhere = sorted(n for n in entries if posixpath.basename(n) == MANIFEST)
        where = (
            f" (trouvé dans « {elsewhere[0]} » : zippez le contenu du dossier, pas le dossier)"
            if elsewhere
            else ""
        )
        report.fail(
            "manifest",
            f"Aucun fichier {MANIFEST} à la racine du paquet{where}.",
            elsewhere[0] if elsewhere else "",
        )
        return
    raw = entries[MANIFEST].text or b""
    if _DECLARATIONS.search(raw):
        raise Refused(
            "Le manifeste déclare une DTD ou des entités (<!DOCTYPE>, <!ENTITY>) : c'est interdit, le paquet est "
            "refusé."
        )
    try:
        root = etree.fromstring(raw, _parser())
    except etree.XMLSyntaxError as error:
        report.fail("manifest", f"Le manifeste est mal formé : {error.msg}.", MANIFEST, error.lineno)
        return
    if root.getroottree().docinfo.doctype:
        raise Refused("Le manifeste déclare une DTD : c'est interdit, le paquet est refusé.")
    if _local(root) != "manifest":
        report.fail(
            "manifest",
            f"L'élément racine du manifeste est « {_local(root)} », pas « manifest ».",
            MANIFEST,
            root.sourceline,
        )
        return
    report.version = _version(root)
    if not report.version:
        report.fail(
            "version",
            "Version SCORM non reconnue : les déclarations de schéma ne sont ni celles de SCORM 1.2 "
            "(adlcp_rootv1p2) ni celles de SCORM 2004 (adlcp_v1p3).",
            MANIFEST,
            root.sourceline,
        )
    _check_resources(root, entries, report)


def _version(root) -> str:
    declared = " ".join(
        [*(ns or "" for ns in root.nsmap.values()), *(v for v in root.attrib.values())]
    ).lower()
    schema_version = " ".join(
        (e.text or "").strip().lower() for e in root.iter() if _local(e) == "schemaversion"
    )
    if "adlcp_rootv1p2" in declared or "imscp_rootv1p1p2" in declared or schema_version == "1.2":
        return "SCORM 1.2"
    if "adlcp_v1p3" in declared or "2004" in schema_version or "cam 1.3" in schema_version:
        edition = next((label for key, label in _EDITIONS.items() if key in schema_version), "")
        return f"SCORM 2004 {edition}".strip()
    return ""


def _path(*parts: str) -> str:
    """The zip path of an href relative to its xml:base values, without query or fragment."""
    joined = ""
    for part in parts:
        if part:
            joined = posixpath.join(joined, unquote(urlsplit(part).path))
    return posixpath.normpath(joined) if joined else ""


def _check_resources(root, entries: dict, report: Report) -> None:
    resources_base = ""
    resources = {}
    for element in root.iter():
        if _local(element) == "resources":
            resources_base = element.get(_XML_BASE, "")
        if _local(element) == "resource":
            resources[element.get("identifier")] = element
    report.launch = _launch(root, resources, resources_base, report)
    for resource in resources.values():
        base = resource.get(_XML_BASE, "")
        hrefs = [(resource.get("href"), resource)] + [
            (f.get("href"), f) for f in resource if _local(f) == "file"
        ]
        for href, element in hrefs:
            if href:
                _check_href(href, (resources_base, base), element, entries, report)


def _launch(root, resources, resources_base, report) -> str:
    organizations = next((e for e in root if _local(e) == "organizations"), None)
    organisation = None
    if organizations is not None:
        default = organizations.get("default")
        candidates = [o for o in organizations if _local(o) == "organization"]
        chosen = [o for o in candidates if o.get("identifier") == default] or candidates
        organisation = chosen[0] if chosen else None
    item = None
    if organisation is not None:
        item = next((i for i in organisation.iter() if _local(i) == "item" and i.get("identifierref")), None)
    if item is None:
        report.fail(
            "resources",
            "Aucun élément du manifeste ne désigne de ressource à lancer.",
            MANIFEST,
            (organisation if organisation is not None else root).sourceline,
        )
        return ""
    resource = resources.get(item.get("identifierref"))
    if resource is None or not resource.get("href"):
        report.fail(
            "resources",
            f"L'élément « {item.get('identifier')} » désigne la ressource « {item.get('identifierref')} », "
            "absente du manifeste ou sans fichier de lancement.",
            MANIFEST,
            item.sourceline,
        )
        return ""
    return _path(resources_base, resource.get(_XML_BASE, ""), resource.get("href"))


def _check_href(href, bases, element, entries, report) -> None:
    scheme = urlsplit(href).scheme.lower()
    if scheme == "http":
        report.fail(
            "tls",
            f"Le manifeste déclare une ressource en http:// : « {href} ».",
            MANIFEST,
            element.sourceline,
        )
        return
    if scheme:  # an external https:// resource: nothing to find in the zip
        return
    path = _path(*bases, href)
    if path.startswith("../") or path == "..":
        report.fail(
            "resources", f"« {href} » désigne un fichier hors du paquet.", MANIFEST, element.sourceline
        )
    elif path not in entries:
        report.fail(
            "resources",
            f"« {href} », déclaré par le manifeste, est absent du paquet.",
            MANIFEST,
            element.sourceline,
        )
