"""Named API tokens: created with a random key shown once, found again by the hash of the key, revoked, and
marked as used (at most once a minute, so that a busy client does not write on every request)."""

import hashlib
import secrets
from datetime import timedelta

from django.utils import timezone

from .models import ApiToken

USE_PRECISION = timedelta(minutes=1)


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def create_token(user, name: str, read_only: bool = False) -> tuple[ApiToken, str]:
    """A new token of ``user`` and its key, which is not kept and cannot be shown again."""
    key = secrets.token_hex(20)
    token = ApiToken.objects.create(
        user=user, name=name, read_only=read_only, key_hash=_hash(key), prefix=key[:8]
    )
    return token, key


def find_token(key: str) -> ApiToken | None:
    """The active token of ``key`` with its user, if any."""
    return ApiToken.objects.active().select_related("user").filter(key_hash=_hash(key)).first()


def mark_used(token: ApiToken) -> None:
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= USE_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


def revoke(user, token_id: int) -> bool:
    """Revoke ``user``'s token ``token_id``; False when they have no such active token."""
    return bool(ApiToken.objects.active().filter(user=user, pk=token_id).update(revoked_at=timezone.now()))
