from django.urls import path

from . import members, requests

app_name = "organisation"

urlpatterns = [
    path("", members.index, name="index"),
    path("<int:pk>/", members.manage, name="manage"),
    path("<int:pk>/roles/attribuer/", members.grant, name="grant"),
    path("<int:pk>/roles/<int:membership_pk>/retirer/", members.withdraw, name="withdraw"),
    path("<int:pk>/inviter/", members.invite, name="invite"),
    path("<int:pk>/equipe/", members.team, name="team"),
    path("demandes/", requests.requests, name="requests"),
    path(
        "demandes/compte/<int:pk>/",
        requests.decide,
        {"kind": "account_request"},
        name="decide_account_request",
    ),
    path(
        "demandes/entite/<int:pk>/", requests.decide, {"kind": "entity_change"}, name="decide_entity_change"
    ),
    path("conventions/", requests.agreements, name="agreements"),
]
