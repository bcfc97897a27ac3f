"""Two agents racing for the last place, for real: two threads, two connections, a transactional database."""

import threading

import pytest
from django.db import connection

from mentor.offer import registration as registrations
from mentor.offer.enums import RegistrationStatus
from tests.factories import SessionFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def race(session, agents):
    """Start every agent's registration at the same instant; return what each one got."""
    barrier = threading.Barrier(len(agents))
    outcomes = {}

    def attempt(index, agent):
        try:
            barrier.wait()
            outcomes[index] = registrations.register(session, agent).status
        except Exception as error:  # reported below, so that a lost race never hides behind a thread
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(index, agent)) for index, agent in enumerate(agents)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_two_agents_racing_for_the_last_place_never_both_get_it():
    session = SessionFactory(capacity=1)
    first, second = UserFactory(), UserFactory()
    outcomes = race(session, [first, second])
    assert sorted(map(str, outcomes.values())) == [
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITING,
    ], outcomes
    assert session.registrations.filter(status=RegistrationStatus.CONFIRMED).count() == 1


def test_many_agents_racing_fill_the_session_exactly():
    session = SessionFactory(capacity=3)
    agents = [UserFactory() for _ in range(6)]
    outcomes = race(session, agents)
    assert all(isinstance(status, str) for status in outcomes.values()), outcomes
    assert list(outcomes.values()).count(RegistrationStatus.CONFIRMED) == 3
    assert session.registrations.filter(status=RegistrationStatus.CONFIRMED).count() == 3
    assert session.registrations.filter(status=RegistrationStatus.WAITING).count() == 3


def test_the_same_agent_submitting_twice_at_once_gets_one_registration():
    session = SessionFactory(capacity=5)
    agent = UserFactory()
    outcomes = race(session, [agent, agent])
    assert session.registrations.filter(user=agent).count() == 1
    assert sorted(type(outcome).__name__ for outcome in outcomes.values()) == [
        "RegistrationRefused",
        "RegistrationStatus",
    ]
