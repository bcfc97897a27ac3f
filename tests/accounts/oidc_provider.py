"""Runs tests/oidc/provider.mjs, a real OpenID Connect provider (node-oidc-provider), on a free loopback port."""

import json
import shutil
import socket
import subprocess
import threading
import urllib.request
from pathlib import Path

import pytest

PROVIDER = Path(__file__).resolve().parent.parent / "oidc" / "provider.mjs"
CLIENT_ID = "mentor-tests"
CLIENT_SECRET = "un-secret-de-test-seulement"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_ready(process, timeout=30):
    ready = threading.Event()

    def watch():
        for line in process.stdout:
            if line.strip() == "ready":
                ready.set()
                return

    threading.Thread(target=watch, daemon=True).start()
    if not ready.wait(timeout):
        process.kill()
        raise RuntimeError("The OpenID Connect provider did not start: run `npm ci` in tests/oidc.")


@pytest.fixture
def oidc_provider(live_server, settings):
    """Start the provider for this live server and point the single sign-on settings at it."""
    port = _free_port()
    redirect_uri = f"{live_server.url}/compte/proconnect/retour/"
    # As a context manager, Popen closes the provider's output pipe and waits for it whatever happens.
    with subprocess.Popen(
        [shutil.which("node") or "node", str(PROVIDER)],
        cwd=PROVIDER.parent,
        env={
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "PORT": str(port),
            "CLIENT_ID": CLIENT_ID,
            "CLIENT_SECRET": CLIENT_SECRET,
            "REDIRECT_URI": redirect_uri,
        },
        stdout=subprocess.PIPE,
        stderr=None,
        text=True,
    ) as process:
        try:
            _wait_until_ready(process)
            issuer = f"http://127.0.0.1:{port}"
            with urllib.request.urlopen(f"{issuer}/.well-known/openid-configuration", timeout=10) as response:  # noqa: S310 (loopback)
                discovery = json.load(response)
            settings.OIDC_ENABLED = True
            settings.OIDC_RP_CLIENT_ID = CLIENT_ID
            settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
            settings.OIDC_OP_AUTHORIZATION_ENDPOINT = discovery["authorization_endpoint"]
            settings.OIDC_OP_TOKEN_ENDPOINT = discovery["token_endpoint"]
            settings.OIDC_OP_USER_ENDPOINT = discovery["userinfo_endpoint"]
            settings.OIDC_OP_JWKS_ENDPOINT = discovery["jwks_uri"]
            settings.OIDC_RP_SIGN_ALGO = "RS256"
            yield issuer
        finally:
            process.terminate()
