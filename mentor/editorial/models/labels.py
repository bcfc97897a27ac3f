from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

LABEL_VALIDITY = timedelta(days=3 * 365)


class LabelQuerySet(models.QuerySet):
    def valid(self, on=None):
        """The labels still valid ``on`` that day (today by default): ``Label.is_valid`` for many."""
        return self.filter(valid_until__gte=on or timezone.localdate())


class Label(models.Model):
    """The Mentor label, awarded after a review that meets every criterion. It expires."""

    training = models.OneToOneField(
        "offer.Training", verbose_name="formation", on_delete=models.CASCADE, related_name="mentor_label"
    )
    review = models.ForeignKey(
        "editorial.QualityReview",
        verbose_name="revue qualité",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    awarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="décerné par",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    awarded_on = models.DateField("décerné le", default=timezone.localdate)
    valid_until = models.DateField("valable jusqu'au")
    reminder_sent_at = models.DateTimeField("rappel de réévaluation envoyé le", null=True, blank=True)

    objects = LabelQuerySet.as_manager()

    class Meta:
        verbose_name = "label Mentor"
        verbose_name_plural = "labels Mentor"
        ordering = ["valid_until"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gt=F("awarded_on")), name="label_valid_after_award"
            )
        ]

    def __str__(self):
        return f"Label de « {self.training} » jusqu'au {self.valid_until:%d/%m/%Y}"

    def is_valid(self, on=None) -> bool:
        return self.valid_until >= (on or timezone.localdate())


class CollectionWatch(models.Model):
    """A user who wants an e-mail when a training is published in a collection."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="utilisateur", on_delete=models.CASCADE, related_name="+"
    )
    collection = models.ForeignKey(
        "offer.Collection", verbose_name="collection", on_delete=models.CASCADE, related_name="watches"
    )
    created_at = models.DateTimeField("depuis le", auto_now_add=True)

    class Meta:
        verbose_name = "suivi de collection"
        verbose_name_plural = "suivis de collection"
        constraints = [models.UniqueConstraint(fields=["user", "collection"], name="collection_watch_unique")]

    def __str__(self):
        return f"{self.user} suit {self.collection}"
