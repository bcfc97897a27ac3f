"""LHEO 2.3 export of the trainings a user may see, streamed: one ``formation`` at a time is built and written
through lxml's incremental writer (``etree.xmlfile``), the trainings are read from the database in chunks, so the
memory used does not grow with the offer.

Speed (100,000 generated trainings in well under a minute): each chunk's sessions, FORMACODE codes, objectives and
labels are read in one query each, as plain rows rather than model instances, and the organisations and
collections once for the whole export; an organisation's address and identity are worked out once.

Mapping: a training is a ``formation``; how it is delivered is its ``action``; each session an LHEO ``session``
(a training without a dated session, such as a permanent e-learning, gets one permanent session, as LHEO requires
at least one); the owner is the ``organisme-formation-responsable`` (SIRET, activity number and address, taken
from the nearest organisation above it that has them); FORMACODE descriptors are the ``domaine-formation``. The
rest (collection, scope, label, covered objectives, exact durations, teaser, keywords…) goes in the extras."""

import copy
import functools
import textwrap
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import datetime

from django.conf import settings
from django.utils import timezone
from lxml import etree

from mentor.editorial.labels import attach_valid_labels
from mentor.offer.enums import SessionStatus
from mentor.offer.models import Collection, Session, Training
from mentor.organisations.models import Organisation

from . import lheo

CHUNK = 500
SKIPPED_SESSIONS = (SessionStatus.CANCELLED, SessionStatus.ARCHIVED)


@functools.cache
def _q(name: str) -> str:
    return f"{{{lheo.NS_23}}}{name}"


def _el(parent, name: str, text=None, attributes=None):
    # Called some eighty times per formation: kept to the lxml calls themselves.
    element = _sub_element(parent, _q(name), attributes)
    if text is not None:
        element.text = text if text.__class__ is str else str(text)
    return element


_sub_element = etree.SubElement


def _fit(text: str, limit: int) -> str:
    text = (text or "").strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _or_nothing(text: str, limit: int) -> str:
    return _fit(text, limit) or lheo.NOTHING


def _day(moment) -> str:
    return timezone.localtime(moment).strftime("%Y%m%d") if moment else lheo.PERMANENT_START


def _stamp(moment: datetime) -> str:
    return timezone.localtime(moment).isoformat(timespec="seconds")


def training_number(training) -> str:
    """The stable identifier of a formation: the partner's own, else Mentor's."""
    return training.external_id or f"mentor-{training.pk}"


def session_number(session) -> str:
    return session.external_id or f"mentor-session-{session.pk}"


class _ReadOnce:
    """Rows of a small table (organisations, collections) read once for the whole export; one created while the
    export runs is read when first met."""

    fields: tuple[str, ...]

    def __init__(self, model):
        self.queryset = model.objects.only(*self.fields)
        self.by_id = {row.pk: row for row in self.queryset.order_by("pk")}

    def __getitem__(self, pk):
        if pk not in self.by_id:
            self.by_id[pk] = self.queryset.get(pk=pk)
        return self.by_id[pk]


class Collections(_ReadOnce):
    fields = ("name", "slug")

    def __init__(self):
        super().__init__(Collection)


class Organisations(_ReadOnce):
    """Every organisation read once (a thousand at national scale): the SIRET, activity number and address of an
    organisation that has none are its nearest ancestor's. What the export writes of an organisation (its
    registration address, its ``organisme-formation-responsable``) depends on it alone: built once, then copied."""

    fields = ("code", "name", "path", "website", "siret", "activity_number", "street", "postal_code", "city")

    def __init__(self):
        super().__init__(Organisation)
        self.blocks = {}
        # Built under a root that declares LHEO's namespace, a block moved into a formation declares nothing more.
        self.root = etree.Element(_q("lheo"), nsmap={None: lheo.NS_23})

    def block(self, build, organisation_id) -> etree._Element:
        """A copy of what ``build(parent, organisation, organisations)`` writes for the organisation."""
        key = (build, organisation_id)
        if key not in self.blocks:
            build(self.root, self[organisation_id], self)
            self.blocks[key] = self.root[-1]
        return copy.deepcopy(self.blocks[key])

    def _nearest(self, organisation, has) -> Organisation | None:
        for pk in reversed(organisation.ancestor_ids):
            candidate = self.by_id.get(pk)
            if candidate is not None and has(candidate):
                return candidate
        return None

    def identity(self, organisation) -> tuple[str, str]:
        siret = self._nearest(organisation, lambda o: o.siret)
        activity = self._nearest(organisation, lambda o: o.activity_number)
        return (
            siret.siret if siret else "0" * 14,
            activity.activity_number if activity else "0" * 11,
        )

    def address(self, organisation) -> Organisation | None:
        return self._nearest(organisation, lambda o: o.street and o.postal_code and o.city)


