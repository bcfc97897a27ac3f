from django.urls import path, re_path, register_converter
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from .auth import ObtainTokenView
from .calls import CallViewSet
from .errors import unknown_endpoint
from .exports import LheoExportView
from .indicators import IndicatorsView
from .me import MeView
from .members import MembersView, RoleView
from .organisations import OrganisationListView, OrganisationView
from .registrations import MyRegistrationsView, SessionRegistrationView
from .similar import SimilarTrainingsView
from .synchronisation import (
    EXTERNAL_ID_PATTERN,
    SessionByExternalIdView,
    SessionTransitionView,
    TrainingByExternalIdView,
    TrainingTransitionView,
)
from .trainings import TrainingViewSet

app_name = "api"


class Identifier:
    """A database identifier: 18 digits at most, so that a longer one (beyond a 64-bit integer) is the API's 404
    rather than an overflow in the database driver."""

    regex = "[0-9]{1,18}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(Identifier, "id")

router = SimpleRouter()
router.register("trainings", TrainingViewSet, basename="training")
router.register("calls", CallViewSet, basename="call")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # Swagger UI's start-up script is fetched from the same address (?script), never inline, and the page's
    # inline style is a static file (api/swagger_ui.html): both for the Content-Security-Policy.
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api:schema", template_name="api/swagger_ui.html"),
        name="docs",
    ),
    path("auth/token/", ObtainTokenView.as_view(), name="token"),
    path("me/", MeView.as_view(), name="me"),
    path("indicators/", IndicatorsView.as_view(), name="indicators"),
    path("trainings/similar/", SimilarTrainingsView.as_view(), name="similar_trainings"),
    path("exports/lheo.xml", LheoExportView.as_view(), name="export-lheo"),
    re_path(
        rf"^organisations/(?P<code>[A-Z0-9_-]+)/trainings/by-external-id/(?P<external_id>{EXTERNAL_ID_PATTERN})/$",
        TrainingByExternalIdView.as_view(),
        name="training-by-external-id",
    ),
    re_path(
        rf"^organisations/(?P<code>[A-Z0-9_-]+)/sessions/by-external-id/(?P<external_id>{EXTERNAL_ID_PATTERN})/$",
        SessionByExternalIdView.as_view(),
        name="session-by-external-id",
    ),
    path(
        "trainings/<id:pk>/transitions/<slug:name>/",
        TrainingTransitionView.as_view(),
        name="training-transition",
    ),
    path(
        "sessions/<id:pk>/transitions/<slug:name>/",
        SessionTransitionView.as_view(),
        name="session-transition",
    ),
    path("sessions/<id:pk>/registration/", SessionRegistrationView.as_view(), name="session-registration"),
    path("me/registrations/", MyRegistrationsView.as_view(), name="my-registrations"),
    path("organisations/", OrganisationListView.as_view(), name="organisations"),
    re_path(
        r"^organisations/(?P<code>[A-Z0-9][A-Z0-9_-]*)/$", OrganisationView.as_view(), name="organisation"
    ),
    re_path(r"^organisations/(?P<code>[A-Z0-9][A-Z0-9_-]*)/members/$", MembersView.as_view(), name="members"),
    re_path(
        r"^organisations/(?P<code>[A-Z0-9][A-Z0-9_-]*)/roles/(?P<pk>[0-9]{1,18})/$",
        RoleView.as_view(),
        name="role",
    ),
    *router.urls,
    # Last: what nothing above matched. Only addresses ending with "/", so that one without it is still
    # redirected to its "/" form first. [\s\S]: an address with an encoded line break is unknown too.
    re_path(r"^(?:[\s\S]*/)?$", unknown_endpoint),
]
