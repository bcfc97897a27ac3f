"""Generated sentences name organisations with their article, count with the French plural and date with
« 1er »."""

import datetime
import html

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from mentor.accounts.models import Invitation
from mentor.accounts.tokens import invitation_token
from mentor.offer.enums import RegistrationStatus
from mentor.organisations.enums import OrganisationKind
from tests.factories import (
    CollectionFactory,
    MembershipFactory,
    OrganisationFactory,
    RegistrationFactory,
    SessionFactory,
    TeamMembershipFactory,
    TrainingFactory,
    UserFactory,
)
from tests.tasks import run_tasks

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return " ".join(html.unescape(response.content.decode()).split())


def test_the_contact_page_names_the_team_with_its_article(client):
    ministry = OrganisationFactory(name="Ministère de l'Intérieur")
    service = OrganisationFactory(
        name="Préfecture de la Gironde", kind=OrganisationKind.DECONCENTRATED_SERVICE, parent=ministry
    )
    TeamMembershipFactory(organisation=ministry)
    client.force_login(UserFactory(entity=service))
    page = text(client.get(reverse("www:contact")))
    assert "L'équipe Mentor du ministère de l'Intérieur" in page
    assert "celle de l'organisation dont elle relève, le ministère de l'Intérieur." in page


def test_an_empty_collection_and_one_confirmed_registration_take_the_singular(client):
    collection = CollectionFactory(name="Langues", slug="langues-test")
    page = text(client.get(reverse("www:collection", args=[collection.slug])))
    assert "0 formation de cette collection vous est ouverte." in page
    session = SessionFactory(
        training=TrainingFactory(owner=OrganisationFactory(name="Institut national du service public")),
        starts_at=timezone.make_aware(datetime.datetime(2027, 3, 1, 9, 0)),
        ends_at=timezone.make_aware(datetime.datetime(2027, 3, 2, 17, 0)),
    )
    RegistrationFactory(session=session, status=RegistrationStatus.CONFIRMED)
    manager = UserFactory()
    session.managers.add(manager)
    client.force_login(manager)
    page = text(client.get(reverse("www:managed_session", args=[session.pk])))
    assert "1 inscrit confirmé" in page
    assert "organisée par l'Institut national du service public" in page
    assert "Du 1er mars 2027 à 9 h au 2 mars 2027 à 17 h" in page  # non-breaking spaces, read as spaces here


def test_the_invitation_email_says_whom_to_join(client):
    direction = OrganisationFactory(name="Direction régionale de l'environnement d'Occitanie", code="DREAL")
    admin = MembershipFactory(organisation=direction, role="entity_admin").user
    client.force_login(admin)
    response = client.post(
        reverse("www:organisation:invite", args=[direction.pk]),
        {"email": "camille@example.gouv.fr", "organisation": direction.pk, "role": ""},
    )
    assert response.status_code == 302
    run_tasks()
    message = mail.outbox[-1]
    assert message.subject == (
        "[Mentor] Vous êtes invité(e) à rejoindre la direction régionale de l'environnement d'Occitanie sur Mentor"
    )
    assert "vous invite à rejoindre la direction régionale de l'environnement d'Occitanie" in message.body
    invitation = Invitation.objects.get()
    client.logout()
    page = text(client.get(reverse("accounts:invitation", args=[invitation_token(invitation)])))
    assert "Rejoindre la direction régionale de l'environnement d'Occitanie" in page
