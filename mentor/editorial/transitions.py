"""THE transition table of the editorial workflow and its guard.

A training's own editorial file and a revision of a published training move through the same table. The guard
answers with a Decision whose reason, in French, tells the user why a transition is refused."""

from dataclasses import dataclass

from mentor.accounts.roles import is_dgafp_admin
from mentor.core.permissions import ALLOW, Decision, deny
from mentor.offer.enums import TrainingStatus as S
from mentor.organisations.agreements import has_active_agreement

from . import access
from .enums import Rating, ReviewDecision
from .models import EditorialFile, QualityReview
from .readiness import missing_items_of

# Who may fire a transition.
DESIGNER = "designer"  # a designer of the training, in an organisation under an active agreement
STAGE_REVIEWER = "stage_reviewer"  # a reviewer of the stage the training waits at
OWNER = "owner"  # a designer or a Mentor team member of the owner organisation
OWNER_TEAM_OR_ADMIN = "owner_team_or_admin"


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: tuple[str, ...]
    target: str
    actor: str
    comment_required: bool = False
    revisions: bool = True  # whether a revision of a published training goes through it too


TRANSITIONS = {
    t.name: t
    for t in [
        Transition(
            "submit", "Soumettre à la relecture", (S.DRAFT, S.CHANGES_REQUESTED), S.SUBMITTED, DESIGNER
        ),
        Transition("start_review", "Commencer la relecture", (S.SUBMITTED,), S.IN_REVIEW, STAGE_REVIEWER),
        Transition(
            "request_changes",
            "Demander des modifications",
            (S.IN_REVIEW,),
            S.CHANGES_REQUESTED,
            STAGE_REVIEWER,
            comment_required=True,
        ),
        Transition(
            "forward", "Approuver et transmettre au chef de file", (S.IN_REVIEW,), S.SUBMITTED, STAGE_REVIEWER
        ),
        Transition("approve", "Approuver", (S.IN_REVIEW,), S.APPROVED, STAGE_REVIEWER),
        Transition("reject", "Refuser", (S.IN_REVIEW,), S.REJECTED, STAGE_REVIEWER, comment_required=True),
        Transition("publish", "Publier", (S.APPROVED,), S.PUBLISHED, OWNER, revisions=False),
        Transition("archive", "Archiver", (S.PUBLISHED,), S.ARCHIVED, OWNER_TEAM_OR_ADMIN, revisions=False),
    ]
}

# The decisions a quality review may record, in the order the review form offers them.
REVIEW_DECISIONS = list(ReviewDecision.values)


def guard(name: str, cycle, user, comment: str = "") -> Decision:
    """Whether ``user`` may fire transition ``name`` on ``cycle`` (an EditorialFile or a TrainingRevision)."""
    transition = TRANSITIONS.get(name)
    if transition is None:
        return deny("Cette action n'existe pas.")
    is_revision = not isinstance(cycle, EditorialFile)
    if is_revision and not transition.revisions:
        return deny("Cette action ne s'applique pas à une révision.")
    if cycle.status not in transition.sources:
        return deny(
            f"« {transition.label} » est impossible : "
            f"{'la révision' if is_revision else 'la formation'} est à l'état « {S(cycle.status).label} »."
        )
    decision = _actor_decision(transition, cycle, user)
    if not decision:
        return decision
    if transition.comment_required and not comment.strip():
        return deny(
            "Un commentaire est obligatoire pour cette décision : il explique au concepteur pourquoi."
        )
    if name == "submit" and (missing := missing_items_of(cycle)):
        return deny("La formation ne peut pas être soumise : " + " ".join(missing))
    if name in ("forward", "approve"):
        return _approval_decision(name, cycle)
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
                f"{training.owner.name} n'a pas de convention de partenariat active : "
                "elle ne peut pas soumettre de formation."
            )
        return ALLOW
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


def available(cycle, user) -> list[Transition]:
    """The transitions ``user`` may fire now on ``cycle`` (decisions of the review form excluded)."""
    return [t for name, t in TRANSITIONS.items() if name not in REVIEW_DECISIONS and guard(name, cycle, user)]
