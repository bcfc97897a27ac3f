import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.models import Count, F, OuterRef

from bench.data.generate import CODE_PREFIX, ENDED, NO_LEARNERS
from mentor.accounts.models import User
from mentor.core.search import parse_query
from mentor.offer import search_index
from mentor.offer.enums import OpenTo, RegistrationStatus, Scope, SessionStatus, TrainingStatus
from mentor.offer.models import Collection, Registration, Session, Training
from mentor.organisations.enums import OrganisationKind
from mentor.organisations.models import Organisation
from mentor.watch.models import SatisfactionAnswer
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

TRAININGS = 400
USERS = 300


def generate(**options):
    call_command("generate_bench_data", trainings=TRAININGS, users=USERS, seed=7, **options)


@pytest.fixture
def bench(db):
    generate()


def test_offer_has_the_proportions_of_the_issue(bench):
    trainings = Training.objects.all()
    assert trainings.count() == TRAININGS
    assert 0.5 < trainings.filter(scope=Scope.METIER).count() / TRAININGS < 0.7
    assert trainings.filter(status=TrainingStatus.PUBLISHED).count() / TRAININGS > 0.8
    assert trainings.filter(status=TrainingStatus.DRAFT).exists()
    assert trainings.values("collection").distinct().count() == Collection.objects.count()
    assert 2.5 < Session.objects.count() / TRAININGS < 3.5
    assert set(Session.objects.values_list("status", flat=True)) == set(SessionStatus.values)
    assert set(Session.objects.values_list("open_to", flat=True)) == set(OpenTo.values)


def test_organisations_form_about_thirty_ministry_trees(bench):
    bench_orgs = Organisation.objects.filter(code__startswith=CODE_PREFIX)
    assert 900 < bench_orgs.count() < 1200
    assert 25 <= bench_orgs.filter(kind=OrganisationKind.MINISTRY).count() <= 35
    for org in bench_orgs.exclude(parent=None).select_related("parent")[:200]:
        assert org.path == f"{org.parent.path}{org.pk}/"
        assert org.ministry_id == (
            org.pk if org.kind == OrganisationKind.MINISTRY else org.parent.ministry_id
        )


def test_users_are_attached_across_the_organisations(bench):
    users = User.objects.all()
    assert users.count() == USERS
    assert not users.filter(entity=None).exists()
    per_ministry = users.values("entity__ministry").annotate(n=Count("pk"))
    assert per_ministry.count() >= 20


def test_every_training_has_its_owner_ministry_and_a_search_index_entry(bench):
    assert not Training.objects.filter(owner_ministry=None).exists()
    assert not Training.objects.exclude(owner_ministry=F("owner__ministry")).exists()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {search_index.TRAINING_INDEX.table}")  # noqa: S608
        assert cursor.fetchone()[0] == TRAININGS
    for training in Training.objects.order_by("?")[:10]:
        found = search_index.matching(Training.objects.filter(pk=training.pk), parse_query(training.title))
        assert found.exists(), training.title


def test_the_open_registration_flag_matches_the_sessions(bench):
    open_to_all = set(
        Session.objects.filter(status=SessionStatus.REGISTRATION_OPEN, open_to=OpenTo.ALL).values_list(
            "training_id", flat=True
        )
    )
    flagged = set(Training.objects.filter(registration_open_to_all=True).values_list("pk", flat=True))
    assert flagged == open_to_all
    assert 0 < len(flagged) < TRAININGS


def test_agents_register_to_sessions_and_answer_after_the_ended_ones(bench):
    registrations = Registration.objects.all()
    assert 5 < registrations.count() / Session.objects.exclude(status__in=NO_LEARNERS).count() < 20
    assert not registrations.filter(session__status__in=NO_LEARNERS).exists()
    assert set(registrations.values_list("status", flat=True)) == {
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITING,
        RegistrationStatus.CANCELLED,
    }
    # Seats first, then the waiting list; a session reserved to its ministry has the ministry's agents only.
    for session in Session.objects.exclude(capacity=None).annotate(n=Count("registrations"))[:50]:
        seated = session.registrations.exclude(status=RegistrationStatus.WAITING).count()
        assert seated <= session.capacity
    reserved = registrations.filter(session__open_to=OpenTo.OWNER, session__training__scope=Scope.METIER)
    assert reserved.exists()
    assert not reserved.exclude(user__entity__ministry=F("session__training__owner_ministry")).exists()
    answers = SatisfactionAnswer.objects.all()
    assert answers.exists()
    assert not answers.exclude(session__status__in=ENDED).exists()
    assert not answers.filter(answered_at__lt=F("session__ends_at")).exists()
    assert not answers.exclude(
        user__in=Registration.objects.filter(
            session=OuterRef("session"), status=RegistrationStatus.CONFIRMED
        ).values("user")
    ).exists()


def test_texts_are_french_sentences_of_realistic_length(bench):
    training = Training.objects.order_by("pk").first()
    assert 300 < len(training.description) < 1500
    assert training.learning_outcomes.startswith("À l'issue de la formation")
    assert "lorem" not in training.description.lower()


def test_same_seed_gives_the_same_offer_again(bench):
    first = list(Training.objects.order_by("pk").values_list("title", "scope", "owner__code"))
    generate()
    assert list(Training.objects.order_by("pk").values_list("title", "scope", "owner__code")) == first
    assert Training.objects.count() == TRAININGS


def test_refuses_a_database_with_other_data_unless_forced(db):
    OrganisationFactory(code="MINISTERE-REEL")
    with pytest.raises(CommandError, match="données qui ne viennent pas du banc d'essai"):
        generate()
    assert not Training.objects.exists()
    generate(force=True)
    assert Training.objects.count() == TRAININGS
    assert Organisation.objects.filter(code="MINISTERE-REEL").exists()
