"""Authentication of API requests by the users' named tokens (``accounts.api_tokens``)."""

from django.contrib.auth.signals import user_login_failed
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from mentor.accounts import api_tokens

INVALID_TOKEN = "Jeton inconnu ou révoqué."  # noqa: S105  (a message, not a secret)


class NamedTokenAuthentication(TokenAuthentication):
    """``Authorization: Token <key>`` with the user's named tokens (``accounts.api_tokens``). A failed attempt is
    a failed login for django-axes, which counts it towards the lockout as it does the login form's."""

    def authenticate(self, request):
        self._request = request._request  # the Django request: django-axes counts by its address
        return super().authenticate(request)

    def authenticate_credentials(self, key):
        token = api_tokens.find_token(key)
        if token is None or not token.user.is_active:
            user_login_failed.send(
                sender=__name__, credentials={"username": f"jeton {key[:8]}"}, request=self._request
            )
            raise exceptions.AuthenticationFailed(INVALID_TOKEN)
        api_tokens.mark_used(token)
        return token.user, token


class NamedTokenScheme(OpenApiAuthenticationExtension):
    target_class = NamedTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "header", "name": "Authorization"}
