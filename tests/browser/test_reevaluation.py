from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from mentor.editorial.models import Label
from tests.browser.accessibility import assert_accessible
from tests.browser.test_editorial import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_designer_sees_the_label_expiry_and_asks_for_a_reevaluation_the_team_reviews(page, world):
    training = world.publish_metier()
    valid_until = timezone.localdate() + timedelta(days=45)
    Label.objects.create(
        training=training,
        awarded_on=valid_until - timedelta(days=1095),
        valid_until=valid_until,
        awarded_by=world.admin,
    )
    log_in(page, world.designer)
    page.goto(f"/contribuer/formations/{training.pk}/")
    label = page.get_by_role("region", name="Label Mentor")
    expect(label).to_contain_text("valable jusqu'au")
    assert_accessible(page)
    label.get_by_role("button", name="Demander la réévaluation du label").click()
    expect(page.get_by_text("La réévaluation est demandée")).to_be_visible()
    expect(page.get_by_role("button", name="Demander la réévaluation du label")).to_have_count(0)
    expect(page.get_by_text("sa relecture vaudra réévaluation")).to_be_visible()

    log_in(page, world.team)
    page.goto("/relectures/")
    page.get_by_role("link", name=training.title).click()
    expect(page.get_by_text("Réévaluation du label : Soumise")).to_be_visible()
    expect(page.get_by_role("region", name="Label Mentor").first).to_contain_text("valable jusqu'au")
    expect(page.get_by_role("button", name="Commencer la relecture")).to_be_visible()
    assert_accessible(page)
