import pytest
from django import forms
from django.urls import reverse

from mentor.editorial import content, workflow
from mentor.editorial.models import EditorialFile, Indicator, TransitionLog
from mentor.offer.enums import Scope
from mentor.offer.enums import TrainingStatus as S
from mentor.offer.models import Training

pytestmark = pytest.mark.django_db


def test_a_designer_creates_a_draft_edits_it_in_steps_and_submits_it(client, world):
    client.force_login(world.designer)
    response = client.post(
        reverse("www:contribute:create"),
        {
            "title": "Piloter un projet numérique",
            "owner": world.owner.pk,
            "collection": world.collection.pk,
            "scope": Scope.METIER,
        },
    )
    training = Training.objects.get(title="Piloter un projet numérique")
    assert response.status_code == 302
    assert response["Location"] == reverse("www:contribute:step", kwargs={"pk": training.pk, "step": 1})
    assert training.status == S.DRAFT and world.designer in training.designers.all()
    assert EditorialFile.objects.get(training=training).status == S.DRAFT

    # Incomplete: the page lists every missing item.
    page = client.get(reverse("www:contribute:training", kwargs={"pk": training.pk})).content.decode()
    for item in ["Accroche", "Description", "Public visé", "objectif ciblé", "lien d&#x27;accès", "durée"]:
        assert item in page
    assert "Soumettre à la relecture" not in page

    steps = [
        {
            "title": "Piloter un projet numérique",
            "teaser": "Conduire un projet agile.",
            "description": "Méthodes et outils.",
            "learning_outcomes": "Piloter un projet.",
            "content_outline": "",
            "keywords": "projet, agilité",
        },
        {
            "collection": world.collection.pk,
            "scope": Scope.METIER,
            "target_audience": "Chefs de projet.",
            "prerequisites": "",
            "contact_name": "",
            "contact_email": "projets@dgfip.gouv.fr",
        },
        {"covered_objectives": [world.objectives[1].pk]},
        {
            "modality": "e_learning",
            "duration_on_site_hours": "0",
            "duration_remote_hours": "4",
            "language": "fr",
            "delivery_url": "https://mentor.gouv.fr/course/view.php?id=7",
        },
    ]
    for number, data in enumerate(steps, start=1):
        response = client.post(
            reverse("www:contribute:step", kwargs={"pk": training.pk, "step": number}), data
        )
        assert response.status_code == 302, response.content.decode()[:2000]
    training.refresh_from_db()
    assert list(training.covered_objectives.all()) == [world.objectives[1]]

    page = client.get(reverse("www:contribute:training", kwargs={"pk": training.pk})).content.decode()
    assert "Soumettre à la relecture" in page
    assert "il manque" not in page
    response = client.post(reverse("www:contribute:transition", kwargs={"pk": training.pk, "name": "submit"}))
    assert response.status_code == 302
    training.refresh_from_db()
    assert training.status == S.SUBMITTED
    # The designer still follows it while it is reviewed, without editing it.
    page = client.get(reverse("www:contribute:training", kwargs={"pk": training.pk})).content.decode()
    assert "Soumise" in page and "en cours de relecture" not in page


def test_an_indicator_can_require_a_field_and_submission_is_refused_with_the_list(client, world):
    Indicator.objects.create(
        criterion=world.relevance, statement="Le programme est détaillé", required_field="content_outline"
    )
    training = world.training(teaser="", delivery_url="")
    training.covered_objectives.clear()
    client.force_login(world.designer)
    page = client.get(reverse("www:contribute:training", kwargs={"pk": training.pk})).content.decode()
    assert "il manque 4 éléments" in page
    assert "exigé par l&#x27;indicateur « Le programme est détaillé »" in page
    response = client.post(
        reverse("www:contribute:transition", kwargs={"pk": training.pk, "name": "submit"}), follow=True
    )
    assert "ne peut pas être soumise" in response.content.decode()
    training.refresh_from_db()
    assert training.status == S.DRAFT
    assert not TransitionLog.objects.exists()


def test_drafts_are_a_404_for_everyone_outside_the_owner_and_its_reviewers(client, world):
    training = world.training()
    for user in (world.outsider, world.lead_reviewer):
        client.force_login(user)
        assert client.get(reverse("www:contribute:training", kwargs={"pk": training.pk})).status_code == 404
        assert (
            client.get(reverse("www:contribute:step", kwargs={"pk": training.pk, "step": 1})).status_code
            == 404
        )
    client.force_login(world.outsider)
    assert client.get(reverse("www:review:training", kwargs={"pk": training.pk})).status_code == 404
    assert (
        client.post(
            reverse("www:contribute:transition", kwargs={"pk": training.pk, "name": "submit"})
        ).status_code
        == 404
    )
    client.force_login(world.team)
    assert client.get(reverse("www:contribute:training", kwargs={"pk": training.pk})).status_code == 200


