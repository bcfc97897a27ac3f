"""The configurable limits of the technical requirements (settings ``DESIGN_PACKAGE_*``, see config/settings)."""

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Limits:
    upload_bytes: int  # the zip itself
    unpacked_bytes: int  # every file once decompressed
    file_count: int
    ratio: int  # decompressed size / compressed size of one file, above which it is a zip bomb
    allowed_extensions: frozenset[str]
    script_domains: frozenset[str]  # domains a package may load scripts from (subdomains included)

    @classmethod
    def from_settings(cls) -> "Limits":
        return cls(
            upload_bytes=settings.DESIGN_PACKAGE_MAX_UPLOAD_BYTES,
            unpacked_bytes=settings.DESIGN_PACKAGE_MAX_UNPACKED_BYTES,
            file_count=settings.DESIGN_PACKAGE_MAX_FILES,
            ratio=settings.DESIGN_PACKAGE_MAX_RATIO,
            allowed_extensions=frozenset(e.lower() for e in settings.DESIGN_PACKAGE_ALLOWED_EXTENSIONS),
            script_domains=frozenset(d.lower() for d in settings.DESIGN_PACKAGE_SCRIPT_DOMAINS),
        )
