import pytest


@pytest.fixture
def offer(db):
    """A rich offer: a ministry and its directorate with SIRET, activity number and address, trainings of both
    scopes with FORMACODE descriptors, covered objectives, a label, dated, permanent and closed sessions, and texts
    with markup characters and accents."""
    from tests.exchange.offer import build_offer

    return build_offer()
