"""Technical checks of e-learning packages (SCORM 1.2 and 2004 zips) against the technical requirements.

``check_package(fileobj)`` reads the zip in memory under the configured limits and returns a ``Report`` (every
failed rule, with file and line) or raises ``Refused`` when the zip is hostile or broken. Nothing is written to
disk: the page stores the zip itself only when it is not refused, and ``manage.py check_package`` prints the same
report."""

from .archive import Refused, read_archive
from .content import check_files
from .limits import Limits
from .manifest import check_manifest
from .report import RULES, Finding, Report

__all__ = ["RULES", "Finding", "Limits", "Refused", "Report", "check_package"]


def check_package(fileobj, limits: Limits | None = None) -> Report:
    limits = limits or Limits.from_settings()
    contents = read_archive(fileobj, limits)
    report = Report(file_count=len(contents.entries), unpacked_bytes=contents.declared_bytes)
    if contents.over_limits:
        report.fail(
            "limits",
            f"Le paquet compte {len(contents.entries)} fichiers pour {contents.declared_bytes} octets décompressés : "
            f"les limites sont de {limits.file_count} fichiers et {limits.unpacked_bytes} octets. "
            "Il n'a pas été lu plus avant.",
        )
        return report
    check_manifest(contents.entries, report)
    check_files(contents.entries, limits, report)
    return report
