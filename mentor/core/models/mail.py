from django.db import models

from .base import TimeStampedModel


class EmailStatus(models.TextChoices):
    PENDING = "pending", "À envoyer"
    SENT = "sent", "Envoyé"
    FAILED = "failed", "Échec, abandonné après plusieurs essais"


class OutgoingEmail(TimeStampedModel):
    """One message to send, written in the same transaction as the change that causes it. The worker's task
    (``core.mail.tasks.send_email``) moves it to sent, or to failed once its attempts are spent."""

    template = models.CharField("gabarit", max_length=100)
    to = models.JSONField("destinataires", default=list)
    reply_to = models.JSONField("répondre à", default=list, blank=True)
    subject = models.CharField("objet", max_length=255)
    body = models.TextField("texte")
    status = models.CharField("état", max_length=10, choices=EmailStatus.choices, default=EmailStatus.PENDING)
    attempts = models.PositiveSmallIntegerField("essais", default=0)
    last_error = models.TextField("dernière erreur", blank=True)
    sent_at = models.DateTimeField("envoyé le", null=True, blank=True)

    class Meta:
        verbose_name = "courriel sortant"
        verbose_name_plural = "courriels sortants"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "created_at"], name="outgoingemail_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status=EmailStatus.SENT) | models.Q(sent_at__isnull=False),
                name="outgoingemail_sent_dated",
            )
        ]

    def __str__(self):
        return f"{self.subject} → {', '.join(self.to)}"
