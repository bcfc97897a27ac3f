"""Loads the reference data. Rows are created when missing and never overwritten, so a second run changes nothing
and an administrator's edits survive a reload."""

from django.db import transaction
from django.utils.text import slugify

from mentor.core import formacode
from mentor.core.models import FormacodeTerm
from mentor.design.models import ChecklistTemplateItem, DesignStep
from mentor.editorial.models import PublicationCriterion
from mentor.offer.models import Collection, Objective, StrategicOrientation, ThematicOffer
from mentor.organisations.enums import OrganisationKind
from mentor.organisations.models import Organisation, TeamMembership

from .reference_data import COLLECTIONS, LEAD_IDENTITY, LEADS, PUBLICATION_CRITERIA
from .reference_design import DESIGN_STEPS


@transaction.atomic
def load_reference_data() -> dict[str, int]:
    """Create what is missing; return how many rows of each kind were created."""
    created = {"organisations": 0, "collections": 0, "orientations": 0, "critères": 0}
    leads = {}
    for code, name, article, (team_name, mailbox) in LEADS:
        leads[code], new = Organisation.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "kind": OrganisationKind.INTERMINISTERIAL_DIRECTORATE,
                "article": article,
            },
        )
        created["organisations"] += new
        if not leads[code].article:  # filling a blank, not overwriting an administrator's choice
            leads[code].article = article
            leads[code].save(update_fields=["article"])
        # Every lead has someone to write to; a team an administrator already named is left as it is.
        if not TeamMembership.objects.filter(organisation=leads[code]).exists():
            TeamMembership.objects.create(
                organisation=leads[code],
                name=team_name,
                role_label="Boîte fonctionnelle du chef de file",
                email=mailbox,
            )
        identity = {k: v for k, v in LEAD_IDENTITY.get(code, {}).items() if not getattr(leads[code], k)}
        if identity:
            Organisation.objects.filter(pk=leads[code].pk).update(**identity)
    for position, (code, name, description) in enumerate(PUBLICATION_CRITERIA, start=1):
        _, new = PublicationCriterion.objects.get_or_create(
            code=code, defaults={"name": name, "description": description, "position": position}
        )
        created["critères"] += new
    for position, spec in enumerate(COLLECTIONS, start=1):
        collection = _collection(spec, position, leads[spec["lead"]], None, created)
        for child_position, child in enumerate(spec.get("children", []), start=1):
            _collection(child, child_position, leads[spec["lead"]], collection, created)
    created["descripteurs FORMACODE"] = _formacode_terms()
    created["étapes de conception"] = load_design_steps()
    return created


def load_design_steps() -> int:
    created = 0
    for position, spec in enumerate(DESIGN_STEPS, start=1):
        fields = {k: v for k, v in spec.items() if k not in ("slug", "checklist")}
        step, new = DesignStep.objects.get_or_create(
            slug=spec["slug"], defaults={**fields, "position": position}
        )
        if new:
            ChecklistTemplateItem.objects.bulk_create(
                ChecklistTemplateItem(step=step, position=n, text=text)
                for n, text in enumerate(spec["checklist"], start=1)
            )
        created += new
    return created


def _formacode_terms() -> int:
    """The FORMACODE thesaurus, in a few bulk inserts: only the codes not loaded yet are created."""
    rows = formacode.read_formacode()
    existing = set(FormacodeTerm.objects.values_list("code", flat=True))
    missing = [
        FormacodeTerm(
            code=row[formacode.CODE],
            label=row[formacode.LABEL],
            kind=formacode.kind(row),
            semantic_field=row[formacode.SEMANTIC_FIELD],
            synonyms="\n".join(formacode.non_preferred_terms(row)),
            definition=row[formacode.DEFINITION],
        )
        for row in rows
        if row[formacode.CODE] not in existing
    ]
    FormacodeTerm.objects.bulk_create(missing, batch_size=1000)
    return len(missing)


def _collection(spec, position, lead, parent, created):
    collection, new = Collection.objects.get_or_create(
        slug=spec["slug"],
        defaults={
            "name": spec["name"],
            "lead": lead,
            "parent": parent,
            "position": position,
            "colour": spec["colour"],
            "description": spec["description"],
        },
    )
    created["collections"] += new
    if new:
        for o_pos, (title, thematic_offers) in enumerate(spec["orientations"], start=1):
            _orientation(collection, o_pos, title, thematic_offers)
            created["orientations"] += 1
    return collection


def _orientation(collection, position, title, thematic_offers):
    orientation = StrategicOrientation.objects.create(
        collection=collection, title=title, slug=slugify(title), position=position, is_starting_content=True
    )
    for t_pos, (theme, objectives) in enumerate(thematic_offers, start=1):
        offer = ThematicOffer.objects.create(
            orientation=orientation, title=theme, slug=slugify(theme), position=t_pos
        )
        Objective.objects.bulk_create(
            Objective(thematic_offer=offer, text=text, position=i)
            for i, text in enumerate(objectives, start=1)
        )
