"""Named permission predicates that say why they refuse.

Each permission is a function ``(user, obj) -> Decision``. It is registered once, by name, both here (so views
and the API can ask *why*) and with the ``rules`` package (so templates use ``{% has_perm %}`` and Django's
``user.has_perm`` works with objects). Apps declare theirs in a ``permissions.py`` module.
"""

from collections.abc import Callable
from dataclasses import dataclass

import rules
from django.core.exceptions import PermissionDenied


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.allowed


ALLOW = Decision(True)


def deny(reason: str) -> Decision:
    return Decision(False, reason)


_REGISTRY: dict[str, Callable] = {}


def permission(name: str):
    """Register ``fn(user, obj) -> Decision`` under ``name`` (e.g. ``"offer.register_to_session"``)."""

    def decorator(fn):
        if name in _REGISTRY:
            raise ValueError(f"Permission {name} is already declared.")
        _REGISTRY[name] = fn
        rules.add_perm(name, rules.predicate(lambda user, obj=None: bool(fn(user, obj)), name=name))
        return fn

    return decorator


def check(user, name: str, obj=None) -> Decision:
    """Ask a permission; anonymous users get the reason too."""
    return _REGISTRY[name](user, obj)


def require(user, name: str, obj=None) -> None:
    """Raise PermissionDenied carrying the French reason, for views and the API."""
    decision = check(user, name, obj)
    if not decision:
        raise PermissionDenied(decision.reason)
