import pytest
from django.core.management import call_command

from mentor.editorial.models import (
    EditorialFile,
    Indicator,
    Label,
    QualityReview,
    TrainingRevision,
    TransitionLog,
)
from mentor.offer.enums import TrainingStatus
from mentor.offer.models import Training

pytestmark = pytest.mark.django_db


def test_demo_has_every_editorial_state_past_reviews_and_labels_and_loads_twice_identically():
    call_command("load_demo_data")
    counts = [
        m.objects.count() for m in (Training, EditorialFile, QualityReview, TransitionLog, Label, Indicator)
    ]
    assert set(Training.objects.values_list("status", flat=True)) == set(TrainingStatus.values)
    assert QualityReview.objects.filter(ratings__isnull=False).distinct().count() >= 8
    assert Indicator.objects.values("criterion").distinct().count() == 5
    # The editorial stories label two trainings (one expiring soon); the rest of the catalogue has its own labels.
    assert (
        Label.objects.filter(training__slug__in=["demo-labellisee", "demo-label-expire-bientot"]).count() == 2
    )
    assert TrainingRevision.objects.filter(status=TrainingStatus.SUBMITTED).exists()
    call_command("load_demo_data")
    assert [
        m.objects.count() for m in (Training, EditorialFile, QualityReview, TransitionLog, Label, Indicator)
    ] == counts
