"""Fault test: the mail server is down during a workflow step and a registration. No request fails, and once the
server is back, every message reaches it."""

import socket

import pytest
from aiosmtpd.controller import Controller
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from mentor.core.models import EmailStatus, OutgoingEmail
from tests.factories import SessionFactory
from tests.tasks import run_tasks

pytestmark = pytest.mark.django_db


class Inbox:
    """An aiosmtpd handler keeping what it receives."""

    def __init__(self):
        self.received = []

    async def handle_DATA(self, server, session, envelope):
        self.received.append((envelope.rcpt_tos, envelope.content.decode("utf-8", "replace")))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_settings(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()  # nothing listens there yet: the server is down
    settings.EMAIL_TIMEOUT = 5
    return settings


def test_a_mail_server_down_fails_no_request_and_loses_no_message(client, world, smtp_settings):
    training = world.training()
    session = SessionFactory(training=world.publish_metier(title="Publier ses données"))
    client.force_login(world.designer)

    submitted = client.post(
        reverse("www:contribute:transition", kwargs={"pk": training.pk, "name": "submit"})
    )
    registered = client.post(reverse("www:register", kwargs={"pk": session.pk}))
    assert (submitted.status_code, registered.status_code) == (302, 302)
    expected = OutgoingEmail.objects.filter(status=EmailStatus.PENDING).count()
    assert expected >= 3  # two reviewers, and the agent's confirmation

    assert run_tasks() >= expected  # every attempt fails: the server is down
    assert set(OutgoingEmail.objects.values_list("status", "attempts")) == {(EmailStatus.PENDING, 1)}
    assert "ConnectionRefusedError" in OutgoingEmail.objects.first().last_error

    inbox = Inbox()
    server = Controller(inbox, hostname="127.0.0.1", port=smtp_settings.EMAIL_PORT)
    server.start()
    try:
        # The retries are due a minute later: let the clock run past them.
        DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
        run_tasks()
    finally:
        server.stop()
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {EmailStatus.SENT}
    assert len(inbox.received) == expected
    recipients = {address for tos, _ in inbox.received for address in tos}
    assert {world.team.email, world.second_team.email, world.designer.email} <= recipients
