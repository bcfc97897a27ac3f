from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from mentor.offer.enums import RegistrationStatus, SessionStatus
from mentor.offer.models import Session
from tests.accounts.world import build_world
from tests.browser.accessibility import assert_accessible
from tests.browser.test_editorial import log_in
from tests.factories import RegistrationFactory, TrainingFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def local(days, hour):
    moment = timezone.localtime() + timedelta(days=days)
    return moment.replace(hour=hour, minute=0).strftime("%Y-%m-%dT%H:%M")


def test_a_session_manager_schedules_a_session_then_gives_a_postponed_one_new_dates(page):
    realm = build_world()
    TrainingFactory(owner=realm.igpde, title="Piloter un budget")
    log_in(page, realm.users["session_manager"])
    page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Sessions").click()
    page.get_by_role("link", name="Programmer une session").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Programmer une session")
    assert_accessible(page)
    page.get_by_label("Formation", exact=True).select_option(label="Piloter un budget")
    page.get_by_label("Organisation organisatrice").select_option(label="IGPDE (IGPDE)")
    page.get_by_label("Intitulé de la session").fill("Session de printemps")
    page.get_by_label("Début", exact=True).fill(local(30, 9))
    page.get_by_label("Fin", exact=True).fill(local(31, 17))
    page.get_by_label("Nombre de places").fill("12")
    page.get_by_label("Lieu", exact=True).fill("Paris, 20 allée Georges Pompidou")
    page.get_by_role("button", name="Programmer la session").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Session de printemps")
    expect(page.get_by_text("La session est programmée")).to_be_visible()
    page.get_by_role("button", name="Ouvrir les inscriptions").click()
    session = Session.objects.get()
    RegistrationFactory(session=session, user=UserFactory(), status=RegistrationStatus.CONFIRMED)
    page.get_by_role("button", name="Reporter la session").click()
    expect(page.get_by_text("reportée")).not_to_have_count(0)
    page.get_by_label("Nouveau début").fill(local(60, 9))
    page.get_by_label("Nouvelle fin").fill(local(61, 17))
    page.get_by_role("button", name="Fixer de nouvelles dates").click()
    expect(page.get_by_text("Les nouvelles dates sont enregistrées")).to_be_visible()
    assert_accessible(page)
    session.refresh_from_db()
    assert session.status == SessionStatus.REGISTRATION_OPEN
    assert timezone.localtime(session.starts_at).strftime("%Y-%m-%dT%H:%M") == local(60, 9)
