"""Who sees and edits trainings outside the catalogue. Drafts and trainings under review are visible only to
their owner organisation's people and to their reviewers; every editorial page fetches through these
querysets, so anyone else gets a 404."""

from django.db.models import Q

from mentor.accounts.enums import Role
from mentor.accounts.models import User
from mentor.accounts.roles import holds_role, is_dgafp_admin, organisations_where, reviewed_collection_ids
from mentor.core.related import related_ids
from mentor.offer.enums import Scope, TrainingStatus
from mentor.offer.models import Training
from mentor.offer.named import known_named_on

from .enums import AWAITING_REVIEW, OPEN_REVISION_STATES, Stage
from .models import EditorialFile, TrainingRevision


def trainings_editable_by(user):
    """Trainings whose content ``user`` works on as a designer: listed among its designers, or designer in
    its owner organisation."""
    if not user.is_authenticated:
        return Training.objects.none()
    designer_orgs = organisations_where(user, Role.DESIGNER).values("pk")
    # Two uncorrelated lists rather than a join on designers (which needs DISTINCT): checking one training then
    # reads that training by its key, where SQLite would otherwise deduplicate the join over every training.
    designed = Training.designers.through.objects.filter(user=user).values("training_id")
    return Training.objects.filter(Q(pk__in=designed) | Q(owner__in=designer_orgs))


def is_designer_of(user, training) -> bool:
    if not user.is_authenticated:
        return False
    if holds_role(user, Role.DESIGNER, training.owner):
        return True
    # The menu has usually asked already whether they are named designer anywhere: most agents are not, and the
    # training's designers need not be read for them.
    named = known_named_on(user)
    return (named is None or named.designs) and user.pk in related_ids(training, "designers")


def is_owner_team(user, training) -> bool:
    return holds_role(user, Role.MENTOR_TEAM, training.owner)


def trainings_reviewable_by(user):
    """Trainings ``user`` reviews: those of organisations where they sit on the Mentor team, and the
    submitted cross-government trainings of the collections they review as collection lead."""
    if not user.is_authenticated:
        return Training.objects.none()
    team_orgs = organisations_where(user, Role.MENTOR_TEAM).values("pk")
    lead_collections = reviewed_collection_ids(user)
    return Training.objects.filter(
        Q(owner__in=team_orgs)
        | (Q(collection__in=lead_collections, scope=Scope.TRANSVERSE) & ~Q(status=TrainingStatus.DRAFT))
    ).distinct()


def trainings_followed_by(user):
    """Every training ``user`` may open on the editorial pages (contribution or review)."""
    editable = trainings_editable_by(user).values("pk")
    reviewable = trainings_reviewable_by(user).values("pk")
    return Training.objects.filter(Q(pk__in=editable) | Q(pk__in=reviewable))


def follows(user, training) -> bool:
    """Whether ``trainings_followed_by(user)`` holds ``training``, for a training already read: from the roles of
    the request and, for someone who is neither its owner's Mentor team nor its collection's reviewer, its
    designers (one small query), rather than building that queryset's nested subqueries for one row."""
    if not user.is_authenticated:
        return False
    reviews = is_owner_team(user, training) or (
        training.collection_id in reviewed_collection_ids(user)
        and training.scope == Scope.TRANSVERSE
        and training.status != TrainingStatus.DRAFT
    )
    return reviews or is_designer_of(user, training)


def is_stage_reviewer(user, training, stage: str) -> bool:
    """Whether ``user`` reviews ``training`` at ``stage``."""
    if not user.is_authenticated:
        return False
    if stage == Stage.OWNER_TEAM:
        return is_owner_team(user, training)
    if stage == Stage.COLLECTION_LEAD:
        return training.collection_id in reviewed_collection_ids(user)
    return False


def is_last_stage(training, stage: str) -> bool:
    """A ministry-specific training is decided by its owner's Mentor team; a cross-government one then goes to
    the lead of its collection."""
    return training.scope == Scope.METIER or stage == Stage.COLLECTION_LEAD


def stage_reviewers(training, stage: str):
    """The users who review ``training`` at ``stage`` (for e-mails)."""
    if stage == Stage.OWNER_TEAM:
        return User.objects.filter(
            memberships__role=Role.MENTOR_TEAM, memberships__organisation_id__in=training.owner.ancestor_ids
        ).distinct()
    collection = training.collection
    collection_ids = [collection.pk] + ([collection.parent_id] if collection.parent_id else [])
    return User.objects.filter(
        memberships__role=Role.COLLECTION_REVIEWER, memberships__collection_id__in=collection_ids
    ).distinct()


def open_revision(training):
    """The revision of ``training`` in progress, if any."""
    return TrainingRevision.objects.filter(training=training, status__in=OPEN_REVISION_STATES).first()


def _waiting_filter(user):
    """Condition on a review cycle waiting for ``user`` at its current stage."""
    team_orgs = organisations_where(user, Role.MENTOR_TEAM).values("pk")
    lead_collections = reviewed_collection_ids(user)
    return Q(status__in=AWAITING_REVIEW) & (
        Q(stage=Stage.OWNER_TEAM, training__owner__in=team_orgs)
        | Q(stage=Stage.COLLECTION_LEAD, training__collection__in=lead_collections)
    )


def cycles_waiting_for(user) -> list:
    """Editorial files and revisions waiting for ``user`` at their current stage, longest waiting first."""
    if not user.is_authenticated:
        return []
    condition = _waiting_filter(user)
    related = ["training__collection", "training__owner", "reviewer"]
    files = EditorialFile.objects.filter(condition).select_related(*related)
    revisions = TrainingRevision.objects.filter(condition).select_related(*related)
    return sorted([*files, *revisions], key=lambda cycle: cycle.waiting_since)


def trainings_labellable_by(user):
    """Published trainings whose label ``user`` may award: all for the DGAFP, its collections' for a lead."""
    published = Training.objects.filter(status=TrainingStatus.PUBLISHED)
    if is_dgafp_admin(user):
        return published
    return published.filter(collection__in=reviewed_collection_ids(user))
