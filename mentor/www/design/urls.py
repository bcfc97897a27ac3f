from django.urls import path

from . import library, models, steps

app_name = "design"

urlpatterns = [
    path("", library.index, name="library"),
    path("ressources/nouvelle/", library.edit, name="resource_create"),
    path("ressources/<int:pk>/", library.resource_view, name="resource"),
    path("ressources/<int:pk>/modifier/", library.edit, name="resource_edit"),
    path("ressources/<int:pk>/nouvelle-version/", library.new_version, name="new_version"),
    path("ressources/<int:pk>/versions/<int:number>/", library.download, name="download"),
    path("communaute/", library.community, name="community"),
    path("communaute/modifier/", library.edit_community, name="community_edit"),
    path("modeles/", models.models_view, name="models"),
    path("formations/<int:pk>/modele/", models.mark_model, name="mark_model"),
    path("formations/<int:pk>/etapes/<slug:slug>/", steps.step_view, name="step"),
    path("formations/<int:pk>/paquet/", steps.upload_package, name="package"),
]
