from django.urls import path

from . import views

urlpatterns = [
    path("", views.open_data, name="open_data"),
    path("data.json", views.catalog, name="open_data_catalog"),
]
