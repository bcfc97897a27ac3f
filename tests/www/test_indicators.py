"""The indicators dashboard (/veille/indicateurs/), its CSV and GET /api/v1/indicators/, for each role."""

import csv
import io
from datetime import datetime, timedelta
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from rest_framework.test import APIClient

from mentor.core.jobs import scheduled_jobs
from mentor.editorial import workflow
from mentor.editorial.enums import Rating
from mentor.editorial.models import Label
from mentor.offer.enums import RegistrationStatus, SessionStatus
from mentor.offer.models import Registration, Training
from mentor.watch.models import SatisfactionAnswer
from mentor.watch.satisfaction import QUESTIONS
from mentor.watch.tasks import renew_indicators
from tests.factories import (
    CollectionFactory,
    OrganisationFactory,
    RegistrationFactory,
    SessionFactory,
    TrainingFactory,
    UserFactory,
)
from tests.tasks import run_tasks

pytestmark = pytest.mark.django_db

URL = reverse("www:watch:indicators")
CSV = reverse("www:watch:indicators_csv")
API = reverse("api:indicators")


@pytest.fixture
def offer(world):
    today = timezone.localdate()
    world.published = TrainingFactory(collection=world.collection, owner=world.owner, title="Publiée")
    world.published.covered_objectives.set([world.objectives[0]])
    Label.objects.create(training=world.published, valid_until=today + timedelta(days=30))
    world.draft = world.training(title="Brouillon")
    world.other = TrainingFactory(collection=CollectionFactory(name="Langues"), title="Anglais")
    session = SessionFactory(training=world.published, status=SessionStatus.COMPLETED, capacity=12)
    learners_ministry = OrganisationFactory(name="Ministère de la Culture")
    for status in (RegistrationStatus.CONFIRMED,) * 4 + (RegistrationStatus.WAITING,):
        RegistrationFactory(session=session, status=status, user=UserFactory(entity=learners_ministry))
    RegistrationFactory(session=session, status=RegistrationStatus.CANCELLED)
    for n, registration in enumerate(Registration.objects.filter(session=session).order_by("pk")):
        SatisfactionAnswer.objects.create(
            session=session, user=registration.user, **{name: 3 + n % 2 for name, _ in QUESTIONS}
        )
    small = SessionFactory(training=world.other, status=SessionStatus.COMPLETED)
    SatisfactionAnswer.objects.create(session=small, user=UserFactory(), **{name: 1 for name, _ in QUESTIONS})
    reviewed = world.training(title="Revue")
    workflow.fire("submit", reviewed, world.designer)
    world.review(
        reviewed, world.team, decision="request_changes", comment="À revoir", plain=(Rating.NOT_MET, "Daté")
    )
    return world


def test_the_admin_sees_the_whole_offer(client, offer):
    client.force_login(offer.admin)

    response = client.get(URL)

    assert response.status_code == 200
    result = response.context["result"]
    assert (result.published, result.in_design) == (2, 2)
    assert result.criteria_not_met == [{"criterion": "Pertinence des contenus", "count": 1}]
    assert result.labelled_share == 0.5
    assert (result.objectives, result.objectives_covered) == (2, 1)
    assert (result.sessions_held, result.seats_offered) == (2, 22)
    assert (result.registrations, result.waiting, result.cancellations) == (4, 1, 1)
    # 6 answers in Numérique (3, 4, 3, 4, 3, 4 on average); Langues has one, too few to show
    assert [(r["collection"], r["answers"], r["average"]) for r in result.satisfaction_by_collection] == [
        ("Numérique", 6, 3.5)
    ]
    assert [(r["answers"], r["average"]) for r in result.satisfaction_by_month] == [(7, 3.14)]
    assert "Satisfaction des apprenants par collection (moyenne sur 5) : données" in response.content.decode()
    assert result.labels_expiring == 1
    html = response.content.decode()
    assert "Inscriptions confirmées par ministère des agents : données" in html
    assert "Ministère de la Culture" in html
    assert "<svg" in html


def test_filters_narrow_and_unknown_ones_are_ignored(client, offer):
    client.force_login(offer.admin)

    narrowed = client.get(URL, {"collection": offer.collection.pk, "scope": "transverse", "colour": "blue"})
    broken = client.get(URL, {"collection": "abc", "start": "hier"})
    # An id beyond what a database column holds is unknown too (it was a server error on SQLite).
    huge = client.get(URL, {"collection": "3937755743038630220884955103232", "ministry": str(2**63)})

    assert narrowed.context["result"].published == 1
    assert broken.status_code == 200 and broken.context["result"].published == 2
    assert huge.status_code == 200 and huge.context["result"].published == 2


def test_the_collection_lead_sees_its_collections_only(client, offer):
    client.force_login(offer.lead_reviewer)

    result = client.get(URL).context["result"]

    assert result.published == 1


