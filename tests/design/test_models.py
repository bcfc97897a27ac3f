"""Model trainings: marked by a Mentor team or a collection lead, offered to designers, copied into a new draft
(structure, guidance, checklist) that credits the model. A training that is not a model is refused."""

import pytest
from django.urls import reverse
from django.utils import timezone

from mentor.design import progress
from mentor.design.models import ChecklistItem, TrainingDesign, TrainingStep
from mentor.offer.enums import Scope
from mentor.offer.enums import TrainingStatus as S
from mentor.offer.models import Training

pytestmark = pytest.mark.django_db

MODELS = reverse("www:design:models")


def published_model(design, **fields):
    """A published training of the owner's ministry, designed here, with its own guidance and checklist."""
    training = design.training(
        scope=Scope.TRANSVERSE,
        content_outline="1. Le cadre\n2. Les cas pratiques\n3. L'évaluation",
        **fields,
    )
    progress.start_design(training)
    framing = TrainingStep.objects.get(design__training=training, step__slug="cadrage")
    framing.guidance = "Partir des fiches métiers du ministère."
    framing.save()
    ChecklistItem.objects.create(training_step=framing, position=9, text="Le commanditaire a validé la note")
    Training.objects.filter(pk=training.pk).update(status=S.PUBLISHED, published_at=timezone.now())
    training.refresh_from_db()
    return training


def mark(client, user, training, value="1"):
    client.force_login(user)
    return client.post(reverse("www:design:mark_model", args=[training.pk]), {"is_model": value})


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("team", True),
        ("lead_reviewer", True),
        ("designer", False),
        ("reviewer", False),
        ("admin", False),
        ("agent", False),
    ],
)
def test_mentor_teams_and_collection_leads_mark_models(client, design, role, allowed):
    training = published_model(design)
    response = mark(client, getattr(design, role), training)
    assert response.status_code == (302 if allowed else 403)
    assert TrainingDesign.objects.filter(training=training, is_model=True).exists() is allowed
    if not allowed:
        assert (
            "par l&#x27;équipe Mentor de son organisation ou par le chef de file" in response.content.decode()
        )


def test_a_draft_cannot_be_marked_as_a_model(client, design):
    draft = design.training()
    client.force_login(design.team)
    response = client.post(reverse("www:design:mark_model", args=[draft.pk]), {"is_model": "1"})
    assert response.status_code == 404  # a draft is not in the catalogue: it is not even found


def test_the_review_page_offers_the_model_button_to_the_mentor_team(client, design):
    training = published_model(design)
    client.force_login(design.team)
    page = client.get(reverse("www:review:training", args=[training.pk])).content.decode()
    assert "Proposer comme modèle aux concepteurs" in page
    mark(client, design.team, training)
    page = client.get(reverse("www:review:training", args=[training.pk])).content.decode()
    assert "Ne plus la proposer comme modèle" in page
    mark(client, design.team, training, "0")
    assert not TrainingDesign.objects.get(training=training).is_model


def test_a_designer_starts_a_draft_from_a_model_which_is_credited(client, design):
    model = published_model(design, title="Conduire un entretien professionnel")
    mark(client, design.team, model)
    client.force_login(design.designer)
    page = client.get(MODELS).content.decode()
    assert "Conduire un entretien professionnel" in page
    response = client.post(
        MODELS, {"model": model.pk, "title": "Conduire un entretien annuel", "owner": design.owner.pk}
    )
    created = Training.objects.get(title="Conduire un entretien annuel")
    assert response.status_code == 302 and response["Location"] == reverse(
        "www:contribute:training", args=[created.pk]
    )
    assert created.status == S.DRAFT and design.designer in created.designers.all()
    assert (created.content_outline, created.collection, created.modality) == (
        model.content_outline,
        model.collection,
        model.modality,
    )
    assert created.description == "" and created.delivery_url == ""  # the model's identity is not copied
    framing = TrainingStep.objects.get(design__training=created, step__slug="cadrage")
    assert framing.guidance == "Partir des fiches métiers du ministère."
    assert "Le commanditaire a validé la note" in framing.checklist.values_list("text", flat=True)
    assert not any(framing.checklist.values_list("done", flat=True))
    page = client.get(response["Location"]).content.decode()
    assert "Conçue à partir du modèle « Conduire un entretien professionnel »." in page


def test_a_training_that_is_not_a_model_is_refused_and_nothing_is_created(client, design):
    not_a_model = published_model(design)
    client.force_login(design.designer)
    before = Training.objects.count()
    response = client.post(MODELS, {"model": not_a_model.pk, "title": "Copie", "owner": design.owner.pk})
    assert response.status_code == 400
    assert "n&#x27;est pas un modèle que vous pouvez utiliser" in response.content.decode()
    assert Training.objects.count() == before


@pytest.mark.parametrize("role", ["agent", "team", "reviewer"])
def test_only_designers_under_agreement_start_from_a_model(client, design, role):
    client.force_login(getattr(design, role))
    response = client.get(MODELS)
    assert response.status_code == 403
    assert "Seuls les concepteurs" in response.content.decode()


def test_an_anonymous_visitor_is_sent_to_log_in(client, design):
    response = client.get(MODELS)
    assert response.status_code == 302 and response["Location"].startswith("/compte/connexion/")
