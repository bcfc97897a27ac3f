from functools import wraps

from django.core.exceptions import PermissionDenied
from django.shortcuts import render


def shows_refusal(view):
    """Turn a refused permission into a page that says why, in French (the reason the permission gave)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied as refusal:
            return render(request, "www/organisation/refused.html", {"reason": str(refusal)}, status=403)

    return wrapped