def test_the_team_sees_its_ministry(client, offer):
    client.force_login(offer.outsider)

    result = client.get(URL).context["result"]

    assert (result.published, result.in_design, result.criteria_not_met) == (0, 0, [])


def test_others_get_403_with_the_reason(client, offer):
    client.force_login(offer.designer)

    response = client.get(URL)

    assert response.status_code == 403
    assert "réservée aux administrateurs DGAFP" in response.content.decode()


def test_the_csv_is_utf8_with_bom_and_semicolons(client, offer):
    client.force_login(offer.admin)

    response = client.get(CSV, {"collection": offer.collection.pk})

    body = response.content.decode("utf-8")
    assert body.startswith("\ufeffsection;indicateur;valeur")
    rows = list(csv.reader(io.StringIO(body[1:]), delimiter=";"))
    assert ["Offre", "Formations publiées", "1"] in rows
    assert response["Content-Disposition"] == 'attachment; filename="indicateurs-mentor.csv"'


def test_the_period_counts_whole_days_in_local_time_and_extreme_dates_do_not_fail(client, offer):
    paris = timezone.get_current_timezone()
    late = timezone.make_aware(datetime(2026, 3, 31, 23, 30), paris)  # 21:30 UTC, still 31 March in Paris
    Training.objects.filter(pk=offer.published.pk).update(published_at=late)
    Training.objects.filter(pk=offer.other.pk).update(published_at=late + timedelta(hours=1))
    client.force_login(offer.admin)

    def published(**period):
        response = client.get(URL, period)
        assert response.status_code == 200
        return response.context["result"].published

    assert published(start="2026-03-31", end="2026-03-31") == 1
    assert published(start="2026-04-01") == 1
    assert published(end="2026-04-01") == 2
    assert published(start="0001-01-01", end="9999-12-31") == 2


def test_the_api_answers_with_the_same_figures(offer):
    client = APIClient()
    client.force_authenticate(offer.admin)

    body = client.get(API, {"scope": "transverse"}).json()

    assert body["filters"] == {"scope": "transverse"}
    assert body["published"] == 2
    assert body["by_learner_ministry"][0] == {
        "ministry": "Ministère de la Culture",
        "registrations": 4,
        "waiting": 1,
        "cancellations": 0,
    }


def test_the_api_refuses_others_with_the_reason(offer):
    client = APIClient()
    client.force_authenticate(offer.designer)
    response = client.get(API)
    assert response.status_code == 403
    assert "réservée aux administrateurs DGAFP" in response.json()["message"]
    assert APIClient().get(API).status_code == 401


@pytest.mark.parametrize("extra", [0, 5])
def test_the_dashboard_reads_a_fixed_number_of_times(client, offer, django_assert_num_queries, extra):
    for n in range(extra):
        training = TrainingFactory(collection=offer.collection, title=f"Autre {n}")
        RegistrationFactory(session=SessionFactory(training=training, status=SessionStatus.COMPLETED))
    client.force_login(offer.admin)
    with django_assert_num_queries(16):
        assert client.get(URL).status_code == 200


@pytest.fixture
def kept_figures(settings):
    # As in production, with a cache shared by the site and the worker (here, one process runs both).
    settings.INDICATORS_CACHE_SECONDS = 300
    settings.INDICATORS_STALE_SECONDS = 900
    cache.clear()
    yield
    cache.clear()


def test_the_figures_are_kept_until_something_counted_changes_then_renewed_in_the_background(
    client, offer, kept_figures, django_capture_on_commit_callbacks
):
    client.force_login(offer.admin)
    with CaptureQueriesContext(connection) as computed:
        first = client.get(URL)
    assert first.context["result"].published == 2
    assert "Chiffres calculés le" in first.content.decode()
    with CaptureQueriesContext(connection) as again:
        assert client.get(URL).context["result"].published == 2
    # Not one of the figures' queries is made again (the page still reads its filters' choices).
    assert len(again) < len(computed) - 8
    with django_capture_on_commit_callbacks(execute=True):
        client.force_login(offer.admin)  # a login stamps the account and keeps the figures
    assert client.get(URL).context["result"].published == 2
    assert queued_renewals() == 0

    with django_capture_on_commit_callbacks(execute=True):
        TrainingFactory(collection=offer.collection, owner=offer.owner, title="Une de plus")
        TrainingFactory(collection=offer.collection, owner=offer.owner, title="Et une autre")
    # Until the renewal has run, the previous figures, said to be updating.
    response = client.get(URL)
    assert response.context["result"].published == 2
    assert "en cours de mise à jour" in response.content.decode()
    api = APIClient()
    api.force_authenticate(offer.admin)
    assert api.get(API).json()["renewing"] is True
    assert queued_renewals() == 1  # one for the two writes
    run_tasks()
    response = client.get(URL)
    assert response.context["result"].published == 4
    assert "en cours de mise à jour" not in response.content.decode()


