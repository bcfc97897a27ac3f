"""The personal-data export says it covers everything held about a user: it must, model by model."""

import json

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse

from mentor.editorial import workflow
from mentor.www.account.personal_data import SECTIONS

# Relations to the user that are not data about the person, with the reason.
SET_ASIDE = {
    ("accounts.User", "groups"): "Django's groups: not used by the product",
    ("accounts.User", "user_permissions"): "Django's per-user permissions: not used by the product",
}


def relations_to_the_user():
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    for model in apps.get_models():
        if model._meta.proxy:
            continue
        for field in model._meta.get_fields():
            if field.is_relation and field.concrete and field.related_model is user_model:
                yield (model._meta.label, field.name)


def test_every_model_that_points_to_a_user_is_in_the_export():
    exported = {(s.model._meta.label, s.field) for s in SECTIONS}
    missing = sorted(set(relations_to_the_user()) - exported - set(SET_ASIDE))
    assert not missing, f"Relations to the user missing from the personal-data export: {missing}"


@pytest.mark.django_db
def test_the_export_holds_what_a_designer_did(client, world):
    training = world.training()
    workflow.fire("submit", training, world.designer)
    world.review(training, world.team)
    client.force_login(world.designer)
    data = json.loads(client.get(reverse("accounts:personal_data")).content)
    assert [t["formation"] for t in data["formations_concues"]] == [training.title]
    assert [e["action"] for e in data["journal_editorial"]] == ["submit"]
    client.force_login(world.team)
    data = json.loads(client.get(reverse("accounts:personal_data")).content)
    assert [r["formation"] for r in data["revues_qualite"]] == [training.title]
    assert {e["action"] for e in data["journal_editorial"]} == {"start_review", "approve"}


@pytest.mark.django_db
def test_deleting_an_account_pseudonymises_the_record_of_its_decisions(client, world):
    from mentor.accounts.models import User
    from mentor.accounts.services import delete_account
    from mentor.editorial.models import QualityReview, TransitionLog

    training = world.training()
    workflow.fire("submit", training, world.designer)
    world.review(training, world.team)
    team_member = world.team
    entity = team_member.entity
    delete_account(team_member)

    kept = User.objects.get(pk=team_member.pk)
    assert (kept.email, kept.first_name, kept.last_name, kept.is_active) == (
        f"compte-supprime-{kept.pk}@mentor.invalid",
        "",
        "",
        False,
    )
    assert not kept.has_usable_password() and kept.entity == entity
    assert str(kept) == f"compte supprimé n° {kept.pk}"
    assert set(TransitionLog.objects.filter(actor=kept).values_list("transition", flat=True)) == {
        "start_review",
        "approve",
    }
    assert QualityReview.objects.get(training=training).reviewer == kept
    assert not kept.memberships.exists()
    # The designer reads who decided on the training's history, without a name.
    client.force_login(world.designer)
    page = client.get(reverse("www:contribute:training", args=[training.pk])).content.decode()
    assert f"compte supprimé n° {kept.pk}" in page
    assert "compte-supprime" not in page
