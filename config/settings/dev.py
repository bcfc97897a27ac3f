"""Local development: safe defaults, nothing to configure."""

import os

from .base import *  # noqa: F403

DEBUG = True
# The benchmark's data generator (`generate_bench_data`) lives beside bench/, outside the product.
INSTALLED_APPS = [*INSTALLED_APPS, "bench.data"]  # noqa: F405
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret-0123456789-mentor-offre-de-formation")
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost"]  # noqa: F405
WHITENOISE_USE_FINDERS = True
