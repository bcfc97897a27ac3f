import html
import re
import time

import pytest
from django.core import mail, signing
from django.urls import reverse

from mentor.accounts.enums import RequestStatus
from mentor.accounts.models import AccountRequest, User
from mentor.accounts.tokens import CONFIRMATION_MAX_AGE, confirmation_token
from tests.tasks import run_tasks

pytestmark = pytest.mark.django_db

PASSWORD = "une-phrase-de-passe-solide"


def sign_up(client, email, entity, **overrides):
    data = {
        "email": email,
        "first_name": "Camille",
        "last_name": "Durand",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "entity": entity.pk if hasattr(entity, "pk") else entity,
        **overrides,
    }
    return client.post(reverse("accounts:signup"), data)


def text(response) -> str:
    return html.unescape(response.content.decode())


def listed_ids(html) -> set[int]:
    return {int(pk) for pk in re.findall(r'<input type="radio"\s+id="entite-(\d+)"', html)}


def confirmation_link(message) -> str:
    return re.search(r"https?://\S+/compte/confirmation/\S+/", message.body).group(0)


def test_the_entity_is_preselected_from_the_email_domain(client, realm):
    response = client.get(reverse("accounts:signup"), {"email": "camille.durand@dgfip.finances.gouv.fr"})
    html = text(response)
    assert "Proposée d'après votre adresse : DGFiP" in html
    checked = re.search(r'<input type="radio"\s+id="entite-(\d+)"[^>]*checked', html)
    assert checked and int(checked.group(1)) == realm.dgfip.pk
    # The suggestion's subtree is listed, training providers are not.
    assert listed_ids(html) == {realm.dgfip.pk, realm.drfip.pk}


def test_the_entity_search_narrows_the_list_without_javascript(client, realm):
    html = client.get(reverse("accounts:signup"), {"q": "gironde"}).content.decode()
    assert listed_ids(html) == {realm.pref.pk}
    html = client.get(reverse("accounts:signup"), {"q": "ministère"}).content.decode()
    assert listed_ids(html) == {realm.mef.pk, realm.mi.pk}


def test_sign_up_at_a_known_domain_then_confirm_opens_the_account(
    client, realm, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, "Camille.Durand@dgfip.finances.gouv.fr", realm.drfip)
    run_tasks()
    assert response.status_code == 302
    user = User.objects.get(email="camille.durand@dgfip.finances.gouv.fr")
    assert (user.is_active, user.entity, user.email_confirmed_at) == (False, realm.drfip, None)
    assert not AccountRequest.objects.exists()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [user.email]

    link = confirmation_link(mail.outbox[0])
    # Following the link does not confirm by itself (mail scanners open links): the button does.
    assert "Confirmer mon adresse" in text(client.get(link))
    user.refresh_from_db()
    assert not user.is_active
    response = client.post(link, follow=True)
    assert "vous pouvez vous connecter" in text(response)
    user.refresh_from_db()
    assert user.is_active and user.email_confirmed_at is not None
    assert client.login(username=user.email, password=PASSWORD)


def test_an_unknown_domain_gives_an_account_request_decided_by_the_mentor_team(
    client, realm, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, "camille@prestataire.fr", realm.drfip)
    run_tasks()
    user = User.objects.get(email="camille@prestataire.fr")
    account_request = AccountRequest.objects.get(user=user)
    assert account_request.entity == realm.drfip and account_request.is_pending

    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirmation_link(mail.outbox[0]))
    run_tasks()
    user.refresh_from_db()
    assert user.email_confirmed_at is not None and not user.is_active
    # The Mentor team of the ministry and its administrator hear of it.
    notified = {address for message in mail.outbox[1:] for address in message.to}
    assert notified == {realm.users["mentor_team"].email, realm.users["entity_admin"].email}

    client.force_login(realm.users["mentor_team"])
    page = text(client.get(reverse("www:organisation:requests")))
    assert "camille@prestataire.fr" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("www:organisation:decide_account_request", args=[account_request.pk]),
            {"decision": "accept"},
        )
    run_tasks()
    assert response.status_code == 302
    user.refresh_from_db()
    account_request.refresh_from_db()
    assert user.is_active and account_request.status == RequestStatus.ACCEPTED
    assert account_request.decided_by == realm.users["mentor_team"]
    assert mail.outbox[-1].to == [user.email] and "acceptée" in mail.outbox[-1].body


