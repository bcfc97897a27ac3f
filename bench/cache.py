"""Django's Redis cache, counting its reads: the hit rate of the catalogue under the traffic model.

Selected by config/settings/bench.py when CACHE_URL is set, never by the product's settings. Redis's own
``keyspace_hits`` count every read, the API's rate limits' included; this counts per kind of entry (what the key
starts with: ``catalogue`` for a search's rendering, ``catalogue-line`` for what is kept for an entity's line,
``throttle``…), in a hash of the same Redis, so that every worker of every instance
adds to the same figures. One more round trip per read, on 127.0.0.1: a fraction of a millisecond.
"""

import re

from django.core.cache.backends.redis import RedisCache

COUNTS = "bench:cache-reads"  # hash: "<kind>:hit" / "<kind>:miss" -> reads
_KIND = re.compile(r"[A-Za-z-]+")


def kind_of(key: str) -> str:
    found = _KIND.match(key)
    return found.group() if found else "?"


class CountingRedisCache(RedisCache):
    def get(self, key, default=None, version=None):
        value = super().get(key, default, version)
        outcome = "miss" if value is default else "hit"
        self._cache.get_client(write=True).hincrby(COUNTS, f"{kind_of(key)}:{outcome}", 1)
        return value


def read_counts(client) -> dict[str, dict[str, int]]:
    """``{kind: {"hit": n, "miss": n}}`` from a redis-py client of that Redis."""
    counts = {}
    for field, n in client.hgetall(COUNTS).items():
        kind, _, outcome = field.decode().rpartition(":")
        counts.setdefault(kind, {"hit": 0, "miss": 0})[outcome] = int(n)
    return counts
