"""LHEO import (2.3 and 2.2) into an organisation's offer, record by record.

The file is refused as a whole when it is hostile or not LHEO: larger than ``MAX_BYTES``, not XML, with a document
type declaration (the door to external entities and to entity expansion, "billion laughs"), or in another
namespace. lxml parses it without resolving entities, without the network, without loading a DTD and with its
limits on huge documents kept.

Each ``formation`` is then a record: its ``numero`` (or a stable hash of the record) is the training's
``external_id``, and it goes through the same synchronisation as the write API (``editorial.sync``): created as a
draft, a draft updated, a published training revised, never published directly; the same file imported twice
changes nothing. A bad record is reported with its line and reason, and the others are still imported. HTML found
in texts is turned into plain text with nh3 (structure kept as line breaks), neither stored raw nor dropped."""

import hashlib
import html
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, time
from decimal import Decimal, InvalidOperation

import nh3
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from lxml import etree

from mentor.core.models import FormacodeTerm
from mentor.core.templatetags.french import counted
from mentor.core.workflow import TransitionRefused
from mentor.editorial import sync
from mentor.offer import sync as session_sync
from mentor.offer.enums import Modality, Scope
from mentor.offer.models import Collection, Objective, Training

from . import lheo

MAX_BYTES = 20 * 1024 * 1024
CREATED, UPDATED, UNCHANGED, REJECTED = "created", "updated", "unchanged", "rejected"
RESULT_LABELS = {CREATED: "créée", UPDATED: "mise à jour", UNCHANGED: "inchangée", REJECTED: "rejetée"}
LOOKS_LIKE_HTML = re.compile(
    r"</?(p|br|ul|ol|li|b|i|u|em|strong|div|span|a|h[1-6]|script|style|table|tr|td|th|img|iframe|font)\b",
    re.I,
)
BLOCK_END = re.compile(r"</(p|div|li|h[1-6]|tr|ul|ol)\s*>|<br\s*/?>", re.I)
LIST_ITEM = re.compile(r"<li\b[^>]*>", re.I)


class Refused(Exception):
    """The whole file is refused; the message says why, in French."""


@dataclass
class Record:
    line: int
    number: str
    title: str
    result: str
    reason: str = ""

    @property
    def result_label(self) -> str:
        return RESULT_LABELS[self.result]


@dataclass
class Report:
    version: str
    dry_run: bool
    records: list[Record] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        counted = Counter(r.result for r in self.records)
        return {result: counted.get(result, 0) for result in (CREATED, UPDATED, UNCHANGED, REJECTED)}

    def summary(self) -> str:
        counts = self.counts
        read = len(self.records)
        parts = [
            counted(counts[CREATED], "créée", "créées"),
            counted(counts[UPDATED], "mise à jour", "mises à jour"),
            counted(counts[UNCHANGED], "inchangée", "inchangées"),
            counted(counts[REJECTED], "rejetée", "rejetées"),
        ]
        text = f"{counted(read, 'formation lue', 'formations lues')} : {', '.join(parts)}."
        return text + (" Essai à blanc : rien n'a été enregistré." if self.dry_run else "")


def parse(data: bytes):
    """The root of an LHEO document, or Refused."""
    if len(data) > MAX_BYTES:
        raise Refused(f"Le fichier dépasse la taille maximale de {MAX_BYTES // (1024 * 1024)} Mo.")
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise Refused(
            "Le fichier contient une déclaration de type de document (DTD) ou d'entités : refusée par sécurité."
        )
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise Refused(f"Ce fichier n'est pas un document XML bien formé (ligne {error.lineno}).") from error
    if (
        root.getroottree().docinfo.internalDTD is not None
    ):  # an encoding that hid the declaration from the scan
        raise Refused("Le fichier contient une déclaration de type de document (DTD) : refusée par sécurité.")
    namespace = etree.QName(root).namespace
    if etree.QName(root).localname != "lheo" or namespace not in lheo.READABLE_NAMESPACES:
        raise Refused(
            "Ce document n'est pas au format LHEO 2.3 (http://lheo.gouv.fr/2.3) ni LHEO 2.2 "
            f"(http://www.lheo.org/2.2) : son élément racine est « {etree.QName(root).localname} » "
            f"dans l'espace de noms « {namespace or 'aucun'} »."
        )
    return root


def import_lheo(data: bytes, organisation, user=None, dry_run=False, progress=None) -> Report:
    """Import the LHEO document ``data`` into ``organisation``'s offer. ``dry_run`` writes nothing at all;
    ``progress(n)`` is told after each record."""
    root = parse(data)
    namespace = etree.QName(root).namespace
    report = Report("2.3" if namespace == lheo.NS_23 else "2.2", dry_run)
    reader = _Reader(namespace)
    with transaction.atomic():
        for n, element in enumerate(
            root.iterfind(f"{{{namespace}}}offres/{{{namespace}}}formation"), start=1
        ):
            report.records.append(_import_record(reader, element, organisation, user))
            if progress:
                progress(n)
        if dry_run:
            transaction.set_rollback(True)
    return report


