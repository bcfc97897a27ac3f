"""axe-core on every page of the main journeys, for each role, on the demo data: any serious or critical
violation fails. The pages are those the accessibility statement lists (``mentor/www/site/accessibility.py``)."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from mentor.offer.models import Session, Training
from mentor.www.site.accessibility import CHECKED_PAGES
from tests.browser.accessibility import assert_accessible
from tests.factories import SessionFactory

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "mentor-demo-2026"


def sign_in(page, email):
    page.context.clear_cookies()
    page.goto("/compte/connexion/")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("link", name="Mon compte").first).to_be_visible()


def check(page, url):
    page.goto(url)
    expect(page.get_by_role("heading", level=1).first).to_be_visible()
    assert_accessible(page)


@pytest.fixture
def demo(db):
    call_command("load_demo_data", verbosity=0)


def test_every_page_of_the_main_journeys_for_each_role_is_free_of_serious_violations(page, demo):
    training = Training.objects.filter(status="published", scope="transverse").order_by("pk").first()
    # The visitor.
    for url in [
        "/",
        "/collections/management/",
        "/catalogue/",
        "/catalogue/?q=management&page=1",
        training.get_absolute_url(),
        "/contributeurs/",
        "/contact/",
        "/compte/inscription/",
        "/compte/connexion/",
        "/mentions-legales/",
        "/donnees-personnelles/",
        "/plan-du-site/",
        "/accessibilite/",
    ]:
        check(page, url)
    page.goto("/api/v1/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_be_visible()
    expect(page.locator(".opblock").first).to_be_visible()
    assert_accessible(page)

    sign_in(page, "agent.bretagne@dgfip.finances.gouv.fr")
    for url in ["/mes-formations/", "/compte/profil/"]:
        check(page, url)

    sign_in(page, "conceptrice@dgfip.finances.gouv.fr")
    incomplete = Training.objects.get(slug="demo-brouillon-incomplet")
    for url in ["/contribuer/", "/contribuer/nouvelle/", f"/contribuer/formations/{incomplete.pk}/"]:
        check(page, url)

    sign_in(page, "referente@finances.gouv.fr")
    check(page, "/relectures/")
    page.locator("main table a").first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)

    session = Session.objects.filter(organiser__code="IGPDE").order_by("pk").first()
    for _ in range(31):  # enough for the pager, and its disabled « previous » link
        SessionFactory(training=session.training, organiser=session.organiser)
    sign_in(page, "gestionnaire@igpde.finances.gouv.fr")
    check(page, "/gestion/sessions/")
    expect(page.get_by_role("navigation", name="Pagination")).to_be_visible()
    check(page, f"/gestion/sessions/{session.pk}/")

    sign_in(page, "admin.entite@finances.gouv.fr")
    for url in ["/organisation/", "/organisation/conventions/"]:
        check(page, url)
    page.goto("/organisation/")
    page.locator("main ul a").first.click()
    expect(page.get_by_role("heading", level=2, name="Attribuer un rôle")).to_be_visible()
    assert_accessible(page)
    sign_in(page, "relecteur@numerique.gouv.fr")
    check(page, "/relectures/")

    sign_in(page, "admin@fonction-publique.gouv.fr")
    for url in ["/organisation/conventions/", "/contributeurs/", "/gestion/sessions/nouvelle/"]:
        check(page, url)
    # The statement lists what this test walks through: a page added here is added there.
    assert len(CHECKED_PAGES) == 21
