"""Single sign-on through ProConnect (OpenID Connect). Off unless the environment configures it.

A first login creates the account, attached to the organisation owning the address's domain; a later login
finds the account by its address, which the provider must say it verified.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from mentor.organisations.models import EmailDomain

from .backends import with_entity
from .services import confirm_email


class ProConnectBackend(OIDCAuthenticationBackend):
    def __init__(self, *args, **kwargs):
        # Django builds every backend for every login: without configuration this one must stay inert.
        if settings.OIDC_ENABLED:
            super().__init__(*args, **kwargs)
        else:
            self.UserModel = get_user_model()

    def authenticate(self, request, **kwargs):
        if not settings.OIDC_ENABLED:
            return None
        return super().authenticate(request, **kwargs)

    def get_user(self, user_id):
        return with_entity(self.UserModel, user_id)

    def verify_claims(self, claims):
        # Linking by address is only safe when the provider checked the address.
        return bool(claims.get("email")) and claims.get("email_verified") is True

    def filter_users_by_claims(self, claims):
        return self.UserModel.objects.filter(email__iexact=claims["email"])

    def create_user(self, claims):
        email = claims["email"].lower()
        entity = EmailDomain.organisation_for_email(email)
        if entity is not None and not entity.is_attachable:
            entity = None
        return self.UserModel.objects.create_user(
            email,
            None,
            first_name=claims.get("given_name", "")[:150],
            last_name=(claims.get("usual_name") or claims.get("family_name") or "")[:150],
            entity=entity,
            email_confirmed_at=timezone.now(),
        )

    def update_user(self, user, claims):
        # The provider verified the address: that confirms it, as the signed link would have. An account request
        # still waiting keeps the account closed.
        if user.email_confirmed_at is None:
            confirm_email(user)
            user.refresh_from_db()
        return user
