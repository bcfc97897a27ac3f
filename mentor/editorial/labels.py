"""The Mentor label: awarded to a published training whose latest review meets every criterion; it expires."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from mentor.accounts.enums import Role
from mentor.accounts.models import User
from mentor.core.permissions import ALLOW, Decision, deny, require
from mentor.offer.enums import TrainingStatus
from mentor.offer.models import Training

from . import notifications
from .models import LABEL_VALIDITY, Label, QualityReview

REMINDER_DAYS = 60


def attach_valid_labels(trainings) -> None:
    """Set ``valid_label`` (a Label or None) on each training of a listing, with one query for them all."""
    trainings = list(trainings)
    labels = {label.training_id: label for label in Label.objects.valid().filter(training__in=trainings)}
    for training in trainings:
        training.valid_label = labels.get(training.pk)


def attach_selected_label(training) -> None:
    """Set ``valid_label`` on a training read with ``select_related("mentor_label")``: no query."""
    try:
        label = training.mentor_label
    except Label.DoesNotExist:
        label = None
    training.valid_label = label if label is not None and label.is_valid() else None


def latest_review(training):
    return QualityReview.objects.filter(training=training).prefetch_related("ratings").first()


def label_eligibility(training) -> Decision:
    if training.status != TrainingStatus.PUBLISHED:
        return deny("Seule une formation publiée peut recevoir le label.")
    review = latest_review(training)
    if review is None or not review.meets_every_criterion():
        return deny("La dernière revue qualité de cette formation ne satisfait pas tous les critères.")
    return ALLOW


@transaction.atomic
def award(training, user, valid_until: date | None = None) -> Label:
    """Award (or renew) the label of ``training``, valid three years unless ``valid_until`` says otherwise."""
    training = Training.objects.select_for_update().get(pk=training.pk)
    require(user, "editorial.award_label", training)
    today = timezone.localdate()
    label, _ = Label.objects.update_or_create(
        training=training,
        defaults={
            "review": latest_review(training),
            "awarded_by": user,
            "awarded_on": today,
            "valid_until": valid_until or today + LABEL_VALIDITY,
            "reminder_sent_at": None,
        },
    )
    return label


def _reminder_recipients(label) -> list[str]:
    training = label.training
    people = User.objects.filter(designed_trainings=training) | User.objects.filter(
        memberships__role=Role.MENTOR_TEAM, memberships__organisation_id__in=training.owner.ancestor_ids
    )
    return sorted(set(people.values_list("email", flat=True)))


@transaction.atomic
def process_labels(today: date | None = None) -> tuple[int, int]:
    """Send one re-evaluation reminder per label expiring within 60 days, and remove expired labels.
    Return (reminders sent, labels removed). Safe to run as often as wanted."""
    today = today or timezone.localdate()
    expired = Label.objects.filter(valid_until__lt=today)
    removed = expired.count()
    expired.delete()
    due = Label.objects.select_for_update(of=("self",)).filter(
        valid_until__lte=today + timedelta(days=REMINDER_DAYS), reminder_sent_at__isnull=True
    )
    reminded = 0
    for label in due.select_related("training__owner"):
        notifications.label_expiring(label, _reminder_recipients(label))
        label.reminder_sent_at = timezone.now()
        label.save(update_fields=["reminder_sent_at"])
        reminded += 1
    return reminded, removed
