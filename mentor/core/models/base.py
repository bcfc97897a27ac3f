from django.db import models


class TimeStampedModel(models.Model):
    """Creation and last-change times, which every list and audit needs."""

    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        abstract = True
