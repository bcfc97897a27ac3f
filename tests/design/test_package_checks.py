"""Each rule of the technical requirements and each hostile zip, on real zips built by the tests, through the
command (``manage.py check_package``) and the checker the pages use."""

import io
import zipfile

import pytest
from django.core.management import CommandError, call_command

from mentor.design.scorm import Refused, check_package

from .packages import MANIFEST_12, MANIFEST_2004, build, files_12, files_2004, valid_12, valid_2004


def check(data: bytes):
    return check_package(io.BytesIO(data))


def findings(data: bytes) -> list[tuple[str, str, int | None]]:
    return [(f.rule, f.file, f.line) for f in check(data).findings]


def refusal(data: bytes) -> str:
    with pytest.raises(Refused) as refused:
        check(data)
    return str(refused.value)


def test_a_valid_scorm_12_package_passes():
    report = check(valid_12())
    assert report.passed, report.as_text()
    assert report.version == "SCORM 1.2"
    assert report.launch == "index.html"
    assert report.file_count == 4


def test_a_valid_scorm_2004_package_passes_with_its_edition():
    report = check(valid_2004())
    assert report.passed, report.as_text()
    assert report.version == "SCORM 2004 4e édition"


def test_the_command_prints_the_report_and_succeeds_on_a_valid_package(tmp_path, capsys):
    path = tmp_path / "rgpd.zip"
    path.write_bytes(valid_12())
    call_command("check_package", str(path))
    out = capsys.readouterr().out
    assert "Version : SCORM 1.2" in out
    assert "[OK] Aucune ressource en http:// (TLS seulement)" in out
    assert "Paquet conforme aux exigences techniques." in out


def test_the_command_fails_with_the_report_on_a_package_that_breaks_a_rule(tmp_path, capsys):
    path = tmp_path / "module.zip"
    path.write_bytes(build({**files_12(), "index.html": '<img src="http://exemple.fr/a.png">'}))
    with pytest.raises(CommandError, match="1 règle\\(s\\) non respectée"):
        call_command("check_package", str(path))
    out = capsys.readouterr().out
    assert "[ÉCHEC] Aucune ressource en http:// (TLS seulement)" in out
    assert "(index.html, ligne 1)" in out
    assert "Paquet NON conforme." in out


def test_the_command_refuses_a_hostile_zip_and_a_missing_file(tmp_path):
    path = tmp_path / "piege.zip"
    path.write_bytes(build({**files_12(), "../../etc/passwd": "root"}))
    with pytest.raises(CommandError, match="Paquet refusé : « ../../etc/passwd »"):
        call_command("check_package", str(path))
    with pytest.raises(CommandError, match="Impossible de lire"):
        call_command("check_package", str(tmp_path / "absent.zip"))


# One package per failed rule.


def test_the_manifest_must_be_at_the_root():
    files = {f"cours/{name}": content for name, content in files_12().items()}
    report = check(build(files))
    assert [(f.rule, f.file) for f in report.findings if f.rule == "manifest"] == [
        ("manifest", "cours/imsmanifest.xml")
    ]
    assert "zippez le contenu du dossier" in report.findings[0].message


def test_a_badly_formed_manifest_is_named_with_its_line():
    broken = MANIFEST_12.replace("</organizations>", "</organisations>")
    report = check(build({**files_12(), "imsmanifest.xml": broken}))
    [finding] = report.findings
    assert (finding.rule, finding.file, finding.line) == ("manifest", "imsmanifest.xml", 14)
    assert finding.message.startswith("Le manifeste est mal formé")


def test_an_unknown_scorm_version_is_reported():
    unknown = MANIFEST_12.replace("imscp_rootv1p1p2", "imscp_autre").replace("adlcp_rootv1p2", "adlcp_autre")
    unknown = unknown.replace("<schemaversion>1.2</schemaversion>", "<schemaversion>9</schemaversion>")
    report = check(build({**files_12(), "imsmanifest.xml": unknown}))
    assert [(f.rule, f.line) for f in report.findings] == [("version", 7)]
    assert report.version == ""


def test_a_missing_launch_file_and_a_missing_declared_file_are_named_with_the_manifest_line():
    files = files_2004()
    del files["index.html"], files["css/style.css"]
    report = check(build(files))
    assert [(f.rule, f.file, f.line) for f in report.findings] == [
        ("resources", "imsmanifest.xml", 18),
        ("resources", "imsmanifest.xml", 19),
        ("resources", "imsmanifest.xml", 20),
    ]
    assert report.findings[0].message == "« index.html », déclaré par le manifeste, est absent du paquet."


def test_a_manifest_without_anything_to_launch_is_reported():
    no_item = MANIFEST_12.replace('identifierref="RES1"', "")
    assert ("resources", "imsmanifest.xml", 10) in findings(build({**files_12(), "imsmanifest.xml": no_item}))


def test_too_many_files_or_too_large_a_package_fail_the_limits(settings):
    settings.DESIGN_PACKAGE_MAX_FILES = 3
    report = check(valid_12())
    assert [f.rule for f in report.findings] == ["limits"]
    assert "les limites sont de 3 fichiers" in report.findings[0].message
    settings.DESIGN_PACKAGE_MAX_FILES = 5000
    settings.DESIGN_PACKAGE_MAX_UNPACKED_BYTES = 1000
    assert [f.rule for f in check(valid_12()).findings] == ["limits"]


def test_file_types_outside_the_allow_list_and_executables_are_named():
    files = {
        **files_12(),
        "outils/installer.exe": b"MZ\x90\x00rest",
        "images/photo.png": b"\x7fELF\x02\x01\x01",  # an executable renamed as an image
        "notes.docm": b"macro",
        "LISEZMOI": "sans extension",
    }
    assert sorted((f.rule, f.file) for f in check(build(files)).findings) == [
        ("file_types", "LISEZMOI"),
        ("file_types", "images/photo.png"),
        ("file_types", "notes.docm"),
        ("file_types", "outils/installer.exe"),
    ]


