from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from mentor.editorial import workflow
from mentor.editorial.enums import Rating
from mentor.editorial.models import EditorialFile, Label, QualityReview
from mentor.offer.enums import Scope
from mentor.offer.enums import TrainingStatus as S
from tests.tasks import run_tasks

pytestmark = pytest.mark.django_db


def grid_data(world, training, decision, comment="", **overrides):
    data = {"decision": decision, "comment": comment}
    for pk, (rating, text) in world.ratings(training, **overrides).items():
        data[f"rating_{pk}"] = rating
        data[f"comment_{pk}"] = text
    return data


def test_the_queue_shows_what_waits_how_long_and_what_is_overdue(client, world):
    late = world.training(title="Formation en retard")
    workflow.fire("submit", late, world.designer)
    EditorialFile.objects.filter(training=late).update(
        waiting_since=timezone.now() - timedelta(days=12), submitted_at=timezone.now() - timedelta(days=12)
    )
    recent = world.training(title="Formation récente")
    workflow.fire("submit", recent, world.designer)
    transverse = world.training(title="Formation transverse", scope=Scope.TRANSVERSE)
    workflow.fire("submit", transverse, world.designer)

    client.force_login(world.team)
    page = client.get(reverse("www:review:queue")).content.decode()
    assert page.index("Formation en retard") < page.index("Formation récente")
    assert "12 jours" in page and "En retard" in page and "dont 1 en retard" in page
    # The collection lead sees nothing until the owner team forwards the cross-government training.
    client.force_login(world.lead_reviewer)
    page = client.get(reverse("www:review:queue")).content.decode()
    assert "Rien ne vous attend" in page
    assert "Formation transverse" not in page
    client.force_login(world.outsider)
    assert "Rien ne vous attend" in client.get(reverse("www:review:queue")).content.decode()


def test_a_reviewer_fills_the_grid_and_the_designer_reads_it_indicator_by_indicator(
    client, world, django_capture_on_commit_callbacks
):
    training = world.training()
    workflow.fire("submit", training, world.designer)
    client.force_login(world.team)
    client.post(reverse("www:review:start", kwargs={"pk": training.pk}))
    url = reverse("www:review:training", kwargs={"pk": training.pk})
    page = client.get(url).content.decode()
    assert "Grille de revue qualité" in page and "Les sources sont citées (bloquant)" in page
    # The transverse-only indicator does not apply to a ministry-specific training.
    assert "tous les navigateurs" not in page

    # A comment is required when an indicator is not met.
    response = client.post(
        url, grid_data(world, training, "request_changes", "À reprendre.", plain=(Rating.NOT_MET, ""))
    )
    assert response.status_code == 400
    assert "Un commentaire est obligatoire" in response.content.decode()
    assert not QualityReview.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            grid_data(
                world,
                training,
                "request_changes",
                "À reprendre.",
                plain=(Rating.NOT_MET, "Chiffres de 2019."),
            ),
        )
    run_tasks()
    assert response.status_code == 302
    training.refresh_from_db()
    assert training.status == S.CHANGES_REQUESTED
    assert mail.outbox[-1].to == [world.designer.email]

    client.force_login(world.designer)
    page = client.get(reverse("www:contribute:training", kwargs={"pk": training.pk})).content.decode()
    assert "Critère non satisfait" in page and "Chiffres de 2019." in page and "Critère satisfait" in page
    assert "Modifications demandées" in page and "À reprendre." in page


def test_approving_with_an_unmet_blocking_indicator_is_refused_and_nothing_changes(client, world):
    training = world.training()
    workflow.fire("submit", training, world.designer)
    workflow.fire("start_review", training, world.team)
    client.force_login(world.team)
    url = reverse("www:review:training", kwargs={"pk": training.pk})
    response = client.post(
        url, grid_data(world, training, "approve", blocking=(Rating.NOT_MET, "Aucune source."))
    )
    assert response.status_code == 400
    assert "indicateur bloquant" in response.content.decode()
    training.refresh_from_db()
    assert training.status == S.IN_REVIEW
    assert not QualityReview.objects.exists()


def test_deciding_twice_or_without_being_the_reviewer_is_refused(client, world):
    training = world.training()
    workflow.fire("submit", training, world.designer)
    workflow.fire("start_review", training, world.team)
    url = reverse("www:review:training", kwargs={"pk": training.pk})
    client.force_login(world.outsider)
    assert client.post(url, grid_data(world, training, "approve")).status_code == 404
    client.force_login(world.second_team)
    assert client.post(url, grid_data(world, training, "approve")).status_code == 403
    client.force_login(world.team)
    assert client.post(url, grid_data(world, training, "approve")).status_code == 302
    assert client.post(url, grid_data(world, training, "reject", "Non.")).status_code == 403
    training.refresh_from_db()
    assert training.status == S.APPROVED
    assert QualityReview.objects.count() == 1


