from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from mentor.core.models import TimeStampedModel

from .enums import RequestStatus, Role


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("L'adresse électronique est obligatoire.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """An account. The attachment entity decides which ministry-specific trainings the user sees."""

    email = models.EmailField("adresse électronique", unique=True)
    first_name = models.CharField("prénom", max_length=150, blank=True)
    last_name = models.CharField("nom", max_length=150, blank=True)
    entity = models.ForeignKey(
        "organisations.Organisation",
        verbose_name="entité de rattachement",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="attached_users",
    )
    is_active = models.BooleanField("actif", default=True)
    # Empty until the user opens the signed link sent at sign-up (or comes through single sign-on or an invitation).
    email_confirmed_at = models.DateTimeField("adresse confirmée le", null=True, blank=True)
    is_staff = models.BooleanField("accès à l'administration", default=False)
    date_joined = models.DateTimeField("inscrit le", default=timezone.now)
    # A deleted account keeps its row, emptied of everything personal, so that the record of who decided what
    # (workflow logs, reviews, history) stays: the administration must keep it (services.delete_account).
    deleted_at = models.DateTimeField("compte supprimé le", null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    class Meta:
        verbose_name = "utilisateur"
        verbose_name_plural = "utilisateurs"
        ordering = ["last_name", "first_name", "email"]

    def __str__(self):
        return self.get_full_name() or self.email

    def get_full_name(self):
        if self.deleted_at:
            return f"compte supprimé n° {self.pk}"
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self):
        return self.first_name or self.email


REVIEWER_WITHOUT_COLLECTION = (
    "Un relecteur de collection relit une collection : choisissez-la (une collection dont l'organisation est "
    "cheffe de file), sans quoi ce rôle ne donnerait rien à relire."
)


class Membership(TimeStampedModel):
    """A role held by a user in an organisation (and, for reviewers, on one collection)."""

    user = models.ForeignKey(
        User, verbose_name="utilisateur", on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name="organisation",
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField("rôle", max_length=30, choices=Role.choices)
    collection = models.ForeignKey(
        "offer.Collection",
        verbose_name="collection relue",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reviewer_memberships",
    )

    class Meta:
        verbose_name = "rôle"
        verbose_name_plural = "rôles"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"],
                condition=models.Q(collection__isnull=True),
                name="membership_unique_role",
            ),
            models.UniqueConstraint(
                fields=["user", "organisation", "role", "collection"],
                condition=models.Q(collection__isnull=False),
                name="membership_unique_collection_role",
            ),
            models.CheckConstraint(
                condition=models.Q(role=Role.COLLECTION_REVIEWER, collection__isnull=False)
                | (~models.Q(role=Role.COLLECTION_REVIEWER) & models.Q(collection__isnull=True)),
                name="membership_collection_only_for_reviewers",
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} — {self.organisation.code}"

    def clean(self):
        # The check constraint says the same to the database; this says it to a person, with the reason.
        if self.role == Role.COLLECTION_REVIEWER and not self.collection_id:
            raise ValidationError({"collection": REVIEWER_WITHOUT_COLLECTION})
        if self.role != Role.COLLECTION_REVIEWER and self.collection_id:
            raise ValidationError({"collection": "Seul un relecteur de collection a une collection relue."})
        if (
            self.role == Role.COLLECTION_REVIEWER
            and self.collection_id
            and self.organisation_id
            and self.collection.lead_id != self.organisation_id
        ):
            raise ValidationError(
                {
                    "collection": "Un relecteur de collection appartient à l'organisation cheffe de file de la collection."
                }
            )


class Decidable(TimeStampedModel):
    """A request someone decides once: accepted or refused, by whom and when."""

    status = models.CharField(
        "statut", max_length=20, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    decided_by = models.ForeignKey(
        User, verbose_name="décidée par", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField("décidée le", null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_pending(self) -> bool:
        return self.status == RequestStatus.PENDING

    def decide(self, by: User, accept: bool) -> None:
        """Record the decision. Callers lock the row first so that two reviewers cannot both decide."""
        if not self.is_pending:
            raise ValidationError("Cette demande a déjà été traitée.")
        self.status = RequestStatus.ACCEPTED if accept else RequestStatus.REFUSED
        self.decided_by = by
        self.decided_at = timezone.now()
        self.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])


DECIDED_CONSISTENTLY = Q(status=RequestStatus.PENDING, decided_at__isnull=True) | (
    ~Q(status=RequestStatus.PENDING) & Q(decided_at__isnull=False)
)


class AccountRequest(Decidable):
    """Sign-up from an address no organisation's domain vouches for: a Mentor team member or an administrator
    decides whether the account opens."""

    user = models.OneToOneField(
        User, verbose_name="compte", on_delete=models.CASCADE, related_name="account_request"
    )
    entity = models.ForeignKey(
        "organisations.Organisation",
        verbose_name="entité demandée",
        on_delete=models.PROTECT,
        related_name="account_requests",
    )

    class Meta:
        verbose_name = "demande de compte"
        verbose_name_plural = "demandes de compte"
        ordering = ["created_at"]
        constraints = [models.CheckConstraint(condition=DECIDED_CONSISTENTLY, name="account_request_decided")]

    def __str__(self):
        return f"Demande de compte de {self.user.email} ({self.get_status_display()})"


class EntityChangeRequest(Decidable):
    """A user's request to change their attachment entity, decided by the new entity's Mentor team because the
    entity decides which trainings the user sees."""

    user = models.ForeignKey(
        User, verbose_name="compte", on_delete=models.CASCADE, related_name="entity_change_requests"
    )
    from_entity = models.ForeignKey(
        "organisations.Organisation",
        verbose_name="entité actuelle",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    to_entity = models.ForeignKey(
        "organisations.Organisation",
        verbose_name="entité demandée",
        on_delete=models.PROTECT,
        related_name="entity_change_requests",
    )

    class Meta:
        verbose_name = "demande de changement d'entité"
        verbose_name_plural = "demandes de changement d'entité"
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(condition=DECIDED_CONSISTENTLY, name="entity_change_decided"),
            models.UniqueConstraint(
                fields=["user"], condition=Q(status=RequestStatus.PENDING), name="entity_change_one_pending"
            ),
        ]

    def __str__(self):
        return f"{self.user.email} → {self.to_entity.code} ({self.get_status_display()})"


class Invitation(TimeStampedModel):
    """An entity administrator's invitation to join their organisation, sent as a signed link."""

    email = models.EmailField("adresse invitée")
    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name="organisation",
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    role = models.CharField("rôle proposé", max_length=30, choices=Role.choices, blank=True)
    invited_by = models.ForeignKey(
        User, verbose_name="invitée par", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_at = models.DateTimeField("acceptée le", null=True, blank=True)

    class Meta:
        verbose_name = "invitation"
        verbose_name_plural = "invitations"
        ordering = ["-created_at"]

    def __str__(self):
        return f"Invitation de {self.email} dans {self.organisation.code}"


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """A named API token of a user (several per user), limited to reading or not, revocable. Only a hash of the
    key is kept: the key is shown once, when the token is created."""

    user = models.ForeignKey(
        User, verbose_name="utilisateur", on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField("nom", max_length=100)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField("début de la clé", max_length=8, editable=False)
    read_only = models.BooleanField("lecture seule", default=False)
    created_at = models.DateTimeField("créé le", default=timezone.now)
    last_used_at = models.DateTimeField("dernière utilisation", null=True, blank=True)
    revoked_at = models.DateTimeField("révoqué le", null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = "jeton d'API"
        verbose_name_plural = "jetons d'API"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"
