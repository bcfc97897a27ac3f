from django.urls import path

from . import favicon

urlpatterns = [
    path("favicon.ico", favicon.favicon, name="favicon"),
]
