"""The "open registration" facet stays exact whatever happens to sessions: it reads a flag of the training for
sessions open to all, kept after every save of a session or a training, and the sessions opened to some
organisations themselves."""

import pytest
from django.contrib.auth.models import AnonymousUser

from mentor.offer import sessions
from mentor.offer.catalogue import CatalogueQuery, search_catalogue
from mentor.offer.enums import OpenTo, SessionStatus
from mentor.offer.models import Training
from tests.factories import OrganisationFactory, SessionFactory, TrainingFactory, UserFactory

pytestmark = pytest.mark.django_db


def open_registration(user, **params):
    """(count of the facet value, ids of the trainings found when it is selected)."""
    result = search_catalogue(user, CatalogueQuery.from_params(params))
    count = next(v.count for f in result.facets if f.param == "open_registration" for v in f.values)
    selected = search_catalogue(user, CatalogueQuery.from_params({**params, "open_registration": "1"}))
    return count, {t.pk for t in selected.page.object_list}


@pytest.fixture
def admin():
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def training():
    return TrainingFactory(title="Conduire le changement")


def test_a_session_opened_then_cancelled(training, admin):
    anonymous = AnonymousUser()
    session = SessionFactory(training=training, status=SessionStatus.IN_PREPARATION, open_to=OpenTo.ALL)
    assert open_registration(anonymous) == (0, set())
    sessions.open_registration(session, admin)
    assert open_registration(anonymous) == (1, {training.pk})
    sessions.cancel(session, admin)
    assert open_registration(anonymous) == (0, set())


def test_a_session_deleted(training):
    session = SessionFactory(training=training, status=SessionStatus.REGISTRATION_OPEN, open_to=OpenTo.ALL)
    assert open_registration(AnonymousUser()) == (1, {training.pk})
    session.delete()
    assert open_registration(AnonymousUser()) == (0, set())


def test_a_session_moved_to_another_training(training):
    other = TrainingFactory(title="Manager à distance")
    session = SessionFactory(training=training, status=SessionStatus.REGISTRATION_OPEN, open_to=OpenTo.ALL)
    session.training = other
    session.save()
    assert open_registration(AnonymousUser()) == (1, {other.pk})


def test_a_training_saved_from_a_stale_copy_keeps_its_open_session(training):
    stale = Training.objects.get(pk=training.pk)
    SessionFactory(training=training, status=SessionStatus.REGISTRATION_OPEN, open_to=OpenTo.ALL)
    stale.title = "Conduire le changement, édition 2027"
    stale.save()
    assert open_registration(AnonymousUser()) == (1, {training.pk})


def test_a_session_restricted_to_a_list_counts_only_for_the_listed(training):
    ministry_a = OrganisationFactory(code="MA")
    ministry_b = OrganisationFactory(code="MB")
    agent_a = UserFactory(entity=OrganisationFactory(code="MA-DD", parent=ministry_a, deconcentrated=True))
    agent_b = UserFactory(entity=ministry_b)
    session = SessionFactory(training=training, status=SessionStatus.REGISTRATION_OPEN, open_to=OpenTo.ALL)
    session.open_to = OpenTo.LIST
    session.save()
    session.open_to_organisations.add(ministry_a)
    assert open_registration(AnonymousUser()) == (0, set())
    assert open_registration(agent_b) == (0, set())
    # Listed: the ministry, so every entity under it.
    assert open_registration(agent_a) == (1, {training.pk})
    assert open_registration(agent_a, q="changement") == (1, {training.pk})


def test_a_session_for_the_organisers_agents(training):
    organiser = OrganisationFactory(code="MC")
    insider = UserFactory(entity=OrganisationFactory(code="MC-DD", parent=organiser, deconcentrated=True))
    SessionFactory(
        training=training,
        organiser=organiser,
        status=SessionStatus.REGISTRATION_OPEN,
        open_to=OpenTo.OWNER,
    )
    assert open_registration(insider) == (1, {training.pk})
    assert open_registration(UserFactory(entity=OrganisationFactory(code="MD"))) == (0, set())
    assert open_registration(AnonymousUser()) == (0, set())
