"""The kernel of every state machine of the product (editorial workflow, sessions, calls for projects…).

A machine declares its transitions in ONE table and answers, through ``guard()``, whether a user may fire one
now, with a ``Decision`` whose French reason the pages show. ``fire()`` does the rest the same way everywhere:
in one transaction it locks the subject's row alone (``select_for_update(of=("self",))``: joined rows such as an
organisation or a collection stay free, so transitions of other subjects never wait), reads the state afresh,
asks the guard, applies the transition's effects, writes the new state and one log row, and writes its
notifications in the same transaction (``core.mail.notify``: sent if and only if the change commits)."""

from dataclasses import dataclass

from django.conf import settings
from django.db import models, transaction
from django.dispatch import Signal
from django.utils import timezone

from mentor.core.permissions import ALLOW, Decision, deny

# Sent inside fire()'s transaction after every transition, with ``sender`` the machine's class and ``subject``,
# ``transition``, ``user``: an app above the machine's app reacts to it (a call for projects reaching a milestone
# when a training is published, learners invited when a session ends) without the machine importing it.
transitioned = Signal()


@dataclass(frozen=True)
class Transition:
    name: str
    label: str  # the French action, as on its button
    sources: frozenset
    target: str
    comment_required: bool = False


class TransitionRefused(Exception):
    """A transition the guard refused; ``str(error)`` is the French reason for the user."""


class TransitionLogEntry(models.Model):
    """What every machine's log keeps: which transition, from which state to which, who, when, why. A concrete
    log adds the foreign key to its subject."""

    transition = models.CharField("transition", max_length=40)
    from_status = models.CharField("état de départ", max_length=20)
    to_status = models.CharField("état d'arrivée", max_length=20)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="auteur",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField("le", default=timezone.now)
    comment = models.TextField("commentaire", blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "id"]


class StateMachine:
    """Subclass it with ``transitions`` (a list of Transition), ``log_model``, and the hooks below."""

    transitions: list[Transition] = []
    log_model: type[models.Model]
    state_field = "status"
    unknown_refusal = "Cette action n'existe pas."
    comment_refusal = "Un commentaire est obligatoire pour cette décision : il explique pourquoi."

    def __init__(self):
        self.table = {t.name: t for t in self.transitions}

    # Hooks -------------------------------------------------------------------------------------------------

    def lock(self, subject):
        """Lock ``subject``'s row and return it read afresh."""
        return type(subject)._default_manager.select_for_update(of=("self",)).get(pk=subject.pk)

    def allows(self, transition: Transition, subject, user, **context) -> Decision:
        """What the machine checks beyond the source state (the actor, the content…)."""
        return ALLOW

    def state_refusal(self, transition: Transition, subject) -> str:
        """Why ``transition`` cannot start from ``subject``'s state, in French."""
        return (
            f"« {transition.label} » est impossible : l'état actuel est « {subject.get_status_display()} »."
        )

    def apply(self, transition: Transition, subject, user, now, **context) -> None:
        """The transition's effects on ``subject`` beyond its state (dates, stage…), before it is saved."""

    def save(self, subject, transition: Transition, now) -> None:
        subject.save()

    def log(self, transition: Transition, subject, from_state: str, user, now, comment: str):
        return self.log_model.objects.create(
            **self.log_subject(subject),
            transition=transition.name,
            from_status=from_state,
            to_status=getattr(subject, self.state_field),
            actor=user if user is not None and user.is_authenticated else None,
            at=now,
            comment=comment.strip(),
        )

    def log_subject(self, subject) -> dict:
        """The log row's foreign key(s) to ``subject``."""
        raise NotImplementedError

    def after(self, transition: Transition, subject, user, now, comment: str, **context) -> None:
        """What follows the transition in the same transaction: further writes, notifications."""

    # The kernel --------------------------------------------------------------------------------------------

    def guard(self, name: str, subject, user, comment: str = "", **context) -> Decision:
        transition = self.table.get(name)
        if transition is None:
            return deny(self.unknown_refusal)
        if getattr(subject, self.state_field) not in transition.sources:
            return deny(self.state_refusal(transition, subject))
        decision = self.allows(transition, subject, user, **context)
        if not decision:
            return decision
        if transition.comment_required and not comment.strip():
            return deny(self.comment_refusal)
        return ALLOW

    def available(self, subject, user, **context) -> list[Transition]:
        """The transitions ``user`` may fire now on ``subject``, for the buttons of a page."""
        return [t for t in self.transitions if self.guard(t.name, subject, user, **context)]

    def fire(self, name: str, subject, user, comment: str = "", **context):
        """Fire ``name`` on ``subject`` as ``user`` (None: the scheduler). Return the subject as saved; raise
        TransitionRefused, having changed nothing, when the guard says no."""
        with transaction.atomic():
            subject = self.lock(subject)
            decision = self.guard(name, subject, user, comment, **context)
            if not decision:
                raise TransitionRefused(decision.reason)
            transition = self.table[name]
            now = timezone.now()
            from_state = getattr(subject, self.state_field)
            self.apply(transition, subject, user, now, **context)
            setattr(subject, self.state_field, transition.target)
            self.save(subject, transition, now)
            self.log(transition, subject, from_state, user, now, comment)
            self.after(transition, subject, user, now, comment.strip(), **context)
            transitioned.send(type(self), subject=subject, transition=transition, user=user)
        return subject
