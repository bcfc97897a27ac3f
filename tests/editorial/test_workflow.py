import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from mentor.editorial import grid, workflow
from mentor.editorial.enums import Rating, Stage
from mentor.editorial.labels import award
from mentor.editorial.models import EditorialFile, TransitionLog
from mentor.editorial.workflow import TransitionRefused
from mentor.offer.enums import Scope
from mentor.offer.enums import TrainingStatus as S
from mentor.offer.models import Training
from tests.tasks import run_tasks

pytestmark = pytest.mark.django_db


def states(training):
    return list(
        TransitionLog.objects.filter(training=training).values_list("transition", "from_status", "to_status")
    )


def test_ministry_specific_path_with_changes_requested_then_published(
    world, django_capture_on_commit_callbacks
):
    training = world.training(scope=Scope.METIER)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.fire("submit", training, world.designer)
    run_tasks()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([world.team.email, world.second_team.email])
    with django_capture_on_commit_callbacks(execute=True):
        world.review(
            training,
            world.team,
            decision="request_changes",
            comment="Citez vos sources.",
            blocking=(Rating.NOT_MET, "Aucune source."),
        )
    run_tasks()
    training.refresh_from_db()
    assert training.status == S.CHANGES_REQUESTED
    assert mail.outbox[-1].to == [world.designer.email]
    assert "Citez vos sources." in mail.outbox[-1].body

    workflow.fire("submit", training, world.designer, comment="Sources ajoutées.")
    world.review(training, world.team)
    training.refresh_from_db()
    assert training.status == S.APPROVED
    assert Training.objects.visible_to(world.designer).filter(pk=training.pk).count() == 0

    workflow.fire("publish", training, world.designer)
    training.refresh_from_db()
    assert training.status == S.PUBLISHED and training.published_at is not None
    assert Training.objects.visible_to(world.designer).filter(pk=training.pk).exists()
    assert states(training) == [
        ("submit", S.DRAFT, S.SUBMITTED),
        ("start_review", S.SUBMITTED, S.IN_REVIEW),
        ("request_changes", S.IN_REVIEW, S.CHANGES_REQUESTED),
        ("submit", S.CHANGES_REQUESTED, S.SUBMITTED),
        ("start_review", S.SUBMITTED, S.IN_REVIEW),
        ("approve", S.IN_REVIEW, S.APPROVED),
        ("publish", S.APPROVED, S.PUBLISHED),
    ]
    log = TransitionLog.objects.filter(training=training, transition="request_changes").get()
    assert log.actor == world.team and log.comment == "Citez vos sources."
    # Field changes are kept by django-simple-history.
    assert training.history.filter(status=S.PUBLISHED).exists()

    # Every criterion met in the latest review: the DGAFP awards the label.
    label = award(training, world.admin)
    assert label.training == training and label.review.decision == "approve"


def test_cross_government_path_goes_to_the_owner_team_then_the_collection_lead(
    world, django_capture_on_commit_callbacks
):
    training = world.training(scope=Scope.TRANSVERSE)
    workflow.fire("submit", training, world.designer)
    with pytest.raises(TransitionRefused, match="pas relecteur"):
        workflow.fire("start_review", training, world.lead_reviewer)
    workflow.fire("start_review", training, world.team)
    with pytest.raises(TransitionRefused, match="chef de file"):
        grid.review_and_decide(training, world.team, world.ratings(training), "approve")
    with django_capture_on_commit_callbacks(execute=True):
        grid.review_and_decide(training, world.team, world.ratings(training), "forward")
    run_tasks()
    file = EditorialFile.objects.get(training=training)
    assert (file.status, file.stage) == (S.SUBMITTED, Stage.COLLECTION_LEAD)
    assert world.lead_reviewer.email in [m.to[0] for m in mail.outbox]
    with pytest.raises(TransitionRefused, match="pas relecteur"):
        workflow.fire("start_review", training, world.team)
    workflow.fire("start_review", training, world.lead_reviewer)
    grid.review_and_decide(training, world.lead_reviewer, world.ratings(training), "approve")
    workflow.fire("publish", training, world.team)
    training.refresh_from_db()
    assert training.status == S.PUBLISHED


