"""Benchmark runs (`make bench`): production-like (DEBUG off, no debug tooling), served on 127.0.0.1 only.

bench/run.sh generates SECRET_KEY once per run and exports it, so that every gunicorn worker signs sessions with
the same key; a one-off command without it gets a random key of its own.
"""

import os
import secrets
import warnings

from .base import *  # noqa: F403

DEBUG = False
# The benchmark's data generator (`generate_bench_data`) lives beside bench/, outside the product.
INSTALLED_APPS = [*INSTALLED_APPS, "bench.data"]  # noqa: F405
SECRET_KEY = os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50)
ALLOWED_HOSTS = ["127.0.0.1"]
LOGGING = {**LOGGING, "root": {"handlers": ["console"], "level": "WARNING"}}  # noqa: F405
# The benchmark requests no static file: whitenoise's warning about the missing collectstatic directory is noise.
warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
if os.environ.get("CACHE_URL"):
    # The same Redis cache (base.py reads CACHE_URL), counting its hits and misses per kind of entry: the cache hit
    # rate of the traffic model (bench/cache.py).
    CACHES["default"]["BACKEND"] = "bench.cache.CountingRedisCache"  # noqa: F405
