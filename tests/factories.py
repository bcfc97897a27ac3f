"""factory_boy factories for every domain model, shared by all tests."""

import factory
from django.utils import timezone

from mentor.accounts.models import Membership, User
from mentor.offer.enums import OpenTo, RegistrationStatus, Scope, SessionStatus, TrainingStatus
from mentor.offer.models import Collection, Registration, Session, Training
from mentor.organisations.enums import AgreementStatus, OrganisationKind
from mentor.organisations.models import Organisation, PartnershipAgreement, TeamMembership

DEFAULT_PASSWORD = "un-mot-de-passe-de-test"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = OrganisationKind.MINISTRY
    code = factory.Sequence(lambda n: f"ORG{n}")
    name = factory.Sequence(lambda n: f"Organisation {n}")
    parent = None

    class Params:
        ministry_kind = factory.Trait(kind=OrganisationKind.MINISTRY)
        deconcentrated = factory.Trait(kind=OrganisationKind.DECONCENTRATED_SERVICE)
        central = factory.Trait(kind=OrganisationKind.CENTRAL_ADMINISTRATION)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"agent{n}@example.gouv.fr")
    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"Agent{n}")
    entity = None
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class CollectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Collection

    name = factory.Sequence(lambda n: f"Collection {n}")
    slug = factory.Sequence(lambda n: f"collection-{n}")
    lead = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.INTERMINISTERIAL_DIRECTORATE)


class TrainingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Training
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Formation {n}")
    teaser = "Une formation utile."
    collection = factory.SubFactory(CollectionFactory)
    owner = factory.SubFactory(OrganisationFactory)
    scope = Scope.TRANSVERSE
    status = TrainingStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    delivery_url = "https://mentor.example.gouv.fr/course/1"

    class Params:
        metier = factory.Trait(scope=Scope.METIER)
        draft = factory.Trait(status=TrainingStatus.DRAFT, published_at=None)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session
        skip_postgeneration_save = True

    training = factory.SubFactory(TrainingFactory)
    organiser = factory.LazyAttribute(lambda s: s.training.owner)
    is_permanent = False
    starts_at = factory.LazyFunction(lambda: timezone.now() + timezone.timedelta(days=10))
    ends_at = factory.LazyAttribute(lambda s: s.starts_at + timezone.timedelta(days=1))
    capacity = 10
    status = SessionStatus.REGISTRATION_OPEN
    open_to = OpenTo.ALL


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    session = factory.SubFactory(SessionFactory)
    user = factory.SubFactory(UserFactory)
    status = RegistrationStatus.CONFIRMED


class TeamMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeamMembership

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Référent {n}")
    role_label = "Référent formation"
    email = factory.Sequence(lambda n: f"mentor{n}@example.gouv.fr")


class PartnershipAgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnershipAgreement

    partner = factory.SubFactory(OrganisationFactory)
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - timezone.timedelta(days=30))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + timezone.timedelta(days=365))
    status = AgreementStatus.ACTIVE
