from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .workspaces import workspaces_of


def site(request):
    """The site's name and tagline, from settings rather than a database row read on every page."""
    return {"SITE_NAME": settings.SITE_NAME, "SITE_TAGLINE": settings.SITE_TAGLINE}


def workspaces(request):
    """The menu's working spaces of the user, read only when a template shows them."""
    return {"workspaces": SimpleLazyObject(lambda: workspaces_of(request.user))}
