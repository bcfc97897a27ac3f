"""Named permissions of the editorial strategy (see mentor/core/permissions.py). Transitions have their own
guard in transitions.py; these cover the other actions."""

from django.utils.text import capfirst

from mentor.accounts.enums import Role
from mentor.accounts.roles import (
    holds_role,
    is_dgafp_admin,
    organisations_where,
    reviewed_collection_ids,
    roles_of,
)
from mentor.core.permissions import ALLOW, Decision, deny, permission
from mentor.offer.enums import TrainingStatus as S
from mentor.organisations.agreements import has_active_agreement
from mentor.organisations.models import Organisation

from . import access
from .enums import EDITABLE_STATES


@permission("editorial.create_training")
def create_decision(user, obj=None):
    if not user.is_authenticated:
        return deny("Connectez-vous pour proposer une formation.")
    organisations = list(organisations_where(user, Role.DESIGNER))
    if not organisations:
        return deny("Seuls les concepteurs d'une organisation partenaire peuvent proposer une formation.")
    if not any(has_active_agreement(o) for o in organisations):
        return deny(
            "Votre organisation n'a pas de convention de partenariat active avec le programme Mentor."
        )
    return ALLOW


def contributing_organisations(user):
    """The organisations on whose behalf ``user`` may create a training."""
    return [o for o in organisations_where(user, Role.DESIGNER).order_by("name") if has_active_agreement(o)]


@permission("editorial.edit_training")
def edit_decision(user, training):
    """Whether ``user`` may change the content of ``training`` now (a published one through a revision)."""
    if not access.is_designer_of(user, training):
        return deny("Seuls les concepteurs de la formation peuvent la modifier.")
    if training.status == S.ARCHIVED:
        return deny("Une formation archivée ne peut plus être modifiée.")
    if training.status in EDITABLE_STATES:
        return ALLOW
    if training.status == S.PUBLISHED:
        revision = access.open_revision(training)
        if revision is None or revision.status in EDITABLE_STATES:
            return ALLOW
        return deny("Sa révision est en cours de relecture : attendez la décision pour la modifier.")
    if training.status == S.REJECTED:
        return deny("Une formation refusée ne peut plus être modifiée.")
    return deny(
        f"La formation est « {S(training.status).label} » : elle ne peut pas être modifiée maintenant."
    )


@permission("editorial.view_history")
def history_decision(user, training):
    """The editorial history is shown to the owner organisation's people and to the reviewers."""
    if access.trainings_followed_by(user).filter(pk=training.pk).exists():
        return ALLOW
    return deny("L'historique éditorial est réservé à l'organisation productrice et aux relecteurs.")


@permission("editorial.award_label")
def award_label_decision(user, training):
    from .labels import label_eligibility

    if not (is_dgafp_admin(user) or training.collection_id in reviewed_collection_ids(user)):
        return deny("Le label est décerné par la DGAFP ou par le chef de file de la collection.")
    return label_eligibility(training)


@permission("editorial.adopt_training")
def adopt_decision(user, training):
    if training.status != S.PUBLISHED:
        return deny("Seule une formation publiée peut être adoptée.")
    if not adopting_organisations(user, training):
        return deny(
            "L'adoption est réservée à l'équipe Mentor ou à l'administrateur d'une autre organisation partenaire "
            "sous convention active."
        )
    return ALLOW


def adopting_organisations(user, training):
    """Organisations ``user`` may make adopt ``training``: where they hold the Mentor team or entity admin
    role, partners under an active agreement, other than the owner and not adopters already."""
    if not user.is_authenticated:
        return []
    roles = roles_of(user)
    ids = {h.organisation_id for role in (Role.MENTOR_TEAM, Role.ENTITY_ADMIN) for h in roles.of(role)}
    if not ids:
        return []
    roots = Organisation.objects.filter(pk__in=ids)
    adopted = set(training.adoptions.values_list("organisation_id", flat=True))
    return sorted(
        (o for o in roots if o.pk != training.owner_id and o.pk not in adopted and has_active_agreement(o)),
        key=lambda o: o.name,
    )


@permission("editorial.watch_collection")
def watch_decision(user, collection):
    if not user.is_authenticated:
        return deny("Connectez-vous pour suivre une collection.")
    return ALLOW


@permission("editorial.synchronise_trainings")
def synchronise_decision(user, organisation) -> Decision:
    """Designers and the Mentor team of an organisation under an active agreement synchronise its trainings."""
    if not user.is_authenticated:
        return deny("Connectez-vous pour synchroniser des formations.")
    if not (
        holds_role(user, Role.DESIGNER, organisation)
        or holds_role(user, Role.MENTOR_TEAM, organisation)
        or is_dgafp_admin(user)
    ):
        return deny(
            f"Seuls les concepteurs et l'équipe Mentor {organisation.of_name} peuvent synchroniser ses formations."
        )
    if not has_active_agreement(organisation):
        return deny(
            f"{capfirst(organisation.with_article)} n'a pas de convention de partenariat active : "
            "elle ne peut pas proposer de formation."
        )
    return ALLOW
