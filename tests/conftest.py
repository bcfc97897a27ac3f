import pytest

from mentor.bootstrap.reference import load_reference_data


@pytest.fixture
def reference_data(db):
    """The collections, leads and criteria, as `make run` loads them."""
    load_reference_data()
