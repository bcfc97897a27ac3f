"""THE transition table of the editorial workflow and what its guard checks beyond the source state.

A training's own editorial file and a revision of a published training move through the same table, fired by
the workflow kernel (``core/workflow.py``) in ``workflow.py``. The guard answers with a Decision whose reason, in
French, tells the user why a transition is refused."""

from dataclasses import dataclass

from django.utils.text import capfirst

from mentor.accounts.roles import is_dgafp_admin, reviewed_collection_ids
from mentor.core.permissions import ALLOW, Decision, deny
from mentor.core.workflow import Transition as BaseTransition
from mentor.offer.enums import TrainingStatus as S
from mentor.organisations.agreements import has_active_agreement

from . import access
from .enums import Rating, ReviewDecision
from .models import EditorialFile, Label, QualityReview
from .readiness import missing_items_of

# Who may fire a transition.
DESIGNER = "designer"  # a designer of the training, in an organisation under an active agreement
STAGE_REVIEWER = "stage_reviewer"  # a reviewer of the stage the training waits at
OWNER = "owner"  # a designer or a Mentor team member of the owner organisation
OWNER_TEAM_OR_ADMIN = "owner_team_or_admin"
LABEL_FOLLOWER = "label_follower"  # a designer, the owner's Mentor team, the collection's lead or the DGAFP


@dataclass(frozen=True)
class Transition(BaseTransition):
    actor: str = DESIGNER
    revisions: bool = True  # whether a revision of a published training goes through it too


TRANSITIONS = {
    t.name: t
    for t in [
        Transition(
            "submit",
            "Soumettre à la relecture",
            frozenset({S.DRAFT, S.CHANGES_REQUESTED}),
            S.SUBMITTED,
            actor=DESIGNER,
        ),
        Transition(
            "request_reevaluation",
            "Demander la réévaluation du label",
            frozenset({S.DRAFT}),
            S.SUBMITTED,
            actor=LABEL_FOLLOWER,
        ),
        Transition(
            "start_review",
            "Commencer la relecture",
            frozenset({S.SUBMITTED}),
            S.IN_REVIEW,
            actor=STAGE_REVIEWER,
        ),
        Transition(
            "request_changes",
            "Demander des modifications",
            frozenset({S.IN_REVIEW}),
            S.CHANGES_REQUESTED,
            actor=STAGE_REVIEWER,
            comment_required=True,
        ),
        Transition(
            "forward",
            "Approuver et transmettre au chef de file",
            frozenset({S.IN_REVIEW}),
            S.SUBMITTED,
            actor=STAGE_REVIEWER,
        ),
        Transition("approve", "Approuver", frozenset({S.IN_REVIEW}), S.APPROVED, actor=STAGE_REVIEWER),
        Transition(
            "reject",
            "Refuser",
            frozenset({S.IN_REVIEW}),
            S.REJECTED,
            actor=STAGE_REVIEWER,
            comment_required=True,
        ),
        Transition("publish", "Publier", frozenset({S.APPROVED}), S.PUBLISHED, actor=OWNER, revisions=False),
        Transition(
            "archive",
            "Archiver",
            frozenset({S.PUBLISHED}),
            S.ARCHIVED,
            actor=OWNER_TEAM_OR_ADMIN,
            revisions=False,
        ),
    ]
}

# The decisions a quality review may record, in the order the review form offers them.
REVIEW_DECISIONS = list(ReviewDecision.values)


def allows(transition: Transition, cycle, user) -> Decision:
    """What the editorial workflow checks beyond the source state: the actor, then the content."""
    if not isinstance(cycle, EditorialFile) and not transition.revisions:
        return deny("Cette action ne s'applique pas à une révision.")
    # A re-evaluation is submitted as it is, by those who follow the label (its designers resubmit it after a
    # request for changes, as any revision).
    if transition.name == "request_reevaluation" and not getattr(cycle, "reevaluation", False):
        return deny("La réévaluation du label se demande depuis la fiche de la formation labellisée.")
    decision = _actor_decision(transition, cycle, user)
    if not decision:
        return decision
    if transition.name == "submit" and (missing := missing_items_of(cycle)):
        return deny("La formation ne peut pas être soumise : " + " ".join(missing))
    if transition.name in ("forward", "approve"):
        return _approval_decision(transition.name, cycle)
    return ALLOW


