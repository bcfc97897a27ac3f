import html
import json
import re

import pytest
from django.core import mail
from django.urls import reverse

from mentor.accounts.enums import RequestStatus, Role
from mentor.accounts.models import EntityChangeRequest, Membership, User
from mentor.offer.models import Registration
from mentor.organisations.models import ContactMessage, TeamMembership
from tests.factories import DEFAULT_PASSWORD, RegistrationFactory, TeamMembershipFactory
from tests.tasks import run_tasks

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(response.content.decode())


def test_the_profile_changes_names(client, realm):
    agent = realm.users["agent"]
    client.force_login(agent)
    assert agent.email in text(client.get(reverse("accounts:profile")))
    response = client.post(reverse("accounts:update_names"), {"first_name": "Anne", "last_name": "Le Goff"})
    assert response.status_code == 302
    agent.refresh_from_db()
    assert (agent.first_name, agent.last_name) == ("Anne", "Le Goff")
    response = client.post(reverse("accounts:update_names"), {"first_name": "", "last_name": "X"})
    assert response.status_code == 400
    agent.refresh_from_db()
    assert agent.first_name == "Anne"


def test_the_profile_changes_the_password(client, realm):
    agent = realm.users["agent"]
    client.force_login(agent)
    new = "une-toute-nouvelle-phrase"
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": DEFAULT_PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    agent.refresh_from_db()
    assert agent.check_password(new)


def test_an_entity_change_is_decided_by_the_new_entitys_mentor_team(
    client, realm, django_capture_on_commit_callbacks
):
    agent = realm.users["agent"]  # attached to DRFiP, in MEF
    mi_team = User.objects.create_user("referent@interieur.gouv.fr", "x" * 12, entity=realm.mi)
    Membership.objects.create(user=mi_team, organisation=realm.mi, role=Role.MENTOR_TEAM)
    client.force_login(agent)
    page = text(client.get(reverse("accounts:entity_change"), {"q": "gironde"}))
    assert f'id="entite-{realm.pref.pk}"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:entity_change"), {"entity": realm.pref.pk})
    run_tasks()
    assert response.status_code == 302
    change = EntityChangeRequest.objects.get(user=agent)
    assert (change.from_entity, change.to_entity, change.status) == (
        realm.drfip,
        realm.pref,
        RequestStatus.PENDING,
    )
    assert mail.outbox[-1].to == [mi_team.email]
    agent.refresh_from_db()
    assert agent.entity == realm.drfip, "nothing changes before the decision"

    # A second request while one waits is refused.
    response = client.post(reverse("accounts:entity_change"), {"entity": realm.mi.pk})
    assert "déjà en attente" in text(response)
    assert EntityChangeRequest.objects.filter(user=agent).count() == 1

    # The OLD entity's team may not decide: the request is not even theirs to see.
    client.force_login(realm.users["mentor_team"])
    response = client.post(
        reverse("www:organisation:decide_entity_change", args=[change.pk]), {"decision": "accept"}
    )
    assert response.status_code == 404

    client.force_login(mi_team)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("www:organisation:decide_entity_change", args=[change.pk]), {"decision": "accept"}
        )
    run_tasks()
    agent.refresh_from_db()
    change.refresh_from_db()
    assert agent.entity == realm.pref and change.status == RequestStatus.ACCEPTED
    assert mail.outbox[-1].to == [agent.email] and "acceptée" in mail.outbox[-1].body


@pytest.mark.parametrize(
    ("entity", "message"),
    [("igpde", "ne peut pas être choisie"), (987654, "n'existe pas"), ("drfip", "déjà votre entité")],
    ids=["training provider", "tampered id", "same entity"],
)
def test_an_entity_change_to_a_forbidden_entity_is_refused(client, realm, entity, message):
    client.force_login(realm.users["agent"])
    value = getattr(realm, entity).pk if isinstance(entity, str) else entity
    response = client.post(reverse("accounts:entity_change"), {"entity": value})
    assert response.status_code == 400
    assert message in text(response)
    assert not EntityChangeRequest.objects.exists()


def test_personal_data_are_downloaded_as_json(client, realm):
    agent = realm.users["agent"]
    registration = RegistrationFactory(user=agent)
    client.force_login(agent)
    response = client.get(reverse("accounts:personal_data"))
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["compte"]["adresse_electronique"] == agent.email
    assert data["compte"]["entite_de_rattachement"] == "DRFiP de Bretagne"
    assert [r["formation"] for r in data["inscriptions"]] == [registration.session.training.title]


def test_personal_data_need_a_signed_in_user(client, realm):
    response = client.get(reverse("accounts:personal_data"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_deleting_the_account_anonymises_registrations_and_removes_roles(client, realm):
    user = realm.users["mentor_team"]
    registration = RegistrationFactory(user=user)
    TeamMembershipFactory(organisation=realm.mef, user=user, name="")
    message = ContactMessage.objects.create(
        organisation=realm.mef, sender=user, sender_email=user.email, subject="Question", body="Bonjour"
    )
    client.force_login(user)
    response = client.post(reverse("accounts:delete"), {"password": "pas le bon"})
    assert response.status_code == 400
    assert "pas le bon" in text(response)
    assert User.objects.filter(pk=user.pk).exists()

    response = client.post(reverse("accounts:delete"), {"password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    assert not User.objects.filter(email=user.email).exists()
    registration.refresh_from_db()
    assert registration.user is None
    assert Registration.objects.filter(pk=registration.pk).exists()
    assert not Membership.objects.filter(user_id=user.pk).exists()
    assert not TeamMembership.objects.filter(user_id=user.pk).exists()
    message.refresh_from_db()
    assert (message.sender, message.sender_email) == (None, "")
    # Signed out.
    assert client.get(reverse("accounts:profile")).status_code == 302


def test_password_reset_sends_a_link_that_sets_a_new_password(client, realm):
    agent = realm.users["agent"]
    response = client.post(reverse("accounts:password_reset"), {"email": agent.email})
    assert response.status_code == 302
    run_tasks()
    link = re.search(r"https?://\S+/compte/mot-de-passe/nouveau/\S+/", mail.outbox[0].body).group(0)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    new = "encore-une-autre-phrase"
    response = client.post(form_url, {"new_password1": new, "new_password2": new})
    assert response.status_code == 302
    agent.refresh_from_db()
    assert agent.check_password(new)


def test_the_header_links_to_contact_account_and_sign_up(client, realm):
    page = text(client.get(reverse("www:home")))
    assert reverse("www:contact") in page and reverse("accounts:signup") in page
    client.force_login(realm.users["agent"])
    assert reverse("accounts:profile") in text(client.get(reverse("www:home")))
