"""The offer-watch page (/veille/) for each role: likely duplicates across organisations, what is being designed,
objectives without a published training."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mentor.accounts.enums import Role
from mentor.editorial.models import Label
from mentor.offer.enums import Scope, TrainingStatus
from mentor.offer.models import Objective
from mentor.watch.duplicates import find_likely_duplicates
from mentor.watch.models import LikelyDuplicate, NotDuplicate
from tests.factories import MembershipFactory, OrganisationFactory, TrainingFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("www:watch:overview")
SECRET = "Description confidentielle de la préfecture."


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
        title="Prévenir les risques psychosociaux",
        description=SECRET,
    )
    world.own_draft = world.training(title="Prévention des RPS", description="Les risques psychosociaux.")
    world.published = TrainingFactory(
        collection=world.collection, title="Ouvrir les données publiques", owner=world.lead
    )
    world.published.covered_objectives.set([world.objectives[0]])
    world.extra_objective = Objective.objects.create(
        thematic_offer=world.objectives[0].thematic_offer, text="Réutiliser les données", position=3
    )
    expired = TrainingFactory(collection=world.collection, title="Réutiliser des jeux de données")
    expired.covered_objectives.set([world.extra_objective])
    Label.objects.create(
        training=expired,
        awarded_on=timezone.localdate() - timedelta(days=1200),
        valid_until=timezone.localdate() - timedelta(days=5),
    )
    find_likely_duplicates()
    return world


def page(client, user):
    client.force_login(user)
    return client.get(URL)


def test_the_team_sees_the_duplicate_of_its_draft_without_the_other_ministrys_text(client, offer):
    response = page(client, offer.team)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Doublons probables" in html
    assert "Prévenir les risques psychosociaux" in html
    assert "Préfecture de la Gironde" in html
    assert SECRET not in html
    assert reverse("www:contribute:training", args=[offer.foreign_draft.pk]) not in html
    assert reverse("www:contribute:training", args=[offer.own_draft.pk]) in html


def test_what_is_being_designed_is_grouped_by_collection_and_theme(client, offer):
    html = page(client, offer.team).content.decode()

    section = html.split('id="conception-titre"', 1)[1].split("</section>", 1)[0]
    assert "Numérique · Données" in section
    assert "Prévention des RPS" in section
    # the other ministry's draft is not the team's business: only the similarity list shows it
    assert "Prévenir les risques psychosociaux" not in section


def test_uncovered_objectives_and_those_covered_only_by_expired_labels(client, offer):
    html = page(client, offer.admin).content.decode()

    section = html.split('id="objectifs-titre"', 1)[1].split("</section>", 1)[0]
    uncovered, expired = section.split("label a expiré", 1)
    assert "Protéger les données" in uncovered
    assert "Ouvrir les données" not in uncovered
    assert "Réutiliser les données" in expired


def test_the_dgafp_admin_sees_both_drafts_of_the_pair(client, offer):
    html = page(client, offer.admin).content.decode()

    assert "Prévention des RPS" in html and "Prévenir les risques psychosociaux" in html


def test_the_collection_lead_sees_only_its_collections(client, offer):
    other = TrainingFactory(draft=True, title="Brouillon d'une autre collection")

    html = page(client, offer.lead_reviewer).content.decode()

    assert "Prévention des RPS" in html
    assert other.title not in html


def test_others_are_refused_with_the_reason(client, offer):
    response = page(client, offer.designer)

    assert response.status_code == 403
    assert "réservée aux administrateurs DGAFP" in response.content.decode()


def test_a_pair_marked_not_a_duplicate_does_not_come_back(client, offer):
    pair = LikelyDuplicate.objects.get()
    client.force_login(offer.team)

    response = client.post(reverse("www:watch:not_a_duplicate", args=[pair.pk]))

    assert response.status_code == 302
    assert not LikelyDuplicate.objects.exists()
    assert NotDuplicate.objects.get().decided_by == offer.team
    find_likely_duplicates()
    assert not LikelyDuplicate.objects.exists()
    assert "Aucun doublon probable dans votre périmètre." in page(client, offer.team).content.decode()


def test_a_pair_out_of_ones_scope_is_a_404(client, offer):
    pair = LikelyDuplicate.objects.get()
    stranger_team = UserFactory(entity=OrganisationFactory())
    MembershipFactory(user=stranger_team, organisation=stranger_team.entity, role=Role.MENTOR_TEAM)
    client.force_login(stranger_team)

    assert client.post(reverse("www:watch:not_a_duplicate", args=[pair.pk])).status_code == 404
    assert LikelyDuplicate.objects.exists()


def test_two_trainings_of_one_organisation_are_not_a_pair(offer):
    TrainingFactory(
        owner=offer.own_draft.owner,
        collection=offer.collection,
        title="Prévention des RPS",
        status=TrainingStatus.DRAFT,
    )
    find_likely_duplicates()
    owners = {
        (p.first.owner_id, p.second.owner_id)
        for p in LikelyDuplicate.objects.select_related("first", "second")
    }
    assert all(a != b for a, b in owners)


@pytest.mark.parametrize("extra", [1, 6])
def test_the_page_reads_a_fixed_number_of_times(client, offer, django_assert_num_queries, extra):
    for n in range(extra):
        TrainingFactory(
            draft=True,
            owner=OrganisationFactory(parent=offer.other_ministry),
            collection=offer.collection,
            title=f"Prévention des risques psychosociaux {n}",
        )
        offer.training(title=f"Brouillon {n}")
    find_likely_duplicates()
    client.force_login(offer.admin)
    with django_assert_num_queries(10):
        assert client.get(URL).status_code == 200
