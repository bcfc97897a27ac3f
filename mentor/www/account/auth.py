"""Log in with a password or, when it is configured, with ProConnect; change one's password."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import Http404
from django.urls import reverse_lazy
from mozilla_django_oidc import views as oidc_views

from .forms import CountedPasswordChangeForm


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": (
            "Adresse électronique ou mot de passe incorrect. Un compte dont l'adresse n'est pas encore confirmée "
            "ne peut pas se connecter. Après plusieurs échecs, la connexion est bloquée pendant 30 minutes."
        ),
    }


class LoginView(auth_views.LoginView):
    template_name = "www/account/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "oidc_enabled": settings.OIDC_ENABLED}


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "www/account/password_change.html"
    form_class = CountedPasswordChangeForm
    success_url = reverse_lazy("accounts:password_change_done")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}


class _OnlyWhenConfigured:
    def dispatch(self, request, *args, **kwargs):
        if not settings.OIDC_ENABLED:
            raise Http404("La connexion avec ProConnect n'est pas configurée.")
        return super().dispatch(request, *args, **kwargs)


class ProConnectLoginView(_OnlyWhenConfigured, oidc_views.OIDCAuthenticationRequestView):
    def __init__(self, *args, **kwargs):
        # The library reads its settings when the view is built; unconfigured, dispatch answers 404 first.
        if settings.OIDC_ENABLED:
            super().__init__(*args, **kwargs)


class ProConnectCallbackView(_OnlyWhenConfigured, oidc_views.OIDCAuthenticationCallbackView):
    def login_failure(self):
        messages.error(
            self.request,
            "La connexion avec ProConnect n'a pas abouti. Réessayez, ou connectez-vous avec votre mot de passe.",
        )
        return super().login_failure()
