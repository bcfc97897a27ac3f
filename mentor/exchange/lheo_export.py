"""LHEO 2.3 export of the trainings a user may see, streamed: one ``formation`` at a time is built and written
through lxml's incremental writer (``etree.xmlfile``), the trainings are read from the database in chunks, so the
memory used does not grow with the offer.

Speed (the export of 100,000 generated trainings must stay under a minute): each chunk's sessions, FORMACODE codes,
objectives and labels are read in one query each, as plain rows rather than model instances, the organisations and
collections once for the whole export; what is written of an organisation is written once; a formation is assembled
as text and parsed back (see ``_TEXT_SPECIAL``).

Mapping: a training is a ``formation``; how it is delivered is its ``action``; each session an LHEO ``session``
(a training without a dated session, such as a permanent e-learning, gets one permanent session, as LHEO requires
at least one); the owner is the ``organisme-formation-responsable`` (SIRET, activity number and address, taken
from the nearest organisation above it that has them); FORMACODE descriptors are the ``domaine-formation``. The
rest (collection, scope, label, covered objectives, exact durations, teaser, keywords…) goes in the extras."""

import re
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


# A formation is assembled as XML text and parsed back: built element by element, its eighty-odd elements cost as
# many lxml calls from Python, most of the export's time, where the parser is C. The text escapes just what the
# parser would otherwise read differently (a carriage return would become a line feed, a tab in an attribute a
# space); the parsed element is what lxml writes, so libxml2 stays the one serialiser and refuses what it always
# refused (control characters). One difference, out of reach of valid data: an empty text is written <a/>, the same
# XML as the <a></a> of an element given "" as text.
_TEXT_SPECIAL = re.compile("[&<>\r]")
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTRIBUTE_SPECIAL = re.compile('[&<>"\n\r\t]')
_ATTRIBUTE_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}
)
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


def _text(value) -> str:
    value = value if value.__class__ is str else str(value)
    return value.translate(_TEXT_ESCAPES) if _TEXT_SPECIAL.search(value) else value


def _attribute(value: str) -> str:
    return value.translate(_ATTRIBUTE_ESCAPES) if _ATTRIBUTE_SPECIAL.search(value) else value


def _el(out: list, name: str, text) -> None:
    out.append(f"<{name}>{_text(text)}</{name}>")


def _fit(text: str, limit: int) -> str:
    text = (text or "").strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _or_nothing(text: str, limit: int) -> str:
    return _fit(text, limit) or lheo.NOTHING


def _day(moment, zone) -> str:
    return timezone.localtime(moment, zone).strftime("%Y%m%d") if moment else lheo.PERMANENT_START


def _stamp(moment: datetime, zone) -> str:
    return timezone.localtime(moment, zone).isoformat(timespec="seconds")


def training_number(training) -> str:
    """The stable identifier of a formation: the partner's own, else Mentor's."""
    return training.external_id or f"mentor-{training.pk}"


def session_number(session) -> str:
    return session.external_id or f"mentor-session-{session.pk}"


class _ReadOnce:
    """Rows of a small table (organisations, collections) read once for the whole export; one created while the
    export runs is read when first met."""

    model: type
    fields: tuple[str, ...]

    def __init__(self):
        self.queryset = self.model.objects.only(*self.fields)
        self.by_id = {row.pk: row for row in self.queryset.order_by("pk")}

    def __getitem__(self, pk):
        if pk not in self.by_id:
            self.by_id[pk] = self.queryset.get(pk=pk)
        return self.by_id[pk]


class Collections(_ReadOnce):
    model, fields = Collection, ("name", "slug")


class Organisations(_ReadOnce):
    """Every organisation read once (a thousand at national scale): the SIRET, activity number and address of an
    organisation that has none are its nearest ancestor's. What the export writes of an organisation (its
    registration address, its ``organisme-formation-responsable``) depends on it alone: written once, then reused."""

    model = Organisation
    fields = ("code", "name", "path", "website", "siret", "activity_number", "street", "postal_code", "city")

    def __init__(self):
        super().__init__()
        self.blocks = {}

    def block(self, write, organisation_id) -> str:
        """What ``write(out, organisation, organisations)`` writes for the organisation."""
        key = (write, organisation_id)
        if key not in self.blocks:
            out = []
            write(out, self[organisation_id], self)
            self.blocks[key] = "".join(out)
        return self.blocks[key]

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


