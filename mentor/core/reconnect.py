"""A read that meets a lost database connection is answered from a new one.

When PostgreSQL restarts, or a connection is cut (failover, ``pg_terminate_backend``, a network blip), every
request that was using it fails once, even though the next connection works. A GET or HEAD changes nothing, so it
may simply run again: this middleware runs the view once more when it failed with ``OperationalError`` or
``InterfaceError`` *and* a connection of the request turns out to be lost (not just any database error: a
statement timeout, a constraint, a lock on SQLite are answered as before), after closing that connection so that
the second try opens a new one. Only once: if the database is really down, the error stands. Connections lost
between two requests are already replaced by Django (``CONN_HEALTH_CHECKS``).
"""

import logging

from django.db import InterfaceError, OperationalError, connections

logger = logging.getLogger(__name__)

READS = ("GET", "HEAD")


def _close_lost_connections() -> bool:
    """Close this thread's connections that an error left unusable; whether there was one. A connection inside a
    transaction is never closed here (its work cannot be replayed), which makes the request fail as before."""
    lost = False
    for connection in connections.all(initialized_only=True):
        if connection.connection is None or not connection.errors_occurred or connection.is_usable():
            continue
        if connection.in_atomic_block:
            return False
        connection.close()
        lost = True
    return lost


class RetryReadsOnLostConnection:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if request.method not in READS or not isinstance(exception, OperationalError | InterfaceError):
            return None
        if getattr(request, "_read_retried", False) or not _close_lost_connections():
            return None
        request._read_retried = True
        logger.warning(
            "Connexion à la base perdue pendant %s %s : nouvel essai.", request.method, request.path
        )
        match = request.resolver_match
        response = match.func(request, *match.args, **match.kwargs)
        # A template response is rendered here, while a lost connection met in its queries can still be told.
        if callable(getattr(response, "render", None)) and not getattr(response, "is_rendered", True):
            response = response.render()
        return response
