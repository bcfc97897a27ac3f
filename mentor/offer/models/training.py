from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import slugify

from mentor.core.fields import URLField
from mentor.core.models import TimeStampedModel
from mentor.offer.enums import Modality, Scope, TrainingStatus
from mentor.offer.validators import validate_thumbnail


def ministry_id_of(user) -> int | None:
    """The ministry that decides which ministry-specific trainings ``user`` sees (None when anonymous or unattached).
    The catalogue also passes the part every agent of a ministry shares (``catalogue.audience.MinistryShare``),
    which names its ministry without an entity."""
    if user is None or not user.is_authenticated:
        return None
    if not user.entity_id:
        return getattr(user, "shared_ministry_id", None)
    return user.entity.ministry_id


EVERYONE = "everyone"


def audience_of_ministry(ministry_id: int) -> str:
    return f"ministry-{ministry_id}"


def audiences_of(user) -> list[str]:
    """Who ``user`` is for ``TrainingQuerySet.audiences``: everyone, and an agent of their ministry."""
    ministry_id = ministry_id_of(user)
    return [EVERYONE] if ministry_id is None else [EVERYONE, audience_of_ministry(ministry_id)]


def in_collections(slugs) -> Q:
    """THE rule of what a collection holds: its own trainings and those of its sub-collections. The catalogue's
    collection facet and the collection page both count with it."""
    return Q(collection__in=collections_in(slugs).values("pk"))


def collections_in(slugs):
    """The collections whose trainings ``in_collections`` holds: those named and their sub-collections."""
    from .structure import Collection

    return Collection.objects.filter(Q(slug__in=slugs) | Q(parent__slug__in=slugs))


class TrainingQuerySet(models.QuerySet):
    def visible_to(self, user):
        """THE visibility rule of the catalogue. Every read path (pages, search, facets, API, exports,
        suggestions) starts from here.

        A published training is visible when it is cross-government, or when it is ministry-specific and the
        user's attachment entity lies in the ministry of its owner or of an organisation that adopted it.
        Anonymous and unattached users see cross-government trainings only.
        """
        published = self.filter(status=TrainingStatus.PUBLISHED)
        ministry_id = ministry_id_of(user)
        if ministry_id is None:
            return published.filter(scope=Scope.TRANSVERSE)
        # An uncorrelated IN lets PostgreSQL compute the (short) list of adopted trainings once and hash it,
        # where a correlated EXISTS inside the OR is re-run for every published row.
        adopted_in_ministry = Adoption.objects.filter(organisation__ministry_id=ministry_id).values(
            "training_id"
        )
        return published.filter(
            Q(scope=Scope.TRANSVERSE) | Q(owner_ministry_id=ministry_id) | Q(pk__in=adopted_in_ministry)
        )

    def audiences(self) -> dict[int, list[str]]:
        """``visible_to`` read from the trainings' side, for an index that holds who may see each training (the
        catalogue's resident index): published trainings only, each with ``EVERYONE`` when cross-government, else
        ``audience_of_ministry`` of its owner's ministry and of the ministries of the organisations that adopted
        it. A user sees a training of the index when it has one of ``audiences_of(user)``."""
        published = self.filter(status=TrainingStatus.PUBLISHED)
        found: dict[int, list[str]] = {}
        for pk, scope, ministry_id in published.values_list("pk", "scope", "owner_ministry_id"):
            if scope == Scope.TRANSVERSE:
                found[pk] = [EVERYONE]
            else:
                found[pk] = [audience_of_ministry(ministry_id)] if ministry_id else []
        adopted = Adoption.objects.filter(training__in=published.exclude(scope=Scope.TRANSVERSE))
        for pk, ministry_id in adopted.values_list("training_id", "organisation__ministry_id"):
            if ministry_id is not None and pk in found:
                found[pk].append(audience_of_ministry(ministry_id))
        return found


