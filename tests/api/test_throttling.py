"""Rate limits: per IP address for anonymous clients, per token otherwise; 429 in French with Retry-After."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from mentor.accounts.api_tokens import create_token
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ME = reverse("api:me")
LIST = reverse("api:training-list")


@pytest.fixture
def low_rates(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anonymous": "3/min", "token": "2/min"},
    }


def test_an_anonymous_client_is_limited_per_ip_address(low_rates):
    client = APIClient(REMOTE_ADDR="192.0.2.1")
    assert [client.get(LIST).status_code for _ in range(3)] == [200, 200, 200]
    refused = client.get(LIST)
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused.json()["code"] == "throttled"
    assert refused.json()["message"].startswith("Trop de requêtes : réessayez dans ")
    # Another address has its own count.
    assert APIClient(REMOTE_ADDR="192.0.2.2").get(LIST).status_code == 200


def test_each_token_has_its_own_count(low_rates):
    first = APIClient(REMOTE_ADDR="192.0.2.1")
    first.credentials(HTTP_AUTHORIZATION=f"Token {create_token(UserFactory(), 'essai')[1]}")
    assert [first.get(ME).status_code for _ in range(3)] == [200, 200, 429]
    # Same IP, another token: not limited by the first one's requests, nor by the anonymous count.
    second = APIClient(REMOTE_ADDR="192.0.2.1")
    second.credentials(HTTP_AUTHORIZATION=f"Token {create_token(UserFactory(), 'essai')[1]}")
    assert second.get(ME).status_code == 200
