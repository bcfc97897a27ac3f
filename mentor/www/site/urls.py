from django.urls import path

from . import favicon, pages

urlpatterns = [
    path("favicon.ico", favicon.favicon, name="favicon"),
    path("mentions-legales/", pages.legal_notice, name="legal_notice"),
    path("donnees-personnelles/", pages.personal_data, name="personal_data"),
    path("plan-du-site/", pages.site_map, name="site_map"),
    path("accessibilite/", pages.accessibility_statement, name="accessibility"),
]
