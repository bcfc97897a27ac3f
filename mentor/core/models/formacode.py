from django.db import models


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
