"""The editorial workflow: one function per transition, each taking the acting user.

Every transition locks the training's row (``select_for_update``) before reading the state it checks, so two
reviewers deciding at once are serialised and the second one is refused with a reason. The state change, its
log row and the e-mails (sent on commit) happen in one transaction."""

from django.db import transaction
from django.utils import timezone

from mentor.offer.enums import TrainingStatus as S
from mentor.offer.models import Training

from . import notifications
from .access import open_revision
from .content import apply, serialise
from .enums import Stage
from .models import EditorialFile, TrainingRevision, TransitionLog
from .permissions import edit_decision
from .transitions import TRANSITIONS, guard


class TransitionRefused(Exception):
    """A transition the guard refused; ``str(error)`` is the French reason for the user."""


def editorial_file(training) -> EditorialFile:
    """The editorial file of ``training``, created from its status the first time (trainings loaded before
    the workflow existed, or by the offer's admin, have none): the dates the state requires are taken as
    now, so that the row satisfies its constraints. Call inside a transaction that writes anyway."""
    now = timezone.now()
    status = training.status
    awaiting = status in (S.SUBMITTED, S.IN_REVIEW)
    defaults = {
        "status": status,
        "stage": Stage.OWNER_TEAM if awaiting else "",
        "submitted_at": now if status != S.DRAFT else None,
        "waiting_since": now if awaiting else None,
        "review_started_at": now if status == S.IN_REVIEW else None,
        "decided_at": now if status in (S.CHANGES_REQUESTED, S.APPROVED, S.REJECTED) else None,
        "archived_at": now if status == S.ARCHIVED else None,
    }
    file, _ = EditorialFile.objects.get_or_create(training=training, defaults=defaults)
    return file


def lock(subject):
    """Lock the training's row, then read the cycle afresh: its state is now stable until commit."""
    if isinstance(subject, TrainingRevision):
        Training.objects.select_for_update().get(pk=subject.training_id)
        return TrainingRevision.objects.select_related("training__owner", "training__collection").get(
            pk=subject.pk
        )
    training = Training.objects.select_for_update().select_related("owner", "collection").get(pk=subject.pk)
    file = editorial_file(training)
    file.training = training
    return file


@transaction.atomic
def fire(name: str, subject, user, comment: str = "", notify: bool = True):
    """Fire transition ``name`` on ``subject`` (a Training, or one of its TrainingRevisions) as ``user``.
    Return the updated cycle; raise TransitionRefused, changing nothing, when the guard says no.
    ``notify=False`` is for data loads, which must not e-mail anyone."""
    cycle = lock(subject)
    decision = guard(name, cycle, user, comment)
    if not decision:
        raise TransitionRefused(decision.reason)
    transition = TRANSITIONS[name]
    now = timezone.now()
    from_status = cycle.status
    _EFFECTS[name](cycle, user, now)
    cycle.status = transition.target
    cycle.save()
    _log(cycle, name, from_status, user, now, comment)
    if isinstance(cycle, EditorialFile):
        training = cycle.training
        training.status = cycle.status
        if name == "publish":
            training.published_at = now
        training.save(update_fields=["status", "published_at", "updated_at"])
    elif name == "approve":
        _apply_revision(cycle, user, now)
    if notify:
        _notify(cycle, transition, comment)
    return cycle


def _log(cycle, name, from_status, user, now, comment):
    TransitionLog.objects.create(
        training_id=cycle.training_id,
        revision=cycle if isinstance(cycle, TrainingRevision) else None,
        transition=name,
        from_status=from_status,
        to_status=cycle.status,
        actor=user,
        at=now,
        comment=comment.strip(),
    )


def _submit(cycle, user, now):
    cycle.stage = Stage.OWNER_TEAM
    cycle.submitted_at = cycle.waiting_since = now
    cycle.review_started_at = cycle.decided_at = cycle.reviewer = None


def _start_review(cycle, user, now):
    cycle.review_started_at = now
    cycle.reviewer = user


def _decide(cycle, user, now):
    cycle.decided_at = now


def _forward(cycle, user, now):
    cycle.stage = Stage.COLLECTION_LEAD
    cycle.waiting_since = now
    cycle.review_started_at = cycle.reviewer = None


def _publish(cycle, user, now):
    """Publication itself is on the training (status and date), written by fire()."""


def _archive(cycle, user, now):
    cycle.archived_at = now


_EFFECTS = {
    "submit": _submit,
    "start_review": _start_review,
    "request_changes": _decide,
    "forward": _forward,
    "approve": _decide,
    "reject": _decide,
    "publish": _publish,
    "archive": _archive,
}


def _apply_revision(revision, user, now):
    """An approved revision replaces the published content at once, in the approval's transaction."""
    training = revision.training
    apply(training, revision.values)
    training.save()
    training.covered_objectives.set(revision.values.get("covered_objectives", []))
    revision.status = S.PUBLISHED
    revision.applied_at = now
    revision.save(update_fields=["status", "applied_at"])
    _log(revision, "publish", S.APPROVED, user, now, "Révision appliquée à la version publiée.")


def _notify(cycle, transition, comment):
    if transition.target == S.SUBMITTED:
        notifications.waiting_for_review(cycle)
    if transition.name in ("request_changes", "forward", "approve", "reject"):
        notifications.decision_made(cycle, transition, comment)
    if transition.name == "publish":
        notifications.published(cycle.training)


@transaction.atomic
def start_revision(training, user) -> TrainingRevision:
    """Open a draft revision of a published ``training`` (or return the one in progress) for ``user``, its
    designer. The published version stays in the catalogue meanwhile."""
    locked = Training.objects.select_for_update().get(pk=training.pk)
    decision = edit_decision(user, locked)
    if not decision:
        raise TransitionRefused(decision.reason)
    revision = open_revision(locked)
    if revision is None:
        objective_ids = locked.covered_objectives.values_list("pk", flat=True)
        revision = TrainingRevision.objects.create(
            training=locked, author=user, values=serialise(locked, objective_ids)
        )
        TransitionLog.objects.create(
            training=locked,
            revision=revision,
            transition="revise",
            from_status=S.PUBLISHED,
            to_status=S.DRAFT,
            actor=user,
            comment="Révision ouverte : la version publiée reste en ligne pendant sa relecture.",
        )
    return revision
