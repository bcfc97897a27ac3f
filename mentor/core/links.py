"""Full addresses for messages read outside the site."""

from django.conf import settings


def absolute(path: str) -> str:
    """``path`` (from ``reverse`` or ``get_absolute_url``) under ``SITE_URL``: for e-mails sent where there is no
    request to take the address from (the editorial workflow, scheduled commands)."""
    return settings.SITE_URL + path
