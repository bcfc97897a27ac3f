"""A catalogue the size of a real one: about two hundred published trainings across the 14 collections, their
sub-collections and thematic offers, with sessions over the coming months, labels and adoptions.

Every text is composed from the curated French fragments of ``bootstrap.vocabulary`` (noun phrases with their article,
skills as infinitive phrases, whole sentences), only in shapes that read right whatever the fragment: a skill is a
title on its own, a subject takes a title shape that keeps its article. The same list is composed on every load and
each training is created once, by slug: a second load writes nothing. Created in bulk (history included), then the
search index and the open-registration flags are computed once for all, so that the load stays fast.
"""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from mentor.editorial.models import Label
from mentor.offer import search_index
from mentor.offer.enums import Modality, OpenTo, RegistrationMode, Scope, SessionStatus, TrainingStatus
from mentor.offer.models import Adoption, Collection, Objective, Session, Training
from mentor.offer.sessions import refresh_registration_open_to_all

from ..vocabulary import (
    AUDIENCES,
    CITIES,
    COLLECTION_VOCABULARY,
    DESCRIPTION_BODY,
    OUTLINE_STEPS,
    PREREQUISITES,
)

# Shapes around a subject that keep its article ("la LOLF", "les marchés publics"); capitalised afterwards.
SUBJECT_TITLES = ["{s} : les fondamentaux", "{s} en pratique", "comprendre {s}", "{s} : se perfectionner"]
# Subjects of a collection that give a training of their own (the skills all do).
SUBJECTS_PER_COLLECTION = 5
# One training in this many is ministry-specific, owned in turn by one of these organisations.
METIER_EVERY = 4
METIER_OWNERS = ["DGFIP", "SGMI", "SG-MTE", "OFB", "ANTS", "DRFIP-BZH", "PREF-33", "DREAL-OCC", "INPI"]
# Cross-government trainings are produced in turn by the collection's lead and by these schools and operators.
TRANSVERSE_OWNERS = [None, "IGPDE", "INSP"]
# The organisation of another ministry that adopts a ministry-specific training, and who adopted it there.
ADOPTERS = {"MEF": ("PREF-33", "referent@interieur.gouv.fr"), "MI": ("OFB", None), "MTE": ("DGFIP", None)}
MODALITIES = [Modality.E_LEARNING, Modality.BLENDED, Modality.CLASSROOM, Modality.VIRTUAL_CLASS]
# Hours (on site, remote) of each modality, picked in turn.
HOURS = {
    Modality.E_LEARNING: [(0, 1), (0, 2), (0, 3), (0, 5)],
    Modality.BLENDED: [(7, 3), (14, 4), (7, 6)],
    Modality.CLASSROOM: [(7, 0), (14, 0), (21, 0), (3, 0)],
    Modality.VIRTUAL_CLASS: [(0, 2), (0, 3), (0, 6)],
}
# What every course of the catalogue also teaches, after its own skill.
OUTCOMES = [
    "appliquer les règles et les outils présentés aux situations de votre service",
    "repérer les erreurs les plus fréquentes et savoir les éviter",
    "savoir où trouver les ressources et les interlocuteurs utiles",
]
LABEL_EVERY = 9  # one cross-government training in this many is labelled
ADOPTION_EVERY = 3  # one ministry-specific training in this many is adopted by another ministry


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _outline(n: int) -> list[str]:
    """Four modules in the order a course takes them: the introduction, two of the middle steps, the end."""
    middle = OUTLINE_STEPS[1:-2]
    first = n % len(middle)
    second = first + 1 + n % (len(middle) - first - 1) if first < len(middle) - 1 else None
    steps = [middle[first]] if second is None else [middle[first], middle[second]]
    return [OUTLINE_STEPS[0], *steps, OUTLINE_STEPS[-1 - n % 2]]


