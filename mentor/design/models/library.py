"""The designers' library: resources (a file with its versions, a link, or a training of the offer) in the
categories of the editorial strategy, and the community page."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from mentor.core.fields import URLField
from mentor.core.models import TimeStampedModel
from mentor.core.uploads import RandomName

from ..enums import Audience, ResourceCategory, ResourceKind


class Resource(TimeStampedModel):
    category = models.CharField("catégorie", max_length=40, choices=ResourceCategory.choices)
    title = models.CharField("titre", max_length=200)
    description = models.CharField("description courte", max_length=500)
    audience = models.CharField("public", max_length=20, choices=Audience.choices, default=Audience.EVERYONE)
    kind = models.CharField("nature", max_length=10, choices=ResourceKind.choices)
    url = URLField("adresse", blank=True, help_text="Pour un lien : l'adresse de la ressource (https).")
    training = models.ForeignKey(
        "offer.Training",
        verbose_name="formation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="design_resources",
    )
    # What changed last (a new version and its note, or the description), for the "what changed recently" list.
    changed_at = models.DateTimeField("dernière modification", db_index=True)
    change_note = models.CharField("dernière modification : note", max_length=300, blank=True)
    version_count = models.PositiveIntegerField("nombre de versions", default=0)
    # Unaccented French stems of the title, the description and the category (core/text.py), searched by words.
    search_text = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = "ressource des concepteurs"
        verbose_name_plural = "ressources des concepteurs"
        ordering = ["category", "title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind=ResourceKind.LINK) | ~models.Q(url=""),
                name="design_resource_link_has_url",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind=ResourceKind.TRAINING) | models.Q(training__isnull=False),
                name="design_resource_training_has_training",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("www:design:resource", args=[self.pk])


class ResourceVersion(models.Model):
    """One uploaded version of a file resource; the previous ones are kept."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField("version")
    file = models.FileField("fichier", upload_to=RandomName("design/resources"))
    original_name = models.CharField("nom du fichier", max_length=200)
    size = models.PositiveBigIntegerField("taille")
    note = models.CharField("ce qui a changé", max_length=300)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="déposée par",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("déposée le", auto_now_add=True)

    class Meta:
        verbose_name = "version d'une ressource"
        verbose_name_plural = "versions des ressources"
        ordering = ["resource", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["resource", "number"], name="design_version_unique_number")
        ]

    def __str__(self):
        return f"{self.resource} — version {self.number}"


class CommunityPage(TimeStampedModel):
    """The page of the interministerial community of Mentor's actors: one row, edited by DGAFP administrators."""

    description = models.TextField("présentation")
    how_to_join = models.TextField("comment la rejoindre")
    next_events = models.TextField("prochains rendez-vous", blank=True)

    class Meta:
        verbose_name = "page de la communauté"
        verbose_name_plural = "page de la communauté"

    def __str__(self):
        return "Communauté interministérielle des acteurs de Mentor"
