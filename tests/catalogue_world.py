"""A small catalogue seen by the four users of the visibility rule: an agent of a deconcentrated service of
ministry A, a designer of the owner organisation (a directorate of A), an agent of ministry B, and anonymous."""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser

from mentor.accounts.enums import Role
from mentor.offer.enums import Modality, OpenTo, SessionStatus
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
    ministry_a: object
    ministry_b: object
    owner: object
    a_agent: object
    a_designer: object
    b_agent: object
    anonymous: object
    public: object  # cross-government, visible to all
    secret: object  # ministry-specific training of ministry A (owner: A's directorate)
    draft: object
    collection: object
    sub_collection: object


def build_world() -> World:
    ministry_a = OrganisationFactory(code="MINA", name="Ministère A")
    ministry_b = OrganisationFactory(code="MINB", name="Ministère B")
    owner = OrganisationFactory(code="DIRA", name="Direction A", parent=ministry_a, central=True)
    service = OrganisationFactory(
        code="DDA", name="Service déconcentré A", parent=ministry_a, deconcentrated=True
    )
    designer = UserFactory(entity=owner)
    MembershipFactory(user=designer, organisation=owner, role=Role.DESIGNER)
    collection = CollectionFactory(name="Achats", slug="achats")
    sub_collection = CollectionFactory(name="Achats durables", slug="achats-durables", parent=collection)
    public = TrainingFactory(
        title="Piloter un projet numérique",
        owner=ministry_b,
        collection=collection,
        modality=Modality.CLASSROOM,
        duration_on_site_hours=6,
    )
    secret = TrainingFactory(
        title="Confidentiel : contrôle fiscal approfondi",
        owner=owner,
        collection=sub_collection,
        modality=Modality.E_LEARNING,
        duration_remote_hours=2,
        metier=True,
    )
    draft = TrainingFactory(
        title="Brouillon sur le contrôle fiscal", owner=owner, collection=collection, draft=True
    )
    SessionFactory(training=secret, status=SessionStatus.REGISTRATION_OPEN, open_to=OpenTo.ALL)
    return World(
        ministry_a=ministry_a,
        ministry_b=ministry_b,
        owner=owner,
        a_agent=UserFactory(entity=service),
        a_designer=designer,
        b_agent=UserFactory(entity=ministry_b),
        anonymous=AnonymousUser(),
        public=public,
        secret=secret,
        draft=draft,
        collection=collection,
        sub_collection=sub_collection,
    )
