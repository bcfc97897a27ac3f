from django.urls import path

from . import views

app_name = "review"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("formations/<int:pk>/", views.training_view, name="training"),
    path("formations/<int:pk>/commencer/", views.start, name="start"),
    path("formations/<int:pk>/label/", views.award_label, name="award_label"),
]
