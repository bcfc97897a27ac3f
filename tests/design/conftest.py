"""The design world: the editorial world (tests/editorial/fixtures.py), the design steps of the reference data,
and one user per role the designer's space knows."""

import pytest

from mentor.accounts.enums import Role
from mentor.bootstrap.reference import load_design_steps
from tests.factories import UserFactory

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture
def design(world):
    load_design_steps()
    # A reviewer of the collection who is not in its lead organisation (an expert of another ministry).
    world.reviewer = world.user(
        "expert@interieur.gouv.fr", world.other_ministry, Role.COLLECTION_REVIEWER, world.collection
    )
    world.agent = UserFactory(email="agent@dgfip.gouv.fr", entity=world.owner)
    return world
