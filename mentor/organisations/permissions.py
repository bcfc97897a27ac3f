"""Permissions that depend on an organisation alone. Those that depend on roles live in accounts.permissions."""

from mentor.core.permissions import ALLOW, deny, permission

from .agreements import has_active_agreement


@permission("organisations.contribute")
def contribute(user, organisation):
    """Submitting trainings for ``organisation`` needs an agreement in force, its own or an ancestor's."""
    if organisation is None:
        return deny("Aucune organisation n'est indiquée.")
    if not has_active_agreement(organisation):
        return deny(
            f"{organisation.name} n'a pas de convention de partenariat active avec la DGAFP : "
            "elle ne peut pas encore proposer de formations."
        )
    return ALLOW
