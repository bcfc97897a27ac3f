"""THE exception to the visibility rule (watch/disclosure.py): a similar training the person could not otherwise
open shows its title, owner organisation and status, and nothing else."""

import pytest

from mentor.offer.enums import Scope
from mentor.watch.analysis import analyse
from mentor.watch.disclosure import disclose
from mentor.watch.lookup import similar_to_texts, similar_to_training
from mentor.watch.similarity import similar
from tests.factories import OrganisationFactory, TrainingFactory, UserFactory

pytestmark = pytest.mark.django_db

SECRET = "Brouillon confidentiel de la préfecture sur l'ouverture des données publiques."


@pytest.fixture
def offer(world):
    prefecture = OrganisationFactory(
        code="PREF33", name="Préfecture de la Gironde", parent=world.other_ministry
    )
    world.foreign_draft = TrainingFactory(
        draft=True,
        scope=Scope.METIER,
        owner=prefecture,
        collection=world.collection,
        title="Ouvrir les données publiques de la préfecture",
        description=SECRET,
    )
    world.published = TrainingFactory(
        collection=world.collection,
        title="Ouvrir et publier les données de son service",
        description="Publier un jeu de données ouvert sur data.gouv.fr.",
    )
    world.foreign_metier = TrainingFactory(
        metier=True,
        owner=prefecture,
        collection=world.collection,
        title="Ouvrir les données de la préfecture",
    )
    world.own_draft = world.training()
    return world


def by_title(results):
    return {r.title: r for r in results}


def test_a_designer_sees_only_title_owner_and_status_of_what_they_could_not_open(offer):
    results = by_title(similar_to_training(offer.designer, offer.own_draft))

    hidden = results["Ouvrir les données publiques de la préfecture"]
    assert (hidden.owner_organisation, hidden.status_label) == ("Préfecture de la Gironde", "Brouillon")
    assert hidden.training is None and hidden.id is None
    assert SECRET not in repr(hidden)
    other_ministry_published = results["Ouvrir les données de la préfecture"]
    assert other_ministry_published.training is None

    shown = results["Ouvrir et publier les données de son service"]
    assert shown.training == offer.published and shown.in_catalogue
    assert shown.shared_terms


def test_the_other_ministry_team_opens_its_own_draft_but_not_the_designers(offer):
    results = by_title(similar_to_texts(offer.outsider, {"title": "Ouvrir les données de son service"}))

    assert results["Ouvrir les données publiques de la préfecture"].training == offer.foreign_draft
    assert results["Ouvrir les données de la préfecture"].training == offer.foreign_metier
    own = results["Ouvrir les données de son service"]
    assert own.training is None and own.owner_organisation == "Direction générale des finances publiques"


def test_an_agent_of_the_ministry_opens_its_published_metier_training_only(offer):
    agent = UserFactory(entity=offer.foreign_draft.owner)

    results = by_title(similar_to_texts(agent, {"title": "Ouvrir les données"}))

    assert results["Ouvrir les données de la préfecture"].in_catalogue
    assert results["Ouvrir les données publiques de la préfecture"].training is None


def test_disclosure_reads_once_whatever_the_number_of_results(offer, django_assert_num_queries):
    TrainingFactory.create_batch(4, collection=offer.collection, title="Ouvrir les données")

    matches = similar(analyse({"title": "Ouvrir les données"}))
    assert len(matches) >= 7
    offer.designer.refresh_from_db()
    with django_assert_num_queries(3):  # the roles of the user, their entity (its ministry), the trainings
        disclose(offer.designer, matches)
