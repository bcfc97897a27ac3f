from django.urls import path

from . import views

app_name = "exchange"

urlpatterns = [
    path("import-lheo/", views.import_lheo, name="import_lheo"),
]
