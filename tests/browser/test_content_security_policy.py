"""Every main page works in the browser with the Content-Security-Policy ENFORCED, and the browser reports no
violation: no script, style, image or connection the policy refuses (README, « En production »)."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from mentor.bootstrap.demo.accounts import DEMO_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

# Each violation the page's document sees, kept where the test can read it (an init script is not subject to the
# page's policy; the policy itself must not be loosened for the test).
LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""


@pytest.fixture
def demo(db):
    call_command("load_demo_data")


@pytest.fixture
def watched(page):
    """The page, with every CSP violation it reports, by event or in the console."""
    page.console_violations = []
    page.add_init_script(LISTEN)
    page.on(
        "console",
        lambda message: (
            page.console_violations.append(message.text)
            if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text
            else None
        ),
    )
    return page


def visit(page, path, visible):
    """Open ``path``: the policy is enforced, the page works (``visible`` shows, the design system's script ran),
    and nothing was refused."""
    response = page.goto(path)
    assert response.status == 200, path
    policy = response.headers.get("content-security-policy", "")
    assert "default-src 'self'" in policy and "'unsafe-inline'" not in policy, path
    assert "content-security-policy-report-only" not in response.headers
    assert "camera=()" in response.headers.get("permissions-policy", "")
    expect(visible(page)).to_be_visible()
    return check_no_violation(page, path)


def check_no_violation(page, path):
    page.wait_for_load_state("load")
    reported = page.evaluate("window.__cspViolations")
    assert reported == [] and page.console_violations == [], f"{path} : {reported} {page.console_violations}"


def design_system_ran(page):
    expect(page.locator("html")).to_have_attribute("data-fr-js", "true")


def heading(text):
    return lambda page: page.get_by_role("heading", level=1, name=re.compile(text))


def log_in(page, email):
    page.context.clear_cookies()
    page.goto("/compte/connexion/")
    main = page.locator("main")
    main.get_by_label(re.compile("courriel|adresse électronique", re.I)).fill(email)
    main.get_by_label(re.compile("^mot de passe", re.I)).first.fill(DEMO_PASSWORD)
    main.get_by_role("button", name=re.compile("^Se connecter")).click()
    expect(page.get_by_role("link", name="Mon compte").first).to_be_visible()


def follow_first(page, scope, path):
    """The address of the first link of ``scope`` on the page at ``path``."""
    page.goto(path)
    link = page.locator(scope).first
    expect(link).to_be_visible()
    return link.get_attribute("href")


def test_every_main_page_works_with_the_policy_enforced_and_reports_no_violation(watched, live_server, demo):
    page = watched
    # Anonymous visitors.
    visit(page, "/", lambda p: p.locator(".fr-tile, .fr-card").first)
    design_system_ran(page)
    visit(page, "/catalogue/", lambda p: p.locator(".mentor-training-card").first)
    # The design system's script draws the facets' disclosure and the header's menu: it ran under the policy.
    design_system_ran(page)
    training = follow_first(page, ".mentor-training-card .fr-card__title a", "/catalogue/")
    visit(page, training, lambda p: p.get_by_role("heading", level=2, name="Sessions"))
    visit(page, "/collections/management/", heading("Management"))
    visit(page, "/contact/", heading("Contact"))
    visit(page, "/compte/connexion/", lambda p: p.get_by_role("button", name=re.compile("^Se connecter")))
    visit(page, "/compte/inscription/", heading("Créer"))
    # The API's documentation: Swagger UI starts (its script is a file) and reads the schema.
    visit(page, "/api/v1/docs/", lambda p: p.get_by_text("API Mentor — offre de formation").first)

    # An agent's account pages.
    log_in(page, "agent.bretagne@dgfip.finances.gouv.fr")
    visit(page, "/compte/profil/", heading("compte"))
    visit(page, "/compte/profil/mot-de-passe/", heading("mot de passe"))
    visit(page, "/mes-formations/", heading("formations"))
    visit(page, "/compte/profil/entite/", lambda p: p.get_by_role("heading", level=1))
    visit(page, "/compte/profil/suppression/", lambda p: p.get_by_role("heading", level=1))

    # A designer's contributions.
    log_in(page, "conceptrice@dgfip.finances.gouv.fr")
    visit(page, "/contribuer/", heading("Contribuer|contributions|formations"))
    contribution = follow_first(page, "main a[href^='/contribuer/formations/']", "/contribuer/")
    visit(page, contribution, lambda p: p.get_by_role("heading", level=1))

    # A reviewer's queue and a training under review.
    log_in(page, "referente@finances.gouv.fr")
    visit(page, "/relectures/", heading("electure"))
    review = follow_first(page, "main a[href^='/relectures/formations/']", "/relectures/")
    visit(page, review, lambda p: p.get_by_role("heading", level=1))

    # An entity administrator's organisation pages.
    log_in(page, "admin.entite@finances.gouv.fr")
    visit(page, "/organisation/", lambda p: p.get_by_role("heading", level=1))
    organisation = follow_first(page, "main a[href^='/organisation/'][href$='/']", "/organisation/")
    visit(page, organisation, lambda p: p.get_by_role("heading", level=1))
    visit(page, "/organisation/demandes/", lambda p: p.get_by_role("heading", level=1))

    # A session manager's sessions.
    log_in(page, "gestionnaire@igpde.finances.gouv.fr")
    visit(page, "/gestion/sessions/", heading("Sessions que je gère"))
    session = follow_first(page, "main table a[href^='/gestion/sessions/']", "/gestion/sessions/")
    visit(page, session, lambda p: p.get_by_role("heading", level=2, name="Statut de la session"))

    # The DGAFP administrators' partnership agreements and /admin/ (its list and form of trainings).
    log_in(page, "admin@fonction-publique.gouv.fr")
    visit(page, "/organisation/conventions/", lambda p: p.get_by_role("heading", level=1))
    visit(page, "/admin/", lambda p: p.locator("#site-name"))
    visit(page, "/admin/offer/training/", lambda p: p.locator("#result_list"))
    change = follow_first(page, "#result_list tbody th a", "/admin/offer/training/")
    visit(page, change, lambda p: p.locator("input[name=title]"))
