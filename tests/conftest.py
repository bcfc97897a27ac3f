import pytest
from django.conf import settings
from django.core.cache import caches
from django.template import engines

from mentor.bootstrap.reference import load_reference_data
from mentor.offer.catalogue import resident
from tests import guards

# The editorial world (tests/editorial/fixtures.py) serves the editorial, contribution, review and browser tests.
# The accounts world (a small tree with one account per role) and the OpenID Connect provider serve the accounts,
# organisations, account, contact and organisation-administration tests. The rich offer of tests/exchange/offer.py
# serves the exchange, open-data and their browser tests.
pytest_plugins = [
    "tests.editorial.fixtures",
    "tests.funding.fixtures",
    "tests.accounts.world",
    "tests.accounts.oidc_provider",
    "tests.exchange.fixtures",
]


def pytest_collection_modifyitems(config, items):
    """Tests marked ``postgresql`` test what only a database server does (a connection cut from the server side):
    the PostgreSQL run of `make test` (.ci/run) runs them, the SQLite run leaves them out and says how many."""
    if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        return
    left_out = [item for item in items if item.get_closest_marker("postgresql")]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = [item for item in items if not item.get_closest_marker("postgresql")]


@pytest.fixture
def reference_data(db):
    """The collections, leads and criteria, as `make run` loads them."""
    load_reference_data()


@pytest.fixture(autouse=True, scope="session")
def _guards():
    """Unknown template variables, row locks that reach joined rows and unordered queries fail (tests/guards.py)."""
    guards.install()
    engines["django"].engine.string_if_invalid = guards.FailOnUnknownVariable()


@pytest.fixture(autouse=True)
def _empty_caches():
    """Each test starts with empty caches: nothing one test keeps (a search, a rate limit) leaks into another."""
    for cache in caches.all():
        cache.clear()
    # The catalogue's resident index of this process was built from another test's rows, rolled back since.
    resident.INDEX.forget()
