"""The API writes a training out field by field (``TrainingSerializer.to_representation``) instead of DRF's generic
walk of the declared fields: both must write the same body, or the schema would describe what is not sent."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from rest_framework import serializers
from rest_framework.test import APIClient

from mentor.api.serializers import CatalogueTrainingSerializer, TrainingDetailSerializer
from mentor.offer.models import Training
from tests.factories import SessionFactory, TrainingFactory

pytestmark = pytest.mark.django_db


def generic(serializer_class, training):
    """What DRF's own walk of the serializer's fields writes for ``training``."""
    request = RequestFactory().get("/", HTTP_HOST="testserver")
    serializer = serializer_class(context={"request": request})
    return serializers.ModelSerializer.to_representation(serializer, training)


@pytest.fixture
def trainings():
    dated = TrainingFactory(
        title="Piloter un projet",
        duration_on_site_hours=Decimal("3.5"),
        duration_remote_hours=Decimal("0.25"),
        keywords="projet, pilotage",
        description="Une description.",
        delivery_url="https://formation.example.org/projet",
    )
    SessionFactory(training=dated, starts_at=timezone.now() + timedelta(days=12))
    undated = TrainingFactory(title="Sans session", keywords="", leads_to_certification=True)
    return dated, undated


def test_the_catalogue_writes_what_the_generic_walk_writes(trainings):
    results = APIClient().get(reverse("api:training-list")).json()["results"]
    assert len(results) == 2
    assert {r["next_session_start"] is None for r in results} == {True, False}
    for result in results:
        training = Training.objects.select_related("collection", "owner").get(pk=result["id"])
        training.next_session_start = (
            None if result["next_session_start"] is None else training.sessions.get().starts_at
        )
        assert list(result) == CatalogueTrainingSerializer.Meta.fields
        assert result == generic(CatalogueTrainingSerializer, training)


def test_a_training_detail_writes_what_the_generic_walk_writes(trainings):
    for training in trainings:
        body = APIClient().get(reverse("api:training-detail", kwargs={"pk": training.pk})).json()
        training = Training.objects.select_related("collection", "owner").get(pk=training.pk)
        assert list(body) == TrainingDetailSerializer.Meta.fields
        assert body == generic(TrainingDetailSerializer, training)
