from django.urls import path

from . import indicators, views

app_name = "watch"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("indicateurs/", indicators.dashboard, name="indicators"),
    path("indicateurs/export.csv", indicators.export, name="indicators_csv"),
    path("doublons/<int:pk>/pas-un-doublon/", views.not_a_duplicate, name="not_a_duplicate"),
]
