from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction

from mentor.core.fields import URLField
from mentor.core.models import TimeStampedModel
from mentor.core.tree import build_path, check_not_own_ancestor, ids_in_path
from mentor.core.uploads import RandomName

from .enums import NOT_ATTACHABLE_KINDS, AgreementStatus, OrganisationKind
from .names import Article, forms, guessed
from .signals import subtree_moved
from .validators import validate_agreement_document, validate_siret

CYCLE_MESSAGE = (
    "Une organisation ne peut pas être rattachée à elle-même ni à l'une de ses sous-organisations."
)


class OrganisationQuerySet(models.QuerySet):
    def subtree_of(self, organisation):
        """The organisation and everything below it."""
        return self.filter(path__startswith=organisation.path)

    def ministries(self):
        return self.filter(kind=OrganisationKind.MINISTRY)

    def attachable(self):
        """Organisations a user may choose as their attachment entity."""
        return self.exclude(kind__in=NOT_ATTACHABLE_KINDS)

    def search(self, text: str):
        """By code or by any word of the name, for the entity pickers that work without JavaScript."""
        condition = models.Q()
        for word in text.split():
            condition &= models.Q(name__icontains=word) | models.Q(code__icontains=word)
        return self.filter(condition)


class Organisation(TimeStampedModel):
    """Any entity of the tree: ministry, directorate, service, establishment, provider, school.

    ``ministry`` and ``path`` are kept by ``save()`` so that the visibility rule reads an agent's ministry from one
    column and a subtree with one ``LIKE``, never by walking the tree in Python.
    """

    kind = models.CharField("type", max_length=40, choices=OrganisationKind.choices)
    code = models.CharField(
        "code",
        max_length=30,
        unique=True,
        validators=[
            RegexValidator(r"^[A-Z0-9][A-Z0-9_-]*$", "Le code s'écrit en majuscules, chiffres, - ou _.")
        ],
        help_text="Sigle court, par exemple DGAFP.",
    )
    name = models.CharField("nom", max_length=255)
    article = models.CharField(
        "article",
        max_length=3,
        choices=Article.choices,
        blank=True,
        help_text="Vide : deviné d'après le premier mot du nom (« Ministère » : le, « Direction » : la…).",
    )
    name_in_sentence = models.CharField(
        "nom dans une phrase",
        max_length=255,
        blank=True,
        help_text="Le nom tel qu'il s'écrit après l'article, par exemple « ministère de l'Intérieur ». "
        "Vide : deviné d'après le nom.",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="organisation parente",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # The nearest ancestor-or-self of kind ministry, or the root of the tree when there is none (an
    # interministerial directorate or a provider then stands for its own "ministry").
    ministry = models.ForeignKey(
        "self",
        verbose_name="ministère de rattachement",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    path = models.CharField(max_length=255, editable=False, default="", db_index=True)
    website = URLField("site internet", blank=True)
    # What the training world's exchange format (LHEO) asks of a training provider.
    siret = models.CharField(
        "SIRET", max_length=14, blank=True, validators=[validate_siret], help_text="14 chiffres, sans espace."
    )
    activity_number = models.CharField(
        "numéro de déclaration d'activité",
        max_length=11,
        blank=True,
        validators=[RegexValidator(r"^[0-9]{11}$", "Le numéro de déclaration d'activité a 11 chiffres.")],
        help_text="Numéro d'organisme de formation (11 chiffres), s'il y en a un.",
    )
    street = models.CharField("adresse", max_length=255, blank=True)
    postal_code = models.CharField(
        "code postal",
        max_length=5,
        blank=True,
        validators=[RegexValidator(r"^[0-9]{5}$", "Le code postal a 5 chiffres.")],
    )
    city = models.CharField("commune", max_length=100, blank=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = "organisation"
        verbose_name_plural = "organisations"
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.code})"

    def _forms(self) -> tuple[str, str, str]:
        article, sentence = guessed(self.name)
        return forms(self.article or article, self.name_in_sentence or sentence)

    @property
    def with_article(self) -> str:
        """« le ministère de l'Intérieur » (``|capfirst`` at the start of a sentence)."""
        return self._forms()[0]

    @property
    def of_name(self) -> str:
        """« du ministère de l'Intérieur », « de la DGFiP », « de l'Institut national du service public »."""
        return self._forms()[1]

    @property
    def to_name(self) -> str:
        """« au ministère de l'Intérieur », « à la préfecture de la Gironde »."""
        return self._forms()[2]

    @property
    def depth(self) -> int:
        return len(ids_in_path(self.path)) - 1

    @property
    def is_attachable(self) -> bool:
        return self.kind not in NOT_ATTACHABLE_KINDS

    @property
    def ancestor_ids(self) -> list[int]:
        """Ids from the root down to this organisation, itself included."""
        return ids_in_path(self.path)

    def clean(self):
        check_not_own_ancestor(self, self.parent, CYCLE_MESSAGE)

    def save(self, *args, **kwargs):
        check_not_own_ancestor(self, self.parent, CYCLE_MESSAGE)
        with transaction.atomic():
            stored = (
                Organisation.objects.filter(pk=self.pk).values("path", "kind").first() if self.pk else None
            )
            if stored is None:
                super().save(*args, **kwargs)
            self.path = build_path(self.parent.path if self.parent else None, self.pk)
            self.ministry_id = (
                self.pk
                if self.kind == OrganisationKind.MINISTRY or not self.parent
                else self.parent.ministry_id
            )
            kwargs.pop("force_insert", None)
            super().save(*args, **kwargs)
            # A move, or a change to or from "ministry", changes the path or ministry of the whole subtree.
            if stored and (stored["path"] != self.path or stored["kind"] != self.kind):
                self._refresh_descendants(stored["path"])
                subtree_moved.send(sender=Organisation, organisation=self)

    def _refresh_descendants(self, old_path):
        descendants = sorted(
            Organisation.objects.filter(path__startswith=old_path).exclude(pk=self.pk),
            key=lambda o: o.path.count("/"),
        )
        by_id = {self.pk: self}
        for node in descendants:
            parent = by_id[node.parent_id]
            node.path = build_path(parent.path, node.pk)
            node.ministry_id = node.pk if node.kind == OrganisationKind.MINISTRY else parent.ministry_id
            by_id[node.pk] = node
        Organisation.objects.bulk_update(descendants, ["path", "ministry"])


class EmailDomain(models.Model):
    """An e-mail domain owned by an organisation: sign-up suggests it as the attachment entity."""

    domain = models.CharField(
        "domaine",
        max_length=255,
        unique=True,
        validators=[
            RegexValidator(r"^[a-z0-9.-]+\.[a-z]{2,}$", "Saisissez un domaine comme finances.gouv.fr.")
        ],
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name="organisation", on_delete=models.CASCADE, related_name="email_domains"
    )

    class Meta:
        verbose_name = "domaine de messagerie"
        verbose_name_plural = "domaines de messagerie"
        ordering = ["domain"]

    def __str__(self):
        return self.domain

    def save(self, *args, **kwargs):
        self.domain = self.domain.strip().lower()
        super().save(*args, **kwargs)

    @classmethod
    def organisation_for_email(cls, email: str):
        """The organisation owning the address's domain, trying parent domains too (a.b.gouv.fr, b.gouv.fr)."""
        domain = email.rsplit("@", 1)[-1].strip().lower()
        parts = domain.split(".")
        candidates = [".".join(parts[i:]) for i in range(len(parts) - 1)]
        found = {
            d.domain: d.organisation
            for d in cls.objects.filter(domain__in=candidates).select_related("organisation")
        }
        return next((found[c] for c in candidates if c in found), None)


class TeamMembershipQuerySet(models.QuerySet):
    def team_for(self, organisation):
        """The Mentor team shown to people attached to ``organisation``: its own team, or the team of its
        nearest ancestor that has one. Returns ``(team organisation or None, members)``."""
        members = list(
            self.filter(organisation_id__in=organisation.ancestor_ids).select_related("organisation", "user")
        )
        if not members:
            return None, []
        deepest = max(members, key=lambda m: m.organisation.depth).organisation
        return deepest, [m for m in members if m.organisation_id == deepest.pk]


class TeamMembership(TimeStampedModel):
    """One person of an organisation's Mentor team, as the Contact page shows them."""

    organisation = models.ForeignKey(
        Organisation, verbose_name="organisation", on_delete=models.CASCADE, related_name="team"
    )
    # A team member may have no account (a shared mailbox, a colleague who never signs in): the name then says who.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="compte",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="team_memberships",
    )
    name = models.CharField("nom affiché", max_length=200, blank=True)
    role_label = models.CharField("rôle", max_length=200, help_text="Par exemple : Référent formation.")
    email = models.EmailField("adresse électronique publique")
    phone = models.CharField("téléphone", max_length=30, blank=True)
    position = models.PositiveSmallIntegerField("ordre", default=0)

    objects = TeamMembershipQuerySet.as_manager()

    class Meta:
        verbose_name = "membre de l'équipe Mentor"
        verbose_name_plural = "membres des équipes Mentor"
        ordering = ["organisation", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(user__isnull=False) | ~models.Q(name=""), name="team_member_has_a_name"
            ),
        ]

    def __str__(self):
        return f"{self.display_name} — {self.role_label} ({self.organisation.code})"

    @property
    def display_name(self) -> str:
        return self.name or (self.user.get_full_name() if self.user else "") or self.email

    def clean(self):
        if not self.user_id and not self.name:
            raise ValidationError({"name": "Indiquez un nom ou choisissez un compte."})