def count_records(data: bytes) -> int:
    root = parse(data)
    namespace = etree.QName(root).namespace
    return len(root.findall(f"{{{namespace}}}offres/{{{namespace}}}formation"))


def _import_record(reader, element, organisation, user) -> Record:
    number = reader.number(element)
    title = reader.text(element, "intitule-formation")
    record = Record(element.sourceline or 0, number, title, REJECTED)
    try:
        with transaction.atomic():  # a savepoint: a bad record leaves nothing behind
            values, sessions = reader.training_values(element)
            outcome = sync.upsert_training(organisation, number, values, user)
            results = {outcome.result}
            for external_id, session_values in sessions:
                session_values["training"] = outcome.training
                results.add(
                    session_sync.upsert_session(organisation, external_id, session_values, user).result
                )
    except (ValidationError, TransitionRefused, ValueError) as error:
        record.reason = _reason(error)
        return record
    record.result = (
        CREATED if sync.CREATED in results else UNCHANGED if results == {sync.UNCHANGED} else UPDATED
    )
    return record


def _reason(error) -> str:
    if isinstance(error, ValidationError):
        if hasattr(error, "message_dict"):
            return " ".join(
                f"{_field_label(name)} : {' '.join(messages)}"
                for name, messages in error.message_dict.items()
            )
        return " ".join(error.messages)
    return str(error)


def _field_label(name: str) -> str:
    try:
        return str(Training._meta.get_field(name).verbose_name).capitalize()
    except Exception:  # noqa: BLE001  (a non-field key: the name itself)
        return name


