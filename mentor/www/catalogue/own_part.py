"""The user's own part of a catalogue page kept for its whole audience (``offer.catalogue.kept_rendering``): the
kept page holds a marker where each piece of it goes, filled in for every request. Nothing a visitor writes can
make a marker: the page escapes every "<" it shows."""

import re

from django.utils.html import format_html
from django.utils.safestring import mark_safe

from mentor.core.templatetags.french import long_date

NEXT_SESSION = re.compile(r"<!--prochaine-session:(\d+)-->")
OPEN_REGISTRATION_COUNT = re.compile(r"<!--inscriptions-ouvertes:(\d+)-->")


def filled(page: str, own) -> str:
    """``page`` with the next session of each training and the "open registration" count as ``own`` (an
    ``offer.catalogue.audience.Own``) gives them."""
    page = NEXT_SESSION.sub(lambda m: _next_session(own.starts.get(int(m[1]))), page)
    page = OPEN_REGISTRATION_COUNT.sub(lambda m: str(int(m[1]) + own.open_added), page)
    return mark_safe(page)  # noqa: S308 (a rendered page; what is put in is escaped by format_html)


def _next_session(start) -> str:
    return format_html("— prochaine session le {}", long_date(start)) if start else ""
