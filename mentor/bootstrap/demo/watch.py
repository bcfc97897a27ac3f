"""Answered satisfaction questionnaires for the demo sessions that are over: six participants each (results show
from five answers on), with scores that differ from one training to another."""

from django.utils import timezone

from mentor.accounts.models import User
from mentor.offer.enums import RegistrationStatus, SessionStatus
from mentor.offer.models import Registration, Session
from mentor.watch.models import SatisfactionAnswer
from mentor.watch.satisfaction import QUESTIONS

PARTICIPANTS = [f"participant.{n}@dgfip.finances.gouv.fr" for n in range(1, 7)]
COMMENTS = ["Très concret.", "Un peu long.", "", "Exemples utiles pour mon service.", "", "Bon formateur."]


def _participants(orgs) -> list[User]:
    participants = []
    for n, email in enumerate(PARTICIPANTS, start=1):
        user = User.objects.filter(email=email).first()
        if user is None:
            # No password: they exist so that the demo has answers, nobody logs in with them.
            user = User.objects.create_user(
                email,
                None,
                first_name="Participant",
                last_name=str(n),
                entity=orgs["DGFIP"],
                email_confirmed_at=timezone.now(),
            )
        participants.append(user)
    return participants


def load(orgs) -> None:
    participants = _participants(orgs)
    # The sessions their rules let them see, as any registration of the demo.
    over = (
        Session.objects.visible_to(participants[0])
        .filter(status__in=(SessionStatus.COMPLETED, SessionStatus.ARCHIVED), is_permanent=False)
        .order_by("pk")
    )
    for index, session in enumerate(over):
        if SatisfactionAnswer.objects.filter(session=session).exists():
            continue
        for n, user in enumerate(participants):
            Registration.objects.get_or_create(
                session=session, user=user, defaults={"status": RegistrationStatus.CONFIRMED}
            )
            score = 3 + (index + n) % 3  # 3 to 5
            SatisfactionAnswer.objects.create(
                session=session,
                user=user,
                comment=COMMENTS[n],
                **{name: max(1, score - q % 2) for q, (name, _) in enumerate(QUESTIONS)},
            )
