"""The import table of ARCHITECTURE.md ("Qui peut importer qui") is a contract, and this test is its judge.

It reads the table itself, so the document and the check cannot drift apart, and walks every Python module and
template of ``mentor/``: a Python import, a template named in Python code, an ``{% include %}``, ``{% extends %}``
or ``{% load %}`` that reaches an application the table does not allow fails, with the file and line. A new
application adds its row (an application without one fails too); "toutes les applications de domaine" means every
application of the table except those that say so themselves (``www``, ``api``, ``bootstrap``), which nothing may
import.
"""

import ast
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MENTOR = ROOT / "mentor"
EVERY_DOMAIN_APP = "toutes les applications de domaine"
LAYERS = {"www", "api", "bootstrap"}

TEMPLATE_TAG = re.compile(r"""{%\s*(include|extends)\s+["']([^"']+)["']""")
LOAD_TAG = re.compile(r"{%\s*load\s+(.+?)\s*%}")


def read_contract(text: str) -> dict[str, set[str]]:
    """application -> what it may import (an application, or one of its modules: ``accounts.roles``)."""
    section = text.split("## Qui peut importer qui", 1)[1]
    lines = section.strip().splitlines()
    rows = []
    for line in lines:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    assert rows[0][:2] == ["application", "peut importer"], "the table lost its heading"
    table, every_domain_app = {}, set()
    for cells in rows[2:]:
        apps = re.findall(r"`([\w.]+)`", cells[0])
        for app in apps:
            if EVERY_DOMAIN_APP in cells[1]:
                every_domain_app.add(app)
                table[app] = set()
            else:
                table[app] = set(re.findall(r"`([\w.]+)`", cells[1]))
    domain_apps = set(table) - every_domain_app
    for app in every_domain_app:
        table[app] = set(domain_apps)
    return table


CONTRACT = read_contract((ROOT / "ARCHITECTURE.md").read_text())


@dataclass(frozen=True)
class Reference:
    source: str  # the file, from the project's root
    line: int
    target: str  # under mentor/: "accounts.roles", "www" for a template of www…
    what: str


