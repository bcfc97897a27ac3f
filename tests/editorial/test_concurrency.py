import threading

import pytest
from django.db import connection

from mentor.editorial import grid, workflow
from mentor.editorial.models import QualityReview, TransitionLog
from mentor.offer.enums import TrainingStatus as S

pytestmark = pytest.mark.django_db(transaction=True)


def race(*calls):
    """Run ``calls`` at the same moment in threads (one database connection each); return their outcomes."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        barrier.wait()
        try:
            call()
            outcomes[index] = "done"
        except workflow.TransitionRefused as refusal:
            outcomes[index] = str(refusal)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_two_reviewers_taking_the_same_training_only_one_gets_it(world):
    training = world.training()
    workflow.fire("submit", training, world.designer)
    outcomes = race(
        lambda: workflow.fire("start_review", training, world.team),
        lambda: workflow.fire("start_review", training, world.second_team),
    )
    assert sorted(o == "done" for o in outcomes) == [False, True]
    assert "« En revue »" in next(o for o in outcomes if o != "done")
    assert TransitionLog.objects.filter(transition="start_review").count() == 1


def test_two_concurrent_decisions_only_the_first_is_kept(world):
    training = world.training()
    workflow.fire("submit", training, world.designer)
    workflow.fire("start_review", training, world.team)
    outcomes = race(
        lambda: grid.review_and_decide(training, world.team, world.ratings(training), "approve"),
        lambda: grid.review_and_decide(
            training, world.team, world.ratings(training), "reject", "Hors sujet."
        ),
    )
    assert sorted(o == "done" for o in outcomes) == [False, True]
    training.refresh_from_db()
    kept = QualityReview.objects.get()
    assert training.status == (S.APPROVED if kept.decision == "approve" else S.REJECTED)
    assert TransitionLog.objects.filter(transition__in=["approve", "reject"]).count() == 1
