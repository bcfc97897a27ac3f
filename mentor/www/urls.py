from django.urls import include, path

app_name = "www"

urlpatterns = [
    path("", include("mentor.www.home.urls")),
]
