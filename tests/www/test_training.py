import json
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mentor.accounts.enums import Role
from mentor.editorial.access import trainings_followed_by
from mentor.editorial.models import Label
from mentor.offer.enums import OpenTo, RegistrationMode, RegistrationStatus, SessionStatus
from tests.factories import (
    MembershipFactory,
    RegistrationFactory,
    SessionFactory,
    TrainingFactory,
    UserFactory,
)

from .registrations_world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def viewer(world, name):
    return None if name == "anonymous" else getattr(world, name)


def get(client, user, url):
    if user is not None:
        client.force_login(user)
    return client.get(url)


def jsonld_of(response):
    scripts = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), flags=re.S
    )
    assert len(scripts) == 1
    return json.loads(scripts[0])


@pytest.mark.parametrize(
    ("name", "sees_metier"),
    [("agent", True), ("designer", True), ("other_agent", False), ("anonymous", False)],
)
def test_the_training_page_follows_the_visibility_rule(client, world, name, sees_metier):
    user = viewer(world, name)
    assert get(client, user, world.transverse.get_absolute_url()).status_code == 200
    assert get(client, user, world.metier.get_absolute_url()).status_code == (200 if sees_metier else 404)


def test_a_draft_is_a_404_for_agents_and_visitors(client, world):
    for user in (world.agent, world.other_agent, None):
        assert get(client, user, world.draft.get_absolute_url()).status_code == 404


def test_an_unknown_training_is_a_404_and_a_wrong_slug_redirects_to_the_right_one(client, world):
    assert client.get(reverse("www:training", kwargs={"pk": 999999, "slug": "x"})).status_code == 404
    response = client.get(reverse("www:training", kwargs={"pk": world.transverse.pk, "slug": "ancien-titre"}))
    assert response.status_code == 301
    assert response["Location"] == world.transverse.get_absolute_url()


def test_the_page_shows_the_training_and_the_sessions_the_user_may_see(client, world):
    hidden = SessionFactory(training=world.metier, title="Session réservée", open_to=OpenTo.LIST)
    response = get(client, world.agent, world.metier.get_absolute_url())
    html = response.content.decode()
    assert "Contrôle fiscal approfondi" in html
    assert "Session contrôle d&#x27;avril" in html
    assert hidden.title not in html
    assert re.search(r"10 places,\s+10 restantes", html)
    assert "S'inscrire" in html
    assert f'action="{reverse("www:register", args=[world.metier_session.pk])}"' in html


def test_a_permanent_session_reads_permanente_and_full_sessions_offer_the_waiting_list(client, world):
    SessionFactory(
        training=world.transverse,
        title="En continu",
        is_permanent=True,
        starts_at=None,
        ends_at=None,
        capacity=None,
    )
    RegistrationFactory(session=world.transverse_session, status=RegistrationStatus.CONFIRMED)
    world.transverse_session.capacity = 1
    world.transverse_session.save()
    html = get(client, world.agent, world.transverse.get_absolute_url()).content.decode()
    assert "Session permanente" in html
    assert "Places illimitées" in html
    assert re.search(r"1 place,\s+complète", html)
    assert "S'inscrire sur la liste d'attente" in html


def test_anonymous_visitors_get_a_login_link_instead_of_the_button(client, world):
    html = client.get(world.transverse.get_absolute_url()).content.decode()
    assert "Se connecter pour s'inscrire" in html
    assert reverse("www:register", args=[world.transverse_session.pk]) not in html


def test_the_user_sees_their_registration_and_a_cancel_button(client, world):
    registration = RegistrationFactory(
        session=world.transverse_session, user=world.agent, status=RegistrationStatus.WAITING
    )
    html = get(client, world.agent, world.transverse.get_absolute_url()).content.decode()
    assert "Liste d&#x27;attente" in html
    assert reverse("www:cancel_registration", args=[registration.pk]) in html
    assert reverse("www:register", args=[world.transverse_session.pk]) not in html


def test_closed_and_on_request_sessions_read_as_such(client, world):
    world.transverse_session.status = SessionStatus.IN_PREPARATION
    world.transverse_session.save()
    SessionFactory(training=world.transverse, registration_mode=RegistrationMode.ON_REQUEST)
    html = get(client, world.agent, world.transverse.get_absolute_url()).content.decode()
    assert "Les inscriptions ne sont pas ouvertes." in html
    assert "Demander à s'inscrire" in html


def test_the_page_embeds_a_course_with_an_instance_per_visible_session(client, world):
    SessionFactory(training=world.metier, open_to=OpenTo.LIST)  # not open to the agent: not in the JSON-LD
    data = jsonld_of(get(client, world.agent, world.metier.get_absolute_url()))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Course"
    assert data["name"] == "Contrôle fiscal approfondi"
    assert data["provider"] == {"@type": "Organization", "name": "Direction des finances"}
    assert data["url"].endswith(world.metier.get_absolute_url())
    [instance] = data["hasCourseInstance"]
    assert instance["@type"] == "CourseInstance"
    assert instance["courseMode"] == "online"
    assert instance["startDate"] == world.metier_session.starts_at.isoformat()