def compose() -> list[dict]:
    """The trainings of the demo catalogue, always the same: title, texts and collection of each."""
    taken = set()
    trainings = []
    for collection_slug, (subjects, skills, keywords) in COLLECTION_VOCABULARY.items():
        titles = [(_capitalised(skill), skill, subjects[n % len(subjects)]) for n, skill in enumerate(skills)]
        for n, subject in enumerate(subjects[:SUBJECTS_PER_COLLECTION]):
            shape = SUBJECT_TITLES[n % len(SUBJECT_TITLES)]
            titles.append((_capitalised(shape.format(s=subject)), skills[n % len(skills)], subject))
        for title, skill, subject in titles:
            slug = slugify(title)[:200]
            if slug in taken:
                continue
            taken.add(slug)
            n = len(trainings)
            titled_by_skill = title.lower() == skill
            trainings.append(
                {
                    "slug": slug,
                    "collection": collection_slug,
                    "title": title,
                    "teaser": (
                        f"Des méthodes et des cas concrets pour {skill}."
                        if titled_by_skill
                        else f"Apprenez à {skill}, avec des exemples tirés du terrain."
                    ),
                    "description": " ".join(
                        [
                            f"Cette formation vous apprend à {skill}, à partir de situations réelles de "
                            "l'administration."
                            if titled_by_skill
                            else f"Cette formation aborde {subject} à partir de situations réelles de "
                            "l'administration.",
                            *(DESCRIPTION_BODY[(n + k * 5) % len(DESCRIPTION_BODY)] for k in range(3)),
                        ]
                    ),
                    "learning_outcomes": "À l'issue de la formation, vous serez capable de :\n"
                    + " ;\n".join(f"- {outcome}" for outcome in (skill, *OUTCOMES[n % 2 :][:2]))
                    + ".",
                    "content_outline": "\n".join(
                        f"{k}. {step}" for k, step in enumerate(_outline(n), start=1)
                    ),
                    "prerequisites": PREREQUISITES[n % len(PREREQUISITES)],
                    "target_audience": AUDIENCES[n % len(AUDIENCES)],
                    "keywords": ", ".join(keywords[(n + k) % len(keywords)] for k in range(3)),
                }
            )
    return trainings


