"""Learner satisfaction: invitations when a session ends, the signed questionnaire, results without names from
five answers on, and what account deletion leaves."""

import re
from datetime import timedelta

import pytest
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone

from mentor.accounts.services import delete_account
from mentor.offer.enums import RegistrationStatus, SessionStatus
from mentor.offer.tasks import update_session_statuses
from mentor.watch import satisfaction
from mentor.watch.models import SatisfactionAnswer
from tests.factories import RegistrationFactory, SessionFactory, UserFactory
from tests.tasks import run_tasks

pytestmark = pytest.mark.django_db

ANSWER = {
    "expectations": "4",
    "usefulness": "5",
    "content": "4",
    "delivery": "3",
    "recommend": "5",
    "comment": "Bien.",
}


@pytest.fixture
def ended(world):
    training = world.publish_metier(title="Ouvrir les données")
    now = timezone.now()
    session = SessionFactory(
        training=training,
        status=SessionStatus.IN_PROGRESS,
        starts_at=now - timedelta(days=2),
        ends_at=now - timedelta(hours=1),
    )
    world.session = session
    world.participants = [
        RegistrationFactory(session=session, user=UserFactory(email=f"agent{n}@dgfip.gouv.fr"))
        for n in range(6)
    ]
    RegistrationFactory(
        session=session, status=RegistrationStatus.WAITING, user=UserFactory(email="attente@x.fr")
    )
    RegistrationFactory(
        session=session, status=RegistrationStatus.CANCELLED, user=UserFactory(email="annule@x.fr")
    )
    return world


def link_in(message) -> str:
    return re.search(r"http://\S+/satisfaction/\S+/", message.body).group(0)


def test_the_scheduled_end_of_a_session_invites_each_confirmed_participant(ended):
    mail.outbox.clear()
    run_tasks()  # the workflow's own e-mails, before
    mail.outbox.clear()
    update_session_statuses.call()
    run_tasks()

    ended.session.refresh_from_db()
    assert ended.session.status == SessionStatus.COMPLETED
    recipients = sorted(address for m in mail.outbox if "Votre avis" in m.subject for address in m.to)
    assert recipients == sorted(f"agent{n}@dgfip.gouv.fr" for n in range(6))
    invitations = [m for m in mail.outbox if "Votre avis sur « Ouvrir les données »" in m.subject]
    assert len({link_in(m) for m in invitations}) == 6


def test_the_link_works_without_logging_in_once(client, ended):
    update_session_statuses.call()
    run_tasks()
    link = link_in(next(m for m in mail.outbox if m.to == ["agent0@dgfip.gouv.fr"]))
    path = link.split("testserver", 1)[-1] if "testserver" in link else "/" + link.split("/", 3)[3]

    assert "Envoyer mon avis" in client.get(path).content.decode()
    assert SatisfactionAnswer.objects.count() == 0  # no write on GET
    response = client.post(path, ANSWER)

    assert (
        "Votre réponse sur la formation « Ouvrir les données » est enregistrée." in response.content.decode()
    )
    answer = SatisfactionAnswer.objects.get()
    assert (answer.user.email, answer.expectations, answer.recommend) == ("agent0@dgfip.gouv.fr", 4, 5)
    again = client.post(path, ANSWER)
    assert "Vous avez déjà répondu" in again.content.decode()
    assert SatisfactionAnswer.objects.count() == 1


def test_bad_answers_and_bad_links(client, ended):
    path = reverse("www:satisfaction", args=[satisfaction.link_token(ended.participants[0])])

    response = client.post(path, {**ANSWER, "usefulness": "9"})
    assert response.status_code == 400
    assert "Répondez à chacune des cinq questions." in response.content.decode()

    forged = client.get(reverse("www:satisfaction", args=["abc:def"]))
    assert forged.status_code == 404 and "copié en entier" in forged.content.decode()

    waiting = ended.session.registrations.get(status=RegistrationStatus.WAITING)
    token = signing.TimestampSigner(salt="mentor.watch.satisfaction").sign_object(
        {"session": ended.session.pk, "user": waiting.user_id}
    )
    refused = client.get(reverse("www:satisfaction", args=[token]))
    assert refused.status_code == 404 and "aucune participation confirmée" in refused.content.decode()


def test_an_expired_link_is_refused(client, ended, monkeypatch):
    token = satisfaction.link_token(ended.participants[0])
    monkeypatch.setattr(satisfaction, "LINK_MAX_AGE", timedelta(seconds=-1))

    response = client.get(reverse("www:satisfaction", args=[token]))

    assert response.status_code == 404 and "a expiré" in response.content.decode()


def answer(registration, score):
    SatisfactionAnswer.objects.create(
        session=registration.session,
        user=registration.user,
        **{name: score for name, _ in satisfaction.QUESTIONS},
        comment="Commentaire",
    )


def test_results_show_from_five_answers_without_names(client, ended):
    for registration in ended.participants[:4]:
        answer(registration, 4)
    client.force_login(ended.designer)
    url = reverse("www:contribute:training", args=[ended.session.training.pk])

    few = client.get(url).content.decode()
    assert "4 réponses au questionnaire de satisfaction" in few
    assert "à partir de cinq réponses, pour que personne ne puisse être reconnu" in few
    assert "Moyennes sur 5" not in few

    answer(ended.participants[4], 2)
    page = client.get(url).content.decode()
    assert "Moyennes sur 5 de 5 réponses, sans nom" in page
    assert "3,6" in page or "3.6" in page
    assert "agent0@dgfip.gouv.fr" not in page

    client.force_login(ended.team)
    review = client.get(reverse("www:review:training", args=[ended.session.training.pk])).content.decode()
    assert "Moyennes sur 5 de 5 réponses, sans nom" in review


def test_a_deleted_account_leaves_its_answer_without_it(ended):
    answer(ended.participants[0], 5)

    delete_account(ended.participants[0].user)

    assert SatisfactionAnswer.objects.get().user is None


@pytest.mark.parametrize("others", [0, 8])
def test_the_questionnaire_reads_a_fixed_number_of_times(client, ended, django_assert_num_queries, others):
    for registration in ended.participants[1 : 1 + others]:
        answer(registration, 3)
    path = reverse("www:satisfaction", args=[satisfaction.link_token(ended.participants[0])])
    with django_assert_num_queries(2):  # the registration with its session and training, whether it answered
        assert client.get(path).status_code == 200
