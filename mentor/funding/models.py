"""Calls for projects, the proposals answering them, their evaluations, the committee's decisions and the
follow-up of funded projects. Amounts are exact decimals in euros, never floats."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from mentor.core.models import TimeStampedModel
from mentor.core.richtext import sanitise
from mentor.core.uploads import RandomName
from mentor.core.workflow import TransitionLogEntry
from mentor.offer.enums import Modality, Scope
from mentor.organisations.enums import OrganisationKind

from .enums import PUBLIC_CALL_STATUSES, CallStatus, MilestoneKind, ProposalStatus, Verdict

MONEY = {"max_digits": 12, "decimal_places": 2}
POSITIVE = [MinValueValidator(Decimal("0"))]


class CallQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status__in=PUBLIC_CALL_STATUSES)


class Call(TimeStampedModel):
    title = models.CharField("intitulé", max_length=255)
    year = models.PositiveSmallIntegerField(
        "année", validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    description = models.TextField(
        "description", blank=True, help_text="Texte enrichi, nettoyé à l'enregistrement."
    )
    opens_at = models.DateTimeField("ouverture des candidatures")
    closes_at = models.DateTimeField("clôture des candidatures")
    envelope = models.DecimalField("enveloppe totale (€)", **MONEY, validators=POSITIVE)
    max_rate = models.DecimalField(
        "taux maximal de cofinancement (%)",
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    max_amount = models.DecimalField("montant maximal par projet (€)", **MONEY, validators=POSITIVE)
    eligible_kinds = models.JSONField(
        "types d'organisations admis",
        default=list,
        blank=True,
        help_text="Vide : tous les types. Valeurs : " + ", ".join(OrganisationKind.values),
    )
    requires_agreement = models.BooleanField("convention de partenariat active exigée", default=True)
    scale_max = models.PositiveSmallIntegerField(
        "note maximale de la grille", default=4, validators=[MinValueValidator(1), MaxValueValidator(20)]
    )
    status = models.CharField("état", max_length=20, choices=CallStatus.choices, default=CallStatus.DRAFT)
    results_published_at = models.DateTimeField("résultats publiés le", null=True, blank=True)

    objects = CallQuerySet.as_manager()

    class Meta:
        verbose_name = "appel à projets"
        verbose_name_plural = "appels à projets"
        ordering = ["-year", "-opens_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="call_closes_after_opening"
            ),
            models.CheckConstraint(
                condition=Q(envelope__gte=0) & Q(max_amount__gte=0), name="call_amounts_positive"
            ),
            models.CheckConstraint(
                condition=Q(max_rate__gte=0) & Q(max_rate__lte=100), name="call_rate_percent"
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.description = sanitise(self.description)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("www:funding:call", args=[self.pk])

    def kind_labels(self) -> list[str]:
        return [OrganisationKind(k).label for k in self.eligible_kinds if k in OrganisationKind.values]


class CallLog(TransitionLogEntry):
    call = models.ForeignKey(Call, verbose_name="appel", on_delete=models.CASCADE, related_name="logs")

    class Meta(TransitionLogEntry.Meta):
        verbose_name = "changement d'état d'appel"
        verbose_name_plural = "changements d'état d'appel"
        ordering = ["call", "at", "id"]


class Theme(models.Model):
    call = models.ForeignKey(Call, verbose_name="appel", on_delete=models.CASCADE, related_name="themes")
    name = models.CharField("thème prioritaire", max_length=200)
    position = models.PositiveSmallIntegerField("ordre", default=0)
    collections = models.ManyToManyField("offer.Collection", verbose_name="collections", blank=True)
    thematic_offers = models.ManyToManyField(
        "offer.ThematicOffer", verbose_name="offres thématisées", blank=True
    )

    class Meta:
        verbose_name = "thème prioritaire"
        verbose_name_plural = "thèmes prioritaires"
        ordering = ["call", "position", "pk"]

    def __str__(self):
        return self.name


class RequiredDocument(models.Model):
    call = models.ForeignKey(Call, verbose_name="appel", on_delete=models.CASCADE, related_name="documents")
    name = models.CharField("pièce à joindre", max_length=200)
    required = models.BooleanField("obligatoire", default=True)
    position = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "pièce à joindre"
        verbose_name_plural = "pièces à joindre"
        ordering = ["call", "position", "pk"]

    def __str__(self):
        return self.name


class Criterion(models.Model):
    """A criterion of the call's evaluation grid; evaluations copy it when they start (``Score``)."""

    call = models.ForeignKey(Call, verbose_name="appel", on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField("critère", max_length=200)
    guidance = models.TextField("consignes", blank=True)
    weight = models.PositiveSmallIntegerField("poids", default=1, validators=[MinValueValidator(1)])
    position = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "critère d'évaluation"
        verbose_name_plural = "critères d'évaluation"
        ordering = ["call", "position", "pk"]

    def __str__(self):
        return self.name


class Proposal(TimeStampedModel):
    call = models.ForeignKey(Call, verbose_name="appel", on_delete=models.PROTECT, related_name="proposals")
    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name="organisation", on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="créée par", on_delete=models.PROTECT, related_name="+"
    )
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name="co-rédacteurs", related_name="funding_proposals", blank=True
    )
    title = models.CharField("intitulé du projet", max_length=255)
    summary = models.TextField("le projet", blank=True)
    objectives = models.TextField("objectifs", blank=True)
    themes = models.ManyToManyField(Theme, verbose_name="thèmes", blank=True)
    audience = models.TextField("public visé", blank=True)
    audience_size = models.PositiveIntegerField("nombre d'agents visés", null=True, blank=True)
    team = models.TextField("équipe projet", blank=True)
    total_cost = models.DecimalField("coût total (€)", **MONEY, null=True, blank=True, validators=POSITIVE)
    own_funding = models.DecimalField(
        "financement propre (€)", **MONEY, null=True, blank=True, validators=POSITIVE
    )
    other_funding = models.DecimalField(
        "autres financements (€)", **MONEY, null=True, blank=True, validators=POSITIVE
    )
    requested = models.DecimalField(
        "cofinancement demandé (€)", **MONEY, null=True, blank=True, validators=POSITIVE
    )
    status = models.CharField(
        "état", max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.DRAFT
    )
    submitted_at = models.DateTimeField("déposée le", null=True, blank=True)
    # The committee's decision (one per proposal; changing it gives a grant back to the envelope).
    verdict = models.CharField("décision", max_length=20, choices=Verdict.choices, blank=True)
    granted = models.DecimalField("montant accordé (€)", **MONEY, null=True, blank=True, validators=POSITIVE)
    reasons = models.TextField("motifs", blank=True)
    decided_at = models.DateTimeField("décidée le", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="décidée par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    trainings = models.ManyToManyField(
        "offer.Training", verbose_name="formations produites", through="FundedTraining", blank=True
    )

    class Meta:
        verbose_name = "proposition"
        verbose_name_plural = "propositions"
        ordering = ["call", "title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(verdict="selected", granted__isnull=False, granted__gte=0)
                | (~Q(verdict="selected") & Q(granted__isnull=True)),
                name="proposal_grant_only_when_selected",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("www:funding:proposal", args=[self.pk])

    @property
    def cap(self) -> Decimal | None:
        """The most the committee may grant: what was asked, within the call's rate and per-project maximum."""
        if self.requested is None:
            return None
        limits = [self.requested, self.call.max_amount]
        if self.total_cost is not None:
            limits.append((self.total_cost * self.call.max_rate / 100).quantize(Decimal("0.01")))
        return min(limits)


class ProposalLog(TransitionLogEntry):
    proposal = models.ForeignKey(
        Proposal, verbose_name="proposition", on_delete=models.CASCADE, related_name="logs"
    )

    class Meta(TransitionLogEntry.Meta):
        verbose_name = "changement d'état de proposition"
        verbose_name_plural = "changements d'état de proposition"
        ordering = ["proposal", "at", "id"]


class PlannedTraining(models.Model):
    proposal = models.ForeignKey(
        Proposal, verbose_name="proposition", on_delete=models.CASCADE, related_name="planned_trainings"
    )
    title = models.CharField("intitulé", max_length=255)
    modality = models.CharField("modalité", max_length=20, choices=Modality.choices)
    duration_hours = models.DecimalField(
        "durée (heures)", max_digits=6, decimal_places=1, validators=[MinValueValidator(Decimal("0.5"))]
    )
    collection = models.ForeignKey("offer.Collection", verbose_name="collection", on_delete=models.PROTECT)
    scope = models.CharField("portée", max_length=20, choices=Scope.choices)

    class Meta:
        verbose_name = "formation prévue"
        verbose_name_plural = "formations prévues"
        ordering = ["proposal", "pk"]

    def __str__(self):
        return self.title


class ScheduleStep(models.Model):
    """A milestone of the schedule the applicant plans."""

    proposal = models.ForeignKey(
        Proposal, verbose_name="proposition", on_delete=models.CASCADE, related_name="schedule"
    )
    label = models.CharField("étape", max_length=200)
    planned_on = models.DateField("date prévue")

    class Meta:
        verbose_name = "étape du calendrier"
        verbose_name_plural = "étapes du calendrier"
        ordering = ["proposal", "planned_on", "pk"]

    def __str__(self):
        return f"{self.label} ({self.planned_on:%d/%m/%Y})"


class Attachment(TimeStampedModel):
    proposal = models.ForeignKey(
        Proposal, verbose_name="proposition", on_delete=models.CASCADE, related_name="attachments"
    )
    document = models.ForeignKey(
        RequiredDocument, verbose_name="pièce", on_delete=models.PROTECT, related_name="+"
    )
    file = models.FileField("fichier", upload_to=RandomName("funding"))
    original_name = models.CharField("nom du fichier", max_length=255)
    size = models.PositiveIntegerField("taille (octets)")

    class Meta:
        verbose_name = "pièce jointe"
        verbose_name_plural = "pièces jointes"
        ordering = ["proposal", "document__position", "document_id"]
        constraints = [models.UniqueConstraint(fields=["proposal", "document"], name="one_file_per_document")]


class Evaluation(TimeStampedModel):
    """An evaluator assigned to a proposal; the grid is copied into ``scores`` when they start."""

    proposal = models.ForeignKey(
        Proposal, verbose_name="proposition", on_delete=models.CASCADE, related_name="evaluations"
    )
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="évaluateur", on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField("commencée le", null=True, blank=True)
    completed_at = models.DateTimeField("terminée le", null=True, blank=True)
    comment = models.TextField("appréciation générale", blank=True)
    score = models.DecimalField(
        "note pondérée (sur 100)", max_digits=5, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = "évaluation"
        verbose_name_plural = "évaluations"
        ordering = ["proposal", "pk"]
        constraints = [models.UniqueConstraint(fields=["proposal", "evaluator"], name="one_evaluation_each")]


class Score(models.Model):
    """One criterion scored, with a copy of the criterion as it stood when the evaluation started."""

    evaluation = models.ForeignKey(
        Evaluation, verbose_name="évaluation", on_delete=models.CASCADE, related_name="scores"
    )
    position = models.PositiveSmallIntegerField("ordre")
    criterion_name = models.CharField("critère", max_length=200)
    guidance = models.TextField("consignes", blank=True)
    weight = models.PositiveSmallIntegerField("poids")
    scale_max = models.PositiveSmallIntegerField("note maximale")
    value = models.PositiveSmallIntegerField("note", null=True, blank=True)
    comment = models.TextField("commentaire", blank=True)

    class Meta:
        verbose_name = "note"
        verbose_name_plural = "notes"
        ordering = ["evaluation", "position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__lte=models.F("scale_max")),
                name="score_within_scale",
            )
        ]

    def __str__(self):
        return f"{self.criterion_name} : {self.value}/{self.scale_max}"


class Milestone(models.Model):
    """A follow-up milestone of a funded project."""

    proposal = models.ForeignKey(
        Proposal, verbose_name="projet", on_delete=models.CASCADE, related_name="milestones"
    )
    kind = models.CharField("jalon", max_length=30, choices=MilestoneKind.choices)
    reached_on = models.DateField("atteint le", null=True, blank=True)

    class Meta:
        verbose_name = "jalon"
        verbose_name_plural = "jalons"
        ordering = ["proposal", "pk"]
        constraints = [models.UniqueConstraint(fields=["proposal", "kind"], name="one_milestone_each")]

    def __str__(self):
        return self.get_kind_display()


class Payment(models.Model):
    proposal = models.ForeignKey(
        Proposal, verbose_name="projet", on_delete=models.CASCADE, related_name="payments"
    )
    amount = models.DecimalField("montant (€)", **MONEY, validators=[MinValueValidator(Decimal("0.01"))])
    paid_on = models.DateField("versé le")
    label = models.CharField("libellé", max_length=200, blank=True)

    class Meta:
        verbose_name = "versement"
        verbose_name_plural = "versements"
        ordering = ["proposal", "paid_on", "pk"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="payment_positive")]

    def __str__(self):
        return f"{self.amount} € le {self.paid_on:%d/%m/%Y}"


class FundedTraining(models.Model):
    proposal = models.ForeignKey(Proposal, verbose_name="projet", on_delete=models.CASCADE, related_name="+")
    training = models.ForeignKey(
        "offer.Training", verbose_name="formation", on_delete=models.CASCADE, related_name="funding_links"
    )

    class Meta:
        verbose_name = "formation financée"
        verbose_name_plural = "formations financées"
        ordering = ["proposal", "training"]
        constraints = [models.UniqueConstraint(fields=["proposal", "training"], name="one_link_each")]

    def __str__(self):
        return f"{self.proposal_id} → {self.training_id}"
