"""Guards that make silent mistakes fail the tests, as les-emplois does. ``tests/conftest.py`` switches them on for
the whole run; each is a plain function or class so that its own tests (tests/test_guards.py) can call it.

- A template of ours naming a variable its context lacks fails, where Django would print nothing.
- ``select_for_update()`` with ``select_related()`` and no ``of=`` fails: on PostgreSQL it would lock the joined
  rows too (an organisation, a collection), and every transaction touching them would wait.
- A query with no order (neither ``order_by()`` nor ``Meta.ordering``) returns its rows in a random order, so a
  page or a test that relies on an order nobody asked for fails now rather than on another database some day.
"""

import copy
import sys
import threading
from pathlib import Path

from django.db.models.expressions import OrderBy
from django.db.models.functions import Random
from django.db.models.sql.compiler import SQLCompiler
from django.template.base import FilterExpression, Node

OUR_TEMPLATES = Path(__file__).resolve().parent.parent / "mentor"


class UnknownTemplateVariable(Exception):
    pass


class FailOnUnknownVariable(str):
    """``string_if_invalid`` for the tests. Django formats it with the missing variable's name (it contains
    "%s"); for a template of ``mentor/`` that raises, with the template and the expression. Another package's
    templates (the admin's, django-dsfr's) render as Django renders them by default: the filters applied to ""."""

    def __new__(cls):
        return super().__new__(cls, "%s")

    def __str__(self):
        return ""

    def __mod__(self, variable):
        caller = sys._getframe(1).f_locals
        node = _node_being_rendered()
        if node is not None and Path(node.origin.name).is_relative_to(OUR_TEMPLATES):
            raise UnknownTemplateVariable(
                f"{node.origin.name}, ligne {node.token.lineno} : {node.token.contents} : "
                f"la variable {variable} n'existe pas."
            )
        if isinstance(caller.get("self"), FilterExpression):
            context = caller["context"]
            silent = copy.copy(caller["self"])
            silent.var, silent.is_var = "", False
            return silent.resolve(context)
        return ""


def _node_being_rendered() -> Node | None:
    """The template node whose rendering asked for the variable: its origin is the file the variable is in (a
    block of a child template renders while its parent is the current template)."""
    frame = sys._getframe(2)
    while frame is not None:
        candidate = frame.f_locals.get("self")
        if isinstance(candidate, Node) and getattr(candidate, "origin", None) is not None:
            return candidate
        frame = frame.f_back
    return None


class ForUpdateJoinsOtherRows(Exception):
    pass


def check_for_update(query) -> None:
    if query.select_for_update and query.select_related and not query.select_for_update_of:
        raise ForUpdateJoinsOtherRows(
            f"select_for_update() with select_related() locks the joined rows too: add of=('self',) "
            f"({query.model.__name__})."
        )


_in_compound = threading.local()


def random_order_by(compiler, order_by: list) -> list:
    """``order_by`` (what the compiler would order by), or a random order when it is empty and the query returns
    rows whose order anyone could read."""
    query = compiler.query
    if (
        order_by
        or query.subquery
        or query.distinct
        or query.combinator
        or getattr(_in_compound, "active", False)
        or (query.group_by is None and any(a.contains_aggregate for a in query.annotation_select.values()))
    ):
        return order_by
    random = OrderBy(Random()).resolve_expression(query, allow_joins=True, reuse=None)
    sql, params = compiler.compile(random)
    return [(random, (sql, params, False))]


def install() -> None:
    """Switch the database guards on for this process (the template guard is a setting: see conftest)."""
    as_sql, get_order_by, get_combinator_sql = (
        SQLCompiler.as_sql,
        SQLCompiler.get_order_by,
        SQLCompiler.get_combinator_sql,
    )

    def guarded_as_sql(self, *args, **kwargs):
        check_for_update(self.query)
        return as_sql(self, *args, **kwargs)

    def randomised_order_by(self):
        return random_order_by(self, get_order_by(self))

    def compound_sql(self, *args, **kwargs):
        # The parts of a UNION may not be ordered on SQLite: they keep the order they have.
        _in_compound.active = True
        try:
            return get_combinator_sql(self, *args, **kwargs)
        finally:
            _in_compound.active = False

    SQLCompiler.as_sql = guarded_as_sql
    SQLCompiler.get_order_by = randomised_order_by
    SQLCompiler.get_combinator_sql = compound_sql
