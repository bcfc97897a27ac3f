"""Generations: a token per named set of data that changes after every committed change of that data.

A cache entry keyed by the token is never served stale: a change gives a new token, and the older entries are
simply never asked for again (the cache expires them). The token lives in the database, not in the cache, so it is
right for every process whatever the cache backend (a local-memory cache per worker, or Redis shared by all).

Why after the commit: a reader that sees the new token must also see the new data. Bumping inside the writer's
transaction would do that too, but would hold a lock on the token's row until the commit, so that two writers
changing several rows in opposite orders could deadlock. A random token, not a counter: a database restored from
a backup never hands out again a token that older cache entries were stored under.
"""

import secrets
from functools import partial

from django.db import transaction

from .models import Generation


def current(name: str, using: str = "default") -> str:
    """The token of ``name`` ("" until its first change)."""
    token = Generation.objects.using(using).filter(name=name).values_list("token", flat=True).first()
    return token or ""


def bump(name: str, using: str = "default") -> None:
    """Give ``name`` a new token once the current transaction commits (at once outside a transaction)."""
    transaction.on_commit(partial(_new_token, name, using), using=using)


def _new_token(name: str, using: str) -> None:
    token = secrets.token_hex(16)
    if not Generation.objects.using(using).filter(name=name).update(token=token):
        Generation.objects.using(using).update_or_create(name=name, defaults={"token": token})