def plain_text(value: str) -> str:
    """``value`` as plain text: HTML is sanitised by nh3 down to its text, paragraphs and list items kept as lines."""
    value = (value or "").strip()
    if not LOOKS_LIKE_HTML.search(value):
        return value
    marked = LIST_ITEM.sub("\n- ", BLOCK_END.sub("\n", value))
    text = html.unescape(nh3.clean(marked, tags=set()))
    lines = [line.strip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


class _Reader:
    """Reads Mentor's values out of a ``formation`` of either version."""

    def __init__(self, namespace):
        self.ns = {"l": namespace}

    def number(self, element) -> str:
        number = (element.get("numero") or "").strip()
        if number and len(number) <= 100:
            return number
        # No usable identifier: a stable hash of the record, so that importing it again finds it.
        return "lheo-" + hashlib.sha256(etree.tostring(element, method="c14n")).hexdigest()[:32]

    def text(self, element, path) -> str:
        return plain_text(element.xpath(f"string(l:{path})", namespaces=self.ns))

    def texts(self, element, path) -> list[str]:
        return [t.strip() for t in element.xpath(f"l:{path}/text()", namespaces=self.ns)]

    def extras(self, element) -> dict[str, list[str]]:
        found = {}
        for extra in element.xpath(
            "l:extras[@info=$info]/l:extra", namespaces=self.ns, info=lheo.EXTRAS_INFO
        ):
            found.setdefault(extra.get("info"), []).append((extra.text or "").strip())
        return found

    def training_values(self, element):
        extras = self.extras(element)
        action = element.find("l:action", self.ns)
        if action is None:
            raise ValueError("La formation n'a pas d'action : LHEO en exige au moins une.")
        action_extras = self.extras(action)
        title = self.text(element, "intitule-formation")
        if not title:
            raise ValueError("L'intitulé de la formation manque.")
        modality = _first(action_extras, "modalite")
        if modality not in Modality.values:
            modality = lheo.MODALITY_OF_CODE.get(
                self.text(action, "modalites-enseignement"), Modality.E_LEARNING
            )
        on_site, remote = self._durations(action, action_extras, modality)
        language = self.text(action, "langue-formation").lower() or "fr"
        values = {
            "title": title,
            "teaser": _first(extras, "accroche"),
            "description": _nothing(self.text(element, "objectif-formation")),
            "learning_outcomes": _nothing(self.text(element, "resultats-attendus")),
            "content_outline": _nothing(self.text(element, "contenu-formation")),
            "prerequisites": _nothing(self.text(action, "conditions-specifiques")),
            "target_audience": _nothing(self.text(action, "info-public-vise")),
            "contact_name": " ".join(
                filter(
                    None,
                    [
                        self.text(element, "contact-formation/l:coordonnees/l:prenom"),
                        self.text(element, "contact-formation/l:coordonnees/l:nom"),
                    ],
                )
            ),
            "contact_email": self.text(element, "contact-formation/l:coordonnees/l:courriel"),
            "modality": modality,
            "duration_on_site_hours": on_site,
            "duration_remote_hours": remote,
            "language": language,
            "keywords": _first(extras, "mots-cles"),
            "leads_to_certification": self.text(element, "certifiante") == "1",
            "delivery_url": _url(self.text(action, "url-action/l:urlweb")),
            "collection": self._collection(extras),
            "scope": _first(extras, "portee") if _first(extras, "portee") in Scope.values else Scope.METIER,
        }
        _check(values)
        values["covered_objectives"] = list(
            Objective.objects.filter(
                text__in=extras.get("objectif-cible", []),
                thematic_offer__orientation__collection=values["collection"],
            ).order_by("pk")
        )
        values["formacode_terms"] = list(
            FormacodeTerm.objects.filter(
                code__in=self.texts(element, "domaine-formation/l:code-FORMACODE")
            ).order_by("code")
        )
        sessions = [self._session(session) for session in action.iterfind("l:session", self.ns)]
        return values, [s for s in sessions if s is not None]

    def _durations(self, action, extras, modality):
        try:
            on_site = Decimal(_first(extras, "duree-presentiel-heures") or "0")
            remote = Decimal(_first(extras, "duree-distance-heures") or "0")
        except InvalidOperation as error:
            raise ValueError("Une durée de la formation n'est pas un nombre.") from error
        if on_site or remote:
            return on_site, remote
        total = self.text(action, "nombre-heures-total")
        hours = Decimal(total) if total.isdigit() else Decimal(0)
        return (hours, Decimal(0)) if modality == Modality.CLASSROOM else (Decimal(0), hours)

    def _collection(self, extras):
        slug = _first(extras, "collection")
        collection = Collection.objects.filter(slug=slug).first() if slug else None
        # A record from elsewhere has no collection: the first one, to be chosen by the designer on the draft.
        collection = collection or Collection.objects.order_by("position", "pk").first()
        if collection is None:
            raise ValueError("Aucune collection n'existe pour y ranger la formation.")
        return collection

    def _session(self, element):
        extras = self.extras(element)
        if _first(extras, "sans-session"):
            return None  # the permanent session LHEO requires of a training that has none
        number = (element.get("numero") or "").strip()
        if not number or len(number) > 100:
            number = "lheo-" + hashlib.sha256(etree.tostring(element, method="c14n")).hexdigest()[:32]
        start, end = self.text(element, "periode/l:debut"), self.text(element, "periode/l:fin")
        permanent = start in (lheo.PERMANENT_START, "") and end in (
            lheo.PERMANENT_END,
            lheo.PERMANENT_START,
            "",
        )
        place = _first(extras, "lieu")
        if not extras:  # a record from elsewhere: the registration address says where
            address = element.find("l:adresse-inscription/l:adresse", self.ns)
            if address is not None:
                place = ", ".join(
                    filter(
                        None,
                        [
                            *self.texts(address, "ligne"),
                            f"{self.text(address, 'codepostal')} {self.text(address, 'ville')}".strip(),
                        ],
                    )
                )
        capacity = _first(extras, "places")
        values = {
            "title": _first(extras, "intitule"),
            "is_permanent": permanent,
            "starts_at": None if permanent else _moment(_first(extras, "debut"), start, time.min),
            "ends_at": None if permanent else _moment(_first(extras, "fin"), end, time(23, 59)),
            "capacity": int(capacity) if capacity.isdigit() else None,
            "place": place[:255],
            "online_url": _url(self.text(element, "url-session/l:urlweb")),
        }
        return number, values


def _first(extras, name) -> str:
    return (extras.get(name) or [""])[0]


def _nothing(text: str) -> str:
    return "" if text == lheo.NOTHING else text


def _url(value: str) -> str:
    value = value.strip()
    if value and not re.match(r"^https?://", value, re.I):
        value = "https://" + value
    return value


def _moment(exact: str, day: str, default_time):
    if exact:
        try:
            moment = datetime.fromisoformat(exact)
        except ValueError:
            moment = None
        if moment is not None:
            return moment if timezone.is_aware(moment) else timezone.make_aware(moment)
    try:
        date = datetime.strptime(day, "%Y%m%d").date()
    except ValueError as error:
        raise ValueError(f"La date de session « {day} » n'est pas une date AAAAMMJJ.") from error
    return timezone.make_aware(datetime.combine(date, default_time))


def _check(values):
    """The model's own checks (lengths, e-mail, web address, durations), field by field."""
    fields = {name: value for name, value in values.items() if name != "collection"}
    candidate = Training(**fields)
    exclude = {f.name for f in Training._meta.fields if f.name not in fields}
    candidate.clean_fields(exclude=exclude)
