"""A realistic offer at any scale for the benchmark (``manage.py generate_bench_data``).

Everything is built in memory with explicit ids and inserted with ``bulk_create`` in batches: ``path`` and
``ministry_id`` of organisations, ``owner_ministry_id`` and ``slug`` of trainings are computed here, since
``save()`` is bypassed. The same seed on the same day gives the same rows (session dates are placed around the
day of generation so that "registration open" stays meaningful).
"""

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.text import slugify

from mentor.accounts.models import User
from mentor.bootstrap.reference import load_reference_data
from mentor.bootstrap.reference_data import LEADS
from mentor.bootstrap.vocabulary import CITIES
from mentor.editorial.models import LABEL_VALIDITY, Label
from mentor.offer.catalogue.cache import catalogue_changed
from mentor.offer.enums import (
    Modality,
    OpenTo,
    RegistrationMode,
    RegistrationStatus,
    Scope,
    SessionStatus,
    TrainingStatus,
)
from mentor.offer.models import Adoption, Collection, Objective, Registration, Session, Training
from mentor.offer.sessions import refresh_registration_open_to_all
from mentor.organisations.enums import OrganisationKind as K
from mentor.organisations.models import Organisation
from mentor.watch.models import SatisfactionAnswer

from .organisations import CODE_PREFIX, BenchTree, build_tree
from .text import training_text
from .vocabulary import FIRST_NAMES, LAST_NAMES

# Bench accounts use a reserved top-level domain (RFC 2606): no e-mail can ever reach a real person.
EMAIL_SUFFIX = ".bench-mentor.test"
PASSWORD = "mentor-bench-2026"  # noqa: S105 - the bench agents' shared password, given in the README
BATCH_SIZE = 2000
METIER_SHARE = 0.6
ADOPTION_RATE = 0.03
LABEL_RATE = 0.1  # of published trainings; one label in five has expired

TRAINING_STATUSES = {
    TrainingStatus.PUBLISHED: 88,
    TrainingStatus.DRAFT: 5,
    TrainingStatus.SUBMITTED: 2,
    TrainingStatus.IN_REVIEW: 2,
    TrainingStatus.CHANGES_REQUESTED: 1,
    TrainingStatus.APPROVED: 1,
    TrainingStatus.ARCHIVED: 1,
}
MODALITIES = {
    Modality.E_LEARNING: 40,
    Modality.CLASSROOM: 25,
    Modality.BLENDED: 20,
    Modality.VIRTUAL_CLASS: 15,
}
# 0 to 6 sessions, 3 on average.
SESSION_COUNTS = {0: 5, 1: 10, 2: 20, 3: 30, 4: 20, 5: 10, 6: 5}
# status -> (weight, range of start days relative to the day of generation)
SESSION_STATUSES = {
    SessionStatus.IN_PREPARATION: (15, (30, 300)),
    SessionStatus.REGISTRATION_OPEN: (35, (7, 180)),
    SessionStatus.IN_PROGRESS: (10, (-5, 0)),
    SessionStatus.COMPLETED: (25, (-400, -10)),
    SessionStatus.CANCELLED: (5, (-60, 60)),
    SessionStatus.POSTPONED: (5, (60, 240)),
    SessionStatus.ARCHIVED: (5, (-800, -400)),
}
SESSION_STATUS_WEIGHTS = {status: weight for status, (weight, _) in SESSION_STATUSES.items()}
OPEN_TO = {OpenTo.ALL: 60, OpenTo.OWNER: 25, OpenTo.LIST: 15}
# Learners: sessions that opened their registrations have some (a quarter of their seats to all of them, about
# twelve; up to 15 for an e-learning session, which has no seats), with a waiting list when full; one learner in
# twelve cancels. After a session ended, three of its participants in ten answer the satisfaction questionnaire.
NO_LEARNERS = (SessionStatus.IN_PREPARATION, SessionStatus.CANCELLED, SessionStatus.POSTPONED)
ENDED = (SessionStatus.COMPLETED, SessionStatus.ARCHIVED)
CANCELLATION_RATE = 1 / 12
ANSWER_RATE = 0.3


class ForeignDataError(Exception):
    """The database holds rows the generator did not create: refuse to mix them with bench data."""


def _weighted(rng, table):
    return rng.choices(list(table), weights=list(table.values()))[0]


