"""The design of an online training as data: the steps (framing, storyboard, production, integration, tests) with
their expected deliverable, checklist and guide, edited by administrators; and, for each training designed in the
designer's space, its own copy of the steps (guidance, checklist, deliverable, done or not) and its packages."""

from django.conf import settings
from django.db import models

from mentor.core.fields import URLField
from mentor.core.models import TimeStampedModel
from mentor.core.uploads import RandomName

from ..enums import DeliverableKind


class DesignStep(models.Model):
    position = models.PositiveIntegerField("ordre")
    slug = models.SlugField("identifiant", unique=True)
    name = models.CharField("nom", max_length=100)
    guidance = models.TextField(
        "ce qu'on y fait", help_text="Copié dans chaque formation, qui peut le compléter."
    )
    deliverable = models.CharField(
        "livrable exigé", max_length=10, choices=DeliverableKind.choices, default=DeliverableKind.NONE
    )
    deliverable_label = models.CharField("livrable attendu", max_length=200, blank=True)
    guide = models.ForeignKey(
        "design.Resource",
        verbose_name="guide de l'étape (bibliothèque)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "étape de conception"
        verbose_name_plural = "étapes de conception"
        ordering = ["position", "pk"]

    def __str__(self):
        return self.name


class ChecklistTemplateItem(models.Model):
    step = models.ForeignKey(DesignStep, on_delete=models.CASCADE, related_name="checklist")
    position = models.PositiveIntegerField("ordre", default=0)
    text = models.CharField("point à vérifier", max_length=300)

    class Meta:
        verbose_name = "point de la liste de contrôle"
        verbose_name_plural = "liste de contrôle"
        ordering = ["step", "position", "pk"]

    def __str__(self):
        return self.text


class TrainingDesign(TimeStampedModel):
    """A training designed in the designer's space: its steps must be done before it is submitted. A training
    marked as a model can be copied into new drafts, which credit it."""

    training = models.OneToOneField("offer.Training", on_delete=models.CASCADE, related_name="design")
    model = models.ForeignKey(
        "offer.Training",
        verbose_name="conçue à partir du modèle",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
    )
    is_model = models.BooleanField("modèle de formation", default=False)
    model_marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="marquée comme modèle par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "conception d'une formation"
        verbose_name_plural = "conceptions des formations"

    def __str__(self):
        return str(self.training)


class TrainingStep(models.Model):
    """One step of one training's design."""

    design = models.ForeignKey(TrainingDesign, on_delete=models.CASCADE, related_name="steps")
    step = models.ForeignKey(DesignStep, on_delete=models.PROTECT, related_name="+")
    guidance = models.TextField("consignes")
    deliverable_file = models.FileField("fichier", upload_to=RandomName("design/deliverables"), blank=True)
    deliverable_name = models.CharField("nom du fichier", max_length=200, blank=True)
    deliverable_url = URLField("lien", blank=True)
    deliverable_note = models.TextField("note", blank=True)
    done_at = models.DateTimeField("terminée le", null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="terminée par",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "étape de conception d'une formation"
        verbose_name_plural = "étapes de conception des formations"
        ordering = ["design", "step__position", "pk"]
        constraints = [models.UniqueConstraint(fields=["design", "step"], name="design_one_row_per_step")]

    def __str__(self):
        return f"{self.design} — {self.step}"


class ChecklistItem(models.Model):
    training_step = models.ForeignKey(TrainingStep, on_delete=models.CASCADE, related_name="checklist")
    position = models.PositiveIntegerField("ordre", default=0)
    text = models.CharField("point à vérifier", max_length=300)
    done = models.BooleanField("fait", default=False)

    class Meta:
        verbose_name = "point vérifié"
        verbose_name_plural = "points vérifiés"
        ordering = ["training_step", "position", "pk"]

    def __str__(self):
        return self.text


class Package(TimeStampedModel):
    """An e-learning package uploaded to a training, with the report of its technical check. A refused (hostile)
    zip is never stored."""

    training = models.ForeignKey("offer.Training", on_delete=models.CASCADE, related_name="packages")
    file = models.FileField("paquet", upload_to=RandomName("design/packages"))
    original_name = models.CharField("nom du fichier", max_length=200)
    size = models.PositiveBigIntegerField("taille")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="déposé par",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    version = models.CharField("version SCORM", max_length=40, blank=True)
    passed = models.BooleanField("conforme")
    report = models.JSONField("rapport")

    class Meta:
        verbose_name = "paquet e-learning"
        verbose_name_plural = "paquets e-learning"
        ordering = ["training", "-created_at", "-pk"]

    def __str__(self):
        return self.original_name
