from django.urls import path

from . import actions, views

app_name = "contribute"

urlpatterns = [
    path("", views.index, name="index"),
    path("nouvelle/", views.create, name="create"),
    path("formations/<int:pk>/", views.training_view, name="training"),
    path("formations/<int:pk>/etapes/<int:step>/", views.step, name="step"),
    path("formations/<int:pk>/actions/<slug:name>/", views.transition, name="transition"),
    path(
        "formations/<int:pk>/revision/actions/<slug:name>/",
        views.revision_transition,
        name="revision_transition",
    ),
    path("formations/<int:pk>/reevaluation/", views.request_reevaluation, name="request_reevaluation"),
    path("formations/<int:pk>/adopter/", actions.adopt, name="adopt"),
    path("collections/<slug:slug>/suivre/", actions.watch, name="watch"),
]