class PartnershipAgreementQuerySet(models.QuerySet):
    def in_force(self, on: date):
        """Agreements that let their partner contribute on ``on``: active, and ``on`` within their dates."""
        return self.filter(status=AgreementStatus.ACTIVE, starts_on__lte=on, ends_on__gte=on)

    def expiring_within(self, days: int, today: date):
        return self.in_force(today).filter(ends_on__lte=today + timedelta(days=days))


class PartnershipAgreement(TimeStampedModel):
    """The agreement under which an organisation, and the organisations below it, contribute to the offer."""

    partner = models.ForeignKey(
        Organisation, verbose_name="partenaire", on_delete=models.PROTECT, related_name="agreements"
    )
    starts_on = models.DateField("début")
    ends_on = models.DateField("fin")
    status = models.CharField(
        "statut", max_length=20, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    signed_document = models.FileField(
        "convention signée (PDF)",
        upload_to=RandomName("conventions"),
        blank=True,
        validators=[validate_agreement_document],
        help_text="PDF de 5 Mo au plus.",
    )
    # By name: organisations sits below offer in the import graph, the database link is all it needs.
    contributed_collections = models.ManyToManyField(
        "offer.Collection", verbose_name="collections contribuées", blank=True, related_name="agreements"
    )
    offers_ministry_specific_trainings = models.BooleanField("propose des formations métier", default=False)

    objects = PartnershipAgreementQuerySet.as_manager()

    class Meta:
        verbose_name = "convention de partenariat"
        verbose_name_plural = "conventions de partenariat"
        ordering = ["ends_on", "partner__name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="agreement_ends_after_start"
            ),
        ]

    def __str__(self):
        return f"Convention {self.partner.code} ({self.starts_on:%d/%m/%Y} – {self.ends_on:%d/%m/%Y})"

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "La fin de la convention ne peut pas précéder son début."})


class ContactMessage(TimeStampedModel):
    """A message sent from the Contact page to a Mentor team, kept so that none is lost if sending fails."""

    organisation = models.ForeignKey(
        Organisation, verbose_name="équipe destinataire", on_delete=models.CASCADE, related_name="messages"
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="expéditeur",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contact_messages",
    )
    sender_email = models.EmailField("adresse de l'expéditeur", blank=True)
    subject = models.CharField("objet", max_length=200)
    body = models.TextField("message")
    # The message as the task queue sends it: its state is what the worker did (sent, to retry, failed).
    email = models.OneToOneField(
        "core.OutgoingEmail",
        verbose_name="courriel",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contact_message",
    )

    class Meta:
        verbose_name = "message de contact"
        verbose_name_plural = "messages de contact"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.subject} → {self.organisation.code}"
