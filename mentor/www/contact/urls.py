from django.urls import path

from . import views

urlpatterns = [
    path("", views.contact, name="contact"),
    path("envoyer/", views.send, name="contact_send"),
]
