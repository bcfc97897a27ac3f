import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.utils import timezone

from mentor.accounts.enums import Role
from mentor.accounts.models import Membership, User
from mentor.bootstrap.demo.accounts import ACCOUNTS
from mentor.editorial.models import Label
from mentor.offer.catalogue import CatalogueQuery, search_catalogue
from mentor.offer.enums import Scope, SessionStatus, TrainingStatus
from mentor.offer.models import Adoption, Collection, Session, ThematicOffer, Training
from mentor.organisations.enums import OrganisationKind
from mentor.organisations.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("load_demo_data")


def test_three_ministries_each_with_central_deconcentrated_and_establishment(demo):
    ministries = Organisation.objects.ministries()
    assert ministries.count() >= 3
    for ministry in ministries:
        kinds = set(Organisation.objects.subtree_of(ministry).values_list("kind", flat=True))
        assert {
            OrganisationKind.CENTRAL_ADMINISTRATION,
            OrganisationKind.DECONCENTRATED_SERVICE,
            OrganisationKind.PUBLIC_ESTABLISHMENT,
        } <= kinds
    assert Organisation.objects.filter(kind=OrganisationKind.TRAINING_PROVIDER).exists()
    assert Organisation.objects.filter(kind=OrganisationKind.PUBLIC_SERVICE_SCHOOL).exists()


def test_every_role_has_a_demo_account(demo):
    assert set(Membership.objects.values_list("role", flat=True)) == set(Role.values)


def test_every_demo_account_opens_with_the_password_of_the_readme(demo):
    accounts = User.objects.filter(email__in=[row[0] for row in ACCOUNTS])
    assert accounts.count() == len(ACCOUNTS)
    for user in accounts:
        assert user.check_password("mentor-demo-2026"), user.email
        assert not user.check_password("mentor-demo-2025"), user.email


def test_trainings_of_both_scopes_across_collections_and_sessions_in_every_status(demo):
    published = Training.objects.filter(status="published")
    assert set(published.values_list("scope", flat=True)) == set(Scope.values)
    assert published.values("collection").distinct().count() >= 8
    assert set(Session.objects.values_list("status", flat=True)) == set(SessionStatus.values)


def test_a_catalogue_the_size_of_the_real_one_that_loads_twice_identically(demo):
    models = (Training, Session, Label, Adoption, Training.covered_objectives.through)
    counts = [m.objects.count() for m in models]
    published = Training.objects.filter(status=TrainingStatus.PUBLISHED)
    assert 150 <= published.count() <= 300
    # Every collection and sub-collection, and every thematic offer of the reference data, holds trainings.
    assert not Collection.objects.exclude(trainings__status=TrainingStatus.PUBLISHED).exists()
    assert not ThematicOffer.objects.exclude(objectives__trainings__status=TrainingStatus.PUBLISHED).exists()
    assert published.filter(scope=Scope.METIER).count() >= 30
    in_six_months = timezone.now() + timedelta(days=183)
    upcoming = Session.objects.filter(
        training__in=published, starts_at__gt=timezone.now(), starts_at__lt=in_six_months
    )
    assert upcoming.filter(status=SessionStatus.REGISTRATION_OPEN).count() >= 100
    assert {s.starts_at.month for s in upcoming} >= {
        (timezone.now() + timedelta(days=d)).month for d in (30, 90)
    }
    assert Label.objects.valid().count() >= 15
    assert Adoption.objects.count() >= 10
    assert published.filter(registration_open_to_all=True).count() >= 100
    call_command("load_demo_data")
    assert [m.objects.count() for m in models] == counts


def test_the_catalogue_is_searchable_and_an_agent_sees_what_their_ministry_adopted(demo):
    found = search_catalogue(AnonymousUser(), CatalogueQuery.from_params({"q": "cyber"}))
    assert "Les bons réflexes de cybersécurité" in [t.title for t in found.page.object_list]
    rh = search_catalogue(AnonymousUser(), CatalogueQuery.from_params({"q": "hygiène"}))
    assert rh.count >= 5
    agent = User.objects.get(email="agent.gironde@interieur.gouv.fr")
    adopted = Training.objects.filter(adoptions__organisation__ministry=agent.entity.ministry)
    assert adopted.exclude(owner_ministry=agent.entity.ministry).exists()
    assert set(adopted) <= set(Training.objects.visible_to(agent))


# Shapes that betray a sentence composed carelessly: a preposition not contracted with its article ("à les", "de
# le" where "aux", "du" are due; "de les éviter" is a pronoun), a doubled word, a sentence starting in lower case,
# a French punctuation mark without its space.
BROKEN_FRENCH = [
    re.compile(r"\bà les?\b|\bde les? (?!éviter)", re.IGNORECASE),
    re.compile(r"\b(\w+) \1\b", re.IGNORECASE),
    re.compile(r"(^|[.!?] )[a-zà-ÿ]"),
    re.compile(r"\w[;:!?]"),
]


def test_every_text_of_the_demo_catalogue_reads_right(demo):
    fields = ("title", "teaser", "description", "learning_outcomes", "content_outline", "prerequisites")
    for row in Training.objects.exclude(status=TrainingStatus.DRAFT).values_list(*fields):
        for field, text in zip(fields, row, strict=True):
            assert text, field
            for shape in BROKEN_FRENCH:
                assert not shape.search(text), (field, text, shape.pattern)
