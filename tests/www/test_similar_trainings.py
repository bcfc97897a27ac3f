"""The similar trainings on the contribution page of a draft and on the review page, beside the criterion
"Articulation avec l'offre existante"."""

import pytest
from django.urls import reverse

from mentor.editorial import workflow
from mentor.editorial.models import Indicator, PublicationCriterion
from mentor.offer.enums import Scope
from tests.factories import OrganisationFactory, TrainingFactory

pytestmark = pytest.mark.django_db

SECRET = "Description confidentielle du brouillon de la préfecture."


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
        collection=world.collection, title="Ouvrir et publier les données de son service"
    )
    world.draft = world.training()
    return world


def test_the_designer_sees_the_similar_trainings_of_their_draft(client, offer):
    client.force_login(offer.designer)

    response = client.get(reverse("www:contribute:training", args=[offer.draft.pk]))

    page = response.content.decode()
    assert "Formations similaires dans l'offre" in page
    assert "Ouvrir les données publiques de la préfecture" in page
    assert "Préfecture de la Gironde" in page
    assert SECRET not in page
    assert reverse("www:contribute:training", args=[offer.foreign_draft.pk]) not in page
    assert f'href="{offer.published.get_absolute_url()}"' in page
    assert "Doublon probable" in page


def test_the_list_follows_the_saved_texts(client, offer):
    client.force_login(offer.designer)
    client.post(
        reverse("www:contribute:step", args=[offer.draft.pk, 1]),
        {
            "title": "Numismatique des monnaies royales",
            "teaser": "Les monnaies anciennes.",
            "description": "Reconnaître un denier.",
            "learning_outcomes": "Dater une monnaie.",
            "content_outline": "",
            "keywords": "",
        },
    )

    page = client.get(reverse("www:contribute:training", args=[offer.draft.pk])).content.decode()

    assert "Aucune formation de l'offre ne ressemble à celle-ci pour l'instant." in page
    assert "Ouvrir les données publiques de la préfecture" not in page


def test_the_reviewer_sees_them_beside_the_articulation_criterion(client, offer):
    articulation = PublicationCriterion.objects.create(
        code="articulation-offre-existante", name="Articulation avec l'offre existante", position=3
    )
    Indicator.objects.create(
        criterion=articulation, statement="La formation ne double pas l'offre", position=1
    )
    workflow.fire("submit", offer.draft, offer.designer)
    workflow.fire("start_review", offer.draft, offer.team)
    client.force_login(offer.team)

    page = client.get(reverse("www:review:training", args=[offer.draft.pk])).content.decode()

    fieldset = page.split("Articulation avec l&#x27;offre existante</legend>", 1)[1].split("</fieldset>", 1)[
        0
    ]
    assert "Formations similaires dans l'offre" in fieldset
    assert "Ouvrir les données publiques de la préfecture" in fieldset
    assert SECRET not in page


def test_before_the_review_starts_the_list_stands_on_its_own(client, offer):
    workflow.fire("submit", offer.draft, offer.designer)
    client.force_login(offer.team)

    page = client.get(reverse("www:review:training", args=[offer.draft.pk])).content.decode()

    assert "Formations similaires dans l'offre" in page
    assert "Ouvrir et publier les données de son service" in page
