"""A small tree with one account per role, shared by the accounts, organisations and www tests.

MEF (finances.gouv.fr) ─ DGFIP (dgfip.finances.gouv.fr) ─ DRFIP;  MEF ─ IGPDE (training provider)
MI (interieur.gouv.fr) ─ PREF;  DGAFP (fonction-publique.gouv.fr, leads the collection "Management")
"""

from types import SimpleNamespace

import pytest

from mentor.accounts.enums import Role
from mentor.organisations.enums import OrganisationKind as K
from mentor.organisations.models import EmailDomain
from tests.factories import CollectionFactory, MembershipFactory, OrganisationFactory, UserFactory

ROLES = [
    "anonymous",
    "agent",
    "designer",
    "mentor_team",
    "entity_admin",
    "session_manager",
    "collection_reviewer",
    "dgafp_admin",
]


def build_world() -> SimpleNamespace:
    w = SimpleNamespace()
    w.mef = OrganisationFactory(code="MEF", name="Ministère de l'Économie", kind=K.MINISTRY)
    w.dgfip = OrganisationFactory(code="DGFIP", name="DGFiP", kind=K.CENTRAL_ADMINISTRATION, parent=w.mef)
    w.drfip = OrganisationFactory(
        code="DRFIP", name="DRFiP de Bretagne", kind=K.DECONCENTRATED_SERVICE, parent=w.dgfip
    )
    w.igpde = OrganisationFactory(code="IGPDE", name="IGPDE", kind=K.TRAINING_PROVIDER, parent=w.mef)
    w.mi = OrganisationFactory(code="MI", name="Ministère de l'Intérieur", kind=K.MINISTRY)
    w.pref = OrganisationFactory(
        code="PREF", name="Préfecture de la Gironde", kind=K.DECONCENTRATED_SERVICE, parent=w.mi
    )
    w.dgafp = OrganisationFactory(code="DGAFP", name="DGAFP", kind=K.INTERMINISTERIAL_DIRECTORATE)
    for domain, organisation in [
        ("finances.gouv.fr", w.mef),
        ("dgfip.finances.gouv.fr", w.dgfip),
        ("interieur.gouv.fr", w.mi),
        ("fonction-publique.gouv.fr", w.dgafp),
    ]:
        EmailDomain.objects.create(domain=domain, organisation=organisation)
    w.management = CollectionFactory(name="Management", slug="management-test", lead=w.dgafp)

    def account(name, entity, role=None, where=None, **extra):
        user = UserFactory(email=f"{name}@finances.gouv.fr", entity=entity)
        if role:
            MembershipFactory(user=user, organisation=where, role=role, **extra)
        return user

    w.users = {
        "agent": account("agent", w.drfip),
        "designer": account("designer", w.dgfip, Role.DESIGNER, w.dgfip),
        "mentor_team": account("mentor_team", w.mef, Role.MENTOR_TEAM, w.mef),
        "entity_admin": account("entity_admin", w.mef, Role.ENTITY_ADMIN, w.mef),
        "session_manager": account("session_manager", w.igpde, Role.SESSION_MANAGER, w.igpde),
        "collection_reviewer": account(
            "collection_reviewer", w.dgafp, Role.COLLECTION_REVIEWER, w.dgafp, collection=w.management
        ),
        "dgafp_admin": account("dgafp_admin", w.dgafp, Role.DGAFP_ADMIN, w.dgafp),
    }
    return w


@pytest.fixture
def realm(db):
    """The tree and its accounts (named apart from the editorial tests' ``world``)."""
    return build_world()
