"""Helpers for trees stored in one table with a ``parent`` foreign key.

Organisations also keep a materialised path (``/3/17/42/``: the ids from the root down to the node). Ancestors
are read from it without a query, and a subtree is one indexed ``LIKE 'prefix%'``.
"""

from django.core.exceptions import ValidationError


def build_path(parent_path: str | None, node_id: int) -> str:
    return f"{parent_path or '/'}{node_id}/"


def ids_in_path(path: str) -> list[int]:
    """The ids of a node's ancestors and of the node itself, root first."""
    return [int(part) for part in path.strip("/").split("/") if part]


def check_not_own_ancestor(node, parent, message: str) -> None:
    """Refuse a parent that is the node itself or one of its descendants (walks up: trees here are shallow)."""
    seen = set()
    while parent is not None and parent.pk not in seen:
        if node.pk is not None and parent.pk == node.pk:
            raise ValidationError({"parent": message})
        seen.add(parent.pk)
        parent = parent.parent