def test_figures_older_than_the_limit_are_computed_at_the_read(
    client, offer, kept_figures, settings, django_capture_on_commit_callbacks
):
    client.force_login(offer.admin)
    assert client.get(URL).context["result"].published == 2
    settings.INDICATORS_STALE_SECONDS = 0
    with django_capture_on_commit_callbacks(execute=True):
        TrainingFactory(collection=offer.collection, owner=offer.owner, title="Une de plus")
    response = client.get(URL)
    assert response.context["result"].published == 3
    assert "en cours de mise à jour" not in response.content.decode()


def test_the_renewal_computes_what_was_read_for_each_watched_part(
    client, offer, kept_figures, django_capture_on_commit_callbacks
):
    client.force_login(offer.admin)
    client.get(URL, {"scope": "transverse"})
    client.force_login(offer.lead_reviewer)
    client.get(URL)
    with django_capture_on_commit_callbacks(execute=True):
        TrainingFactory(collection=offer.collection, owner=offer.owner, title="Une de plus")
    run_tasks()
    with CaptureQueriesContext(connection) as read:
        assert client.get(URL).context["result"].published == 2
    client.force_login(offer.admin)
    assert client.get(URL, {"scope": "transverse"}).context["result"].published == 3
    assert not computed_figures(read)


def test_each_renewal_computes_one_combination_the_oldest_first_behind_the_emails(
    client, offer, kept_figures, django_capture_on_commit_callbacks
):
    run_tasks()
    client.force_login(offer.lead_reviewer)
    client.get(URL)  # computed first: renewed first
    client.force_login(offer.admin)
    client.get(URL)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.fire("submit", offer.training(title="Soumise"), offer.designer)  # tells the reviewers
    queued = list(DBTaskResult.objects.ready().values_list("task_path", flat=True))
    assert queued[-1] == renew_indicators.module_path  # the e-mails first
    assert "mentor.core.mail.tasks.send_email" in queued

    run_tasks(limit=len(queued))
    assert client.get(URL).context["result"].renewing  # the admin's, computed last, waits
    client.force_login(offer.lead_reviewer)
    assert not client.get(URL).context["result"].renewing
    with django_capture_on_commit_callbacks(execute=True):
        TrainingFactory(collection=offer.collection, owner=offer.owner, title="Pendant le renouvellement")
    # A write meanwhile makes both stale again: the admin's, now the oldest, comes next.
    run_tasks(limit=1)
    client.force_login(offer.admin)
    assert not client.get(URL).context["result"].renewing
    run_tasks()
    client.force_login(offer.lead_reviewer)
    assert not client.get(URL).context["result"].renewing


def test_a_new_day_renews_the_figures_read_lately(client, offer, kept_figures):
    client.force_login(offer.admin)
    client.get(URL)
    tomorrow = timezone.now() + timedelta(days=1)
    renew_indicators.enqueue()  # as the scheduler does at the start of the day
    with mock.patch("django.utils.timezone.now", return_value=tomorrow):
        run_tasks()
        with CaptureQueriesContext(connection) as read:
            response = client.get(URL)
    assert response.context["result"].computed_at == tomorrow
    assert not computed_figures(read)


def computed_figures(queries) -> bool:
    """Whether ``queries`` hold the figures' count of sessions."""
    return any('AS "held"' in q["sql"] for q in queries.captured_queries)


def queued_renewals() -> int:
    return DBTaskResult.objects.ready().filter(task_path=renew_indicators.module_path).count()


def test_without_a_shared_cache_the_first_read_after_a_write_computes_the_figures(
    client, offer, kept_figures, settings, django_capture_on_commit_callbacks
):
    settings.INDICATORS_STALE_SECONDS = 0  # the default without CACHE_URL
    client.force_login(offer.admin)
    assert client.get(URL).context["result"].published == 2
    with django_capture_on_commit_callbacks(execute=True):
        TrainingFactory(collection=offer.collection, owner=offer.owner, title="Une de plus")
    assert queued_renewals() == 0
    assert client.get(URL).context["result"].published == 3


def test_the_daily_renewal_is_scheduled():
    assert "mentor.watch.tasks.renew_indicators" in {job.name for job in scheduled_jobs()}


def test_people_who_watch_different_parts_do_not_share_figures(client, offer, kept_figures):
    client.force_login(offer.admin)
    assert client.get(URL).context["result"].published == 2
    client.force_login(offer.lead_reviewer)
    assert client.get(URL).context["result"].published == 1
    client.force_login(offer.outsider)
    assert client.get(URL).context["result"].published == 0