def test_the_json_ld_cannot_be_broken_out_of(client, world):
    nasty = 'Formation </script><script>alert("x")</script> & <!-- fin'
    training = TrainingFactory(title=nasty, teaser=nasty)
    response = client.get(training.get_absolute_url())
    html = response.content.decode()
    assert "<script>alert" not in html
    assert jsonld_of(response)["name"] == nasty


@pytest.mark.parametrize("sessions", [3, 30])
def test_the_training_page_keeps_its_query_budget(client, world, django_assert_num_queries, sessions):
    for _ in range(sessions):
        session = SessionFactory(training=world.transverse)
        RegistrationFactory(session=session, user=UserFactory())
    RegistrationFactory(session=session, user=world.agent)
    client.force_login(world.agent)
    # The session, the user, the training with its label, its sessions, the agent's registrations, roles and
    # whether they are named designer anywhere (the menu), the objectives and the adoptions: none per session.
    # No project produces the training: its funded projects are not asked for. The agent is named designer of
    # nothing: the training's designers are not read.
    with django_assert_num_queries(9):
        response = client.get(world.transverse.get_absolute_url())
    assert response.content.decode().count('id="session-') == sessions + 1


@pytest.mark.parametrize(
    ("name", "sees_it"),
    [("agent", True), ("designer", True), ("other_agent", False), ("anonymous", False)],
)
def test_a_session_open_to_the_organisers_agents_only_shows_to_them_alone(client, world, name, sees_it):
    SessionFactory(training=world.transverse, title="Session interne", open_to=OpenTo.OWNER)
    html = get(client, viewer(world, name), world.transverse.get_absolute_url()).content.decode()
    assert ("Session interne" in html) == sees_it
    assert "Session budget de mars" in html


def test_a_permanent_session_and_the_duration_in_the_json_ld(client, world):
    world.transverse.duration_remote_hours = 2.5
    world.transverse.save()
    SessionFactory(training=world.transverse, is_permanent=True, starts_at=None, ends_at=None, capacity=None)
    data = jsonld_of(client.get(world.transverse.get_absolute_url()))
    assert data["timeRequired"] == "PT2H30M"
    permanent = [i for i in data["hasCourseInstance"] if "startDate" not in i]
    assert permanent == [
        {
            "@type": "CourseInstance",
            "courseMode": "online",
            "organizer": {"@type": "Organization", "name": "Direction des finances"},
            "courseSchedule": {"@type": "Schedule", "description": "Session permanente"},
        }
    ]


def test_the_link_to_the_editorial_file_shows_to_those_who_follow_the_training(client, world):
    """The owner's designers and Mentor team, a designer named on the training and the reviewer of its collection
    (cross-government trainings only) get the link; an agent who merely sees the training does not."""
    named = UserFactory(entity=world.service)
    world.metier.designers.add(named)
    team = UserFactory(entity=world.ministry)
    MembershipFactory(user=team, organisation=world.ministry, role=Role.MENTOR_TEAM)
    reviewer = UserFactory(entity=world.service)
    MembershipFactory(
        user=reviewer,
        organisation=world.collection.lead,
        role=Role.COLLECTION_REVIEWER,
        collection=world.collection,
    )
    expected = {
        (world.designer, world.transverse): True,
        (world.designer, world.metier): True,
        (named, world.transverse): False,
        (named, world.metier): True,
        (team, world.metier): True,
        (reviewer, world.transverse): True,
        (reviewer, world.metier): False,
        (world.agent, world.transverse): False,
    }
    for (user, training), shown in expected.items():
        html = get(client, user, training.get_absolute_url()).content.decode()
        assert ("Suivi éditorial et historique" in html) == shown, (user.email, training.title)
        # The page tells the same as the editorial pages' rule.
        assert trainings_followed_by(user).filter(pk=training.pk).exists() == shown


@pytest.mark.parametrize(("days_left", "shown"), [(30, True), (0, True), (-1, False)])
def test_the_training_page_shows_its_label_until_its_last_day(client, world, days_left, shown):
    # The page reads the label with the training; one past its last day is not shown, even before the daily
    # command removes it.
    today = timezone.localdate()
    Label.objects.create(
        training=world.transverse,
        awarded_on=today - timedelta(days=365),
        valid_until=today + timedelta(days=days_left),
    )
    response = client.get(world.transverse.get_absolute_url())
    assert response.status_code == 200
    assert ("Label Mentor" in response.content.decode()) is shown
