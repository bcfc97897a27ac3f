from django.urls import include, path

from .watch.satisfaction import questionnaire

app_name = "www"

urlpatterns = [
    path("", include("mentor.www.home.urls")),
    path("", include("mentor.www.site.urls")),
    path("", include("mentor.www.contributors.urls")),
    path("contribuer/", include("mentor.www.contribute.urls")),
    path("relectures/", include("mentor.www.review.urls")),
    path("conception/", include("mentor.www.design.urls")),
    path("veille/", include("mentor.www.watch.urls")),
    path("satisfaction/<str:token>/", questionnaire, name="satisfaction"),
    path("contact/", include("mentor.www.contact.urls")),
    path("donnees/", include("mentor.www.opendata.urls")),
    path("echanges/", include("mentor.www.exchange.urls")),
    path("organisation/", include("mentor.www.organisation.urls")),
    path("appels/", include("mentor.www.funding.urls")),
    path("", include("mentor.www.catalogue.urls")),
    path("", include("mentor.www.registrations.urls")),
]