class Training(TimeStampedModel):
    """One training product. It links to where it is delivered; playing its content is not Mentor's job."""

    title = models.CharField("intitulé", max_length=255)
    slug = models.SlugField("identifiant d'URL", max_length=255, unique=True)
    teaser = models.CharField("accroche", max_length=300, blank=True)
    description = models.TextField("description", blank=True)
    learning_outcomes = models.TextField(
        "objectifs pédagogiques",
        blank=True,
        help_text="Ce que l'apprenant saura faire à l'issue de la formation.",
    )
    content_outline = models.TextField("contenu et programme", blank=True)
    prerequisites = models.TextField("prérequis", blank=True)
    target_audience = models.TextField("public visé", blank=True)
    modality = models.CharField(
        "modalité", max_length=20, choices=Modality.choices, default=Modality.E_LEARNING
    )
    duration_on_site_hours = models.DecimalField(
        "durée en présentiel (heures)",
        max_digits=6,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    duration_remote_hours = models.DecimalField(
        "durée à distance (heures)",
        max_digits=6,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    language = models.CharField("langue", max_length=8, default="fr")
    keywords = models.CharField(
        "mots-clés", max_length=500, blank=True, help_text="Séparés par des virgules."
    )
    leads_to_certification = models.BooleanField("certifiante", default=False)
    collection = models.ForeignKey(
        "offer.Collection", verbose_name="collection", on_delete=models.PROTECT, related_name="trainings"
    )
    covered_objectives = models.ManyToManyField(
        "offer.Objective", verbose_name="objectifs ciblés couverts", blank=True, related_name="trainings"
    )
    scope = models.CharField("portée", max_length=12, choices=Scope.choices, default=Scope.TRANSVERSE)
    owner = models.ForeignKey(
        "organisations.Organisation",
        verbose_name="organisation productrice",
        on_delete=models.PROTECT,
        related_name="owned_trainings",
    )
    # Copy of owner.ministry, kept by save() and by offer.signals when the tree changes: the visibility rule
    # then filters one indexed column of this table.
    owner_ministry = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+", editable=False, null=True
    )
    designers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name="concepteurs", blank=True, related_name="designed_trainings"
    )
    contact_name = models.CharField("contact du producteur", max_length=200, blank=True)
    contact_email = models.EmailField("courriel du contact", blank=True)
    thumbnail = models.ImageField(
        "vignette", upload_to="trainings/thumbnails/", blank=True, validators=[validate_thumbnail]
    )
    formacode_terms = models.ManyToManyField(
        "core.FormacodeTerm", verbose_name="codes FORMACODE", blank=True, related_name="trainings"
    )
    delivery_url = URLField("lien d'accès à la formation", max_length=500, blank=True)
    # The partner's own identifier, for synchronisation (API upserts, LHEO imports): unique per owner.
    external_id = models.CharField(
        "identifiant externe",
        max_length=100,
        blank=True,
        default="",
        help_text="Identifiant de la formation dans le système de l'organisation productrice.",
    )
    status = models.CharField(
        "statut éditorial", max_length=20, choices=TrainingStatus.choices, default=TrainingStatus.DRAFT
    )
    published_at = models.DateTimeField("publiée le", null=True, blank=True)
    # Kept by offer.sessions.refresh_registration_open_to_all after every save of the training or of a session.
    registration_open_to_all = models.BooleanField(
        "inscriptions ouvertes à tous",
        default=False,
        editable=False,
        help_text="Une session ouverte à tous a ses inscriptions ouvertes.",
    )

    objects = TrainingQuerySet.as_manager()

    class Meta:
        verbose_name = "formation"
        verbose_name_plural = "formations"
        ordering = ["title"]
        indexes = [
            # The visibility rule's columns first; then those by which the offer watch narrows its counts, so that
            # its indicators read this narrow index instead of the wide rows (``watch.indicators``).
            models.Index(
                fields=["status", "scope", "owner_ministry", "collection", "owner", "published_at"],
                include=["id"],
                name="training_status_idx",
            ),
            models.Index(fields=["status", "published_at"], name="training_published_idx"),
            # Every column the catalogue filters and counts on, for published trainings only: the visibility rule
            # and the facet counts read this narrow index (an index-only scan on PostgreSQL) instead of the wide
            # table, whose long texts make a scan of all published rows slow.
            models.Index(
                fields=["scope", "owner_ministry"],
                include=[
                    "id",
                    "collection",
                    "modality",
                    "owner",
                    "duration_on_site_hours",
                    "duration_remote_hours",
                    "published_at",
                    "registration_open_to_all",
                ],
                condition=Q(status=TrainingStatus.PUBLISHED),
                name="training_catalogue_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=TrainingStatus.PUBLISHED) | Q(published_at__isnull=False),
                name="training_published_has_date",
            ),
            models.UniqueConstraint(
                fields=["owner", "external_id"],
                condition=~Q(external_id=""),
                name="training_external_id_unique",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("www:training", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def total_duration_hours(self):
        return self.duration_on_site_hours + self.duration_remote_hours

    @property
    def keyword_list(self) -> list[str]:
        return [k.strip() for k in self.keywords.split(",") if k.strip()]

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._unique_slug()
        self.owner_ministry_id = self.owner.ministry_id
        super().save(*args, **kwargs)

    def _unique_slug(self) -> str:
        base = slugify(self.title)[:200] or "formation"
        slug, n = base, 2
        while Training.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug


class Adoption(TimeStampedModel):
    """Reuse ("mutualisation"): another organisation offers a published training to its agents and runs its own
    sessions. Nothing is copied, so the owner's later fixes reach every adopter."""

    training = models.ForeignKey(
        Training, verbose_name="formation", on_delete=models.CASCADE, related_name="adoptions"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name="organisation adoptante",
        on_delete=models.PROTECT,
        related_name="adoptions",
    )
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="adoptée par",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "adoption"
        verbose_name_plural = "adoptions"
        constraints = [models.UniqueConstraint(fields=["training", "organisation"], name="adoption_unique")]

    def __str__(self):
        return f"{self.training} — {self.organisation.code}"
