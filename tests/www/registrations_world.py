"""A small world for the visibility rule on the catalogue's read paths: two ministries, an agent of a
deconcentrated service of the first, an agent of the second, a designer of the owner organisation."""

from dataclasses import dataclass

from mentor.accounts.enums import Role
from mentor.organisations.enums import OrganisationKind
from tests.factories import (
    CollectionFactory,
    MembershipFactory,
    OrganisationFactory,
    SessionFactory,
    TrainingFactory,
    UserFactory,
)


@dataclass
class World:
    collection: object
    ministry: object
    owner: object
    service: object
    other_ministry: object
    agent: object  # of a deconcentrated service of the owner's ministry
    other_agent: object  # of another ministry
    designer: object  # of the owner organisation
    transverse: object
    metier: object
    draft: object
    transverse_session: object
    metier_session: object


def build_world() -> World:
    ministry = OrganisationFactory(name="Ministère de l'Économie", code="MEFX")
    owner = OrganisationFactory(
        name="Direction des finances",
        code="DGFX",
        kind=OrganisationKind.CENTRAL_ADMINISTRATION,
        parent=ministry,
    )
    service = OrganisationFactory(
        name="Direction régionale de Bretagne",
        code="DRFX",
        kind=OrganisationKind.DECONCENTRATED_SERVICE,
        parent=owner,
    )
    other_ministry = OrganisationFactory(name="Ministère de l'Intérieur", code="MIX")
    prefecture = OrganisationFactory(
        name="Préfecture", code="PREFX", kind=OrganisationKind.DECONCENTRATED_SERVICE, parent=other_ministry
    )
    designer = UserFactory(entity=owner, email="conceptrice@example.gouv.fr")
    MembershipFactory(user=designer, organisation=owner, role=Role.DESIGNER)
    collection = CollectionFactory(name="Finances publiques", slug="finances-publiques")
    transverse = TrainingFactory(
        title="Les bases du budget de l'État", collection=collection, owner=owner, teaser="Pour tous."
    )
    metier = TrainingFactory(
        title="Contrôle fiscal approfondi", collection=collection, owner=owner, metier=True, teaser="Métier."
    )
    draft = TrainingFactory(title="Brouillon secret", collection=collection, owner=owner, draft=True)
    draft.designers.add(designer)
    return World(
        collection=collection,
        ministry=ministry,
        owner=owner,
        service=service,
        other_ministry=other_ministry,
        agent=UserFactory(entity=service, email="agent.bretagne@example.gouv.fr"),
        other_agent=UserFactory(entity=prefecture, email="agent.gironde@example.gouv.fr"),
        designer=designer,
        transverse=transverse,
        metier=metier,
        draft=draft,
        transverse_session=SessionFactory(training=transverse, title="Session budget de mars"),
        metier_session=SessionFactory(training=metier, title="Session contrôle d'avril"),
    )
