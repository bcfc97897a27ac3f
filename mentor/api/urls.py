from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import SimpleRouter

from .auth import ObtainTokenView
from .errors import unknown_endpoint
from .indicators import IndicatorsView
from .me import MeView
from .similar import SimilarTrainingsView
from .trainings import TrainingViewSet

app_name = "api"

router = SimpleRouter()
router.register("trainings", TrainingViewSet, basename="training")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("auth/token/", ObtainTokenView.as_view(), name="token"),
    path("me/", MeView.as_view(), name="me"),
    path("indicators/", IndicatorsView.as_view(), name="indicators"),
    path("trainings/similar/", SimilarTrainingsView.as_view(), name="similar_trainings"),
    *router.urls,
    # Last: what nothing above matched. Only addresses ending with "/", so that one without it is still
    # redirected to its "/" form first.
    re_path(r"^(?:.*/)?$", unknown_endpoint),
]
