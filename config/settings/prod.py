"""Production: every secret and host comes from the environment; refuse to start without them."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

DEBUG = False
if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("SECRET_KEY doit être défini dans l'environnement.")
if not ALLOWED_HOSTS:  # noqa: F405
    raise ImproperlyConfigured("ALLOWED_HOSTS doit être défini dans l'environnement.")

# Without SITE_URL, the first allowed host (a leading dot, for its subdomains, left out), over HTTPS.
SITE_URL = os.environ.get("SITE_URL", f"https://{ALLOWED_HOSTS[0].lstrip('.')}").rstrip("/")  # noqa: F405
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]
# Behind reverse proxies, the client's address (for the lockout) and HTTPS come from the headers they write; without
# one, from the connection. The application cannot guess which: trusting X-Forwarded-For without knowing how many
# proxies wrote it would let any client choose its address, and reading the connection behind a proxy would give
# every user the proxy's (one lockout for all). So the count is required, 0 meaning no proxy and no header trusted.
if not os.environ.get("AXES_PROXY_COUNT", "").strip():
    raise ImproperlyConfigured(
        "AXES_PROXY_COUNT doit être défini dans l'environnement : le nombre de mandataires inverses devant "
        "l'application (0 si elle reçoit directement les connexions)."
    )
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if AXES_IPWARE_PROXY_COUNT else None  # noqa: F405
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

STORAGES = {  # noqa: F405
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
