from django.urls import path

from . import training, views

urlpatterns = [
    path("catalogue/", views.catalogue, name="catalogue"),
    path("formations/<int:pk>-<slug:slug>/", training.training_detail, name="training"),
]
