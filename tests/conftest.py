import pytest

from mentor.bootstrap.reference import load_reference_data

# The editorial world (tests/editorial/fixtures.py) serves the editorial, contribution, review and browser tests.
# The accounts world (a small tree with one account per role) and the OpenID Connect provider serve the accounts,
# organisations, account, contact and organisation-administration tests.
pytest_plugins = ["tests.editorial.fixtures", "tests.accounts.world", "tests.accounts.oidc_provider"]


@pytest.fixture
def reference_data(db):
    """The collections, leads and criteria, as `make run` loads them."""
    load_reference_data()