def load(orgs, users, existing_titles) -> None:
    """Create the trainings of ``compose()`` that are not there yet (nor, by title, among ``existing_titles``)."""
    planned = [t for t in compose() if t["title"].lower() not in existing_titles]
    present = set(
        Training.objects.filter(slug__in=[t["slug"] for t in planned]).values_list("slug", flat=True)
    )
    planned = [t for t in planned if t["slug"] not in present]
    if not planned:
        return
    collections = {c.slug: c for c in Collection.objects.select_related("lead")}
    now = timezone.now()
    trainings = []
    for n, text in enumerate(planned):
        collection = collections[text.pop("collection")]
        metier = n % METIER_EVERY == METIER_EVERY - 1
        if metier:
            owner = orgs[METIER_OWNERS[n // METIER_EVERY % len(METIER_OWNERS)]]
        else:
            code = TRANSVERSE_OWNERS[n % len(TRANSVERSE_OWNERS)]
            owner = orgs[code] if code else collection.lead
        modality = MODALITIES[n % len(MODALITIES)]
        on_site, remote = HOURS[modality][n % len(HOURS[modality])]
        trainings.append(
            Training(
                **text,
                collection=collection,
                scope=Scope.METIER if metier else Scope.TRANSVERSE,
                owner=owner,
                owner_ministry_id=owner.ministry_id,
                modality=modality,
                duration_on_site_hours=Decimal(on_site),
                duration_remote_hours=Decimal(remote),
                leads_to_certification=n % 11 == 0,
                delivery_url=f"https://mentor.gouv.fr/course/view.php?id={2000 + n}",
                contact_name="Équipe pédagogique",
                contact_email="mentor@fonction-publique.gouv.fr",
                status=TrainingStatus.PUBLISHED,
                published_at=now - timedelta(days=3 + (n * 7) % 700),
            )
        )
    # Back with their keys (SQLite and PostgreSQL both return them), and a history row each.
    trainings = bulk_create_with_history(trainings, Training)
    _objectives(trainings)
    _sessions(trainings, users["gestionnaire@igpde.finances.gouv.fr"], now)
    _labels(trainings, users["admin@fonction-publique.gouv.fr"])
    _adoptions(trainings, orgs, users)
    ids = [t.pk for t in trainings]
    refresh_registration_open_to_all(Training.objects.filter(pk__in=ids))
    # The bulk writes sent no signal: the index is built once (its rebuild also renews the catalogue's cache).
    search_index.rebuild()


def _objectives(trainings):
    """Each training covers one objective of its collection, in turn, so that every thematic offer has some."""
    objectives = {}
    for objective in Objective.objects.select_related("thematic_offer__orientation").order_by(
        "thematic_offer__orientation__collection", "thematic_offer__orientation__position", "pk"
    ):
        objectives.setdefault(objective.thematic_offer.orientation.collection_id, []).append(objective)
    links = []
    seen = {}
    for training in trainings:
        choices = objectives.get(training.collection_id, [])
        if choices:
            turn = seen.get(training.collection_id, 0)
            seen[training.collection_id] = turn + 1
            links.append(
                Training.covered_objectives.through(training=training, objective=choices[turn % len(choices)])
            )
    Training.covered_objectives.through.objects.bulk_create(links)


def _sessions(trainings, manager, now):
    """E-learning: one permanent session, open. Otherwise two to three sessions over the coming six months (the
    first often open to registration), and for one in three a session held last month."""
    sessions = []
    for n, training in enumerate(trainings):
        own = OpenTo.OWNER if training.scope == Scope.METIER else OpenTo.ALL
        online = training.modality in (Modality.E_LEARNING, Modality.VIRTUAL_CLASS)
        common = {
            "training": training,
            "organiser": training.owner,
            "online_url": training.delivery_url if training.modality != Modality.CLASSROOM else "",
            "open_to": own,
        }
        if training.modality == Modality.E_LEARNING:
            sessions.append(
                Session(
                    **common,
                    title="Session permanente",
                    is_permanent=True,
                    status=SessionStatus.REGISTRATION_OPEN,
                )
            )
            continue
        for k in range(2 + n % 2):
            starts = (now + timedelta(days=12 + (n * 5) % 40 + 45 * k)).replace(
                hour=9, minute=30, second=0, microsecond=0
            )
            sessions.append(
                Session(
                    **common,
                    title=f"Session {k + 1}",
                    starts_at=starts,
                    # A day of seven hours on site per day of session, a single day for a virtual class.
                    ends_at=starts
                    + timedelta(days=max(int(training.duration_on_site_hours) // 7, 1) - 1, hours=8),
                    capacity=12 + 4 * (n % 4),
                    place="" if online else CITIES[(n + k) % len(CITIES)],
                    registration_mode=RegistrationMode.ON_REQUEST if n % 5 == 0 else RegistrationMode.FREE,
                    status=SessionStatus.REGISTRATION_OPEN
                    if k == 0 or n % 3
                    else SessionStatus.IN_PREPARATION,
                )
            )
        if n % 3 == 0:
            starts = now - timedelta(days=30 + n % 20)
            sessions.append(
                Session(
                    **common,
                    title="Session passée",
                    starts_at=starts,
                    ends_at=starts + timedelta(hours=8),
                    capacity=15,
                    place="" if online else CITIES[n % len(CITIES)],
                    status=SessionStatus.COMPLETED,
                )
            )
    sessions = Session.objects.bulk_create(sessions)
    Session.managers.through.objects.bulk_create(
        Session.managers.through(session=session, user=manager) for session in sessions
    )


def _labels(trainings, awarded_by):
    today = timezone.localdate()
    labels = []
    for n, training in enumerate(t for t in trainings if t.scope == Scope.TRANSVERSE):
        if n % LABEL_EVERY == 0:
            awarded = today - timedelta(days=60 + (n * 13) % 600)
            labels.append(
                Label(
                    training=training,
                    awarded_by=awarded_by,
                    awarded_on=awarded,
                    valid_until=awarded + timedelta(days=3 * 365),
                )
            )
    Label.objects.bulk_create(labels)


def _adoptions(trainings, orgs, users):
    """Some ministry-specific trainings are adopted by an organisation of another ministry, whose agents then see
    them."""
    codes = {org.pk: code for code, org in orgs.items()}
    adoptions = []
    for n, training in enumerate(t for t in trainings if t.scope == Scope.METIER):
        adopter = ADOPTERS.get(codes.get(training.owner_ministry_id))
        if adopter and n % ADOPTION_EVERY == 0:
            code, email = adopter
            adoptions.append(
                Adoption(
                    training=training, organisation=orgs[code], adopted_by=users[email] if email else None
                )
            )
    Adoption.objects.bulk_create(adoptions)
