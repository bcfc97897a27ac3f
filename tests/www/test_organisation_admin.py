import html
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from mentor.accounts.enums import Role
from mentor.accounts.models import Invitation, Membership, User
from mentor.accounts.tokens import invitation_token
from mentor.organisations.models import TeamMembership
from tests.accounts.world import ROLES
from tests.factories import (
    CollectionFactory,
    MembershipFactory,
    PartnershipAgreementFactory,
    TeamMembershipFactory,
    UserFactory,
)
from tests.tasks import run_tasks

pytestmark = pytest.mark.django_db


def text(response):
    return html.unescape(response.content.decode())


def as_role(client, realm, role):
    if role != "anonymous":
        client.force_login(realm.users[role])
    return client


PAGES = {
    "manage MEF": (
        lambda w: reverse("www:organisation:manage", args=[w.mef.pk]),
        {"entity_admin", "dgafp_admin"},
        404,
    ),
    "manage MI": (lambda w: reverse("www:organisation:manage", args=[w.mi.pk]), {"dgafp_admin"}, 404),
    "MEF team": (
        lambda w: reverse("www:organisation:team", args=[w.mef.pk]),
        {"entity_admin", "dgafp_admin"},
        404,
    ),
    "requests": (
        lambda w: reverse("www:organisation:requests"),
        {"mentor_team", "entity_admin", "dgafp_admin"},
        403,
    ),
    "agreements": (lambda w: reverse("www:organisation:agreements"), {"entity_admin", "dgafp_admin"}, 403),
}
CASES = [(page, role) for page in PAGES for role in ROLES]


@pytest.mark.parametrize(("page", "role"), CASES, ids=[f"{p} — {r}" for p, r in CASES])
def test_who_reaches_the_administration_pages(client, realm, page, role):
    url, allowed, refusal = PAGES[page]
    response = as_role(client, realm, role).get(url(realm))
    if role == "anonymous":
        assert response.status_code == 302
    else:
        assert response.status_code == (200 if role in allowed else refusal)
    if response.status_code == 403:
        assert "Accès refusé" in text(response)  # with the permission's reason


def grant(client, realm, **data):
    return client.post(reverse("www:organisation:grant", args=[realm.mef.pk]), data)


def test_an_entity_administrator_grants_a_role_in_their_tree(client, realm):
    client.force_login(realm.users["entity_admin"])
    agent = realm.users["agent"]
    response = grant(client, realm, email=agent.email, role=Role.DESIGNER, organisation=realm.drfip.pk)
    assert response.status_code == 302
    assert Membership.objects.filter(user=agent, role=Role.DESIGNER, organisation=realm.drfip).exists()
    assert f"{agent.email}" in text(client.get(reverse("www:organisation:manage", args=[realm.mef.pk])))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"role": Role.DGAFP_ADMIN}, "ne fait pas partie de ceux que vous pouvez attribuer"),
        ({"role": "superuser"}, "ne fait pas partie de ceux que vous pouvez attribuer"),
        ({"organisation": "pref"}, "Choisissez une organisation de votre arborescence"),
        ({"organisation": 987654}, "Choisissez une organisation de votre arborescence"),
        ({"email": "inconnu@interieur.gouv.fr"}, "Aucun compte rattaché à votre arborescence"),
        # The ministry leads no collection: the role that would review nothing is not offered there.
        ({"role": Role.COLLECTION_REVIEWER}, "ne fait pas partie de ceux que vous pouvez attribuer"),
    ],
    ids=[
        "DGAFP role",
        "unknown role",
        "other ministry",
        "unknown organisation",
        "person outside",
        "no collection",
    ],
)
def test_a_tampered_grant_is_refused_and_saves_nothing(client, realm, change, message):
    client.force_login(realm.users["entity_admin"])
    data = {
        "email": realm.users["agent"].email,
        "role": Role.DESIGNER,
        "organisation": realm.drfip.pk,
        **change,
    }
    if data["organisation"] == "pref":
        data["organisation"] = realm.pref.pk
    before = Membership.objects.count()
    response = grant(client, realm, **data)
    assert response.status_code == 400
    assert message in text(response)
    assert Membership.objects.count() == before


