"""What a session manager sees of a training they may not see (ARCHITECTURE.md, « Une seule règle de
visibilité »): the sessions they manage, named by their title or their training's, and nothing else of the training.
The catalogue, the training's page and the API stay 404 for them."""

import pytest
from django.urls import reverse

from mentor.offer.models import Session
from tests.factories import SessionFactory

from .registrations_world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


@pytest.fixture
def manager(world):
    """An agent of another ministry, named manager of a session of the owner ministry's "métier" training and of a
    session of its cross-government training."""
    untitled = SessionFactory(training=world.metier, title="")
    for session in (world.metier_session, untitled, world.transverse_session):
        session.managers.add(world.other_agent)
    return world.other_agent


def test_the_rule_gives_the_managed_sessions_and_whether_their_training_may_be_seen(world, manager):
    managed = {s.title: s.training_visible for s in Session.objects.managed_by(manager)}
    assert managed == {"Session contrôle d'avril": False, "": False, "Session budget de mars": True}
    assert not Session.objects.visible_to(manager).filter(training=world.metier).exists()
    assert set(Session.objects.managed_by(world.agent)) == set()


def test_a_manager_sees_the_sessions_they_manage_without_a_link_to_a_training_they_may_not_see(
    client, world, manager
):
    client.force_login(manager)
    listing = client.get(reverse("www:managed_sessions")).content.decode()
    assert "Session contrôle d&#x27;avril" in listing and "Session budget de mars" in listing
    # The untitled session is named after its training: the one thing of the training its manager learns.
    assert listing.count("Contrôle fiscal approfondi") >= 1
    for url in (world.metier.get_absolute_url(), world.transverse.get_absolute_url()):
        assert f'href="{url}"' not in listing
    page = client.get(reverse("www:managed_session", args=[world.metier_session.pk])).content.decode()
    assert "Contrôle fiscal approfondi" in page
    assert f'href="{world.metier.get_absolute_url()}"' not in page
    assert "Métier." not in page  # the training's teaser
    # Its positive twin: a training they may see is linked.
    page = client.get(reverse("www:managed_session", args=[world.transverse_session.pk])).content.decode()
    assert f'href="{world.transverse.get_absolute_url()}"' in page


def test_the_training_of_a_managed_session_stays_a_404_everywhere_else(client, world, manager):
    client.force_login(manager)
    assert client.get(world.metier.get_absolute_url()).status_code == 404
    assert client.get(f"/api/v1/trainings/{world.metier.pk}/").status_code == 404
    assert client.get(f"/api/v1/trainings/{world.metier.pk}/sessions/").status_code == 404
    assert client.post(reverse("www:register", args=[world.metier_session.pk])).status_code == 404
    found = {t["id"] for t in client.get("/api/v1/trainings/", {"page_size": 100}).json()["results"]}
    assert found == {world.transverse.pk}
    catalogue = client.get(reverse("www:catalogue")).content.decode()
    assert "Les bases du budget de l&#x27;État" in catalogue
    assert "Contrôle fiscal approfondi" not in catalogue
