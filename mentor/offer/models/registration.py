from django.conf import settings
from django.db import models
from django.db.models import Q

from mentor.core.models import TimeStampedModel
from mentor.offer.enums import ACTIVE_REGISTRATION_STATUSES, RegistrationStatus

from .session import Session


class Registration(TimeStampedModel):
    """An agent's place in a session, or their request, or their rank on the waiting list."""

    session = models.ForeignKey(
        Session, verbose_name="session", on_delete=models.CASCADE, related_name="registrations"
    )
    # Empty once the agent deleted their account: the registration stays, anonymised, for the session's figures.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="agent",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )
    status = models.CharField("statut", max_length=20, choices=RegistrationStatus.choices)
    decided_at = models.DateTimeField("décidée le", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    comment = models.TextField("commentaire", blank=True)

    class Meta:
        verbose_name = "inscription"
        verbose_name_plural = "inscriptions"
        ordering = ["session", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"],
                condition=Q(status__in=ACTIVE_REGISTRATION_STATUSES) & Q(user__isnull=False),
                name="registration_one_active_per_agent",
            ),
        ]

    def __str__(self):
        return f"{self.user or 'agent anonymisé'} — {self.session} ({self.get_status_display()})"