def test_an_entity_administrator_withdraws_a_role_in_their_tree_only(client, realm):
    client.force_login(realm.users["entity_admin"])
    designer = Membership.objects.get(user=realm.users["designer"])
    response = client.post(reverse("www:organisation:withdraw", args=[realm.mef.pk, designer.pk]))
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=designer.pk).exists()

    elsewhere = MembershipFactory(organisation=realm.pref, role=Role.DESIGNER)
    for url in [
        reverse("www:organisation:withdraw", args=[realm.mef.pk, elsewhere.pk]),
        reverse("www:organisation:withdraw", args=[realm.mi.pk, elsewhere.pk]),
    ]:
        assert client.post(url).status_code == 404
    assert Membership.objects.filter(pk=elsewhere.pk).exists()


def test_withdrawing_ones_own_administrator_role_is_refused(client, realm):
    admin = realm.users["entity_admin"]
    client.force_login(admin)
    own = Membership.objects.get(user=admin, role=Role.ENTITY_ADMIN)
    response = client.post(reverse("www:organisation:withdraw", args=[realm.mef.pk, own.pk]))
    assert response.status_code == 403
    assert "Vous ne pouvez pas retirer votre propre rôle" in text(response)
    assert Membership.objects.filter(pk=own.pk).exists()


def test_an_invitation_by_signed_link_creates_the_account_with_its_role(
    client, realm, django_capture_on_commit_callbacks
):
    client.force_login(realm.users["entity_admin"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("www:organisation:invite", args=[realm.mef.pk]),
            {
                "email": "Nouvelle@igpde.finances.gouv.fr",
                "organisation": realm.igpde.pk,
                "role": Role.SESSION_MANAGER,
            },
        )
    run_tasks()
    assert response.status_code == 302
    assert mail.outbox[0].to == ["nouvelle@igpde.finances.gouv.fr"]
    link = re.search(r"https?://\S+/compte/invitation/\S+/", mail.outbox[0].body).group(0)
    client.logout()

    tampered = client.get(link[:-4] + "xyz/")
    assert tampered.status_code == 400 and "n'est pas valide" in text(tampered)

    assert "Rejoindre IGPDE" in text(client.get(link))
    password = "une-phrase-de-passe-solide"
    response = client.post(
        link, {"first_name": "Nina", "last_name": "Roy", "password1": password, "password2": password}
    )
    assert response.status_code == 302
    user = User.objects.get(email="nouvelle@igpde.finances.gouv.fr")
    assert (user.entity, user.is_active) == (realm.igpde, True)
    assert user.email_confirmed_at is not None
    assert Membership.objects.filter(user=user, organisation=realm.igpde, role=Role.SESSION_MANAGER).exists()
    assert Invitation.objects.get().accepted_at is not None
    client.logout()
    again = client.get(link)
    assert again.status_code == 400 and "déjà été acceptée" in text(again)


def test_an_invitation_cannot_carry_a_role_the_administrator_may_not_grant(client, realm):
    client.force_login(realm.users["entity_admin"])
    response = client.post(
        reverse("www:organisation:invite", args=[realm.mef.pk]),
        {"email": "x@finances.gouv.fr", "organisation": realm.dgfip.pk, "role": Role.DGAFP_ADMIN},
    )
    assert response.status_code == 400
    assert "ne fait pas partie de ceux que vous pouvez attribuer" in text(response)
    assert not Invitation.objects.exists() and not mail.outbox


def test_an_invitation_to_an_address_longer_than_the_standard_allows_is_refused(client, realm):
    client.force_login(realm.users["entity_admin"])
    email = "c" * 240 + "@finances.gouv.fr"  # 257 characters
    response = client.post(
        reverse("www:organisation:invite", args=[realm.mef.pk]),
        {"email": email, "organisation": realm.dgfip.pk, "role": ""},
    )
    assert response.status_code == 400
    assert "Une adresse électronique compte au plus 254 caractères (celle-ci en a 257)." in text(response)
    assert not Invitation.objects.exists() and not mail.outbox


def team_data(forms, total=None):
    data = {
        "form-TOTAL_FORMS": str(total or len(forms)),
        "form-INITIAL_FORMS": str(sum(1 for f in forms if f.get("id"))),
    }
    data["form-MIN_NUM_FORMS"] = "0"
    data["form-MAX_NUM_FORMS"] = "1000"
    for n, form in enumerate(forms):
        for key, value in form.items():
            data[f"form-{n}-{key}"] = value
    return data


def test_the_administrator_edits_the_team_shown_on_the_contact_page(client, realm):
    client.force_login(realm.users["entity_admin"])
    url = reverse("www:organisation:team", args=[realm.mef.pk])
    member = {
        "position": "1",
        "name": "Fatima Benali",
        "role_label": "Référente formation",
        "email": "mentor@finances.gouv.fr",
        "phone": "",
    }
    assert client.post(url, team_data([member])).status_code == 302
    saved = TeamMembership.objects.get()
    assert (saved.organisation, saved.name) == (realm.mef, "Fatima Benali")

    client.force_login(realm.users["agent"])
    assert "Fatima Benali" in text(client.get(reverse("www:contact")))

    client.force_login(realm.users["entity_admin"])
    response = client.post(url, team_data([{**member, "id": str(saved.pk), "DELETE": "on"}]))
    assert response.status_code == 302
    assert not TeamMembership.objects.exists()


def test_a_tampered_team_member_id_of_another_entity_changes_nothing(client, realm):
    other = TeamMembershipFactory(organisation=realm.mi, name="Gilles Bernard")
    client.force_login(realm.users["entity_admin"])
    url = reverse("www:organisation:team", args=[realm.mef.pk])
    forged = {"id": str(other.pk), "position": "1", "name": "Piraté", "role_label": "x", "email": "x@x.fr"}
    # Whether edited or deleted, the other entity's member is out of reach: the id is not in this team.
    client.post(url, team_data([forged]))
    client.post(url, team_data([{**forged, "DELETE": "on"}]))
    other.refresh_from_db()
    assert (other.name, other.organisation) == ("Gilles Bernard", realm.mi)


def test_a_team_member_needs_a_name_and_a_valid_email(client, realm):
    client.force_login(realm.users["entity_admin"])
    url = reverse("www:organisation:team", args=[realm.mef.pk])
    response = client.post(
        url, team_data([{"position": "1", "name": "", "role_label": "Référent", "email": "pas-une-adresse"}])
    )
    assert response.status_code == 400
    page = text(response)
    assert "Indiquez le nom à afficher" in page
    assert not TeamMembership.objects.exists()


def test_the_dgafp_administrator_sees_agreements_expiring_within_90_days(client, realm):
    today = timezone.localdate()
    PartnershipAgreementFactory(partner=realm.mi, ends_on=today + timedelta(days=45))
    PartnershipAgreementFactory(partner=realm.mef, ends_on=today + timedelta(days=400))
    client.force_login(realm.users["dgafp_admin"])
    page = text(client.get(reverse("www:organisation:agreements")))
    assert "Ministère de l'Intérieur" in page
    assert "Ministère de l'Économie" not in page


def test_an_entity_administrator_reads_the_agreements_of_their_organisation_and_above(client, realm):
    today = timezone.localdate()
    PartnershipAgreementFactory(
        partner=realm.mef,
        starts_on=today.replace(year=today.year - 1, month=12, day=1),
        ends_on=today.replace(year=today.year + 2, month=1, day=1),
    ).contributed_collections.add(realm.management)
    PartnershipAgreementFactory(partner=realm.mi)
    admin = UserFactory(entity=realm.dgfip)
    MembershipFactory(user=admin, organisation=realm.dgfip, role=Role.ENTITY_ADMIN)
    client.force_login(admin)
    page = text(client.get(reverse("www:organisation:agreements")))
    assert "Ministère de l'Économie" in page and "Active" in page and "Management" in page
    assert f"1er décembre {today.year - 1}" in page and f"1er janvier {today.year + 2}" in page
    assert "Ministère de l'Intérieur" not in page
    # Read-only: no link to change them.
    assert "administration" not in page.split('id="contenu"')[1].split("</main>")[0]


def test_a_user_without_role_administers_nothing(client, realm):
    client.force_login(UserFactory(entity=realm.mef))
    assert "Vous n'administrez aucune entité" in text(client.get(reverse("www:organisation:index")))


def test_an_existing_account_signed_in_accepts_an_invitation(client, realm):
    invited = UserFactory(email="invitee@finances.gouv.fr", entity=realm.mef)
    invitation = Invitation.objects.create(
        email=invited.email,
        organisation=realm.dgfip,
        role=Role.DESIGNER,
        invited_by=realm.users["entity_admin"],
    )
    link = reverse("accounts:invitation", args=[invitation_token(invitation)])
    assert "connectez-vous" in text(client.get(link))
    client.force_login(realm.users["agent"])
    assert client.post(link).status_code == 403, "another person's invitation"
    assert not Membership.objects.filter(user=invited).exists()
    client.force_login(invited)
    assert client.post(link).status_code == 302
    assert Membership.objects.filter(user=invited, organisation=realm.dgfip, role=Role.DESIGNER).exists()


def test_the_reviewer_role_is_offered_only_where_a_collection_is_led_and_asks_for_it(client, realm):
    client.force_login(realm.users["entity_admin"])
    page = text(client.get(reverse("www:organisation:manage", args=[realm.mef.pk])))
    assert "aucune ne l'est ici" in page and "Concepteur" in page
    assert 'value="collection_reviewer"' not in page
    client.force_login(realm.users["dgafp_admin"])
    page = text(client.get(reverse("www:organisation:manage", args=[realm.dgafp.pk])))
    assert 'value="collection_reviewer"' in page and "Collection relue" in page
    reviewer = UserFactory(entity=realm.dgafp)
    data = {"email": reviewer.email, "role": Role.COLLECTION_REVIEWER, "organisation": realm.dgafp.pk}
    response = client.post(reverse("www:organisation:grant", args=[realm.dgafp.pk]), data)
    assert response.status_code == 400
    assert "sans quoi ce rôle ne donnerait rien à relire" in text(response)
    assert not Membership.objects.filter(user=reviewer).exists()


def test_the_administration_refuses_a_reviewer_without_collection_with_the_reason(client, realm):
    admin = UserFactory(entity=realm.dgafp, is_staff=True, is_superuser=True)
    client.force_login(admin)
    reviewer = UserFactory(entity=realm.dgafp)
    data = {"user": reviewer.pk, "organisation": realm.dgafp.pk, "role": Role.COLLECTION_REVIEWER}
    response = client.post(reverse("admin:accounts_membership_add"), {**data, "collection": ""})
    assert response.status_code == 200
    assert "sans quoi ce rôle ne donnerait rien à relire" in text(response)
    assert not Membership.objects.filter(user=reviewer).exists()
    data["collection"] = realm.management.pk
    assert client.post(reverse("admin:accounts_membership_add"), data).status_code == 302
    assert Membership.objects.filter(user=reviewer, collection=realm.management).exists()


def test_a_reviewer_is_granted_a_collection_their_organisation_leads(client, realm):
    client.force_login(realm.users["dgafp_admin"])
    reviewer = UserFactory(entity=realm.dgafp)
    url = reverse("www:organisation:grant", args=[realm.dgafp.pk])
    data = {"email": reviewer.email, "role": Role.COLLECTION_REVIEWER, "organisation": realm.dgafp.pk}
    other = CollectionFactory(lead=realm.mi)
    response = client.post(url, {**data, "collection": other.pk})
    assert response.status_code == 400
    assert "cheffe de file" in text(response)
    assert client.post(url, {**data, "collection": realm.management.pk}).status_code == 302
    assert Membership.objects.filter(user=reviewer, collection=realm.management).exists()