def _address(out, organisations: Organisations, organisation):
    located = organisations.address(organisation)
    out.append("<adresse>")
    if located is None:
        # LHEO requires an address: the organisation's name stands for it, with the unknown postal code.
        _el(out, "ligne", _fit(organisation.name, 50))
        _el(out, "codepostal", "00000")
        _el(out, "ville", lheo.NOTHING)
    else:
        for line in textwrap.wrap(located.street, 50)[:4]:
            _el(out, "ligne", line)
        _el(out, "codepostal", located.postal_code)
        _el(out, "ville", _fit(located.city, 50))
    _el(out, "pays", "FR")
    out.append("</adresse>")


def _registration_address(out, organisation, organisations):
    out.append("<adresse-inscription>")
    _address(out, organisations, organisation)
    out.append("</adresse-inscription>")


def _extras(out, values: Iterable[tuple[str, str]]):
    values = [(info, value) for info, value in values if value not in (None, "")]
    if values:
        out.append(f'<extras info="{lheo.EXTRAS_INFO}">')
        for info, value in values:
            out.append(f'<extra info="{_attribute(info)}">{_text(value)}</extra>')
        out.append("</extras>")


def formation_element(
    training, organisations: Organisations, collections: Collections, zone
) -> etree._Element:
    """The ``formation`` of ``training``, with what ``_attach_relations`` and ``attach_valid_labels`` set on it;
    dates in ``zone`` (the current time zone, looked up once per export rather than at each date)."""
    out = [
        f'<formation xmlns="{lheo.NS_23}" numero="{_attribute(training_number(training))}"'
        f' horodatage-creation="{_stamp(training.created_at, zone)}"'
        f' horodatage-modification="{_stamp(training.updated_at, zone)}">',
        "<domaine-formation>",
    ]
    for code in training.formacode_codes[:5]:
        out.append(f'<code-FORMACODE ref="V13">{_text(code)}</code-FORMACODE>')
    out.append("</domaine-formation>")
    _el(out, "intitule-formation", _fit(training.title, 255))
    _el(out, "objectif-formation", _or_nothing(training.description, 3000))
    _el(out, "resultats-attendus", _or_nothing(training.learning_outcomes, 3000))
    _el(out, "contenu-formation", _or_nothing(training.content_outline, 3000))
    _el(out, "certifiante", "1" if training.leads_to_certification else "0")
    out.append("<contact-formation><coordonnees>")
    if training.contact_name:
        _el(out, "nom", _fit(training.contact_name, 50))
    if training.contact_email:
        _el(out, "courriel", _fit(training.contact_email, 160))
    out.append("</coordonnees></contact-formation>")
    # parcours-de-formation 2: individualised (alone, at one's pace); 1: in a group.
    _el(out, "parcours-de-formation", "2" if training.modality == "e_learning" else "1")
    _el(out, "code-niveau-entree", lheo.ENTRY_LEVEL_UNKNOWN)
    out.append("<url-formation>")
    _el(out, "urlweb", settings.SITE_URL + training.get_absolute_url())
    out.append("</url-formation>")
    _action(out, training, organisations, zone)
    out.append(organisations.block(_responsible, training.owner_id))
    collection = collections[training.collection_id]
    label = getattr(training, "valid_label", None)
    _extras(
        out,
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
    out.append("</formation>")
    return etree.fromstring("".join(out), _PARSER)


def _action(out, training, organisations, zone):
    out.append(f'<action numero="{_attribute(training_number(training))}">')
    _el(out, "rythme-formation", "À son rythme" if training.modality == "e_learning" else "Temps partiel")
    out.append(f'<code-public-vise ref="V13">{lheo.PUBLIC_CODE}</code-public-vise>')
    if training.target_audience:
        _el(out, "info-public-vise", _fit(training.target_audience, 250))
    _el(out, "niveau-entree-obligatoire", "0")
    _el(out, "modalites-alternance", lheo.NOTHING)
    _el(out, "modalites-enseignement", lheo.TEACHING_CODE[training.modality])
    _el(out, "conditions-specifiques", _or_nothing(training.prerequisites, 3000))
    _el(out, "prise-en-charge-frais-possible", "0")
    sessions = training.visible_sessions
    permanent = not sessions or all(s.is_permanent for s in sessions)
    _el(out, "modalites-entrees-sorties", "1" if permanent else "0")
    if training.delivery_url:
        out.append("<url-action>")
        _el(out, "urlweb", _fit(training.delivery_url, 400))
        out.append("</url-action>")
    for session in sessions:
        _session(out, session, organisations, zone)
    if not sessions:
        # A training without a session (a permanent e-learning) still has one, permanent, as LHEO requires.
        out.append(f'<session numero="{_attribute(training_number(training))}-permanente"><periode>')
        _el(out, "debut", lheo.PERMANENT_START)
        _el(out, "fin", lheo.PERMANENT_END)
        out.append("</periode>")
        out.append(organisations.block(_registration_address, training.owner_id))
        _el(out, "etat-recrutement", "1")
        _extras(out, [("sans-session", "1")])
        out.append("</session>")
    _el(out, "langue-formation", _fit(training.language, 2).upper() if len(training.language) >= 2 else "FR")
    hours = training.total_duration_hours
    if hours:
        _el(out, "nombre-heures-total", int(round(hours)))
    _extras(
        out,
        [
            ("modalite", training.modality),
            ("duree-presentiel-heures", str(training.duration_on_site_hours)),
            ("duree-distance-heures", str(training.duration_remote_hours)),
        ],
    )
    out.append("</action>")


def _session(out, session, organisations, zone):
    """``session`` is a row of ``SESSION_FIELDS``."""
    out.append(f'<session numero="{_attribute(session_number(session))}"><periode>')
    if session.is_permanent:
        _el(out, "debut", lheo.PERMANENT_START)
        _el(out, "fin", lheo.PERMANENT_END)
    else:
        _el(out, "debut", _day(session.starts_at, zone))
        _el(out, "fin", _day(session.ends_at, zone))
    out.append("</periode>")
    out.append(organisations.block(_registration_address, session.organiser_id))
    # etat-recrutement: 1 open, 2 closed.
    _el(out, "etat-recrutement", "1" if session.status == SessionStatus.REGISTRATION_OPEN else "2")
    if session.online_url:
        out.append("<url-session>")
        _el(out, "urlweb", _fit(session.online_url, 400))
        out.append("</url-session>")
    _extras(
        out,
        [
            ("intitule", session.title),
            ("lieu", session.place),
            ("places", "" if session.capacity is None else str(session.capacity)),
            ("organisateur", organisations[session.organiser_id].code),
            ("debut", session.starts_at.isoformat() if session.starts_at else ""),
            ("fin", session.ends_at.isoformat() if session.ends_at else ""),
            ("statut", session.status),
        ],
    )
    out.append("</session>")


def _responsible(out, owner, organisations):
    """Written once per owner (``Organisations.block``)."""
    siret, activity = organisations.identity(owner)
    out.append(f'<organisme-formation-responsable numero="{_attribute(owner.code)}">')
    _el(out, "numero-activite", activity)
    out.append("<SIRET-organisme-formation>")
    _el(out, "SIRET", siret)
    out.append("</SIRET-organisme-formation>")
    _el(out, "nom-organisme", _fit(owner.name, 250))
    _el(out, "raison-sociale", _fit(owner.name, 250))
    out.append("<coordonnees-organisme><coordonnees>")
    _address(out, organisations, owner)
    if owner.website:
        out.append("<web>")
        _el(out, "urlweb", _fit(owner.website, 400))
        out.append("</web>")
    out.append("</coordonnees></coordonnees-organisme>")
    out.append("<contact-organisme><coordonnees/></contact-organisme>")
    out.append("</organisme-formation-responsable>")


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
    organisations, collections, zone = Organisations(), Collections(), timezone.get_current_timezone()
    count = 0
    with etree.xmlfile(buffer, encoding="utf-8") as xf:
        xf.write_declaration()
        with (
            xf.element(f"{{{lheo.NS_23}}}lheo", nsmap={None: lheo.NS_23}),
            xf.element(f"{{{lheo.NS_23}}}offres"),
        ):
            for chunk in _chunks(trainings):
                _attach_relations(chunk, user)
                attach_valid_labels(chunk)
                for training in chunk:
                    xf.write(formation_element(training, organisations, collections, zone))
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
