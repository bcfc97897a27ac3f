"""The agreement gate: only organisations under an active partnership agreement contribute trainings."""

from datetime import date

from django.utils import timezone

from .models import Organisation, PartnershipAgreement

EXPIRY_WARNING_DAYS = 90


def has_active_agreement(organisation: Organisation, on: date | None = None) -> bool:
    """Whether ``organisation`` may contribute on ``on`` (today by default): an agreement of its own or of one
    of its ancestors is active and ``on`` lies within its dates. A ministry's agreement covers its services."""
    on = on or timezone.localdate()
    return PartnershipAgreement.objects.in_force(on).filter(partner_id__in=organisation.ancestor_ids).exists()


def expiring_agreements(today: date | None = None):
    """Agreements in force that end within the next 90 days, soonest first."""
    today = today or timezone.localdate()
    return (
        PartnershipAgreement.objects.expiring_within(EXPIRY_WARNING_DAYS, today)
        .select_related("partner")
        .order_by("ends_on")
    )


def agreements_covering(organisations):
    """The agreements of ``organisations`` and of their ancestors (a ministry's agreement covers its services),
    whatever their status, from the top of the tree down and the latest first, with their partner and the
    collections they cover."""
    ancestor_ids = sorted({pk for organisation in organisations for pk in organisation.ancestor_ids})
    return (
        PartnershipAgreement.objects.filter(partner_id__in=ancestor_ids)
        .select_related("partner")
        .prefetch_related("contributed_collections")
        .order_by("partner__path", "-starts_on", "pk")
    )