def _address(parent, organisations: Organisations, organisation, name="adresse"):
    located = organisations.address(organisation)
    address = _el(parent, name)
    if located is None:
        # LHEO requires an address: the organisation's name stands for it, with the unknown postal code.
        _el(address, "ligne", _fit(organisation.name, 50))
        _el(address, "codepostal", "00000")
        _el(address, "ville", lheo.NOTHING)
    else:
        for line in textwrap.wrap(located.street, 50)[:4]:
            _el(address, "ligne", line)
        _el(address, "codepostal", located.postal_code)
        _el(address, "ville", _fit(located.city, 50))
    _el(address, "pays", "FR")
    return address


def _registration_address(parent, organisation, organisations):
    _address(_el(parent, "adresse-inscription"), organisations, organisation)


def _extras(parent, values: Iterable[tuple[str, str]]):
    values = [(info, value) for info, value in values if value not in (None, "")]
    if values:
        extras = _el(parent, "extras", None, {"info": lheo.EXTRAS_INFO})
        for info, value in values:
            _el(extras, "extra", value, {"info": info})


def formation_element(training, organisations: Organisations, collections: Collections) -> etree._Element:
    """The ``formation`` of ``training``, with what ``_attach_relations`` and ``attach_valid_labels`` set on it."""
    formation = etree.Element(
        _q("formation"),
        {
            "numero": training_number(training),
            "horodatage-creation": _stamp(training.created_at),
            "horodatage-modification": _stamp(training.updated_at),
        },
        nsmap={None: lheo.NS_23},
    )
    domain = _el(formation, "domaine-formation")
    for code in training.formacode_codes[:5]:
        _el(domain, "code-FORMACODE", code, {"ref": "V13"})
    _el(formation, "intitule-formation", _fit(training.title, 255))
    _el(formation, "objectif-formation", _or_nothing(training.description, 3000))
    _el(formation, "resultats-attendus", _or_nothing(training.learning_outcomes, 3000))
    _el(formation, "contenu-formation", _or_nothing(training.content_outline, 3000))
    _el(formation, "certifiante", "1" if training.leads_to_certification else "0")
    contact = _el(_el(formation, "contact-formation"), "coordonnees")
    if training.contact_name:
        _el(contact, "nom", _fit(training.contact_name, 50))
    if training.contact_email:
        _el(contact, "courriel", _fit(training.contact_email, 160))
    # parcours-de-formation 2: individualised (alone, at one's pace); 1: in a group.
    _el(formation, "parcours-de-formation", "2" if training.modality == "e_learning" else "1")
    _el(formation, "code-niveau-entree", lheo.ENTRY_LEVEL_UNKNOWN)
    _el(_el(formation, "url-formation"), "urlweb", settings.SITE_URL + training.get_absolute_url())
    _action(formation, training, organisations)
    formation.append(organisations.block(_responsible, training.owner_id))
    collection = collections[training.collection_id]
    label = getattr(training, "valid_label", None)
    _extras(
        formation,
        [
            ("collection", collection.slug),
            ("collection-libelle", collection.name),
            ("portee", training.scope),
            ("accroche", training.teaser),
            ("mots-cles", training.keywords),
            ("label-valable-jusqu-au", label.valid_until.isoformat() if label else ""),
            *(("objectif-cible", text) for text in training.objective_texts),
        ],
    )
    return formation


def _action(formation, training, organisations):
    action = _el(formation, "action", None, {"numero": training_number(training)})
    _el(action, "rythme-formation", "À son rythme" if training.modality == "e_learning" else "Temps partiel")
    _el(action, "code-public-vise", lheo.PUBLIC_CODE, {"ref": "V13"})
    if training.target_audience:
        _el(action, "info-public-vise", _fit(training.target_audience, 250))
    _el(action, "niveau-entree-obligatoire", "0")
    _el(action, "modalites-alternance", lheo.NOTHING)
    _el(action, "modalites-enseignement", lheo.TEACHING_CODE[training.modality])
    _el(action, "conditions-specifiques", _or_nothing(training.prerequisites, 3000))
    _el(action, "prise-en-charge-frais-possible", "0")
    sessions = training.visible_sessions
    permanent = not sessions or all(s.is_permanent for s in sessions)
    _el(action, "modalites-entrees-sorties", "1" if permanent else "0")
    if training.delivery_url:
        _el(_el(action, "url-action"), "urlweb", _fit(training.delivery_url, 400))
    for session in sessions:
        _session(action, session, organisations)
    if not sessions:
        # A training without a session (a permanent e-learning) still has one, permanent, as LHEO requires.
        session = _el(action, "session", None, {"numero": f"{training_number(training)}-permanente"})
        periode = _el(session, "periode")
        _el(periode, "debut", lheo.PERMANENT_START)
        _el(periode, "fin", lheo.PERMANENT_END)
        session.append(organisations.block(_registration_address, training.owner_id))
        _el(session, "etat-recrutement", "1")
        _extras(session, [("sans-session", "1")])
    _el(
        action,
        "langue-formation",
        _fit(training.language, 2).upper() if len(training.language) >= 2 else "FR",
    )
    hours = training.total_duration_hours
    if hours:
        _el(action, "nombre-heures-total", int(round(hours)))
    _extras(
        action,
        [
            ("modalite", training.modality),
            ("duree-presentiel-heures", str(training.duration_on_site_hours)),
            ("duree-distance-heures", str(training.duration_remote_hours)),
        ],
    )