def test_a_refused_request_keeps_the_account_closed_and_tells_the_requester(
    client, realm, django_capture_on_commit_callbacks
):
    sign_up(client, "camille@prestataire.fr", realm.drfip)
    user = User.objects.get(email="camille@prestataire.fr")
    client.post(reverse("accounts:confirm", args=[confirmation_token(user)]))
    account_request = AccountRequest.objects.get(user=user)
    client.force_login(realm.users["entity_admin"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("www:organisation:decide_account_request", args=[account_request.pk]),
            {"decision": "refuse"},
        )
    run_tasks()
    user.refresh_from_db()
    assert not user.is_active
    assert "refusée" in mail.outbox[-1].body


def test_a_request_outside_the_reviewers_tree_is_a_404(client, realm):
    sign_up(client, "camille@prestataire.fr", realm.pref)
    user = User.objects.get(email="camille@prestataire.fr")
    client.post(reverse("accounts:confirm", args=[confirmation_token(user)]))
    account_request = AccountRequest.objects.get(user=user)
    client.force_login(realm.users["mentor_team"])  # Mentor team of MEF, the request is for MI
    page = text(client.get(reverse("www:organisation:requests")))
    assert "Demandes de compte" in page
    assert "camille@prestataire.fr" not in page
    response = client.post(
        reverse("www:organisation:decide_account_request", args=[account_request.pk]), {"decision": "accept"}
    )
    assert response.status_code == 404
    account_request.refresh_from_db()
    assert account_request.is_pending


def test_a_domain_of_another_ministry_needs_a_request_too(client, realm):
    sign_up(client, "camille@interieur.gouv.fr", realm.drfip)
    assert AccountRequest.objects.filter(user__email="camille@interieur.gouv.fr").exists()


def test_a_duplicate_email_is_refused_with_a_french_message(client, realm):
    response = sign_up(client, realm.users["agent"].email.upper(), realm.drfip)
    assert response.status_code == 200
    assert "Un compte existe déjà avec cette adresse" in text(response)
    assert User.objects.filter(email__iexact=realm.users["agent"].email).count() == 1


@pytest.mark.parametrize(
    ("entity", "message"),
    [
        ("igpde", "ne peut pas être choisie comme entité de rattachement"),
        (999999, "Cette entité n'existe pas"),
        ("", "Choisissez votre entité de rattachement"),
    ],
    ids=["training provider", "tampered id", "missing"],
)
def test_an_entity_the_user_may_not_choose_is_refused(client, realm, entity, message):
    entity = getattr(realm, entity) if isinstance(entity, str) and entity else entity
    response = sign_up(client, "camille@dgfip.finances.gouv.fr", entity)
    assert response.status_code == 200
    assert message in text(response)
    assert not User.objects.filter(email="camille@dgfip.finances.gouv.fr").exists()
    assert not mail.outbox


def test_mismatched_or_weak_passwords_are_refused(client, realm):
    response = sign_up(client, "camille@dgfip.finances.gouv.fr", realm.drfip, password2="autre-chose-encore")
    assert "Les deux mots de passe ne sont pas identiques" in text(response)
    response = sign_up(
        client, "camille@dgfip.finances.gouv.fr", realm.drfip, password1="12345678", password2="12345678"
    )
    assert response.status_code == 200
    assert not User.objects.filter(email="camille@dgfip.finances.gouv.fr").exists()


def test_a_tampered_confirmation_link_is_refused(client, realm):
    user = realm.users["agent"]
    token = confirmation_token(user)
    response = client.get(reverse("accounts:confirm", args=[token[:-3] + "abc"]))
    assert response.status_code == 400
    assert "n'est pas valide" in text(response)


def test_an_expired_confirmation_link_is_refused_and_confirms_nothing(client, realm, monkeypatch):
    user = realm.users["agent"]
    user.is_active = False
    user.save()
    # A link signed longer ago than CONFIRMATION_MAX_AGE.
    now = time.time()
    monkeypatch.setattr(signing.time, "time", lambda: now - CONFIRMATION_MAX_AGE.total_seconds() - 60)
    token = confirmation_token(user)
    monkeypatch.undo()
    response = client.post(reverse("accounts:confirm", args=[token]))
    assert response.status_code == 400
    assert "a expiré" in text(response)
    user.refresh_from_db()
    assert not user.is_active and user.email_confirmed_at is None


def test_a_link_for_an_address_since_changed_is_refused(client, realm):
    user = realm.users["agent"]
    token = confirmation_token(user)
    user.email = "nouvelle@dgfip.finances.gouv.fr"
    user.save()
    assert client.get(reverse("accounts:confirm", args=[token])).status_code == 400


def test_an_address_longer_than_the_standard_allows_is_refused(client, realm):
    email = "c" * 240 + "@dgfip.finances.gouv.fr"  # 263 characters: valid in shape, longer than 254
    response = sign_up(client, email, realm.drfip)
    assert response.status_code == 200
    assert "Une adresse électronique compte au plus 254 caractères (celle-ci en a 263)." in text(response)
    assert not User.objects.filter(email=email).exists()
    # 254 characters are accepted.
    email = "c" * 231 + "@dgfip.finances.gouv.fr"
    assert len(email) == 254
    assert sign_up(client, email, realm.drfip).status_code == 302
    assert User.objects.filter(email=email).exists()


def test_the_address_is_asked_once_and_kept_by_the_entity_search(client, realm):
    response = client.post(
        reverse("accounts:signup"),
        {
            "email": "camille.durand@dgfip.finances.gouv.fr",
            "q": "bretagne",
            "first_name": "Camille",
            "rechercher": "1",
        },
    )
    html = text(response)
    assert response.status_code == 200
    # A search is not a sign-up attempt: no error, nothing created, the typed values come back.
    assert "Le formulaire contient des erreurs" not in html
    assert not User.objects.filter(email="camille.durand@dgfip.finances.gouv.fr").exists()
    assert html.count('type="email"') == 1
    assert 'value="camille.durand@dgfip.finances.gouv.fr"' in html and 'value="Camille"' in html
    assert listed_ids(html) >= {realm.drfip.pk}
