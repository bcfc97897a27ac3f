import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_with_prod_settings(*args, **env):
    # The browser tests' conftest sets DJANGO_ALLOW_ASYNC_UNSAFE in this process; production never has it.
    dropped = ("SECRET_KEY", "ALLOWED_HOSTS", "AXES_PROXY_COUNT", "DJANGO_ALLOW_ASYNC_UNSAFE")
    inherited = {k: v for k, v in os.environ.items() if k not in dropped}
    environment = {**inherited, "DJANGO_SETTINGS_MODULE": "config.settings.prod", **env}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_checks():
    result = run_with_prod_settings(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="mentor.gouv.fr",
        AXES_PROXY_COUNT="1",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run_with_prod_settings("check", ALLOWED_HOSTS="mentor.gouv.fr", AXES_PROXY_COUNT="1")
    assert result.returncode != 0
    assert "SECRET_KEY doit être défini" in result.stderr


SHOW_PROXY_SETTINGS = "from django.conf import settings; print(settings.AXES_IPWARE_PROXY_COUNT, settings.SECURE_PROXY_SSL_HEADER)"


def test_production_refuses_to_start_without_saying_how_many_proxies_stand_in_front():
    # Trusting the proxies' headers without their count would let clients choose their address; ignoring them
    # behind a proxy would give every user the proxy's, and one lockout for all.
    result = run_with_prod_settings(
        "shell",
        "-c",
        SHOW_PROXY_SETTINGS,
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="mentor.gouv.fr",
    )
    assert result.returncode != 0
    assert "AXES_PROXY_COUNT doit être défini" in result.stderr


@pytest.mark.parametrize(
    ("count", "shown"),
    [("2", "2 ('HTTP_X_FORWARDED_PROTO', 'https')"), ("0", "0 None")],
)
def test_production_trusts_the_proxy_headers_only_when_there_are_proxies(count, shown):
    result = run_with_prod_settings(
        "shell",
        "-c",
        SHOW_PROXY_SETTINGS,
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="mentor.gouv.fr",
        AXES_PROXY_COUNT=count,
    )
    assert result.stdout.splitlines()[-1] == shown, result.stderr


def test_production_links_default_to_the_first_allowed_host():
    show = "from django.conf import settings; print(settings.SITE_URL)"
    result = run_with_prod_settings(
        "shell",
        "-c",
        show,
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS=".mentor.gouv.fr,autre.fr",
        AXES_PROXY_COUNT="1",
    )
    assert result.stdout.splitlines()[-1] == "https://mentor.gouv.fr", result.stderr
    result = run_with_prod_settings(
        "shell",
        "-c",
        show,
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="x.fr",
        SITE_URL="https://y.fr/",
        AXES_PROXY_COUNT="1",
    )
    assert result.stdout.splitlines()[-1] == "https://y.fr", result.stderr


SHOW_HEADERS = """
from django.test import Client
response = Client().get("/api/v1/nulle-part/", secure=True, headers={"host": "mentor.gouv.fr"})
for name in ("Content-Security-Policy", "Content-Security-Policy-Report-Only", "Permissions-Policy"):
    print(f"{name}: {response.headers.get(name)}")
"""


def production_headers(**env) -> dict[str, str]:
    result = run_with_prod_settings(
        "shell",
        "-c",
        SHOW_HEADERS,
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="mentor.gouv.fr",
        AXES_PROXY_COUNT="0",
        **env,
    )
    assert result.returncode == 0, result.stderr
    return dict(line.split(": ", 1) for line in result.stdout.splitlines() if ": " in line)


def test_production_enforces_a_strict_content_security_policy_and_a_permissions_policy():
    headers = production_headers()
    policy = dict(d.strip().split(" ", 1) for d in headers["Content-Security-Policy"].split(";"))
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"  # the nonce joins only the pages that use it
    assert policy["object-src"] == "'none'" and policy["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    assert headers["Content-Security-Policy-Report-Only"] == "None"
    assert "camera=()" in headers["Permissions-Policy"] and "geolocation=()" in headers["Permissions-Policy"]


def test_the_content_security_policy_can_be_tried_in_report_only_mode_first():
    headers = production_headers(CSP_REPORT_ONLY="1", CSP_REPORT_URI="https://csp.mentor.gouv.fr/rapports")
    assert headers["Content-Security-Policy"] == "None"
    report_only = headers["Content-Security-Policy-Report-Only"]
    assert "default-src 'self'" in report_only
    assert "report-uri https://csp.mentor.gouv.fr/rapports" in report_only
