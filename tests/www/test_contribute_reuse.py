"""Reuse ("mutualisation"), collection watches and the label on the catalogue."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from mentor.accounts.enums import Role
from mentor.editorial import workflow
from mentor.editorial.models import CollectionWatch, Label
from mentor.offer.enums import Scope
from mentor.offer.models import Adoption, Training
from tests.factories import UserFactory
from tests.tasks import run_tasks

pytestmark = pytest.mark.django_db


def test_a_training_one_cannot_see_cannot_be_adopted(client, world):
    training = world.publish_metier()
    adopter = world.user("admin@interieur.gouv.fr", world.other_ministry, Role.ENTITY_ADMIN)
    client.force_login(adopter)
    response = client.post(
        reverse("www:contribute:adopt", kwargs={"pk": training.pk}), {"organisation": world.other_ministry.pk}
    )
    assert response.status_code == 404
    assert not Adoption.objects.exists()


def test_the_mentor_team_of_a_partner_adopts_a_cross_government_training(client, world):
    training = world.training(scope=Scope.TRANSVERSE)
    workflow.fire("submit", training, world.designer)
    world.review(training, world.team, decision="forward")
    world.review(training, world.lead_reviewer)
    workflow.fire("publish", training, world.designer)
    count = Training.objects.count()

    client.force_login(world.outsider)
    page = client.get(training.get_absolute_url()).content.decode()
    assert "Adopter cette formation" in page
    response = client.post(
        reverse("www:contribute:adopt", kwargs={"pk": training.pk}), {"organisation": world.other_ministry.pk}
    )
    assert response.status_code == 302
    adoption = Adoption.objects.get(training=training)
    assert adoption.organisation == world.other_ministry and adoption.adopted_by == world.outsider
    assert Training.objects.count() == count  # nothing copied
    page = client.get(training.get_absolute_url()).content.decode()
    assert "Adoptée aussi par" in page and "Ministère de l&#x27;Intérieur" in page
    assert "Adopter cette formation" not in page  # already adopted by the only organisation they act for

    # A designer (neither Mentor team nor entity admin) may not adopt.
    client.force_login(world.designer)
    response = client.post(
        reverse("www:contribute:adopt", kwargs={"pk": training.pk}), {"organisation": world.owner.pk}
    )
    assert response.status_code == 403


def test_watchers_of_a_collection_hear_of_each_publication(client, world, django_capture_on_commit_callbacks):
    watcher = UserFactory(entity=world.ministry)
    client.force_login(watcher)
    response = client.post(reverse("www:contribute:watch", kwargs={"slug": world.collection.slug}))
    assert response.status_code == 302
    assert CollectionWatch.objects.filter(user=watcher, collection=world.collection).exists()
    assert (
        "Ne plus suivre cette collection" in client.get(world.collection.get_absolute_url()).content.decode()
    )

    training = world.training()
    workflow.fire("submit", training, world.designer)
    world.review(training, world.team)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.fire("publish", training, world.designer)
    run_tasks()
    assert [m.to for m in mail.outbox if "Nouvelle formation" in m.subject] == [[watcher.email]]

    client.post(reverse("www:contribute:watch", kwargs={"slug": world.collection.slug}))
    assert not CollectionWatch.objects.exists()


def test_the_label_shows_as_a_badge_and_filters_the_catalogue(client, world):
    labelled = world.publish_metier(title="Formation labellisée")
    plain = world.publish_metier(title="Formation sans label")
    Label.objects.create(
        training=labelled, valid_until=timezone.localdate() + timedelta(days=400), awarded_by=world.admin
    )
    Label.objects.create(
        training=plain,
        awarded_on=timezone.localdate() - timedelta(days=1200),
        valid_until=timezone.localdate() - timedelta(days=1),
        awarded_by=world.admin,
    )
    client.force_login(world.designer)
    page = client.get(labelled.get_absolute_url()).content.decode()
    assert "Label Mentor" in page
    page = client.get(plain.get_absolute_url()).content.decode()
    assert plain.title in page
    assert "Label Mentor" not in page

    response = client.get(reverse("www:catalogue"), {"label": "1"})
    page = response.content.decode()
    assert "Formation labellisée" in page and "Formation sans label" not in page
    assert "Formations labellisées Mentor" in page
    assert page.count('class="fr-badge fr-badge--success fr-badge--sm mentor-label"') == 1  # the card's badge

    # Unfiltered listings load the labels of their cards at once; the expired label shows nowhere.
    badge = 'class="fr-badge fr-badge--success fr-badge--sm mentor-label"'
    catalogue = client.get(reverse("www:catalogue")).content.decode()
    assert "Formation sans label" in catalogue and catalogue.count(badge) == 1
    collection = client.get(labelled.collection.get_absolute_url()).content.decode()
    assert "Formation sans label" in collection and collection.count(badge) == 1