def test_http_resources_are_named_with_file_and_line_but_namespaces_are_not():
    files = {
        **files_12(),
        "index.html": '<html xmlns="http://www.w3.org/1999/xhtml">\n<p>texte</p>\n<img src="http://cdn.exemple.fr/a.png">\n',
        "css/style.css": "body {}\n\n@import 'http://polices.exemple.fr/a.css';\n",
        "js/module.js": 'var ns = "http://www.w3.org/2000/svg";\nfetch("http://api.exemple.fr/suivi");\n',
    }
    assert findings(build(files)) == [
        ("tls", "css/style.css", 3),
        ("tls", "index.html", 3),
        ("tls", "js/module.js", 2),
    ]


def test_an_http_resource_declared_by_the_manifest_is_reported():
    manifest = MANIFEST_12.replace('<file href="js/module.js"/>', '<file href="http://exemple.fr/lib.js"/>')
    assert findings(build({**files_12(), "imsmanifest.xml": manifest})) == [("tls", "imsmanifest.xml", 19)]


def test_scripts_from_domains_outside_the_allow_list_are_reported(settings):
    settings.DESIGN_PACKAGE_SCRIPT_DOMAINS = ["mentor.gouv.fr"]
    page = (
        "<html>\n"
        '<script src="https://cdn.mentor.gouv.fr/lib.js"></script>\n'
        '<script src="https://traceur.exemple.com/t.js"></script>\n'
        '<script src="//autre.example.net/x.js"></script>\n'
        '<script src="js/module.js"></script>\n'
    )
    files = {
        **files_12(),
        "index.html": page,
        "js/module.js": 'import x from "https://esm.example.org/x.js";\n',
    }
    assert findings(build(files)) == [
        ("script_domains", "index.html", 3),
        ("script_domains", "index.html", 4),
        ("script_domains", "js/module.js", 1),
    ]


# Hostile zips: refused whole, with a reason.


@pytest.mark.parametrize(
    "name",
    [
        "../evasion.html",
        "cours/../../evasion.html",
        "/etc/cron.d/evasion",
        "C:/Windows/evasion.html",
        "a\\..\\b.html",
    ],
)
def test_paths_out_of_the_package_are_refused(name):
    assert "chemin interdit dans un paquet" in refusal(build({**files_12(), name: "x"}))


def test_a_symbolic_link_is_refused():
    assert "est un lien symbolique" in refusal(
        build({**files_12(), "lien": "/etc/passwd"}, symlinks={"lien"})
    )


def test_an_encrypted_entry_is_refused():
    data = build(files_12(), encrypted={"index.html"})
    assert "« index.html » est chiffré" in refusal(data)


def test_a_zip_bomb_is_stopped_by_the_ratio_while_reading(settings):
    bomb = build({**files_12(), "video.mp4": b"\x00" * (3 * 1024 * 1024)})
    assert len(bomb) < 50_000
    assert "bombe de décompression" in refusal(bomb)


def test_a_file_larger_than_its_declared_size_is_refused_while_reading():
    data = bytearray(build({**files_12(), "video.mp4": b"\x00" * 200_000}))
    _patch_uncompressed_size(data, b"video.mp4", 1000)
    assert "« video.mp4 » est illisible, l'archive est endommagée" in refusal(bytes(data))


def _patch_uncompressed_size(data: bytearray, name: bytes, size: int) -> None:
    """Make the central directory (what zipfile trusts) claim ``size`` bytes for ``name``."""
    start = 0
    while (start := data.find(b"PK\x01\x02", start)) != -1:
        length = int.from_bytes(data[start + 28 : start + 30], "little")
        if data[start + 46 : start + 46 + length] == name:
            data[start + 24 : start + 28] = size.to_bytes(4, "little")
        start += 4


@pytest.mark.parametrize(
    ("name", "content"),
    [("ressources/autre.zip", b"anything"), ("ressources/donnees.bin", build({"a.txt": "a"}))],
)
def test_nested_archives_are_refused_by_name_or_by_content(name, content):
    assert "archive dans l'archive" in refusal(build({**files_12(), name: content}))


def test_a_broken_zip_is_refused():
    data = valid_12()
    assert "n'est pas une archive ZIP lisible" in refusal(data[: len(data) // 2])
    assert "n'est pas une archive ZIP lisible" in refusal(b"%PDF-1.7 pas un zip")


def test_a_corrupted_entry_is_refused():
    data = bytearray(build(files_12(), compression=zipfile.ZIP_STORED))
    position = data.find(b"Bienvenue")
    data[position : position + 9] = b"Malvenue!"
    assert "est illisible, l'archive est endommagée" in refusal(bytes(data))


@pytest.mark.parametrize(
    "prologue",
    [
        '<!DOCTYPE manifest SYSTEM "http://evil.example/x.dtd">',
        '<!DOCTYPE m [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
        '<!DOCTYPE m [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>',
    ],
)
def test_a_manifest_with_a_dtd_or_entities_is_refused(prologue):
    manifest = MANIFEST_2004.replace("?>\n", "?>\n" + prologue + "\n", 1)
    assert "déclare une DTD ou des entités" in refusal(build({**files_2004(), "imsmanifest.xml": manifest}))


def test_an_upload_over_the_size_limit_is_refused_before_reading(settings):
    settings.DESIGN_PACKAGE_MAX_UPLOAD_BYTES = 100
    assert "la limite est de 100 octets" in refusal(valid_12())
