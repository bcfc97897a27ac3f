"""The one notification path: messages written in the caller's transaction, sent by the task queue's worker,
retried, kept as failed, and sent again from the admin."""

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from mentor.core.mail import notify, single_line
from mentor.core.models import EmailStatus, OutgoingEmail
from tests.factories import UserFactory
from tests.tasks import run_tasks

TEMPLATE = "offer/emails/registration_request"


class BrokenBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("the mail server is down")


def test_single_line_folds_every_line_break_and_run_of_spaces():
    assert single_line(" Formation\r\nsur  deux\nlignes\t") == "Formation sur deux lignes"


@pytest.mark.django_db
def test_each_recipient_gets_their_own_message_once_and_empty_addresses_are_dropped():
    emails = notify(
        ["b@x.gouv.fr", "", "a@x.gouv.fr", "b@x.gouv.fr"],
        "www/contact/emails/message",
        {"message": _message()},
    )
    assert [e.to for e in emails] == [["b@x.gouv.fr"], ["a@x.gouv.fr"]]
    assert notify(["", "  "], "www/contact/emails/message", {"message": _message()}) == []
    assert run_tasks() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["a@x.gouv.fr", "b@x.gouv.fr"]


@pytest.mark.django_db
def test_a_team_gets_one_message_to_all_answering_to_the_sender():
    (email,) = notify(
        ["a@x.gouv.fr", "b@x.gouv.fr"],
        "www/contact/emails/message",
        {"message": _message()},
        reply_to=["agent@x.gouv.fr"],
        one_each=False,
    )
    run_tasks()
    (sent,) = mail.outbox
    assert (sent.to, sent.reply_to, sent.subject) == (
        ["a@x.gouv.fr", "b@x.gouv.fr"],
        ["agent@x.gouv.fr"],
        "[Mentor] Une question sur deux lignes",
    )


@pytest.mark.django_db
def test_a_rolled_back_change_leaves_neither_message_nor_task():
    with pytest.raises(RuntimeError), transaction.atomic():
        notify(["a@x.gouv.fr"], "www/contact/emails/message", {"message": _message()})
        raise RuntimeError("the request failed later")
    assert not OutgoingEmail.objects.exists() and not DBTaskResult.objects.exists()


@pytest.mark.django_db
def test_a_failing_server_is_retried_with_growing_delays_then_given_up(settings):
    settings.EMAIL_BACKEND = f"{__name__}.BrokenBackend"
    (email,) = notify(["a@x.gouv.fr"], "www/contact/emails/message", {"message": _message()})
    assert run_tasks() == 1
    email.refresh_from_db()
    assert (email.status, email.attempts) == (EmailStatus.PENDING, 1)
    retry = DBTaskResult.objects.ready()
    assert not retry.exists()  # the next attempt waits a minute
    waiting = DBTaskResult.objects.filter(status="READY").get()
    assert 55 <= (waiting.run_after - waiting.enqueued_at).total_seconds() <= 65

    settings.EMAIL_RETRY_BASE_SECONDS = 0
    DBTaskResult.objects.filter(pk=waiting.pk).update(run_after=waiting.enqueued_at)
    assert run_tasks() == settings.EMAIL_MAX_ATTEMPTS - 1
    email.refresh_from_db()
    assert (email.status, email.attempts) == (EmailStatus.FAILED, settings.EMAIL_MAX_ATTEMPTS)
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_dgafp_administrator_sends_failed_messages_again_from_the_admin(client, settings):
    failed = OutgoingEmail.objects.create(
        template="t", to=["a@x.gouv.fr"], subject="Sujet", body="Texte", status=EmailStatus.FAILED, attempts=5
    )
    sent = OutgoingEmail.objects.create(
        template="t",
        to=["b@x.gouv.fr"],
        subject="Déjà parti",
        body="Texte",
        status=EmailStatus.SENT,
        sent_at="2026-12-01T10:00:00Z",
    )
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    changelist = reverse("admin:core_outgoingemail_changelist")
    page = client.get(changelist + "?status=failed").content.decode()
    assert "Sujet" in page and "Déjà parti" not in page
    response = client.post(
        changelist, {"action": "send_again", "_selected_action": [failed.pk, sent.pk]}, follow=True
    )
    assert "1 courriel remis dans la file d&#x27;envoi." in response.content.decode()
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == (EmailStatus.PENDING, 0)
    assert run_tasks() == 1
    assert [m.to for m in mail.outbox] == [["a@x.gouv.fr"]]


@pytest.mark.django_db(transaction=True)
def test_the_real_worker_sends_what_a_committed_transaction_wrote():
    with transaction.atomic():
        notify(["a@x.gouv.fr"], "www/contact/emails/message", {"message": _message()})
    assert mail.outbox == []
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert [m.to for m in mail.outbox] == [["a@x.gouv.fr"]]
    assert OutgoingEmail.objects.get().status == EmailStatus.SENT


def test_the_scheduler_knows_every_scheduled_job(capsys):
    call_command("run_scheduler", "--list")
    out = capsys.readouterr().out
    assert "5 * * * *       mentor.offer.tasks.update_session_statuses" in out
    assert "30 6 * * *      mentor.editorial.tasks.process_labels" in out
    assert "15 3 * * *      mentor.core.tasks.forget_old_work" in out


def _message():
    from mentor.organisations.models import ContactMessage

    return ContactMessage(
        subject="Une question\r\nsur deux lignes", body="Bonjour", sender_email="agent@x.gouv.fr"
    )


@pytest.mark.django_db
def test_sent_messages_are_erased_after_90_days_and_failed_ones_kept():
    from datetime import timedelta

    from django.utils import timezone

    from mentor.core.tasks import forget_old_work

    old = timezone.now() - timedelta(days=91)
    OutgoingEmail.objects.create(
        template="t", to=["a@x.gouv.fr"], subject="Ancien", body="…", status="sent", sent_at=old
    )
    recent = OutgoingEmail.objects.create(
        template="t", to=["a@x.gouv.fr"], subject="Récent", body="…", status="sent", sent_at=timezone.now()
    )
    failed = OutgoingEmail.objects.create(
        template="t", to=["a@x.gouv.fr"], subject="Échec", body="…", status="failed"
    )
    OutgoingEmail.objects.filter(pk=failed.pk).update(created_at=old)
    forget_old_work.enqueue()
    run_tasks()
    assert set(OutgoingEmail.objects.values_list("pk", flat=True)) == {recent.pk, failed.pk}
