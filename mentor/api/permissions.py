from rest_framework.exceptions import NotAuthenticated, PermissionDenied
from rest_framework.permissions import BasePermission

from mentor.core.permissions import check


class CanWrite(BasePermission):
    """An authenticated user, with a token that is not limited to reading (or the site's session)."""

    message = "Ce jeton est limité à la lecture : il ne permet pas de modifier l'offre."

    def has_permission(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return False
        return not getattr(request.auth, "read_only", False)


def require(request, name: str, obj=None) -> None:
    """Ask the permission ``name`` (``core.permissions``) for the request's user; refused, answer 401 to an anonymous
    caller and 403 to the others, with the permission's French reason as the message (``api/errors.py``)."""
    decision = check(request.user, name, obj)
    if not decision:
        if not request.user.is_authenticated:
            raise NotAuthenticated(decision.reason)
        raise PermissionDenied(decision.reason)
