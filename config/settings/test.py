"""Test runs: fast hashing, e-mails kept in memory."""

from .base import *  # noqa: F403

DEBUG = False
# The benchmark's data generator (`generate_bench_data`) lives beside bench/, outside the product.
INSTALLED_APPS = [*INSTALLED_APPS, "bench.data"]  # noqa: F405
SECRET_KEY = "test-only-not-secret-0123456789-mentor-offre-de-formation"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
STORAGES = {  # noqa: F405
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
# Django's test client logs in without a request, which django-axes refuses: the lockout tests switch it on.
AXES_ENABLED = False
# A test's writes are never committed, so the catalogue's generation would never change inside it: the tests of
# the cache switch it on and run the commit callbacks (tests/offer/test_catalogue_cache.py).
CATALOGUE_CACHE_SECONDS = 0
# A thread of its own would not see the test's transaction: the search that needs the index builds it.
RESIDENT_INDEX_BUILD = "inline"
INDICATORS_CACHE_SECONDS = 0
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file rather than shared-cache memory: there, a second writer fails at once with "table is locked"
    # instead of waiting its turn as on the real file, so concurrency (the registration race) could not be
    # tested as it runs. One file per process, so parallel runs never share a database.
    import os
    import tempfile

    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"mentor-test-{os.getpid()}.sqlite3")
    }
