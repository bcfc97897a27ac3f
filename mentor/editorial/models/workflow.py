from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from mentor.core.workflow import TransitionLogEntry
from mentor.editorial.enums import AWAITING_REVIEW, OPEN_REVISION_STATES, Stage
from mentor.offer.enums import TrainingStatus

S = TrainingStatus
DECIDED = (S.CHANGES_REQUESTED, S.APPROVED, S.REJECTED)


class ReviewCycle(models.Model):
    """What the state machine moves: the state of some content and the dates that go with it. The database
    refuses a row whose dates contradict its state."""

    status = models.CharField("état", max_length=20, choices=S.choices, default=S.DRAFT)
    stage = models.CharField("étape de relecture", max_length=20, choices=Stage.choices, blank=True)
    submitted_at = models.DateTimeField("soumise le", null=True, blank=True)
    waiting_since = models.DateTimeField("en attente depuis", null=True, blank=True)
    review_started_at = models.DateTimeField("relecture commencée le", null=True, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="relecteur",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField("décision le", null=True, blank=True)

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=S.DRAFT) | Q(submitted_at__isnull=True, decided_at__isnull=True),
                name="%(class)s_draft_never_submitted",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=AWAITING_REVIEW)
                | (Q(submitted_at__isnull=False, waiting_since__isnull=False) & ~Q(stage="")),
                name="%(class)s_awaiting_has_dates_and_stage",
            ),
            models.CheckConstraint(
                condition=~Q(status=S.SUBMITTED) | Q(review_started_at__isnull=True),
                name="%(class)s_submitted_not_started",
            ),
            models.CheckConstraint(
                condition=~Q(status=S.IN_REVIEW) | Q(review_started_at__isnull=False),
                name="%(class)s_in_review_started",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=DECIDED) | Q(decided_at__isnull=False),
                name="%(class)s_decision_dated",
            ),
            models.CheckConstraint(
                condition=Q(review_started_at__isnull=True)
                | Q(submitted_at__isnull=True)
                | Q(review_started_at__gte=F("submitted_at")),
                name="%(class)s_review_after_submission",
            ),
            models.CheckConstraint(
                condition=Q(decided_at__isnull=True)
                | Q(submitted_at__isnull=True)
                | Q(decided_at__gte=F("submitted_at")),
                name="%(class)s_decision_after_submission",
            ),
        ]


class EditorialFile(ReviewCycle):
    """The editorial side of one training. ``status`` mirrors ``Training.status`` (the catalogue's column),
    written by the same transition, so that the database can check this row's dates against the state."""

    training = models.OneToOneField(
        "offer.Training",
        verbose_name="formation",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="editorial_file",
    )
    archived_at = models.DateTimeField("archivée le", null=True, blank=True)

    class Meta(ReviewCycle.Meta):
        verbose_name = "dossier éditorial"
        verbose_name_plural = "dossiers éditoriaux"
        constraints = [
            *ReviewCycle.Meta.constraints,
            models.CheckConstraint(
                condition=~Q(status=S.ARCHIVED) | Q(archived_at__isnull=False),
                name="editorialfile_archived_dated",
            ),
        ]

    def __str__(self):
        return f"Dossier de « {self.training} »"


class TrainingRevision(ReviewCycle):
    """Proposed changes to a published training. The published version stays in the catalogue while the
    revision is reviewed; approval copies ``values`` onto the training in one transaction."""

    training = models.ForeignKey(
        "offer.Training", verbose_name="formation", on_delete=models.CASCADE, related_name="revisions"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="auteur",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    values = models.JSONField("contenu proposé", default=dict)
    # A re-evaluation of the label: the published content, unchanged, goes through a new quality review while the
    # label stays until the decision.
    reevaluation = models.BooleanField("réévaluation du label", default=False)
    created_at = models.DateTimeField("créée le", default=timezone.now)
    applied_at = models.DateTimeField("appliquée le", null=True, blank=True)

    class Meta(ReviewCycle.Meta):
        verbose_name = "révision"
        verbose_name_plural = "révisions"
        ordering = ["-created_at", "-id"]
        constraints = [
            *ReviewCycle.Meta.constraints,
            models.UniqueConstraint(
                fields=["training"],
                condition=Q(status__in=OPEN_REVISION_STATES),
                name="revision_one_open_per_training",
            ),
            models.CheckConstraint(
                condition=~Q(status=S.PUBLISHED) | Q(applied_at__isnull=False),
                name="revision_published_applied",
            ),
        ]

    def __str__(self):
        return f"Révision de « {self.training} » ({self.get_status_display()})"


class TransitionLog(TransitionLogEntry):
    """One row per transition of a training or of one of its revisions."""

    training = models.ForeignKey(
        "offer.Training", verbose_name="formation", on_delete=models.CASCADE, related_name="transition_logs"
    )
    revision = models.ForeignKey(
        TrainingRevision,
        verbose_name="révision",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="logs",
    )
    from_status = models.CharField("état de départ", max_length=20, choices=S.choices)
    to_status = models.CharField("état d'arrivée", max_length=20, choices=S.choices)

    class Meta(TransitionLogEntry.Meta):
        verbose_name = "transition"
        verbose_name_plural = "journal des transitions"
        indexes = [models.Index(fields=["training", "at"], name="transitionlog_training_idx")]

    def __str__(self):
        return f"{self.training} : {self.from_status} → {self.to_status}"
