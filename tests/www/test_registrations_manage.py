import pytest
from django.urls import reverse

from mentor.accounts.enums import Role
from mentor.offer.enums import RegistrationMode, RegistrationStatus, SessionStatus
from tests.factories import MembershipFactory, RegistrationFactory, SessionFactory, UserFactory
from tests.tasks import run_tasks

pytestmark = pytest.mark.django_db

S = RegistrationStatus


@pytest.fixture
def manager():
    return UserFactory(email="gestionnaire@example.gouv.fr")


@pytest.fixture
def session(manager):
    session = SessionFactory(
        title="Session de mai", registration_mode=RegistrationMode.ON_REQUEST, capacity=1
    )
    session.managers.add(manager)
    return session


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def decide(client, registration, decision):
    return client.post(reverse("www:decide_registration", args=[registration.pk, decision]), follow=True)


def test_a_manager_sees_their_sessions_with_their_counts(client, manager, session):
    RegistrationFactory(session=session, status=S.REQUESTED)
    RegistrationFactory(session=session, status=S.CONFIRMED)
    SessionFactory(title="Session d'un autre")
    client.force_login(manager)
    response = client.get(reverse("www:managed_sessions"))
    [row] = response.context["page_obj"].object_list
    assert (row, row.requested, row.confirmed, row.waiting) == (session, 1, 1, 0)
    assert "Session de mai" in response.content.decode()
    assert "Session d&#x27;un autre" not in response.content.decode()


def test_a_session_manager_of_the_organiser_sees_its_sessions_too(client, session):
    inherited = MembershipFactory(organisation=session.organiser, role=Role.SESSION_MANAGER).user
    client.force_login(inherited)
    assert client.get(reverse("www:managed_session", args=[session.pk])).status_code == 200


def test_a_manager_accepts_and_refuses_requests(
    client, manager, session, mailoutbox, django_capture_on_commit_callbacks
):
    first = RegistrationFactory(session=session, status=S.REQUESTED)
    second = RegistrationFactory(session=session, status=S.REQUESTED)
    third = RegistrationFactory(session=session, status=S.REQUESTED)
    client.force_login(manager)
    page = client.get(reverse("www:managed_session", args=[session.pk])).content.decode()
    assert reverse("www:decide_registration", args=[first.pk, "accepter"]) in page
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(client, first, "accepter")
    run_tasks()
    assert messages_of(response) == ["La demande est acceptée : l'inscription est confirmée."]
    response = decide(client, second, "accepter")
    assert messages_of(response) == [
        "La demande est acceptée, mais la session est complète : l'agent est sur la liste d'attente."
    ]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("www:decide_registration", args=[third.pk, "refuser"]),
            {"comment": "Public visé : encadrants uniquement"},
            follow=True,
        )
    run_tasks()
    assert messages_of(response) == ["L'inscription est refusée."]
    response = decide(client, third, "accepter")
    assert messages_of(response) == ["Cette demande a déjà été traitée."]
    for registration in (first, second, third):
        registration.refresh_from_db()
    assert (first.status, second.status, third.status) == (S.CONFIRMED, S.WAITING, S.REFUSED)
    assert [m.to for m in mailoutbox] == [[first.user.email], [second.user.email], [third.user.email]]
    assert "liste d'attente" in mailoutbox[1].body
    assert "Motif : Public visé : encadrants uniquement" in mailoutbox[2].body
    assert third.comment == "Public visé : encadrants uniquement"


def test_acting_on_a_request_of_a_session_one_does_not_manage_is_a_404(client, session):
    request = RegistrationFactory(session=session, status=S.REQUESTED)
    client.force_login(UserFactory())
    assert client.get(reverse("www:managed_session", args=[session.pk])).status_code == 404
    response = client.post(reverse("www:decide_registration", args=[request.pk, "accepter"]))
    assert response.status_code == 404
    assert (
        client.post(
            reverse("www:session_transition", args=[session.pk]), {"transition": "cancel"}
        ).status_code
        == 404
    )
    request.refresh_from_db()
    assert request.status == S.REQUESTED


def test_an_unknown_decision_is_a_404(client, manager, session):
    request = RegistrationFactory(session=session, status=S.REQUESTED)
    client.force_login(manager)
    assert client.post(reverse("www:decide_registration", args=[request.pk, "supprimer"])).status_code == 404


def test_a_manager_moves_the_session_along_its_lifecycle(
    client, manager, session, django_capture_on_commit_callbacks, mailoutbox
):
    registration = RegistrationFactory(session=session, status=S.CONFIRMED)
    client.force_login(manager)
    page = client.get(reverse("www:managed_session", args=[session.pk])).content.decode()
    assert "Annuler la session" in page and "Archiver la session" not in page
    url = reverse("www:session_transition", args=[session.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"transition": "cancel"}, follow=True)
    run_tasks()
    assert messages_of(response) == ["La session est désormais au statut « Annulée »."]
    session.refresh_from_db()
    registration.refresh_from_db()
    assert (session.status, registration.status) == (SessionStatus.CANCELLED, S.CANCELLED)
    assert [m.subject for m in mailoutbox] == [f"[Mentor] Session annulée : « {session.training.title} »"]
    page = client.get(reverse("www:managed_session", args=[session.pk])).content.decode()
    assert "Historique des statuts" in page
    assert "inscriptions ouvertes → annulée" in page
    response = client.post(url, {"transition": "start"}, follow=True)
    assert messages_of(response) == [
        "« Démarrer la session » est impossible : la session est au statut « annulée »."
    ]
    response = client.post(url, {"transition": "n-importe-quoi"}, follow=True)
    assert messages_of(response) == ["Cette action n'existe pas pour une session."]


def test_a_manager_changes_the_capacity_and_bad_values_are_refused(client, manager, session):
    waiting = RegistrationFactory(session=session, status=S.WAITING)
    RegistrationFactory(session=session, status=S.CONFIRMED)
    client.force_login(manager)
    url = reverse("www:session_capacity", args=[session.pk])
    for value, message in [
        ("-1", "Le nombre de places ne peut pas être négatif."),
        ("beaucoup", "Saisissez un nombre entier de places."),
        (
            "0",
            "La session compte déjà 1 inscrits confirmés : le nombre de places ne peut pas descendre en dessous.",
        ),
    ]:
        assert messages_of(client.post(url, {"capacity": value}, follow=True)) == [message]
    session.refresh_from_db()
    assert session.capacity == 1
    response = client.post(url, {"capacity": "2"}, follow=True)
    assert messages_of(response) == ["Le nombre de places est enregistré."]
    waiting.refresh_from_db()
    assert waiting.status == S.CONFIRMED


def test_the_management_pages_require_logging_in(client, session):
    for url in (reverse("www:managed_sessions"), reverse("www:managed_session", args=[session.pk])):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("count", [3, 30])
def test_the_session_list_keeps_its_query_budget(client, manager, django_assert_num_queries, count):
    for _ in range(count):
        managed = SessionFactory()
        managed.managers.add(manager)
        RegistrationFactory(session=managed, status=S.REQUESTED)
    client.force_login(manager)
    with django_assert_num_queries(6):
        response = client.get(reverse("www:managed_sessions"))
    assert len(response.context["page_obj"].object_list) == count