def _session(action, session, organisations):
    """``session`` is a row of ``SESSION_FIELDS``."""
    organiser = organisations[session.organiser_id]
    element = _el(action, "session", None, {"numero": session_number(session)})
    periode = _el(element, "periode")
    if session.is_permanent:
        _el(periode, "debut", lheo.PERMANENT_START)
        _el(periode, "fin", lheo.PERMANENT_END)
    else:
        _el(periode, "debut", _day(session.starts_at))
        _el(periode, "fin", _day(session.ends_at))
    element.append(organisations.block(_registration_address, session.organiser_id))
    # etat-recrutement: 1 open, 2 closed.
    _el(element, "etat-recrutement", "1" if session.status == SessionStatus.REGISTRATION_OPEN else "2")
    if session.online_url:
        _el(_el(element, "url-session"), "urlweb", _fit(session.online_url, 400))
    _extras(
        element,
        [
            ("intitule", session.title),
            ("lieu", session.place),
            ("places", "" if session.capacity is None else str(session.capacity)),
            ("organisateur", organiser.code),
            ("debut", session.starts_at.isoformat() if session.starts_at else ""),
            ("fin", session.ends_at.isoformat() if session.ends_at else ""),
            ("statut", session.status),
        ],
    )


def _responsible(formation, owner, organisations):
    """Written once per owner (``Organisations.block``)."""
    siret, activity = organisations.identity(owner)
    responsible = _el(formation, "organisme-formation-responsable", None, {"numero": owner.code})
    _el(responsible, "numero-activite", activity)
    _el(_el(responsible, "SIRET-organisme-formation"), "SIRET", siret)
    _el(responsible, "nom-organisme", _fit(owner.name, 250))
    _el(responsible, "raison-sociale", _fit(owner.name, 250))
    coordinates = _el(_el(responsible, "coordonnees-organisme"), "coordonnees")
    _address(coordinates, organisations, owner)
    if owner.website:
        _el(_el(coordinates, "web"), "urlweb", _fit(owner.website, 400))
    _el(_el(responsible, "contact-organisme"), "coordonnees")


SESSION_FIELDS = (
    "pk",
    "training_id",
    "organiser_id",
    "title",
    "is_permanent",
    "starts_at",
    "ends_at",
    "capacity",
    "place",
    "online_url",
    "status",
    "external_id",
)


def _attach_relations(chunk, user) -> None:
    """Set on each training of ``chunk`` its ``visible_sessions`` (rows of ``SESSION_FIELDS``, in date order),
    ``formacode_codes`` and ``objective_texts``: three queries for the whole chunk."""
    ids = [training.pk for training in chunk]
    sessions, codes, objectives = defaultdict(list), defaultdict(list), defaultdict(list)
    for session in (
        Session.objects.open_to(user)
        .exclude(status__in=SKIPPED_SESSIONS)
        .filter(training_id__in=ids)
        .order_by("starts_at", "pk")
        .values_list(*SESSION_FIELDS, named=True)
    ):
        sessions[session.training_id].append(session)
    terms = Training.formacode_terms.through.objects.filter(training_id__in=ids).order_by("formacodeterm_id")
    for training_id, code in terms.values_list("training_id", "formacodeterm_id"):
        codes[training_id].append(code)
    covered = Training.covered_objectives.through.objects.filter(training_id__in=ids).order_by("objective_id")
    for training_id, text in covered.values_list("training_id", "objective__text"):
        objectives[training_id].append(text)
    for training in chunk:
        training.visible_sessions = sessions[training.pk]
        training.formacode_codes = codes[training.pk]
        training.objective_texts = objectives[training.pk]


def write(trainings, user, output, progress=None) -> None:
    """Write the LHEO document of ``trainings`` (a queryset) to ``output`` (a binary file); ``progress(n)`` is told
    the number of formations written after each chunk."""
    for piece in stream(trainings, user, progress):
        output.write(piece)


def stream(trainings, user, progress=None) -> Iterator[bytes]:
    """The LHEO document of ``trainings`` as successive pieces of bytes (one per chunk of trainings), for a
    streamed HTTP response or a file."""
    buffer = _Buffer()
    organisations, collections = Organisations(), Collections()
    count = 0
    with etree.xmlfile(buffer, encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element(_q("lheo"), nsmap={None: lheo.NS_23}), xf.element(_q("offres")):
            for chunk in _chunks(trainings):
                _attach_relations(chunk, user)
                attach_valid_labels(chunk)
                for training in chunk:
                    xf.write(formation_element(training, organisations, collections))
                count += len(chunk)
                xf.flush()
                if progress:
                    progress(count)
                yield buffer.take()
    yield buffer.take()


def _chunks(queryset):
    chunk = []
    for training in queryset.iterator(chunk_size=CHUNK):
        chunk.append(training)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class _Buffer:
    def __init__(self):
        self.parts = []

    def write(self, data):
        self.parts.append(bytes(data))

    def take(self) -> bytes:
        data, self.parts = b"".join(self.parts), []
        return data
