"""Settings shared by every environment. Everything that differs between machines comes from the environment."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "csp",
    "dsfr",
    "widget_tweaks",
    "rules",
    "axes",
    "mozilla_django_oidc",
    "simple_history",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "mentor.core",
    "mentor.organisations",
    "mentor.accounts",
    "mentor.offer",
    "mentor.editorial",
    "mentor.design",
    "mentor.funding",
    "mentor.watch",
    "mentor.www",
    "mentor.api",
    "mentor.exchange",
    "mentor.bootstrap",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # A GET that meets a lost database connection runs once more on a new one (PostgreSQL restarted).
    "mentor.core.reconnect.RetryReadsOnLostConnection",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Under /api/, the lockout page becomes the API's structured error.
    "mentor.api.lockout.LockoutAsApiError",
    # Last, as django-axes requires: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "mentor.www.context_processors.site",
                "mentor.www.context_processors.workspaces",
            ],
        },
    },
]

# SQLite when DATABASE_URL is unset; any URL dj-database-url understands otherwise (postgres://…).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while a registration writes; the timeout absorbs short write bursts.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
else:
    # The catalogue's queries have large cost estimates, which trigger JIT compilation that costs more than
    # it saves for queries answered in milliseconds.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"

# The catalogue's covering indexes list INCLUDE columns for PostgreSQL's index-only scans; SQLite builds the same
# indexes on their keys alone, which is all it can use.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out account or address is refused before its password is checked.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "mentor.accounts.backends.PasswordBackend",
    "mentor.accounts.oidc.ProConnectBackend",
]
LOGIN_URL = "/compte/connexion/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploads larger than this are refused before they reach a form.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# The technical requirements of e-learning packages (mentor/design/scorm): limits checked while reading the zip,
# the file types a package may hold, the domains it may load scripts from (their subdomains included).
DESIGN_PACKAGE_MAX_UPLOAD_BYTES = int(os.environ.get("DESIGN_PACKAGE_MAX_UPLOAD_BYTES", 200 * 1024 * 1024))
DESIGN_PACKAGE_MAX_UNPACKED_BYTES = int(
    os.environ.get("DESIGN_PACKAGE_MAX_UNPACKED_BYTES", 500 * 1024 * 1024)
)
DESIGN_PACKAGE_MAX_FILES = int(os.environ.get("DESIGN_PACKAGE_MAX_FILES", 5000))
DESIGN_PACKAGE_MAX_RATIO = int(os.environ.get("DESIGN_PACKAGE_MAX_RATIO", 100))
DESIGN_PACKAGE_ALLOWED_EXTENSIONS = [
    *("html", "htm", "xhtml", "js", "mjs", "css", "json", "xml", "xsd", "dtd", "txt", "vtt", "srt"),
    *("png", "jpg", "jpeg", "gif", "svg", "webp", "ico"),
    *("woff", "woff2", "ttf", "otf", "eot"),
    *("mp3", "mp4", "webm", "ogg", "oga", "ogv", "wav", "m4a", "pdf"),
]
DESIGN_PACKAGE_SCRIPT_DOMAINS = [
    d for d in os.environ.get("DESIGN_PACKAGE_SCRIPT_DOMAINS", "mentor.gouv.fr,gouv.fr").split(",") if d
]
# Files of the designers' library (guides, templates): the kinds accepted, by content (mentor/core/uploads.py).
DESIGN_RESOURCE_MAX_BYTES = 20 * 1024 * 1024

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Mentor <ne-pas-repondre@mentor.gouv.fr>")
# A message the mail server refuses is tried again after 1, 5, 25 minutes… then kept as failed (core/mail).
EMAIL_MAX_ATTEMPTS = int(os.environ.get("EMAIL_MAX_ATTEMPTS", "5"))
EMAIL_RETRY_BASE_SECONDS = int(os.environ.get("EMAIL_RETRY_BASE_SECONDS", "60"))

# Background work (e-mails, scheduled jobs) goes through Django's tasks framework (the django-tasks backport) with
# its database backend: a task is a row written in the transaction that enqueues it, run by `manage.py db_worker`.
# Moving to a broker later is a change of backend here, not of the code that enqueues.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Each process has its own memory cache unless CACHE_URL names a Redis server shared by all. Either is correct for
# the catalogue, whose cached searches are keyed by a generation read from the database (offer/catalogue/cache.py).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if os.environ.get("CACHE_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["CACHE_URL"],
        }
    }

# The site's address, for links in messages written outside a request (the editorial workflow's and the scheduled
# commands' e-mails): a request's own address is used wherever there is one.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# How long a catalogue search is kept at most (0: never kept). Any change of the offer ends it sooner.
CATALOGUE_CACHE_SECONDS = int(os.environ.get("CATALOGUE_CACHE_SECONDS", "300"))
# Catalogue searches counted and ranked by the index each process holds (offer/catalogue/resident.py) rather than
# in SQL; "0" only to measure the SQL path (bench/).
CATALOGUE_RESIDENT_INDEX = os.environ.get("CATALOGUE_RESIDENT_INDEX", "1") == "1"
# "background": a process builds its resident indexes in a thread and searches the database meanwhile (a minute at
# 100,000 trainings); "inline": the search that needs one waits for it (the tests, the bench's in-process measures).
RESIDENT_INDEX_BUILD = os.environ.get("RESIDENT_INDEX_BUILD", "background")
# How long the indicators of the programme are kept at most (0: never kept); after a change of what they count
# they are renewed in the background and shown meanwhile if not older than INDICATORS_STALE_SECONDS
# (watch/kept.py). The worker renews them in the cache the web processes read: without a shared cache, 0 (they
# are computed again at the first read after a change).
INDICATORS_CACHE_SECONDS = int(os.environ.get("INDICATORS_CACHE_SECONDS", "86400"))
INDICATORS_STALE_SECONDS = int(
    os.environ.get("INDICATORS_STALE_SECONDS", "900" if os.environ.get("CACHE_URL") else "0")
)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "mentor.api.authentication.NamedTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_SCHEMA_CLASS": "mentor.api.schema.MentorAutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "EXCEPTION_HANDLER": "mentor.api.errors.exception_handler",
    # "format" is a parameter of the catalogue (format=csv), not DRF's choice of renderer: the API speaks JSON.
    "URL_FORMAT_OVERRIDE": None,
    # Counted in the default cache: Redis (CACHE_URL) when there is one, so every server counts the same.
    "DEFAULT_THROTTLE_CLASSES": [
        "mentor.api.throttling.AnonymousThrottle",
        "mentor.api.throttling.TokenThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anonymous": os.environ.get("API_RATE_ANONYMOUS", "120/min"),
        "token": os.environ.get("API_RATE_TOKEN", "600/min"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API Mentor — offre de formation",
    "DESCRIPTION": "L'offre de formation Mentor : lecture de ce que l'utilisateur peut voir et des appels à projets "
    "publiés, synchronisation des formations et des sessions par les partenaires, échanges au format LHEO. Toute "
    "erreur a le même corps, en français : code, message et, pour une requête invalide, les erreurs de chaque champ.",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "mentor.api.schema.french_descriptions",
    ],
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI's assets are served from our static files, never from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # A deep link is an <a> inside each operation's toggle button: nested controls screen readers cannot reach.
    "SWAGGER_UI_SETTINGS": {"deepLinking": False},
    # Several models have a "status": each enum keeps its own name in the schema.
    "ENUM_NAME_OVERRIDES": {
        "CallStatusEnum": "mentor.funding.enums.CallStatus",
        "TrainingStatusEnum": "mentor.offer.enums.TrainingStatus",
        "SessionStatusEnum": "mentor.offer.enums.SessionStatus",
    },
}

DSFR_USE_INTEGRITY_CHECKSUMS = True

# Content-Security-Policy (django-csp): only what the site serves itself runs or loads. No inline script and no
# inline style: the pages, the design system's JavaScript, the API's documentation (Swagger UI, its start-up
# script fetched as a file) all load theirs from the static files; a script that must be inline carries the
# request's nonce (`{{ request.csp_nonce }}`). Images may also be `data:` URLs (the design system's icons).
# CSP_REPORT_ONLY=1 sends the same policy as Content-Security-Policy-Report-Only: browsers report what it would
# block (in their console, and to CSP_REPORT_URI when set) without blocking it — to try the policy on a new
# deployment before enforcing it.
_CSP_DIRECTIVES = {
    "default-src": [SELF],
    "script-src": [SELF, NONCE],
    "style-src": [SELF],
    "img-src": [SELF, "data:"],
    "font-src": [SELF],
    "connect-src": [SELF],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [NONE],
}
if os.environ.get("CSP_REPORT_URI"):
    _CSP_DIRECTIVES["report-uri"] = [os.environ["CSP_REPORT_URI"]]
if os.environ.get("CSP_REPORT_ONLY", "0") == "1":
    CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": _CSP_DIRECTIVES}
else:
    CONTENT_SECURITY_POLICY = {"DIRECTIVES": _CSP_DIRECTIVES}

# Permissions-Policy (django-permissions-policy): the site uses none of the browser's powerful features, so no
# page, nor anything it could embed, may ask for them.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
        "xr-spatial-tracking",
    )
}

SITE_NAME = "Mentor"
SITE_TAGLINE = "L'offre de formation interministérielle des agents de l'État"
# Who hosts the service (name, address, telephone), as the legal notice must say: the operator sets it.
HOSTING_PROVIDER = os.environ.get(
    "HOSTING_PROVIDER", "l'hébergeur que désigne l'exploitant du service (réglage HOSTING_PROVIDER)"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# Lockout after repeated wrong passwords, wherever one is checked (mentor/accounts/lockout.py, django-axes in the
# database): per account from one address (AXES_FAILURE_LIMIT), and per address over every account
# (AXES_ADDRESS_FAILURE_LIMIT, much higher, so that one address cannot lock every account).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_ADDRESS_FAILURE_LIMIT = int(os.environ.get("AXES_ADDRESS_FAILURE_LIMIT", "100"))
# The lockout page and the login form say "30 minutes": change them with this.
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "mentor.accounts.lockout.LockoutHandler"
AXES_USERNAME_CALLABLE = "mentor.accounts.lockout.username"
# The login form posts the address as "username", the name Django's authenticate() uses.
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "www/account/lockout.html"
# How many reverse proxies stand in front of the application: the client's address is then read from the
# X-Forwarded-For they write (0: from the connection, no header trusted); django-axes names it so, the
# environment AXES_PROXY_COUNT. The production settings require it.
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("AXES_PROXY_COUNT") or "0")
AXES_CLIENT_IP_CALLABLE = "mentor.accounts.lockout.client_ip"

# Single sign-on with ProConnect (OpenID Connect): on only when the environment gives a client id.
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID)
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid email given_name usual_name")
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc_callback"
LOGIN_REDIRECT_URL_FAILURE = LOGIN_URL
