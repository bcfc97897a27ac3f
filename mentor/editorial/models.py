from django.db import models


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
