import pytest
from django.core.management import call_command
from django.db.models import Count

from mentor.offer.enums import SessionStatus
from mentor.watch.models import SatisfactionAnswer
from mentor.watch.satisfaction import MIN_ANSWERS

pytestmark = pytest.mark.django_db


def test_the_demo_sessions_that_are_over_have_enough_answers_to_show():
    call_command("load_demo_data")
    per_session = dict(
        SatisfactionAnswer.objects.values_list("session_id").annotate(n=Count("pk")).order_by("session_id")
    )
    assert per_session
    assert all(n >= MIN_ANSWERS for n in per_session.values())
    statuses = set(
        SatisfactionAnswer.objects.values_list("session__status", flat=True).order_by("session__status")
    )
    assert statuses <= {SessionStatus.COMPLETED, SessionStatus.ARCHIVED}

    call_command("load_demo_data")
    assert SatisfactionAnswer.objects.count() == sum(per_session.values())
