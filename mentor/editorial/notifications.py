"""E-mails of the editorial workflow, written through ``core.mail.notify`` in the transition's transaction: a
transition that is rolled back sends nothing, and a mail server that is down delays them without failing it."""

from django.urls import reverse

from mentor.core.links import absolute
from mentor.core.mail import notify

from .access import stage_reviewers
from .models import CollectionWatch, TrainingRevision


def _context(cycle) -> dict:
    return {
        "training": cycle.training,
        "is_revision": isinstance(cycle, TrainingRevision),
        "is_reevaluation": getattr(cycle, "reevaluation", False),
    }


def waiting_for_review(cycle) -> None:
    """Tell the reviewers of the stage ``cycle`` now waits at."""
    recipients = [u.email for u in stage_reviewers(cycle.training, cycle.stage)]
    link = absolute(reverse("www:review:training", kwargs={"pk": cycle.training_id}))
    notify(
        recipients,
        "editorial/emails/waiting_for_review",
        {**_context(cycle), "stage": cycle.get_stage_display().lower(), "link": link},
    )


def decision_made(cycle, transition, comment: str) -> None:
    """Tell the designers of the training (and the revision's author) what was decided."""
    training = cycle.training
    emails = set(training.designers.values_list("email", flat=True))
    author = getattr(cycle, "author", None)
    if author is not None:
        emails.add(author.email)
    link = absolute(reverse("www:contribute:training", kwargs={"pk": training.pk}))
    notify(
        sorted(emails),
        "editorial/emails/decision",
        {**_context(cycle), "decision": transition.name, "comment": comment, "link": link},
    )


def published(training) -> None:
    """Tell the watchers of the training's collection (and of its parent collection)."""
    collection_ids = [c for c in (training.collection_id, training.collection.parent_id) if c]
    emails = (
        CollectionWatch.objects.filter(collection_id__in=collection_ids)
        .order_by("user__email")
        .values_list("user__email", flat=True)
        .distinct()
    )
    link = absolute(training.get_absolute_url())
    notify(emails, "editorial/emails/published", {"training": training, "link": link})


def label_expiring(label, recipients: list[str]) -> None:
    link = absolute(reverse("www:contribute:training", kwargs={"pk": label.training_id}))
    notify(recipients, "editorial/emails/label_expiring", {"label": label, "link": link})
