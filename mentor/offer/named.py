"""Whether a user is named designer of a training or manager of a session, anywhere: read once per request, as
``accounts.roles`` reads the roles. The menu of every page asks it; a page about one training then reads that
training's designers only for someone named designer somewhere (very few agents)."""

import itertools
from dataclasses import dataclass, field

from django.db import connection
from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from .models import Session, Training


@dataclass(frozen=True)
class Named:
    designs: bool  # named designer of a training
    manages: bool  # named manager of a session
    version: int = field(default=-1, compare=False)


# Any change of who is named in this process renews the version, so a user object read before it reads again.
_changes = itertools.count()
_version = next(_changes)


@receiver(m2m_changed, sender=Training.designers.through)
@receiver(m2m_changed, sender=Session.managers.through)
def _named_changed(action, **kwargs):
    global _version
    if action.startswith("post_"):
        _version = next(_changes)


def named_on(user) -> Named:
    """Where ``user`` (signed in) is named, in one query the first time in a request. Written in SQL: the ORM took
    longer to build these two EXISTS than the database to answer them."""
    known = known_named_on(user)
    if known is not None:
        return known
    version = _version
    # Table and column names come from the models' metadata, never from input: S608 does not apply.
    named = []
    for relation in (Training.designers.through, Session.managers.through):
        table = connection.ops.quote_name(relation._meta.db_table)
        column = connection.ops.quote_name(relation._meta.get_field("user").column)
        named.append(f"EXISTS (SELECT 1 FROM {table} WHERE {column} = %s)")  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(named)}", [user.pk, user.pk])
        designs, manages = cursor.fetchone()
    found = Named(bool(designs), bool(manages), version)
    user.__dict__["_named"] = found
    return found


def known_named_on(user) -> Named | None:
    """What ``named_on`` read for ``user`` in this request, or None when it has not been asked: no query."""
    known = user.__dict__.get("_named")
    return known if known is not None and known.version == _version else None
