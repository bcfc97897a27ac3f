from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from .auth import ObtainTokenView
from .calls import CallViewSet
from .errors import unknown_endpoint
from .indicators import IndicatorsView
from .me import MeView
from .similar import SimilarTrainingsView
from .trainings import TrainingViewSet

app_name = "api"

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
    *router.urls,
    # Last: what nothing above matched. Only addresses ending with "/", so that one without it is still
    # redirected to its "/" form first.
    re_path(r"^(?:.*/)?$", unknown_endpoint),
]
