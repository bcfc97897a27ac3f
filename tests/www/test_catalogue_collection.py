"""The collection page lists the trainings of the collection the user may see, by orientation and theme."""

import pytest

from mentor.offer.models import StrategicOrientation
from tests.factories import TrainingFactory

from .registrations_world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    world = build_world()
    orientation = StrategicOrientation.objects.create(
        collection=world.collection, title="Piloter la dépense", slug="piloter"
    )
    theme = orientation.thematic_offers.create(title="Le budget par la performance", slug="performance")
    objective = theme.objectives.create(text="Lire un projet annuel de performance")
    world.metier.covered_objectives.add(objective)
    world.theme = theme
    return world


def trainings_under_theme(response, theme):
    for section in response.context["sections"]:
        for entry in section["themes"]:
            if entry["theme"] == theme:
                return [t.title for t in entry["trainings"]]
    raise AssertionError("theme not shown")


@pytest.mark.parametrize(
    ("name", "sees_metier"),
    [("agent", True), ("designer", True), ("other_agent", False), ("anonymous", False)],
)
def test_the_collection_page_follows_the_visibility_rule(client, world, name, sees_metier):
    if name != "anonymous":
        client.force_login(getattr(world, name))
    response = client.get(world.collection.get_absolute_url())
    html = response.content.decode()
    assert trainings_under_theme(response, world.theme) == (
        ["Contrôle fiscal approfondi"] if sees_metier else []
    )
    assert [t.title for t in response.context["other_trainings"]] == ["Les bases du budget de l'État"]
    assert ("Contrôle fiscal approfondi" in html) == sees_metier
    assert "Brouillon secret" not in html
    assert "Autres formations de la collection" in html
    assert "Lire un projet annuel de performance" in html


def test_a_training_covering_objectives_of_another_collection_counts_among_the_others(client, world):
    elsewhere = TrainingFactory(title="Ailleurs")
    elsewhere.covered_objectives.add(world.theme.objectives.get())
    response = client.get(world.collection.get_absolute_url())
    assert world.collection.name in response.content.decode()
    assert "Ailleurs" not in response.content.decode()
    own = client.get(elsewhere.collection.get_absolute_url())
    assert [t.title for t in own.context["other_trainings"]] == ["Ailleurs"]


@pytest.mark.parametrize("count", [3, 30])
def test_the_collection_page_keeps_its_query_budget(client, world, django_assert_num_queries, count):
    objective = world.theme.objectives.get()
    for n in range(count):
        training = TrainingFactory(title=f"Budget {n}", collection=world.collection, owner=world.owner)
        if n % 2:
            training.covered_objectives.add(objective)
    client.force_login(world.agent)
    # 14: the page's 12 (the count of the collection with its sub-collections among them), and the menu's working
    # spaces of a signed-in user.
    with django_assert_num_queries(14):
        response = client.get(world.collection.get_absolute_url())
    assert response.context["training_count"] == count + 2
