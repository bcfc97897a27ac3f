from django.conf import settings
from django.db import models
from django.db.models import Exists, F, OuterRef, Q

from mentor.accounts.enums import Role
from mentor.accounts.roles import is_dgafp_admin, organisations_where
from mentor.core.fields import URLField
from mentor.core.models import TimeStampedModel
from mentor.core.workflow import TransitionLogEntry
from mentor.offer.enums import OpenTo, RegistrationMode, SessionStatus

from .training import Training


class SessionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Sessions of trainings ``user`` may see (the one rule) that are also open to them."""
        # Correlated: for the few sessions of one training (its page, the API), the database probes that training
        # by its key, where an uncorrelated IN would first list every training the user may see.
        visible = Training.objects.visible_to(user).filter(pk=OuterRef("training_id"))
        return self.filter(Exists(visible)).open_to(user)

    def managed_by(self, user):
        """THE rule of what session managers see past ``visible_to``: the sessions they manage — named on the
        session, session manager of its organiser or of an organisation above it, designer of its training when the
        training's owner organises it, or DGAFP administrator — with
        their registrations, whatever their training's visibility. Of the training they learn nothing but its
        title, which names an untitled session: ``training_visible`` (annotated, the one rule of
        ``Training.objects.visible_to``) says whether its page may be linked. The catalogue, the training's page
        and the API stay 404 for them. Looking a session up here makes someone else's session a 404."""
        if not user.is_authenticated:
            return self.none()
        managed = self
        if not is_dgafp_admin(user):
            organisers = organisations_where(user, Role.SESSION_MANAGER).values("pk")
            # Exists rather than a join on managers, so that counts annotated on the result are not multiplied.
            named = Session.managers.through.objects.filter(session=OuterRef("pk"), user=user)
            designs = Training.designers.through.objects.filter(
                training_id=OuterRef("training_id"), user=user
            )
            managed = self.filter(
                Exists(named)
                | Q(organiser__in=organisers)
                | (Exists(designs) & Q(organiser=F("training__owner")))
            )
        visible = Training.objects.visible_to(user).filter(pk=OuterRef("training_id"))
        return managed.annotate(training_visible=Exists(visible))

    def open_to(self, user):
        """Sessions open to ``user``, whatever their training's visibility: only for callers that already start
        from ``Training.objects.visible_to(user)`` (the catalogue's facets), otherwise use ``visible_to``."""
        open_to_all = Q(open_to=OpenTo.ALL)
        if not user.is_authenticated or not user.entity_id:
            return self.filter(open_to_all)
        # One condition rather than three querysets joined with "|", which costs more to build than to run.
        owner, listed = _reserved_conditions(user)
        return self.filter(open_to_all | owner | listed)

    def reserved_to(self, user) -> tuple[models.QuerySet, models.QuerySet]:
        """The sessions opened to some organisations only, among which ``user``'s entity or one above it: those
        of the organiser's agents, and those opened to a list. Two querysets, so that a caller can look each up
        by its own index (a ``status`` partial index and the organiser, or the list)."""
        owner, listed = _reserved_conditions(user)
        return self.filter(owner), self.filter(listed)


def _reserved_conditions(user) -> tuple[Q, Q]:
    """The conditions of ``SessionQuerySet.reserved_to``."""
    own_line = user.entity.ancestor_ids  # the entity and every organisation above it
    # Uncorrelated: the database lists the sessions opened to the user's line once and hashes them, where a
    # correlated EXISTS would be probed for every session.
    listed = Session.open_to_organisations.through.objects.filter(organisation_id__in=own_line).values(
        "session_id"
    )
    return (
        Q(open_to=OpenTo.OWNER, organiser_id__in=own_line),
        Q(open_to=OpenTo.LIST, pk__in=listed),
    )


class Session(TimeStampedModel):
    """One run of a training, organised by its owner or by an organisation that adopted it."""

    training = models.ForeignKey(
        Training, verbose_name="formation", on_delete=models.CASCADE, related_name="sessions"
    )
    organiser = models.ForeignKey(
        "organisations.Organisation",
        verbose_name="organisation organisatrice",
        on_delete=models.PROTECT,
        related_name="organised_sessions",
    )
    title = models.CharField("intitulé de la session", max_length=255, blank=True)
    is_permanent = models.BooleanField("session permanente", default=False)
    starts_at = models.DateTimeField("début", null=True, blank=True)
    ends_at = models.DateTimeField("fin", null=True, blank=True)
    capacity = models.PositiveIntegerField(
        "nombre de places", null=True, blank=True, help_text="Vide : illimité."
    )
    place = models.CharField("lieu", max_length=255, blank=True)
    online_url = URLField("lien de connexion", max_length=500, blank=True)
    registration_mode = models.CharField(
        "modalité d'inscription",
        max_length=20,
        choices=RegistrationMode.choices,
        default=RegistrationMode.FREE,
    )
    status = models.CharField(
        "statut", max_length=20, choices=SessionStatus.choices, default=SessionStatus.IN_PREPARATION
    )
    open_to = models.CharField("ouverte à", max_length=10, choices=OpenTo.choices, default=OpenTo.ALL)
    open_to_organisations = models.ManyToManyField(
        "organisations.Organisation", verbose_name="organisations destinataires", blank=True, related_name="+"
    )
    # The organiser's own identifier, for synchronisation (API upserts, LHEO imports): unique per organiser.
    external_id = models.CharField(
        "identifiant externe",
        max_length=100,
        blank=True,
        default="",
        help_text="Identifiant de la session dans le système de l'organisation organisatrice.",
    )
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name="gestionnaires", blank=True, related_name="managed_sessions"
    )

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = "session"
        verbose_name_plural = "sessions"
        ordering = ["training", "starts_at", "id"]
        indexes = [
            # With the capacity: the offer watch's counts of sessions and seats read the index alone.
            models.Index(
                fields=["training", "status", "starts_at", "capacity"],
                include=["id"],
                name="session_training_status_idx",
            ),
            # The catalogue's "open registration" facet looks up the open sessions reserved to the user's
            # organisations by their organiser (``reserved_to``); those open to all read as a flag of the training.
            models.Index(
                fields=["organiser"],
                include=["training"],
                condition=Q(status=SessionStatus.REGISTRATION_OPEN, open_to=OpenTo.OWNER),
                name="session_open_owner_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organiser", "external_id"],
                condition=~Q(external_id=""),
                name="session_external_id_unique",
            ),
            models.CheckConstraint(
                condition=Q(is_permanent=True) | Q(starts_at__isnull=False, ends_at__isnull=False),
                name="session_dated_unless_permanent",
            ),
            models.CheckConstraint(
                condition=Q(starts_at__isnull=True)
                | Q(ends_at__isnull=True)
                | Q(ends_at__gte=models.F("starts_at")),
                name="session_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.title or f"{self.training} — session {self.pk}"


class SessionTransitionLog(TransitionLogEntry):
    """One row per session transition (``actor`` empty for the scheduled job)."""

    session = models.ForeignKey(
        Session, verbose_name="session", on_delete=models.CASCADE, related_name="transition_logs"
    )
    from_status = models.CharField("statut de départ", max_length=20, choices=SessionStatus.choices)
    to_status = models.CharField("statut d'arrivée", max_length=20, choices=SessionStatus.choices)

    class Meta(TransitionLogEntry.Meta):
        verbose_name = "changement de statut de session"
        verbose_name_plural = "changements de statut de session"
        ordering = ["session", "at", "id"]

    def __str__(self):
        return f"{self.session} : {self.get_from_status_display()} → {self.get_to_status_display()}"