def test_reviewers_see_a_revision_side_by_side_and_approval_replaces_the_published_content(
    client, world, django_capture_on_commit_callbacks
):
    training = world.publish_metier()
    revision = workflow.start_revision(training, world.designer)
    revision.values = {
        **revision.values,
        "title": "Ouvrir et partager les données",
        "covered_objectives": [o.pk for o in world.objectives],
    }
    revision.save()
    workflow.fire("submit", revision, world.designer)
    client.force_login(world.team)
    client.post(reverse("www:review:start", kwargs={"pk": training.pk}))
    url = reverse("www:review:training", kwargs={"pk": training.pk})
    page = client.get(url).content.decode()
    assert "Modifications proposées" in page
    assert "<del>Ouvrir les données de son service</del>" in page
    assert "<ins>Ouvrir et partager les données</ins>" in page
    assert "Protéger les données" in page
    assert "Public visé" not in page.split("Modifications proposées")[1].split("</table>")[0]
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, grid_data(world, training, "approve")).status_code == 302
    run_tasks()
    training.refresh_from_db()
    revision.refresh_from_db()
    assert training.title == "Ouvrir et partager les données"
    assert training.status == S.PUBLISHED
    assert training.covered_objectives.count() == 2
    assert revision.status == S.PUBLISHED and revision.applied_at is not None


def test_the_label_is_awarded_by_the_collection_lead_after_a_review_meeting_every_criterion(client, world):
    training = world.training(scope=Scope.TRANSVERSE)
    workflow.fire("submit", training, world.designer)
    world.review(training, world.team, decision="forward")
    world.review(training, world.lead_reviewer)
    url = reverse("www:review:award_label", kwargs={"pk": training.pk})
    client.force_login(world.lead_reviewer)
    assert client.post(url).status_code == 404  # not published yet
    workflow.fire("publish", training, world.designer)
    client.force_login(world.team)
    assert client.post(url).status_code == 404  # the owner team does not award labels
    client.force_login(world.lead_reviewer)
    assert client.post(url).status_code == 302
    label = Label.objects.get(training=training)
    assert label.valid_until == label.awarded_on + timedelta(days=3 * 365)
    page = client.get(reverse("www:review:training", kwargs={"pk": training.pk})).content.decode()
    assert "Label Mentor" in page


def test_no_label_when_the_latest_review_misses_a_criterion(client, world):
    training = world.training()
    workflow.fire("submit", training, world.designer)
    world.review(training, world.team, plain=(Rating.PARTLY_MET, ""))
    workflow.fire("publish", training, world.designer)
    client.force_login(world.admin)
    response = client.post(reverse("www:review:award_label", kwargs={"pk": training.pk}))
    assert response.status_code == 403
    assert not Label.objects.exists()


def test_the_history_is_shown_to_the_owner_team_and_the_reviewers_only(client, world):
    training = world.training(scope=Scope.TRANSVERSE)
    workflow.fire("submit", training, world.designer, comment="Première version.")
    world.review(training, world.team, decision="forward", comment="Bon pour le chef de file.")
    for user, url_name in [
        (world.designer, "www:contribute:training"),
        (world.team, "www:contribute:training"),
        (world.lead_reviewer, "www:review:training"),
    ]:
        client.force_login(user)
        page = client.get(reverse(url_name, kwargs={"pk": training.pk})).content.decode()
        assert "Historique éditorial" in page
        assert "Première version." in page and "Bon pour le chef de file." in page
        assert "Versions enregistrées de la fiche" in page
        assert "Statut éditorial" in page  # the field a recorded version changed
    client.force_login(world.outsider)
    assert client.get(reverse("www:review:training", kwargs={"pk": training.pk})).status_code == 404
    assert client.get(reverse("www:contribute:training", kwargs={"pk": training.pk})).status_code == 404


def test_the_queue_costs_a_fixed_number_of_queries(client, world, django_assert_num_queries):
    for n in range(5):
        workflow.fire("submit", world.training(title=f"Formation {n}"), world.designer)
    client.force_login(world.team)
    with django_assert_num_queries(6):
        response = client.get(reverse("www:review:queue"))
    assert response.content.decode().count("Nouvelle formation") == 5