def _actor_decision(transition, cycle, user) -> Decision:
    training = cycle.training
    if not user.is_authenticated:
        return deny("Connectez-vous pour agir sur une formation.")
    if transition.actor == DESIGNER:
        if not access.is_designer_of(user, training):
            return deny("Seuls les concepteurs de la formation peuvent la soumettre.")
        if not has_active_agreement(training.owner):
            return deny(
                f"{capfirst(training.owner.with_article)} n'a pas de convention de partenariat active : "
                "elle ne peut pas soumettre de formation."
            )
        return ALLOW
    if transition.actor == LABEL_FOLLOWER:
        if not Label.objects.filter(training=training).exists():
            return deny("Cette formation n'a pas de label à réévaluer.")
        if (
            access.is_designer_of(user, training)
            or access.is_owner_team(user, training)
            or is_dgafp_admin(user)
            or training.collection_id in reviewed_collection_ids(user)
        ):
            return ALLOW
        return deny(
            "La réévaluation est demandée par les concepteurs, l'équipe Mentor de l'organisation productrice, "
            "le chef de file de la collection ou la DGAFP."
        )
    if transition.actor == STAGE_REVIEWER:
        if not access.is_stage_reviewer(user, training, cycle.stage):
            return deny("Vous n'êtes pas relecteur de cette formation à cette étape.")
        if training.designers.filter(pk=user.pk).exists():
            return deny(
                "Vous êtes concepteur de cette formation : un autre membre de l'équipe doit la relire."
            )
        if transition.name != "start_review" and cycle.reviewer_id not in (None, user.pk):
            return deny(
                f"La relecture a été prise en charge par {cycle.reviewer} : c'est à lui ou elle de décider."
            )
        return ALLOW
    if transition.actor == OWNER:
        if access.is_designer_of(user, training) or access.is_owner_team(user, training):
            return ALLOW
        return deny("Seuls les concepteurs et l'équipe Mentor de l'organisation productrice peuvent publier.")
    if access.is_owner_team(user, training) or is_dgafp_admin(user):
        return ALLOW
    return deny("Seuls l'équipe Mentor de l'organisation productrice et la DGAFP peuvent archiver.")


def _approval_decision(name: str, cycle) -> Decision:
    training = cycle.training
    last = access.is_last_stage(training, cycle.stage)
    if name == "forward" and last:
        return deny("Cette formation n'a pas d'autre étape de relecture : approuvez-la ou refusez-la.")
    if name == "approve" and not last:
        return deny(
            "Cette formation interministérielle doit encore être relue par le chef de file de sa collection : "
            "transmettez-la."
        )
    review = current_review(cycle)
    if review is None:
        return deny("Remplissez la grille de revue qualité avant d'approuver.")
    if review.ratings.filter(is_blocking=True, rating=Rating.NOT_MET).exists():
        return deny("Un indicateur bloquant n'est pas satisfait : la formation ne peut pas être approuvée.")
    return ALLOW


def current_review(cycle):
    """The quality review recorded during the review in progress of ``cycle``, if any."""
    if cycle.review_started_at is None:
        return None
    reviews = QualityReview.objects.filter(
        training_id=cycle.training_id, stage=cycle.stage, created_at__gte=cycle.review_started_at
    )
    if isinstance(cycle, EditorialFile):
        reviews = reviews.filter(revision__isnull=True)
    else:
        reviews = reviews.filter(revision=cycle)
    return reviews.order_by("-created_at", "-id").first()
