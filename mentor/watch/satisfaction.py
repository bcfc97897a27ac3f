"""Learner satisfaction: when a session ends (its move to "completed", by the scheduled job or a manager), each
confirmed participant is invited by e-mail, in the transition's transaction (the outbox of ``core.mail``), to
answer a fixed questionnaire through a signed link that works without logging in and expires. Results are shown
without names, and only from ``MIN_ANSWERS`` answers on, so that nobody can be recognised."""

from dataclasses import dataclass
from datetime import timedelta

from django.core import signing
from django.db.models import Avg, Count
from django.dispatch import receiver
from django.urls import reverse

from mentor.core.links import absolute
from mentor.core.mail import notify
from mentor.core.workflow import transitioned
from mentor.offer.enums import RegistrationStatus
from mentor.offer.models import Registration, Session
from mentor.offer.sessions import SessionLifecycle

from .models import SatisfactionAnswer

QUESTIONS = [
    ("expectations", "La formation a répondu à mes attentes"),
    ("usefulness", "Elle est utile pour mon travail"),
    ("content", "La qualité du contenu"),
    ("delivery", "La qualité de la plateforme ou du formateur"),
    ("recommend", "Je la recommanderais à un collègue"),
]
MIN_ANSWERS = 5
LINK_MAX_AGE = timedelta(days=30)
_SIGNER = signing.TimestampSigner(salt="mentor.watch.satisfaction")


class InvalidLink(Exception):
    """The link is forged, expired, or its questionnaire cannot be answered; the message says why, in French."""


def link_token(registration: Registration) -> str:
    return _SIGNER.sign_object({"session": registration.session_id, "user": registration.user_id})


def registration_of(token: str) -> Registration:
    """The confirmed registration the link was sent for, or ``InvalidLink``."""
    try:
        data = _SIGNER.unsign_object(token, max_age=LINK_MAX_AGE)
    except signing.SignatureExpired as error:
        raise InvalidLink("Ce lien vers le questionnaire a expiré.") from error
    except signing.BadSignature as error:
        raise InvalidLink("Ce lien n'est pas valide : vérifiez qu'il a été copié en entier.") from error
    registration = (
        Registration.objects.select_related("session__training")
        .filter(session_id=data.get("session"), user_id=data.get("user"), status=RegistrationStatus.CONFIRMED)
        .first()
    )
    if registration is None:
        raise InvalidLink("Ce questionnaire ne correspond à aucune participation confirmée.")
    return registration


def already_answered(registration: Registration) -> bool:
    return SatisfactionAnswer.objects.filter(
        session_id=registration.session_id, user_id=registration.user_id
    ).exists()


def invite(session: Session) -> int:
    """Invite every confirmed participant of ``session``; returns how many."""
    registrations = (
        Registration.objects.filter(session=session, status=RegistrationStatus.CONFIRMED)
        .select_related("user")
        .order_by("pk")
    )
    count = 0
    for registration in registrations:
        if not registration.user.email:
            continue  # a deleted account
        link = absolute(reverse("www:satisfaction", kwargs={"token": link_token(registration)}))
        notify([registration.user.email], "watch/emails/satisfaction", {"session": session, "link": link})
        count += 1
    return count


@receiver(transitioned, sender=SessionLifecycle, dispatch_uid="watch.satisfaction.session_completed")
def _session_completed(sender, subject, transition, user, **kwargs):
    if transition.name == "complete":
        invite(subject)


@dataclass
class Results:
    answers: int
    shown: bool
    averages: list[tuple[str, float]]  # (question, average), only when shown


def _results(rows) -> Results:
    answers = rows["answers"]
    shown = answers >= MIN_ANSWERS
    averages = [(label, round(rows[name], 1)) for name, label in QUESTIONS] if shown else []
    return Results(answers, shown, averages)


def results_of(training) -> tuple[Results, list[tuple[Session, Results]]]:
    """The training's results, then each session's (three queries)."""
    averages = {name: Avg(name) for name, _ in QUESTIONS}
    answers = SatisfactionAnswer.objects.filter(session__training=training)
    overall = _results(answers.aggregate(answers=Count("pk"), **averages))
    per_session = (
        answers.values("session_id").annotate(answers=Count("pk"), **averages).order_by("session_id")
    )
    # The sessions by a subquery, read even when nobody answered: the page reads as often either way.
    sessions = {
        session.pk: session
        for session in Session.objects.filter(pk__in=answers.values("session_id"))
        .select_related("training")
        .order_by()
    }
    return overall, [(sessions[row["session_id"]], _results(row)) for row in per_session]
