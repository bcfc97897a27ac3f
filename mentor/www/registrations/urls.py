from django.urls import path

from . import manage, views

urlpatterns = [
    path("sessions/<int:pk>/inscription/", views.register, name="register"),
    path("inscriptions/<int:pk>/annulation/", views.cancel, name="cancel_registration"),
    path("mes-formations/", views.my_registrations, name="my_registrations"),
    path("gestion/sessions/", manage.session_list, name="managed_sessions"),
    path("gestion/sessions/nouvelle/", manage.session_create, name="new_session"),
    path("gestion/sessions/<int:pk>/", manage.session_detail, name="managed_session"),
    path("gestion/sessions/<int:pk>/dates/", manage.session_reschedule, name="session_reschedule"),
    path("gestion/sessions/<int:pk>/statut/", manage.session_transition, name="session_transition"),
    path("gestion/sessions/<int:pk>/places/", manage.session_capacity, name="session_capacity"),
    path(
        "gestion/inscriptions/<int:pk>/<str:decision>/",
        manage.decide_registration,
        name="decide_registration",
    ),
]
