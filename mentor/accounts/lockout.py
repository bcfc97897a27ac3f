"""Lockout after repeated wrong passwords (django-axes, counted in the database so that every app server sees the
same counts), wherever a password is checked: the login, the API token, and the confirmations asked before a
sensitive change (``password_is_right``).

Two counts over the cool-off (``AXES_COOLOFF_TIME``): the failures on one account from one address, locked at
``AXES_FAILURE_LIMIT``; and the failures from one address over every account, locked at the much higher
``AXES_ADDRESS_FAILURE_LIMIT``. One address can thus try only a few passwords per account and not many accounts,
yet it cannot lock anybody out of an account from elsewhere (an account alone is never locked), and agents sharing
one outgoing address (a ministry's network) do not lock each other out.
"""

import math

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import authenticate
from django.db.models import Max, Q, Sum
from django.utils import timezone


def client_ip(request) -> str | None:
    """The client's address (``AXES_CLIENT_IP_CALLABLE``). Behind ``AXES_IPWARE_PROXY_COUNT`` reverse proxies, the
    address the outermost one was called from: each proxy appends its caller to X-Forwarded-For, so it is that many
    entries from the end, and what comes before was written by the client itself. Without proxies, the
    connection's (no header is trusted)."""
    proxies = settings.AXES_IPWARE_PROXY_COUNT
    if proxies:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")


def username(request, credentials) -> str | None:
    """The account a password was tried on (``AXES_USERNAME_CALLABLE``): the login form's and ``authenticate``'s
    ``username``, or the API's ``email``; lower-cased as accounts are looked up (``email__iexact``), so that
    changing the case of an address does not start a new count."""
    source = credentials or getattr(request, "data", None) or request.POST
    name = source.get("username") or source.get("email")
    return name.strip().lower() if isinstance(name, str) else None


class LockoutHandler(AxesDatabaseHandler):
    """django-axes's database handler with the two counts and limits of this module."""

    def _recent_from_address(self, request):
        return AccessAttempt.objects.filter(
            ip_address=request.axes_ip_address, attempt_time__gte=get_cool_off_threshold(request)
        )

    def get_failures(self, request, credentials=None) -> int:
        """What django-axes compares with ``AXES_FAILURE_LIMIT``: the account's failures from this address, or at
        least that limit once the address alone has reached its own."""
        account = Q(username=get_client_username(request, credentials))
        totals = self._recent_from_address(request).aggregate(
            account=Sum("failures_since_start", filter=account, default=0),
            address=Sum("failures_since_start", default=0),
        )
        if totals["address"] >= settings.AXES_ADDRESS_FAILURE_LIMIT:
            return max(totals["account"], get_failure_limit(request, credentials))
        return totals["account"]

    def seconds_until_unlocked(self, request, credentials=None) -> int:
        """How long a locked-out client waits at most: the cool-off from its latest failure that counts."""
        recent = self._recent_from_address(request)
        account = recent.filter(username=get_client_username(request, credentials))
        locked_by_account = (account.aggregate(n=Sum("failures_since_start"))["n"] or 0) >= get_failure_limit(
            request, credentials
        )
        latest = (account if locked_by_account else recent).aggregate(latest=Max("attempt_time"))["latest"]
        if latest is None:
            return 1
        remaining = latest + get_cool_off(request) - timezone.now()
        return max(1, math.ceil(remaining.total_seconds()))


def seconds_until_unlocked(request) -> int:
    """For the lockout answers (``Retry-After``): ``request`` is one django-axes has just locked out."""
    return LockoutHandler().seconds_until_unlocked(request, getattr(request, "axes_credentials", None))


def password_is_right(request, user, password: str) -> bool:
    """Whether ``password`` is ``user``'s, checked as a login is: a wrong one counts towards the lockout, and once
    the account (from this address) or the address is locked, even the right one is refused and the answer becomes
    the lockout page (``AxesMiddleware``). Every check of a password goes through here or ``authenticate``."""
    return authenticate(request, username=user.get_username(), password=password) == user
