from django.db import models

from mentor.editorial.content import INDICATOR_FIELD_CHOICES
from mentor.editorial.enums import IndicatorScope


class PublicationCriterion(models.Model):
    """A criterion of the editorial strategy that every contribution to the offer must meet."""

    code = models.SlugField("code", max_length=60, unique=True)
    name = models.CharField("intitulé", max_length=255)
    description = models.TextField("précisions", blank=True)
    position = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "critère de publication"
        verbose_name_plural = "critères de publication"
        ordering = ["position", "id"]

    def __str__(self):
        return self.name


class IndicatorQuerySet(models.QuerySet):
    def applicable_to(self, scope: str):
        """Active indicators that apply to a training of ``scope``, in grid order."""
        return (
            self.filter(is_active=True, scope__in=[IndicatorScope.ALL, scope])
            .select_related("criterion")
            .order_by("criterion__position", "criterion_id", "position", "id")
        )


class Indicator(models.Model):
    """A measured expectation attached to a criterion; reviewers rate each applicable indicator."""

    criterion = models.ForeignKey(
        PublicationCriterion, verbose_name="critère", on_delete=models.CASCADE, related_name="indicators"
    )
    statement = models.CharField("énoncé", max_length=500)
    guidance = models.TextField("consignes pour les relecteurs", blank=True)
    scope = models.CharField(
        "formations concernées", max_length=12, choices=IndicatorScope.choices, default=IndicatorScope.ALL
    )
    is_blocking = models.BooleanField(
        "bloquant", default=False, help_text="Un indicateur bloquant non satisfait empêche l'approbation."
    )
    required_field = models.CharField(
        "champ exigé avant soumission",
        max_length=40,
        blank=True,
        choices=INDICATOR_FIELD_CHOICES,
        help_text="Le concepteur ne peut pas soumettre sa formation tant que ce champ est vide.",
    )
    position = models.PositiveSmallIntegerField("ordre", default=0)
    is_active = models.BooleanField(
        "en vigueur",
        default=True,
        help_text="Un indicateur retiré n'apparaît plus dans les nouvelles revues.",
    )

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = "indicateur"
        verbose_name_plural = "indicateurs"
        ordering = ["criterion__position", "position", "id"]

    def __str__(self):
        return self.statement