def test_an_unmet_blocking_indicator_prevents_approval_and_nothing_is_kept(world):
    training = world.training()
    workflow.fire("submit", training, world.designer)
    workflow.fire("start_review", training, world.team)
    with pytest.raises(TransitionRefused, match="bloquant"):
        grid.review_and_decide(
            training,
            world.team,
            world.ratings(training, blocking=(Rating.NOT_MET, "Pas de source.")),
            "approve",
        )
    training.refresh_from_db()
    assert training.status == S.IN_REVIEW
    assert not training.quality_reviews.exists()
    # A non-blocking unmet indicator does not prevent approval.
    grid.review_and_decide(
        training, world.team, world.ratings(training, plain=(Rating.NOT_MET, "Daté de 2019.")), "approve"
    )
    training.refresh_from_db()
    assert training.status == S.APPROVED


def test_transitions_from_the_wrong_state_or_by_the_wrong_person_are_refused_with_a_reason(world):
    training = world.training()
    with pytest.raises(TransitionRefused, match="« Brouillon »"):
        workflow.fire("publish", training, world.designer)
    with pytest.raises(TransitionRefused, match="concepteurs"):
        workflow.fire("submit", training, world.team)
    workflow.fire("submit", training, world.designer)
    with pytest.raises(TransitionRefused, match="pas relecteur"):
        workflow.fire("start_review", training, world.outsider)
    training.designers.add(world.second_team)
    with pytest.raises(TransitionRefused, match="Vous êtes concepteur de cette formation"):
        workflow.fire("start_review", training, world.second_team)
    training.designers.remove(world.second_team)
    workflow.fire("start_review", training, world.team)
    with pytest.raises(TransitionRefused, match="commentaire est obligatoire"):
        workflow.fire("reject", training, world.team)
    with pytest.raises(TransitionRefused, match="prise en charge"):
        grid.review_and_decide(training, world.second_team, world.ratings(training), "approve")
    grid.review_and_decide(
        training, world.team, world.ratings(training), "reject", "Hors du champ de Mentor."
    )
    with pytest.raises(TransitionRefused, match="« Refusée »"):
        grid.review_and_decide(training, world.team, world.ratings(training), "approve")
    training.refresh_from_db()
    assert training.status == S.REJECTED
    assert training.quality_reviews.count() == 1


def test_the_partnership_agreement_gates_submission(world):
    training = world.training()
    world.ministry.agreements.update(status="terminated")
    with pytest.raises(TransitionRefused, match="convention de partenariat active"):
        workflow.fire("submit", training, world.designer)
    training.refresh_from_db()
    assert training.status == S.DRAFT
    assert not TransitionLog.objects.exists()


@pytest.mark.parametrize("status", [S.SUBMITTED, S.IN_REVIEW, S.APPROVED, S.PUBLISHED, S.ARCHIVED])
def test_a_training_without_editorial_file_gets_a_consistent_one_on_its_first_transition(world, status):
    training = world.training()
    Training.objects.filter(pk=training.pk).update(status=status, published_at=timezone.now())
    training.refresh_from_db()
    with pytest.raises(TransitionRefused):
        workflow.fire("submit", training, world.designer)
    # The refusal rolled everything back: no file, no log.
    assert not EditorialFile.objects.exists()
    with pytest.raises(TransitionRefused, match=str(S(status).label)):
        workflow.fire("submit", training, world.designer)


def test_workflow_mails_link_to_the_site(world, settings, django_capture_on_commit_callbacks):
    settings.SITE_URL = "https://mentor.example.gouv.fr"
    training = world.training(scope=Scope.METIER)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.fire("submit", training, world.designer)
    run_tasks()
    review_link = "https://mentor.example.gouv.fr" + reverse(
        "www:review:training", kwargs={"pk": training.pk}
    )
    assert all(review_link in m.body for m in mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        world.review(training, world.team, decision="request_changes", comment="Citez vos sources.")
    run_tasks()
    contribute_link = "https://mentor.example.gouv.fr" + reverse(
        "www:contribute:training", kwargs={"pk": training.pk}
    )
    assert contribute_link in mail.outbox[-1].body
