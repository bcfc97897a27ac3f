from django.db import models


class TimeStampedModel(models.Model):
    """Creation and last-change times, which every list and audit needs."""

    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        abstract = True


class FormacodeTerm(models.Model):
    """A descriptor of the FORMACODE thesaurus of training domains (classification, LHEO, search synonyms)."""

    code = models.CharField("code", max_length=5, primary_key=True)
    label = models.CharField("libellé", max_length=255)
    kind = models.CharField("type", max_length=10, blank=True)
    semantic_field = models.CharField("champ sémantique", max_length=255, blank=True)
    synonyms = models.TextField("termes équivalents", blank=True, help_text="Un terme par ligne.")
    definition = models.TextField("définition", blank=True)

    class Meta:
        verbose_name = "descripteur FORMACODE"
        verbose_name_plural = "descripteurs FORMACODE"
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.label}"


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
