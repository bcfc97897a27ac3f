"""Rate limits of the API (DRF throttling, counted in the shared cache, so that every server counts the same
requests): per token (or per signed-in user) and per IP address for anonymous clients. Beyond the limit, 429
with ``Retry-After``. The rates are read at each request from ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]``."""

import hashlib

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle


class _LiveRates(SimpleRateThrottle):
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request, view):
        # Read the rate now rather than when the class was imported: a setting changed at run time applies.
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)


class AnonymousThrottle(_LiveRates):
    """Per IP address, for requests without a token nor a session."""

    scope = "anonymous"

    def get_cache_key(self, request, view):
        if request.user and request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class TokenThrottle(_LiveRates):
    """Per token: two tokens of one user count apart; a browser session counts per user."""

    scope = "token"

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None
        key = getattr(request.auth, "key", None)
        ident = hashlib.sha256(key.encode()).hexdigest()[:32] if key else f"user-{request.user.pk}"
        return self.cache_format % {"scope": self.scope, "ident": ident}
