"""E-mails of the editorial workflow. Each is queued with transaction.on_commit: nothing is sent for a
transition that is rolled back."""

from django.core.mail import send_mass_mail
from django.db import transaction
from django.urls import reverse

from mentor.core.links import absolute

from .access import stage_reviewers
from .models import CollectionWatch


def _queue(messages: list[tuple[str, str, list[str]]]) -> None:
    # None: Django's DEFAULT_FROM_EMAIL.
    messages = [(subject, body, None, to) for subject, body, to in messages if to]
    if messages:
        transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=False))


def _what(cycle) -> str:
    kind = "La révision de la formation" if cycle.__class__.__name__ == "TrainingRevision" else "La formation"
    return f"{kind} « {cycle.training.title} »"


def waiting_for_review(cycle) -> None:
    """Tell the reviewers of the stage ``cycle`` now waits at."""
    link = absolute(reverse("www:review:training", kwargs={"pk": cycle.training_id}))
    body = (
        f"{_what(cycle)} attend votre relecture ({cycle.get_stage_display()}).\n\nPour la relire : {link}\n"
    )
    recipients = [u.email for u in stage_reviewers(cycle.training, cycle.stage)]
    _queue([(f"[Mentor] À relire : {cycle.training.title}", body, [email]) for email in recipients])


def decision_made(cycle, transition, comment: str) -> None:
    """Tell the designers of the training (and the revision's author) what was decided."""
    training = cycle.training
    emails = set(training.designers.values_list("email", flat=True))
    author = getattr(cycle, "author", None)
    if author is not None:
        emails.add(author.email)
    link = absolute(reverse("www:contribute:training", kwargs={"pk": training.pk}))
    body = f"{_what(cycle)} : {transition.label.lower()}.\n\n"
    if comment:
        body += f"Commentaire du relecteur :\n{comment}\n\n"
    body += f"Le détail de la revue qualité : {link}\n"
    _queue([(f"[Mentor] {transition.label} : {training.title}", body, [email]) for email in sorted(emails)])


def published(training) -> None:
    """Tell the watchers of the training's collection (and of its parent collection)."""
    collection_ids = [training.collection_id, training.collection.parent_id]
    emails = (
        CollectionWatch.objects.filter(collection_id__in=[c for c in collection_ids if c])
        .values_list("user__email", flat=True)
        .distinct()
    )
    body = (
        f"Une nouvelle formation est publiée dans la collection « {training.collection.name} » :\n"
        f"« {training.title} »\n\n{absolute(training.get_absolute_url())}\n"
    )
    _queue([(f"[Mentor] Nouvelle formation : {training.title}", body, [email]) for email in emails])


def label_expiring(label, recipients: list[str]) -> None:
    body = (
        f"Le label Mentor de la formation « {label.training.title} » expire le {label.valid_until:%d/%m/%Y}.\n"
        "Pensez à demander sa réévaluation : "
        f"{absolute(reverse('www:contribute:training', kwargs={'pk': label.training_id}))}\n"
    )
    _queue([(f"[Mentor] Label à réévaluer : {label.training.title}", body, [email]) for email in recipients])
