from django.conf import settings
from django.db import models
from django.db.models import Q

from mentor.editorial.enums import CriterionResult, Rating, ReviewDecision, Stage


class QualityReview(models.Model):
    """A reviewer's assessment of a training (or of a revision) against the grid in force that day. The grid
    is copied into ``ratings`` so that later edits to criteria and indicators never rewrite it."""

    training = models.ForeignKey(
        "offer.Training", verbose_name="formation", on_delete=models.CASCADE, related_name="quality_reviews"
    )
    revision = models.ForeignKey(
        "editorial.TrainingRevision",
        verbose_name="révision",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="quality_reviews",
    )
    stage = models.CharField("étape", max_length=20, choices=Stage.choices)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="relecteur",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("le", auto_now_add=True)
    decision = models.CharField("décision", max_length=30, choices=ReviewDecision.choices)
    comment = models.TextField("avis général", blank=True)

    class Meta:
        verbose_name = "revue qualité"
        verbose_name_plural = "revues qualité"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Revue de « {self.training} » du {self.created_at:%d/%m/%Y}"

    def criterion_results(self) -> list[dict]:
        """Per criterion of the stored grid: its result and its rated indicators, in grid order."""
        groups: dict[str, dict] = {}
        for rating in self.ratings.all():
            group = groups.setdefault(rating.criterion_code, {"name": rating.criterion_name, "ratings": []})
            group["ratings"].append(rating)
        for group in groups.values():
            group["result"] = criterion_result([r.rating for r in group["ratings"]])
            group["result_label"] = CriterionResult(group["result"]).label
        return list(groups.values())

    def meets_every_criterion(self) -> bool:
        results = self.criterion_results()
        return bool(results) and all(
            g["result"] in (CriterionResult.MET, CriterionResult.NOT_APPLICABLE) for g in results
        )


def criterion_result(ratings: list[str]) -> str:
    """A criterion is not met when one indicator is not met, partly met when one is partly met, without object
    when none applies, met otherwise."""
    rated = [r for r in ratings if r != Rating.NOT_APPLICABLE]
    if not rated:
        return CriterionResult.NOT_APPLICABLE
    if Rating.NOT_MET in rated:
        return CriterionResult.NOT_MET
    if Rating.PARTLY_MET in rated:
        return CriterionResult.PARTLY_MET
    return CriterionResult.MET


class QualityRating(models.Model):
    """One rated indicator, with a copy of the criterion and indicator as they stood (snapshot, not a link)."""

    review = models.ForeignKey(
        QualityReview, verbose_name="revue", on_delete=models.CASCADE, related_name="ratings"
    )
    position = models.PositiveSmallIntegerField("ordre")
    criterion_code = models.CharField("code du critère", max_length=60)
    criterion_name = models.CharField("critère", max_length=255)
    statement = models.CharField("indicateur", max_length=500)
    guidance = models.TextField("consignes", blank=True)
    is_blocking = models.BooleanField("bloquant")
    rating = models.CharField("appréciation", max_length=20, choices=Rating.choices)
    comment = models.TextField("commentaire", blank=True)

    class Meta:
        verbose_name = "appréciation d'indicateur"
        verbose_name_plural = "appréciations d'indicateurs"
        ordering = ["review", "position"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(rating=Rating.NOT_MET) | ~Q(comment=""),
                name="rating_not_met_has_comment",
            ),
        ]

    def __str__(self):
        return f"{self.statement} : {self.get_rating_display()}"