def _module_exists(dotted: str) -> bool:
    path = ROOT.joinpath(*dotted.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def _template_owners() -> tuple[dict[str, str], dict[str, str]]:
    """Template name -> owning application; template library -> owning application."""
    templates, libraries = {}, {}
    for app_dir in MENTOR.iterdir():
        for path in (app_dir / "templates").rglob("*"):
            if path.is_file():
                templates[path.relative_to(app_dir / "templates").as_posix()] = app_dir.name
        for path in (app_dir / "templatetags").glob("*.py"):
            if path.stem != "__init__":
                libraries[path.stem] = app_dir.name
    return templates, libraries


TEMPLATES, LIBRARIES = _template_owners()
# The first folder of a template's name says whose it is ("www/…"): a name built in code still names its owner.
TEMPLATE_FOLDERS = {name.split("/", 1)[0]: app for name, app in TEMPLATES.items() if "/" in name}


def _template_owner(text: str) -> str | None:
    folder = text.split("/", 1)[0] if "/" in text else None
    return TEMPLATES.get(text) or TEMPLATE_FOLDERS.get(folder)


def python_references(source: str, path: Path) -> list[Reference]:
    """What a Python module of mentor/ reaches: its imports, and the templates it names."""
    package = path.relative_to(ROOT).parts[:-1]  # a module's package; for __init__.py, the package itself
    name = path.relative_to(ROOT).as_posix()
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(package[: len(package) - node.level + 1]) if node.level else ""
            parent = ".".join(part for part in (base, node.module or "") if part)
            targets = [
                f"{parent}.{alias.name}" if _module_exists(f"{parent}.{alias.name}") else parent
                for alias in node.names
            ]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            owner = _template_owner(node.value)
            if owner:
                found.append(Reference(name, node.lineno, owner, f"template {node.value}"))
            continue
        else:
            continue
        for target in targets:
            if target.startswith("mentor."):
                found.append(Reference(name, node.lineno, target.removeprefix("mentor."), f"import {target}"))
    return found


def template_references(source: str, path: Path) -> list[Reference]:
    """What a template of mentor/ reaches: the templates it includes or extends, the libraries it loads."""
    name = path.relative_to(ROOT).as_posix()
    found = []
    for number, line in enumerate(source.splitlines(), start=1):
        for tag, template in TEMPLATE_TAG.findall(line):
            owner = _template_owner(template)
            if owner:
                found.append(Reference(name, number, owner, f"{tag} {template}"))
        for libraries in LOAD_TAG.findall(line):
            for library in libraries.split(" from ")[-1].split():
                if library in LIBRARIES:
                    found.append(Reference(name, number, LIBRARIES[library], f"load {library}"))
    return found


def violations(app: str, references: list[Reference], contract=CONTRACT) -> list[str]:
    allowed = contract[app]
    return [
        f"{ref.source}:{ref.line}: {app} → {ref.what}"
        for ref in references
        if ref.target.split(".")[0] != app
        and not any(ref.target == entry or ref.target.startswith(f"{entry}.") for entry in allowed)
    ]


def applications() -> list[str]:
    return sorted(p.name for p in MENTOR.iterdir() if (p / "__init__.py").exists())


def references_of(app: str) -> list[Reference]:
    found = []
    for path in sorted((MENTOR / app).rglob("*.py")):
        found += python_references(path.read_text(), path)
    for path in sorted((MENTOR / app / "templates").rglob("*")):
        if path.is_file():
            found += template_references(path.read_text(), path)
    return found


def test_every_application_has_its_row_in_the_table():
    assert set(applications()) == set(CONTRACT)


def test_nothing_imports_www_api_or_bootstrap():
    assert {app for app, allowed in CONTRACT.items() if allowed & LAYERS} == set()
    assert all(CONTRACT[layer] == set(applications()) - LAYERS for layer in LAYERS)


def test_every_import_and_template_of_mentor_respects_the_table():
    broken = [line for app in applications() for line in violations(app, references_of(app))]
    assert broken == [], "ARCHITECTURE.md, « Qui peut importer qui », ne permet pas :\n" + "\n".join(broken)


def test_the_contract_refuses_an_import_the_table_does_not_allow():
    """The judge itself: what it must refuse and what it must let through, on made-up modules."""
    offer = MENTOR / "offer" / "catalogue" / "made_up.py"
    source = (
        "from mentor.accounts.enums import Role\n"
        "from mentor.accounts import roles\n"
        "from mentor.accounts import models\n"
        "import mentor.editorial.models\n"
        "from ...www.templatetags import editorial_tags\n"
        "from . import facets\n"
        "def lazy():\n"
        "    from mentor.api import errors\n"
        "TEMPLATE = 'www/editorial/includes/label_badge.html'\n"
    )
    assert violations("offer", python_references(source, offer)) == [
        "mentor/offer/catalogue/made_up.py:3: offer → import mentor.accounts.models",
        "mentor/offer/catalogue/made_up.py:4: offer → import mentor.editorial.models",
        "mentor/offer/catalogue/made_up.py:5: offer → import mentor.www.templatetags.editorial_tags",
        "mentor/offer/catalogue/made_up.py:8: offer → import mentor.api.errors",
        "mentor/offer/catalogue/made_up.py:9: offer → template www/editorial/includes/label_badge.html",
    ]


def test_the_contract_refuses_a_template_of_a_layer_in_a_domain_application():
    template = MENTOR / "editorial" / "templates" / "editorial" / "made_up.html"
    source = (
        '{% extends "www/base.html" %}\n{% load dsfr_tags editorial_tags %}\n{% include "dsfr/x.html" %}\n'
    )
    assert violations("editorial", template_references(source, template)) == [
        "mentor/editorial/templates/editorial/made_up.html:1: editorial → extends www/base.html",
        "mentor/editorial/templates/editorial/made_up.html:2: editorial → load editorial_tags",
    ]
    assert violations("www", template_references(source, MENTOR / "www" / "templates" / "x.html")) == []
