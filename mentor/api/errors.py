"""Every API error has the same French, structured body:

    {"code": "invalid", "message": "…", "errors": {"field": [{"code": "required", "message": "…"}]}}

``errors`` is there only for invalid input, keyed by field (``non_field_errors`` for the request as a whole).
"""

import math

from django.http import JsonResponse
from django.views import defaults
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, status
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.views import exception_handler as drf_exception_handler

from mentor.core.templatetags.french import counted

MESSAGES = {
    status.HTTP_400_BAD_REQUEST: "Les données envoyées ne sont pas valides.",
    status.HTTP_404_NOT_FOUND: "Cette ressource n'existe pas ou ne vous est pas accessible.",
    status.HTTP_500_INTERNAL_SERVER_ERROR: "Erreur inattendue du service. Réessayez un peu plus tard.",
}


class Refused(exceptions.APIException):
    """A workflow's guard said no: the message is its reason, in French."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "refused"
    default_detail = "Cette action est impossible maintenant."


def exception_handler(exc, context):
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = {
            "code": "invalid",
            "message": MESSAGES[status.HTTP_400_BAD_REQUEST],
            "errors": _field_errors(exc.get_full_details()),
        }
    elif isinstance(exc, exceptions.Throttled):
        # DRF has set Retry-After already, rounded up the same way.
        seconds = max(1, math.ceil(exc.wait or 0))
        response.data = {
            "code": "throttled",
            "message": f"Trop de requêtes : réessayez dans {counted(seconds, 'seconde', 'secondes')}.",
        }
    elif isinstance(exc, exceptions.APIException):
        detail = exc.get_full_details()
        response.data = {
            "code": detail.get("code", "error"),
            "message": MESSAGES.get(response.status_code, str(detail.get("message", ""))),
        }
    else:  # Http404 and PermissionDenied of Django, turned into API errors by DRF
        response.data = {
            "code": "not_found" if response.status_code == 404 else "permission_denied",
            "message": MESSAGES.get(
                response.status_code, "Vous n'avez pas la permission d'effectuer cette action."
            ),
        }
    return response


def error_body(code: str, message: str) -> dict:
    """The body of an error raised outside DRF's views (the lockout, ``api/lockout.py``)."""
    return {"code": code, "message": message}


def server_error(request):
    """``handler500``: an unexpected error under /api/ is the API's error, not the site's HTML page (kept for the
    pages). Nothing is read from the database: it may be what failed."""
    if request.path_info.startswith("/api/"):
        body = error_body("server_error", MESSAGES[status.HTTP_500_INTERNAL_SERVER_ERROR])
        return JsonResponse(body, status=500, json_dumps_params={"ensure_ascii": False})
    return defaults.server_error(request)


def _field_errors(details) -> dict:
    if isinstance(details, list):
        return {"non_field_errors": details}
    return {field: errors if isinstance(errors, list) else [errors] for field, errors in details.items()}


@extend_schema(exclude=True)
@api_view(["GET", "POST", "PUT", "PATCH", "DELETE"])
@permission_classes([AllowAny])
def unknown_endpoint(request, *args, **kwargs):
    """Any other address under the API: the same structured 404 as a missing resource, not the site's HTML page."""
    raise exceptions.NotFound()