def foreign_data() -> dict[str, int]:
    """How many rows of each kind were not created by this generator (nor by load_reference_data)."""
    lead_codes = [code for code, *_ in LEADS]
    counts = {
        "organisations": Organisation.objects.exclude(code__startswith=CODE_PREFIX)
        .exclude(code__in=lead_codes)
        .count(),
        "formations": Training.objects.exclude(owner__code__startswith=CODE_PREFIX).count(),
        "comptes": User.objects.exclude(email__endswith=EMAIL_SUFFIX).count(),
    }
    return {kind: n for kind, n in counts.items() if n}


def clear_bench_data() -> None:
    """Delete what a previous run generated, so that a new run with the same seed gives the same offer.

    Offer rows go with set-based SQL: the ORM would delete 100,000 trainings one signal at a time. Their search
    index rows are dropped by the index rebuild that follows every generation.
    """
    # Table and column names come from the models' metadata, never from input: S608 does not apply.
    table = {m: m._meta.db_table for m in (Organisation, Training, Session, Adoption, Registration)}
    orgs = f"SELECT id FROM {table[Organisation]} WHERE code LIKE %s"  # noqa: S608
    trainings = f"SELECT id FROM {table[Training]} WHERE owner_id IN ({orgs})"  # noqa: S608
    sessions = f"SELECT id FROM {table[Session]} WHERE training_id IN ({trainings})"  # noqa: S608
    statements = [(table[Registration], "session_id", sessions)]
    statements += [(SatisfactionAnswer._meta.db_table, "session_id", sessions)]
    statements += [(through._meta.db_table, "session_id", sessions) for through in _m2m(Session)]
    statements += [(table[Session], "training_id", trainings), (table[Adoption], "training_id", trainings)]
    statements += [(Label._meta.db_table, "training_id", trainings)]
    statements += [(through._meta.db_table, "training_id", trainings) for through in _m2m(Training)]
    statements += [(table[Training], "id", trainings)]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Tables filled in this very transaction (a test's) have no statistics yet: PostgreSQL would then
            # check every registration against every session, for minutes.
            cursor.execute("ANALYZE")
        for db_table, column, subquery in statements:
            sql = f"DELETE FROM {db_table} WHERE {column} IN ({subquery})"  # noqa: S608
            cursor.execute(sql, [f"{CODE_PREFIX}%"])
    User.objects.filter(email__endswith=EMAIL_SUFFIX).delete()
    bench_orgs = Organisation.objects.filter(code__startswith=CODE_PREFIX)
    # The tree protects parents and ministries: unlink it before deleting it in one statement.
    bench_orgs.update(parent=None, ministry=None)
    bench_orgs.delete()


def _m2m(model):
    return [f.remote_field.through for f in model._meta.local_many_to_many]


def _next_id(model) -> int:
    return (model.objects.aggregate(m=models.Max("id"))["m"] or 0) + 1


@dataclass
class _Context:
    rng: random.Random
    tree: BenchTree
    today: datetime
    collections: list[Collection]
    objectives: dict[int, list[int]]  # collection id -> its objectives
    producers: dict[int, list[Organisation]]  # ministry id -> organisations that design trainings
    counts: dict[str, int] = field(default_factory=dict)
    learners: dict[int, list[int]] = field(default_factory=dict)  # ministry id -> its agents' ids

    def add(self, kind: str, n: int) -> None:
        self.counts[kind] = self.counts.get(kind, 0) + n


def _producers(tree: BenchTree) -> dict[int, list[Organisation]]:
    """Central administrations, establishments and the ministry itself design most trainings."""
    return {
        ministry_id: [o for o in orgs if o.kind != K.DECONCENTRATED_SERVICE]
        + [o for o in orgs if o.kind == K.DECONCENTRATED_SERVICE][:4]
        for ministry_id, orgs in tree.by_ministry.items()
    }


def _duration(rng, modality) -> tuple[Decimal, Decimal]:
    def half_hours(low, high):
        return Decimal(rng.randint(low * 2, high * 2)) / 2

    if modality == Modality.E_LEARNING:
        return Decimal(0), half_hours(1, 10)
    if modality == Modality.VIRTUAL_CLASS:
        return Decimal(0), half_hours(1, 7)
    if modality == Modality.CLASSROOM:
        return half_hours(3, 35), Decimal(0)
    return half_hours(3, 21), half_hours(1, 8)


def _training(ctx: _Context, training_id: int) -> Training:
    rng = ctx.rng
    collection = rng.choice(ctx.collections)
    if rng.random() < METIER_SHARE:
        scope = Scope.METIER
        owner = rng.choice(ctx.producers[rng.choice(ctx.tree.ministries).id])
    else:
        scope = Scope.TRANSVERSE
        pool = ctx.tree.providers if rng.random() < 0.5 else ctx.producers[rng.choice(ctx.tree.ministries).id]
        owner = rng.choice(pool)
    status = _weighted(rng, TRAINING_STATUSES)
    modality = _weighted(rng, MODALITIES)
    on_site, remote = _duration(rng, modality)
    text = training_text(rng, collection.slug)
    published = status in (TrainingStatus.PUBLISHED, TrainingStatus.ARCHIVED)
    return Training(
        id=training_id,
        slug=f"{slugify(text.title)[:200]}-{training_id}",
        title=text.title,
        teaser=text.teaser,
        description=text.description,
        learning_outcomes=text.learning_outcomes,
        content_outline=text.content_outline,
        prerequisites=text.prerequisites,
        target_audience=text.target_audience,
        keywords=text.keywords,
        modality=modality,
        duration_on_site_hours=on_site,
        duration_remote_hours=remote,
        language=rng.choice(["en", "de", "es"])
        if collection.slug == "langues" and rng.random() < 0.6
        else "fr",
        leads_to_certification=rng.random() < 0.08,
        collection_id=collection.id,
        scope=scope,
        owner_id=owner.id,
        owner_ministry_id=owner.ministry_id,
        delivery_url=f"https://formation{EMAIL_SUFFIX}/parcours/{training_id}"
        if modality == Modality.E_LEARNING
        else "",
        status=status,
        published_at=ctx.today - timedelta(days=rng.randint(1, 1500)) if published else None,
    )


def _sessions(ctx: _Context, training: Training, first_id: int) -> tuple[list[Session], list]:
    rng = ctx.rng
    sessions, listed = [], []
    ministry_orgs = ctx.tree.by_ministry.get(training.owner_ministry_id) or ctx.tree.providers
    for n in range(_weighted(rng, SESSION_COUNTS)):
        status = _weighted(rng, SESSION_STATUS_WEIGHTS)
        low, high = SESSION_STATUSES[status][1]
        organiser = training.owner_id if rng.random() < 0.8 else rng.choice(ministry_orgs).id
        permanent = training.modality == Modality.E_LEARNING and rng.random() < 0.5
        starts = (
            None if permanent else ctx.today + timedelta(days=rng.randint(low, high), hours=rng.randint(0, 8))
        )
        open_to = _weighted(rng, OPEN_TO)
        session = Session(
            id=first_id + n,
            training_id=training.id,
            organiser_id=organiser,
            is_permanent=permanent,
            starts_at=starts,
            ends_at=starts + timedelta(days=rng.randint(0, 4), hours=7) if starts else None,
            capacity=None if training.modality == Modality.E_LEARNING else rng.randint(8, 30),
            place=rng.choice(CITIES) if training.modality in (Modality.CLASSROOM, Modality.BLENDED) else "",
            online_url=f"https://visio{EMAIL_SUFFIX}/{first_id + n}"
            if training.modality == Modality.VIRTUAL_CLASS
            else "",
            registration_mode=RegistrationMode.FREE if rng.random() < 0.6 else RegistrationMode.ON_REQUEST,
            status=SessionStatus.REGISTRATION_OPEN if permanent else status,
            open_to=open_to,
        )
        sessions.append(session)
        if open_to == OpenTo.LIST:
            for org in rng.sample(ctx.tree.organisations, k=rng.randint(1, 3)):
                listed.append(
                    Session.open_to_organisations.through(session_id=session.id, organisation_id=org.id)
                )
    return sessions, listed


def _insert_trainings(ctx: _Context, count: int) -> None:
    training_id, session_id = _next_id(Training), _next_id(Session)
    covers_model = Training.covered_objectives.through
    for start in range(0, count, BATCH_SIZE):
        trainings = [_training(ctx, training_id + i) for i in range(start, min(start + BATCH_SIZE, count))]
        sessions, listed, covers, adoptions, labels = [], [], [], [], []
        for training in trainings:
            new_sessions, new_listed = _sessions(ctx, training, session_id)
            session_id += len(new_sessions)
            sessions += new_sessions
            listed += new_listed
            choices = ctx.objectives.get(training.collection_id, [])
            for objective_id in ctx.rng.sample(choices, k=min(len(choices), ctx.rng.randint(1, 2))):
                covers.append(covers_model(training_id=training.id, objective_id=objective_id))
            if training.status == TrainingStatus.PUBLISHED and ctx.rng.random() < LABEL_RATE:
                awarded = (ctx.today - timedelta(days=ctx.rng.randint(30, 1400))).date()
                valid_until = (
                    awarded + LABEL_VALIDITY if ctx.rng.random() < 0.8 else awarded + timedelta(days=20)
                )
                labels.append(Label(training_id=training.id, awarded_on=awarded, valid_until=valid_until))
            if training.scope == Scope.METIER and ctx.rng.random() < ADOPTION_RATE:
                adopter = ctx.rng.choice(ctx.tree.ministries)
                if adopter.id != training.owner_ministry_id:
                    adoptions.append(Adoption(training_id=training.id, organisation_id=adopter.id))
        Training.objects.bulk_create(trainings, batch_size=BATCH_SIZE)
        Session.objects.bulk_create(sessions, batch_size=BATCH_SIZE)
        Session.open_to_organisations.through.objects.bulk_create(listed, batch_size=BATCH_SIZE)
        covers_model.objects.bulk_create(covers, batch_size=BATCH_SIZE)
        Adoption.objects.bulk_create(adoptions, batch_size=BATCH_SIZE)
        Label.objects.bulk_create(labels, batch_size=BATCH_SIZE)
        # bulk_create sends no signal: the flag the catalogue reads is set by the function that keeps it.
        refresh_registration_open_to_all(
            Training.objects.filter(pk__range=(trainings[0].id, trainings[-1].id))
        )
        for kind, rows in (
            ("formations", trainings),
            ("sessions", sessions),
            ("adoptions", adoptions),
            ("labels", labels),
        ):
            ctx.add(kind, len(rows))


def _insert_users(ctx: _Context, count: int) -> None:
    """Agents spread over the tree; services and establishments weigh more than ministries' head offices."""
    weight = {
        K.MINISTRY: 1,
        K.DECONCENTRATED_SERVICE: 4,
        K.PUBLIC_ESTABLISHMENT: 3,
        K.CENTRAL_ADMINISTRATION: 3,
    }
    orgs = ctx.tree.organisations
    weights = [weight.get(o.kind, 1) for o in orgs]
    password = make_password(PASSWORD)
    first_id = _next_id(User)
    for start in range(0, count, BATCH_SIZE):
        entities = ctx.rng.choices(orgs, weights=weights, k=min(BATCH_SIZE, count - start))
        users = []
        for offset, entity in enumerate(entities):
            n = start + offset
            first, last = ctx.rng.choice(FIRST_NAMES), ctx.rng.choice(LAST_NAMES)
            joined = ctx.today - timedelta(days=ctx.rng.randint(1, 2000))
            domain = entity.code.removeprefix(CODE_PREFIX).split("-")[0].lower()
            users.append(
                User(
                    id=first_id + n,
                    email=f"{slugify(first)}.{slugify(last)}.{n}@{domain}{EMAIL_SUFFIX}",
                    first_name=first,
                    last_name=last,
                    entity_id=entity.id,
                    password=password,
                    date_joined=joined,
                    email_confirmed_at=joined,
                )
            )
        User.objects.bulk_create(users, batch_size=BATCH_SIZE)
        for user, entity in zip(users, entities, strict=True):
            ctx.learners.setdefault(entity.ministry_id, []).append(user.id)
        ctx.add("comptes", len(users))


def _insert_learners(ctx: _Context) -> None:
    """Registrations of the agents to the sessions, and the answers of those who took part: learners of a
    session reserved to its ministry or to listed organisations come from the training's ministry, the others
    from anywhere."""
    everyone = [user_id for ids in ctx.learners.values() for user_id in ids]
    sessions = (
        Session.objects.filter(training__owner__code__startswith=CODE_PREFIX)
        .exclude(status__in=NO_LEARNERS)
        .order_by("pk")
        .values_list("pk", "capacity", "status", "open_to", "ends_at", "training__owner_ministry_id")
    )
    answered_at = SatisfactionAnswer._meta.get_field("answered_at")
    # The answers are dated after their sessions, not at the time of the generation.
    answered_at.auto_now_add = False
    try:
        registrations, answers = [], []
        for session_id, capacity, status, open_to, ends_at, ministry_id in sessions.iterator(BATCH_SIZE):
            pool = everyone if open_to == OpenTo.ALL else ctx.learners.get(ministry_id) or everyone
            seats = capacity or 15
            count = min(len(pool), ctx.rng.randint(seats // 4, seats + (3 if capacity else 0)))
            for n, user_id in enumerate(ctx.rng.sample(pool, count)):
                if capacity and n >= capacity:
                    state = RegistrationStatus.WAITING
                elif ctx.rng.random() < CANCELLATION_RATE:
                    state = RegistrationStatus.CANCELLED
                else:
                    state = RegistrationStatus.CONFIRMED
                registrations.append(Registration(session_id=session_id, user_id=user_id, status=state))
                if (
                    status in ENDED
                    and state == RegistrationStatus.CONFIRMED
                    and ctx.rng.random() < ANSWER_RATE
                ):
                    answers.append(_answer(ctx, session_id, user_id, ends_at))
            if len(registrations) >= BATCH_SIZE * 5:
                _flush_learners(ctx, registrations, answers)
        _flush_learners(ctx, registrations, answers)
    finally:
        answered_at.auto_now_add = True


def _answer(ctx: _Context, session_id: int, user_id: int, ends_at) -> SatisfactionAnswer:
    rng = ctx.rng
    opinion = rng.choice((2, 3, 4, 4, 5))
    scores = [max(1, min(5, opinion + rng.choice((-1, 0, 0, 1)))) for _ in range(5)]
    return SatisfactionAnswer(
        session_id=session_id,
        user_id=user_id,
        expectations=scores[0],
        usefulness=scores[1],
        content=scores[2],
        delivery=scores[3],
        recommend=scores[4],
        answered_at=(ends_at or ctx.today) + timedelta(days=rng.randint(0, 10)),
    )


def _flush_learners(ctx: _Context, registrations: list, answers: list) -> None:
    Registration.objects.bulk_create(registrations, batch_size=BATCH_SIZE)
    SatisfactionAnswer.objects.bulk_create(answers, batch_size=BATCH_SIZE)
    ctx.add("inscriptions", len(registrations))
    ctx.add("réponses", len(answers))
    registrations.clear()
    answers.clear()


def _reset_sequences() -> None:
    """Rows were inserted with explicit ids: move PostgreSQL's sequences past them (SQLite needs nothing)."""
    statements = connection.ops.sequence_reset_sql(
        no_style(), [Organisation, Training, Session, User, Adoption, Session.open_to_organisations.through]
    )
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def generate(trainings: int, users: int = 50_000, seed: int = 1, force: bool = False) -> dict[str, int]:
    """Replace the previous bench data by a new offer; return how many rows of each kind were created.

    Raises ForeignDataError when the database holds other data, unless ``force``.
    """
    load_reference_data()
    foreign = foreign_data()
    if foreign and not force:
        raise ForeignDataError(foreign)
    rng = random.Random(seed)  # noqa: S311 - reproducible fixtures, not secrets
    today = datetime.combine(timezone.now().date(), time(9), tzinfo=UTC)
    with transaction.atomic():
        clear_bench_data()
        tree = build_tree(rng, _next_id(Organisation))
        Organisation.objects.bulk_create(tree.organisations, batch_size=BATCH_SIZE)
        objectives: dict[int, list[int]] = {}
        for objective_id, collection_id in Objective.objects.values_list(
            "id", "thematic_offer__orientation__collection_id"
        ).order_by("id"):
            objectives.setdefault(collection_id, []).append(objective_id)
        ctx = _Context(
            rng=rng,
            tree=tree,
            today=today,
            collections=list(Collection.objects.order_by("id")),
            objectives=objectives,
            producers=_producers(tree),
            counts={"organisations": len(tree.organisations)},
        )
        _insert_trainings(ctx, trainings)
        _insert_users(ctx, users)
        _insert_learners(ctx)
        _reset_sequences()
        # Bulk inserts send no signal: searches cached before the generation must not be served after it.
        catalogue_changed()
    return ctx.counts
