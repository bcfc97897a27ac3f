from rest_framework.permissions import BasePermission


class CanWrite(BasePermission):
    """An authenticated user, with a token that is not limited to reading (or the site's session)."""

    message = "Ce jeton est limité à la lecture : il ne permet pas de modifier l'offre."

    def has_permission(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return False
        return not getattr(request.auth, "read_only", False)
