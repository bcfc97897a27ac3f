"""The application served by gunicorn, as in production (threaded workers), on the test's own database: for the
tests of what only happens between threads and processes of a real server."""

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def database_url() -> str:
    """The address of the database the test runs on (the test database, not the one of DATABASE_URL)."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    credentials = settings["USER"] + (f":{settings['PASSWORD']}" if settings["PASSWORD"] else "")
    return f"postgres://{credentials}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def gunicorn(workers: int = 2, threads: int = 8, **environment):
    """Start gunicorn on the test database; yield its base address; stop it. The test's data must be committed
    (``django_db(transaction=True)``) for the server to see it."""
    port = _free_port()
    # The test process's flag for Playwright's event loop (tests/browser/conftest.py) is not the server's.
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url(),
        **environment,
    }
    command = [
        *(sys.executable, "-m", "gunicorn", "config.wsgi"),
        *("--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--threads", str(threads)),
        *("--log-level", "warning", "--error-logfile", "-"),
    ]
    server = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(server, base)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        server.stdout.close()


def _wait_until_up(server, base):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn s'est arrêté au démarrage :\n{server.stdout.read()}")
        try:
            with urllib.request.urlopen(f"{base}/api/v1/demarrage/", timeout=5):  # noqa: S310 - our local server
                return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("gunicorn n'a pas répondu en 60 secondes.")


def get(url: str) -> tuple[int, bytes]:
    """Status and body of a GET, errors included (a 500 is an answer to count, not an exception)."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - our local server
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
