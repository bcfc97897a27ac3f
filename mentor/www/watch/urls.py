from django.urls import path

from . import views

app_name = "watch"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("doublons/<int:pk>/pas-un-doublon/", views.not_a_duplicate, name="not_a_duplicate"),
]
