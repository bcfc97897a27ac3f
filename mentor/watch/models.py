from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
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


def _score(name):
    return models.PositiveSmallIntegerField(
        name, validators=[MinValueValidator(1), MaxValueValidator(5)], help_text="De 1 à 5."
    )


class SatisfactionAnswer(models.Model):
    """One participant's answer to the satisfaction questionnaire of a session that ended. Results are shown
    without names and only from ``satisfaction.MIN_ANSWERS`` answers on; a deleted account's answers stay, cut
    from the account."""

    session = models.ForeignKey("offer.Session", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    expectations = _score("a répondu à mes attentes")
    usefulness = _score("utile pour mon travail")
    content = _score("qualité du contenu")
    delivery = _score("qualité de la plateforme ou du formateur")
    recommend = _score("je la recommanderais")
    comment = models.TextField("commentaire", blank=True, max_length=2_000)
    answered_at = models.DateTimeField("répondu le", auto_now_add=True)

    class Meta:
        verbose_name = "réponse au questionnaire de satisfaction"
        verbose_name_plural = "réponses aux questionnaires de satisfaction"
        ordering = ["session", "answered_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"], name="satisfaction_one_answer_per_participant"
            ),
            *(
                models.CheckConstraint(
                    condition=models.Q(**{f"{name}__gte": 1, f"{name}__lte": 5}),
                    name=f"satisfaction_{name}_1_to_5",
                )
                for name in ("expectations", "usefulness", "content", "delivery", "recommend")
            ),
        ]

    def __str__(self):
        return f"Réponse {self.pk} à la session {self.session_id}"
