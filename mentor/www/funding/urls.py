from django.urls import path

from . import calls, evaluations, proposals

app_name = "funding"

urlpatterns = [
    path("", calls.call_list, name="calls"),
    path("<int:pk>/", calls.call_view, name="call"),
    path("<int:pk>/candidater/", proposals.start, name="start"),
    path("<int:pk>/gestion/", calls.manage, name="manage"),
    path("<int:pk>/actions/<slug:name>/", calls.transition, name="call_transition"),
    path("<int:pk>/tableau-de-bord/", calls.dashboard, name="dashboard"),
    path("<int:pk>/export/<slug:kind>.csv", calls.export, name="export"),
    path("propositions/<int:pk>/", proposals.proposal_view, name="proposal"),
    path("propositions/<int:pk>/pieces/", proposals.attach, name="attach"),
    path("propositions/<int:pk>/pieces/<int:attachment>/", proposals.download, name="download"),
    path("propositions/<int:pk>/co-redacteurs/", proposals.add_editor, name="add_editor"),
    path("propositions/<int:pk>/actions/<slug:name>/", proposals.transition, name="proposal_transition"),
    path("propositions/<int:pk>/decision/", proposals.decide, name="decide"),
    path("propositions/<int:pk>/evaluateurs/", proposals.assign, name="assign"),
    path("propositions/<int:pk>/suivi/<slug:what>/", proposals.follow_up, name="follow_up"),
    path("evaluations/", evaluations.queue, name="evaluations"),
    path("evaluations/<int:pk>/", evaluations.evaluation_view, name="evaluation"),
]
