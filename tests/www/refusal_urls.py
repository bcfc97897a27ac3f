"""A URL whose view refuses through core.permissions, to test the 403 page."""

from django.core.exceptions import PermissionDenied
from django.urls import include, path


def refuse(request):
    raise PermissionDenied("Seule l'équipe Mentor peut faire cela.")


urlpatterns = [path("refus/", refuse), path("", include("config.urls"))]
