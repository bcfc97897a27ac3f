from django.core.validators import RegexValidator
from django.db import models, transaction

from mentor.core.models import TimeStampedModel
from mentor.core.tree import build_path, check_not_own_ancestor, ids_in_path

from .enums import OrganisationKind
from .signals import subtree_moved

CYCLE_MESSAGE = (
    "Une organisation ne peut pas être rattachée à elle-même ni à l'une de ses sous-organisations."
)


class OrganisationQuerySet(models.QuerySet):
    def subtree_of(self, organisation):
        """The organisation and everything below it."""
        return self.filter(path__startswith=organisation.path)

    def ministries(self):
        return self.filter(kind=OrganisationKind.MINISTRY)


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
    website = models.URLField("site internet", blank=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = "organisation"
        verbose_name_plural = "organisations"
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.code})"

    @property
    def depth(self) -> int:
        return len(ids_in_path(self.path)) - 1

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