def test_editing_an_archived_training_is_refused(client, world):
    training = world.publish_metier()
    workflow.fire("archive", training, world.team)
    client.force_login(world.designer)
    url = reverse("www:contribute:step", kwargs={"pk": training.pk, "step": 1})
    response = client.get(url)
    assert response.status_code == 403
    assert "Une formation archivée ne peut plus être modifiée." in response.content.decode()
    response = client.post(url, {"title": "Nouveau titre"})
    assert response.status_code == 403
    training.refresh_from_db()
    assert training.title == "Ouvrir les données de son service"


def test_editing_a_published_training_makes_a_revision_and_leaves_the_catalogue_unchanged(client, world):
    training = world.publish_metier()
    client.force_login(world.designer)
    url = reverse("www:contribute:step", kwargs={"pk": training.pk, "step": 1})
    assert client.get(url).status_code == 200
    assert not training.revisions.exists()  # reading the form writes nothing
    data = {
        "title": "Ouvrir et partager les données",
        "teaser": training.teaser,
        "description": "Nouvelle description.",
        "learning_outcomes": training.learning_outcomes,
        "content_outline": "",
        "keywords": "",
    }
    assert client.post(url, data).status_code == 302
    training.refresh_from_db()
    assert training.title == "Ouvrir les données de son service"
    assert training.status == S.PUBLISHED
    revision = training.revisions.get()
    assert revision.status == S.DRAFT and revision.values["title"] == "Ouvrir et partager les données"
    # The step form shows the revision's values next time.
    assert "Ouvrir et partager les données" in client.get(url).content.decode()
    response = client.post(
        reverse("www:contribute:revision_transition", kwargs={"pk": training.pk, "name": "submit"})
    )
    assert response.status_code == 302
    revision.refresh_from_db()
    assert revision.status == S.SUBMITTED


def _another_value(field, current):
    """A valid value other than ``current`` for a form field, whatever the field."""
    if isinstance(field, forms.ModelMultipleChoiceField):
        return [pk for pk in field.queryset.values_list("pk", flat=True) if pk not in (current or [])][:1]
    if isinstance(field, forms.ChoiceField):
        return next(value for value, _ in field.choices if value and str(value) != str(current))
    if isinstance(field, forms.BooleanField):
        return "" if current else "on"
    if isinstance(field, forms.DecimalField):
        return str((current or 0) + 1)
    if isinstance(field, forms.EmailField):
        return "nouvelle.adresse@dgfip.gouv.fr"
    if isinstance(field, forms.URLField):
        return "https://mentor.gouv.fr/course/view.php?id=99"
    text = f"Révisé : {current or ''}"
    return text[: field.max_length] if field.max_length else text


def test_every_field_a_step_shows_on_a_published_training_is_kept_by_its_revision(client, world):
    """The step forms and the revision's content come from one definition: a field added to a step but not to
    the content a revision stores (or the reverse) fails here, instead of being silently dropped."""
    training = world.publish_metier()
    client.force_login(world.designer)
    posted = set()
    for step in range(1, 5):
        url = reverse("www:contribute:step", kwargs={"pk": training.pk, "step": step})
        form = client.get(url).context["form"]
        data = {name: _another_value(field, form[name].value()) for name, field in form.fields.items()}
        response = client.post(url, data)
        assert response.status_code == 302, response.context["form"].errors
        posted |= set(data)
    training.refresh_from_db()
    revision = training.revisions.get()
    changed = {row.name for row in content.diff(training, revision.values) if row.changed}
    assert posted == changed == {*content.CONTENT_FIELDS, "covered_objectives"}


def test_only_partners_under_an_active_agreement_may_create(client, world):
    world.ministry.agreements.update(status="expired")
    client.force_login(world.designer)
    response = client.get(reverse("www:contribute:create"))
    assert response.status_code == 403
    page = client.get(reverse("www:contribute:index")).content.decode()
    assert "convention de partenariat active" in page


def test_an_address_typed_without_its_scheme_is_read_as_https(client, world):
    training = world.training()
    client.force_login(world.designer)
    url = reverse("www:contribute:step", kwargs={"pk": training.pk, "step": 4})
    data = {
        "modality": "e_learning",
        "duration_on_site_hours": "0",
        "duration_remote_hours": "3",
        "language": "fr",
        "delivery_url": "mentor.gouv.fr/course/view.php?id=42",
    }
    assert client.post(url, data).status_code == 302
    training.refresh_from_db()
    assert training.delivery_url == "https://mentor.gouv.fr/course/view.php?id=42"
