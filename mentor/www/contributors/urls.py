from django.urls import path

from . import views

urlpatterns = [
    path("contributeurs/", views.contributors, name="contributors"),
]
