from django.db import models


class Generation(models.Model):
    """The current token of a named set of data (``core.generations``): anything cached from that data is keyed by
    it, so a change makes every older entry unreachable instead of stale."""

    name = models.CharField("nom", max_length=50, primary_key=True)
    token = models.CharField("jeton", max_length=32)

    class Meta:
        verbose_name = "génération"
        verbose_name_plural = "générations"

    def __str__(self):
        return f"{self.name} {self.token}"
