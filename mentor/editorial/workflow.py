"""The editorial workflow on the workflow kernel (``core/workflow.py``): ``fire(name, subject, user)``.

The subject is a training (its editorial file moves) or one of its revisions. Every transition locks the
training's row alone before reading the state it checks, so two reviewers deciding at once are serialised and the
second one is refused with a reason. The state change, its log row and the e-mails happen in one transaction."""

from contextlib import contextmanager

from django.db import transaction
from django.utils import timezone

from mentor.core.permissions import Decision, deny
from mentor.core.workflow import StateMachine, TransitionRefused
from mentor.offer.enums import TrainingStatus as S
from mentor.offer.models import Training

from . import notifications
from .access import open_revision
from .content import apply, serialise
from .enums import Stage
from .models import EditorialFile, TrainingRevision, TransitionLog
from .permissions import edit_decision
from .transitions import REVIEW_DECISIONS, TRANSITIONS, allows

__all__ = [
    "TransitionRefused",
    "available",
    "editing",
    "editorial_file",
    "fire",
    "guard",
    "lock",
    "reevaluation_decision",
    "request_reevaluation",
    "start_revision",
]


def editorial_file(training) -> EditorialFile:
    """The editorial file of ``training``, created from its status the first time (trainings created by the
    contribution pages, loaded before the workflow existed, or by the offer's admin): the dates the state
    requires are taken as now, so that the row satisfies its constraints. Call inside a transaction that writes
    anyway."""
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
    """Lock the training's row (alone: not its owner nor its collection), then read the cycle afresh: its state
    is now stable until commit."""
    if isinstance(subject, TrainingRevision):
        Training.objects.select_for_update().only("pk").get(pk=subject.training_id)
        return TrainingRevision.objects.select_related("training__owner", "training__collection").get(
            pk=subject.pk
        )
    training = (
        Training.objects.select_for_update(of=("self",))
        .select_related("owner", "collection")
        .get(pk=subject.pk)
    )
    file = editorial_file(training)
    file.training = training
    return file


class EditorialWorkflow(StateMachine):
    transitions = list(TRANSITIONS.values())
    log_model = TransitionLog

    def lock(self, subject):
        return lock(subject)

    comment_refusal = (
        "Un commentaire est obligatoire pour cette décision : il explique au concepteur pourquoi."
    )

    def allows(self, transition, subject, user, **context):
        return allows(transition, subject, user)

    def state_refusal(self, transition, cycle) -> str:
        what = "la formation" if isinstance(cycle, EditorialFile) else "la révision"
        return f"« {transition.label} » est impossible : {what} est à l'état « {S(cycle.status).label} »."

    def apply(self, transition, subject, user, now, **context):
        _EFFECTS.get(transition.name, _nothing)(subject, user, now)

    def save(self, cycle, transition, now):
        cycle.save()
        if isinstance(cycle, EditorialFile):
            training = cycle.training
            training.status = cycle.status
            if transition.name == "publish":
                training.published_at = now
            training.save(update_fields=["status", "published_at", "updated_at"])

    def log_subject(self, cycle) -> dict:
        return {
            "training_id": cycle.training_id,
            "revision": None if isinstance(cycle, EditorialFile) else cycle,
        }

    def after(self, transition, cycle, user, now, comment, notify=True, **context):
        if transition.name == "approve" and isinstance(cycle, TrainingRevision):
            _apply_revision(cycle, user, now)
        if notify:
            _notify(cycle, transition, comment)


MACHINE = EditorialWorkflow()


def guard(name: str, cycle, user, comment: str = "") -> Decision:
    """Whether ``user`` may fire transition ``name`` on ``cycle`` (an EditorialFile or a TrainingRevision)."""
    return MACHINE.guard(name, cycle, user, comment)


def available(cycle, user) -> list:
    """The transitions ``user`` may fire now on ``cycle``, for the buttons of the contribution pages (decisions
    of the review form excluded: they come with a quality review)."""
    return [t for t in MACHINE.available(cycle, user) if t.name not in REVIEW_DECISIONS]


def fire(name: str, subject, user, comment: str = "", notify: bool = True):
    """Fire transition ``name`` on ``subject`` (a Training, or one of its TrainingRevisions) as ``user``.
    Return the updated cycle; raise TransitionRefused, changing nothing, when the guard says no.
    ``notify=False`` is for data loads, which must not e-mail anyone."""
    return MACHINE.fire(name, subject, user, comment, notify=notify)


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


def _archive(cycle, user, now):
    cycle.archived_at = now


def _nothing(cycle, user, now):
    """Publication itself is on the training (status and date), written by ``save``."""


_EFFECTS = {
    "submit": _submit,
    "request_reevaluation": _submit,
    "start_review": _start_review,
    "request_changes": _decide,
    "forward": _forward,
    "approve": _decide,
    "reject": _decide,
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
    MACHINE.log_model.objects.create(
        training_id=revision.training_id,
        revision=revision,
        transition="publish",
        from_status=S.APPROVED,
        to_status=S.PUBLISHED,
        actor=user,
        at=now,
        comment="Révision appliquée à la version publiée.",
    )


def _notify(cycle, transition, comment):
    if transition.target == S.SUBMITTED:
        notifications.waiting_for_review(cycle)
    if transition.name in ("request_changes", "forward", "approve", "reject"):
        notifications.decision_made(cycle, transition, comment)
    if transition.name == "publish":
        notifications.published(cycle.training)


@contextmanager
def editing(training, user):
    """Lock ``training`` for a change of its content by ``user``, and check on the locked row that they may still
    change it: a step saved just after a concurrent submission is refused instead of changing a submitted
    training. Yields the locked training."""
    with transaction.atomic():
        locked = Training.objects.select_for_update(of=("self",)).get(pk=training.pk)
        decision = edit_decision(user, locked)
        if not decision:
            raise TransitionRefused(decision.reason)
        yield locked


def reevaluation_decision(training, user) -> Decision:
    """Whether ``user`` may send the published ``training`` to a new quality review of its label, and why not."""
    if training.status != S.PUBLISHED:
        return deny("Seule une formation publiée peut être réévaluée.")
    if open_revision(training) is not None:
        return deny("Une révision de cette formation est en cours : sa relecture vaudra réévaluation.")
    return guard("request_reevaluation", TrainingRevision(training=training, reevaluation=True), user)


@transaction.atomic
def request_reevaluation(training, user) -> TrainingRevision:
    """Send the published ``training``, unchanged, to a new quality review while its label stays until the
    decision: a revision marked as a re-evaluation, submitted at once through the workflow (its log row, the
    reviewers' e-mail). TransitionRefused, with the reason, when ``user`` may not."""
    locked = Training.objects.select_for_update().get(pk=training.pk)
    decision = reevaluation_decision(locked, user)
    if not decision:
        raise TransitionRefused(decision.reason)
    objective_ids = locked.covered_objectives.values_list("pk", flat=True)
    revision = TrainingRevision.objects.create(
        training=locked, author=user, values=serialise(locked, objective_ids), reevaluation=True
    )
    return fire("request_reevaluation", revision, user)


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
