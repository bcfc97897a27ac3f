"""Under /api/, a client locked out by django-axes (too many wrong passwords, ``accounts.lockout``) gets the API's
structured French error with 429 and ``Retry-After``, not the site's HTML lockout page."""

import math

from django.http import JsonResponse
from django.utils.translation import ngettext

from mentor.accounts.lockout import seconds_until_unlocked

from .errors import error_body


class LockoutAsApiError:
    """Placed just before ``axes.middleware.AxesMiddleware`` (so, around it): it replaces the page that middleware
    has put in place of a locked-out request's answer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not (getattr(request, "axes_locked_out", False) and request.path_info.startswith("/api/")):
            return response
        seconds = seconds_until_unlocked(request)
        minutes = math.ceil(seconds / 60)
        message = ngettext(
            "Trop de mots de passe erronés pour ce compte ou depuis cette adresse : réessayez dans %(n)d minute.",
            "Trop de mots de passe erronés pour ce compte ou depuis cette adresse : réessayez dans %(n)d minutes.",
            minutes,
        ) % {"n": minutes}
        locked = JsonResponse(
            error_body("locked_out", message), status=429, json_dumps_params={"ensure_ascii": False}
        )
        locked["Retry-After"] = str(seconds)
        return locked
