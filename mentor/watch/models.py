from django.conf import settings
from django.db import models


class TermCount(models.Model):
    """How many indexed trainings hold a term: its rarity in the offer, which decides its weight in a lookup.
    The term ``*`` is held by every indexed training, so its count is the size of the offer."""

    term = models.CharField("terme", max_length=64, primary_key=True)
    trainings = models.PositiveIntegerField("formations", default=0)

    class Meta:
        verbose_name = "fréquence d'un terme"
        verbose_name_plural = "fréquences des termes"
        ordering = ["term"]

    def __str__(self):
        return f"{self.term} ({self.trainings})"


class TrainingTerm(models.Model):
    """One weighted term of a training (``analysis``): the similarity index, kept in step by ``index``."""

    training = models.ForeignKey("offer.Training", on_delete=models.CASCADE, related_name="+", db_index=False)
    term = models.ForeignKey(
        TermCount, on_delete=models.DO_NOTHING, db_column="term", db_constraint=False, related_name="+"
    )
    weight = models.FloatField("poids")

    class Meta:
        verbose_name = "terme d'une formation"
        verbose_name_plural = "termes des formations"
        ordering = ["training", "term"]
        constraints = [models.UniqueConstraint(fields=["training", "term"], name="training_term_unique")]
        # The postings of a term, read without touching the table (an index-only scan on PostgreSQL).
        indexes = [models.Index(fields=["term", "training", "weight"], name="training_term_postings")]

    def __str__(self):
        return f"{self.training_id} {self.term_id} {self.weight}"


class NotDuplicate(models.Model):
    """Two trainings that someone who watches the offer said are not duplicates: the pair is not proposed again.
    ``first`` is the one with the smaller id."""

    first = models.ForeignKey("offer.Training", on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey("offer.Training", on_delete=models.CASCADE, related_name="+")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="décidé par",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField("décidé le", auto_now_add=True)

    class Meta:
        verbose_name = "paire qui n'est pas un doublon"
        verbose_name_plural = "paires qui ne sont pas des doublons"
        ordering = ["first", "second"]
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="not_duplicate_unique"),
            models.CheckConstraint(
                condition=models.Q(first__lt=models.F("second")), name="not_duplicate_ordered"
            ),
        ]

    def __str__(self):
        return f"{self.first_id} ≠ {self.second_id}"


class LikelyDuplicate(models.Model):
    """Two trainings of different organisations whose similarity reaches ``similarity.LIKELY_DUPLICATE``, found
    by the nightly job (``duplicates.find_likely_duplicates``). ``first`` is the one with the smaller id."""

    first = models.ForeignKey("offer.Training", on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey("offer.Training", on_delete=models.CASCADE, related_name="+")
    score = models.FloatField("similarité")
    shared_terms = models.CharField("termes en commun", max_length=500, blank=True)
    found_at = models.DateTimeField("trouvée le", auto_now_add=True)

    class Meta:
        verbose_name = "doublon probable"
        verbose_name_plural = "doublons probables"
        ordering = ["-score", "first", "second"]
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="likely_duplicate_unique"),
            models.CheckConstraint(
                condition=models.Q(first__lt=models.F("second")), name="likely_duplicate_ordered"
            ),
        ]

    def __str__(self):
        return f"{self.first_id} ~ {self.second_id} ({self.score:.2f})"
