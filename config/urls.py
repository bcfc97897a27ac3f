from django.conf import settings
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Administration de Mentor"
admin.site.site_title = "Mentor"
admin.site.index_title = "Offre de formation"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("compte/", include("mentor.www.account.urls")),
    path("api/v1/", include("mentor.api.urls")),
    path("", include("mentor.www.urls")),
]

handler500 = "mentor.api.errors.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
