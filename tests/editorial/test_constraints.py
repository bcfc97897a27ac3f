import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from mentor.editorial.enums import Rating, Stage
from mentor.editorial.models import EditorialFile, QualityRating, QualityReview, TrainingRevision
from mentor.offer.enums import TrainingStatus as S

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "fields",
    [
        {"status": S.SUBMITTED},  # submitted without a date nor a stage
        {"status": S.IN_REVIEW, "submitted_at": "now", "waiting_since": "now", "stage": Stage.OWNER_TEAM},
        {"status": S.APPROVED},  # a decision without its date
        {"status": S.DRAFT, "submitted_at": "now"},
        {"status": S.ARCHIVED},
    ],
)
def test_the_database_refuses_an_editorial_file_contradicting_its_state(world, fields):
    now = timezone.now()
    values = {k: now if v == "now" else v for k, v in fields.items()}
    with pytest.raises(IntegrityError), transaction.atomic():
        EditorialFile.objects.create(training=world.training(), **values)


def test_one_open_revision_per_training_and_a_not_met_rating_needs_a_comment(world):
    training = world.publish_metier()
    TrainingRevision.objects.create(training=training)
    with pytest.raises(IntegrityError), transaction.atomic():
        TrainingRevision.objects.create(training=training)
    review = QualityReview.objects.filter(training=training).first()
    with pytest.raises(IntegrityError), transaction.atomic():
        QualityRating.objects.create(
            review=review,
            position=9,
            criterion_code="x",
            criterion_name="X",
            statement="Y",
            is_blocking=False,
            rating=Rating.NOT_MET,
        )
