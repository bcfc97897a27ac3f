from django.conf import settings


def site(request):
    """The site's name and tagline, from settings rather than a database row read on every page."""
    return {"SITE_NAME": settings.SITE_NAME, "SITE_TAGLINE": settings.SITE_TAGLINE}
