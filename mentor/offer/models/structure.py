from django.db import models
from django.urls import reverse

from mentor.core.tree import check_not_own_ancestor

COLLECTION_CYCLE_MESSAGE = "Une collection ne peut pas être sa propre ancêtre."


class Collection(models.Model):
    """One of the 14 domains of the offer, or a sub-collection (Ressources humaines has three)."""

    name = models.CharField("nom", max_length=200, unique=True)
    slug = models.SlugField("identifiant d'URL", max_length=200, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name="collection parente",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    lead = models.ForeignKey(
        "organisations.Organisation",
        verbose_name="chef de file",
        on_delete=models.PROTECT,
        related_name="led_collections",
    )
    position = models.PositiveSmallIntegerField("ordre", default=0)
    colour = models.CharField(
        "couleur",
        max_length=40,
        default="blue-france",
        help_text="Couleur d'illustration du système de design de l'État, par exemple green-emeraude.",
    )
    description = models.TextField("description courte", blank=True)
    review_target_days = models.PositiveSmallIntegerField(
        "délai cible de revue (jours)",
        default=30,
        help_text="Au-delà, une revue en attente est signalée en retard.",
    )

    class Meta:
        verbose_name = "collection"
        verbose_name_plural = "collections"
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        check_not_own_ancestor(self, self.parent, COLLECTION_CYCLE_MESSAGE)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("www:collection", kwargs={"slug": self.slug})

    def clean(self):
        check_not_own_ancestor(self, self.parent, COLLECTION_CYCLE_MESSAGE)


class StrategicOrientation(models.Model):
    collection = models.ForeignKey(
        Collection, verbose_name="collection", on_delete=models.CASCADE, related_name="orientations"
    )
    title = models.CharField("intitulé", max_length=255)
    slug = models.SlugField("identifiant d'URL", max_length=255)
    description = models.TextField("description", blank=True)
    position = models.PositiveSmallIntegerField("ordre", default=0)
    is_starting_content = models.BooleanField(
        "contenu de départ à relire",
        default=False,
        help_text="Proposé au chargement initial ; à revoir par les administrateurs.",
    )

    class Meta:
        verbose_name = "orientation stratégique"
        verbose_name_plural = "orientations stratégiques"
        ordering = ["collection", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["collection", "slug"], name="orientation_unique_slug")]

    def __str__(self):
        return self.title


class ThematicOffer(models.Model):
    orientation = models.ForeignKey(
        StrategicOrientation,
        verbose_name="orientation stratégique",
        on_delete=models.CASCADE,
        related_name="thematic_offers",
    )
    title = models.CharField("intitulé", max_length=255)
    slug = models.SlugField("identifiant d'URL", max_length=255)
    description = models.TextField("description", blank=True)
    position = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "offre thématisée"
        verbose_name_plural = "offres thématisées"
        ordering = ["orientation", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["orientation", "slug"], name="thematic_offer_unique_slug")
        ]

    def __str__(self):
        return self.title


class Objective(models.Model):
    """A targeted objective of a thematic offer. Trainings say which objectives they cover."""

    thematic_offer = models.ForeignKey(
        ThematicOffer, verbose_name="offre thématisée", on_delete=models.CASCADE, related_name="objectives"
    )
    text = models.CharField("objectif", max_length=500)
    position = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "objectif ciblé"
        verbose_name_plural = "objectifs ciblés"
        ordering = ["thematic_offer", "position", "id"]

    def __str__(self):
        return self.text
