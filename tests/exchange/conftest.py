from pathlib import Path

import pytest
from lxml import etree

SCHEMAS = Path(__file__).parent / "schemas"


@pytest.fixture(scope="session")
def lheo_schema():
    """The official LHEO 2.3 schema (a copy of the network's XSD, kept with the tests)."""
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "lheo-2.3.xsd")))
