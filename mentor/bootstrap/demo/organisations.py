"""Demo organisations: three ministries with their trees, a training provider, a public-service school, and
their partnership agreements (one expiring within 90 days, so that the administrators' list is not empty)."""

from datetime import timedelta

from django.utils import timezone

from mentor.offer.models import Collection
from mentor.organisations.enums import AgreementStatus as A
from mentor.organisations.enums import OrganisationKind as K
from mentor.organisations.models import EmailDomain, Organisation, PartnershipAgreement

# code, name, kind, parent code, e-mail domains
ORGANISATIONS = [
    ("MEF", "Ministère de l'Économie et des Finances", K.MINISTRY, None, ["finances.gouv.fr"]),
    (
        "DGFIP",
        "Direction générale des finances publiques",
        K.CENTRAL_ADMINISTRATION,
        "MEF",
        ["dgfip.finances.gouv.fr"],
    ),
    (
        "DRFIP-BZH",
        "Direction régionale des finances publiques de Bretagne",
        K.DECONCENTRATED_SERVICE,
        "DGFIP",
        [],
    ),
    ("INPI", "Institut national de la propriété industrielle", K.PUBLIC_ESTABLISHMENT, "MEF", ["inpi.fr"]),
    (
        "IGPDE",
        "Institut de la gestion publique et du développement économique",
        K.TRAINING_PROVIDER,
        "MEF",
        [],
    ),
    ("MI", "Ministère de l'Intérieur", K.MINISTRY, None, ["interieur.gouv.fr"]),
    ("SGMI", "Secrétariat général du ministère de l'Intérieur", K.CENTRAL_ADMINISTRATION, "MI", []),
    ("PREF-33", "Préfecture de la Gironde", K.DECONCENTRATED_SERVICE, "MI", ["gironde.gouv.fr"]),
    ("ANTS", "Agence nationale des titres sécurisés", K.PUBLIC_ESTABLISHMENT, "MI", ["ants.gouv.fr"]),
    ("MTE", "Ministère de la Transition écologique", K.MINISTRY, None, ["developpement-durable.gouv.fr"]),
    (
        "SG-MTE",
        "Secrétariat général du ministère de la Transition écologique",
        K.CENTRAL_ADMINISTRATION,
        "MTE",
        [],
    ),
    ("DREAL-OCC", "Direction régionale de l'environnement d'Occitanie", K.DECONCENTRATED_SERVICE, "MTE", []),
    ("OFB", "Office français de la biodiversité", K.PUBLIC_ESTABLISHMENT, "MTE", ["ofb.gouv.fr"]),
    ("INSP", "Institut national du service public", K.PUBLIC_SERVICE_SCHOOL, None, ["insp.gouv.fr"]),
]

# The article of each name, for the sentences that name an organisation (« l'équipe Mentor du ministère… »).
ARTICLES = {
    "MEF": "le",
    "DGFIP": "la",
    "DRFIP-BZH": "la",
    "INPI": "l'",
    "IGPDE": "l'",
    "MI": "le",
    "SGMI": "le",
    "PREF-33": "la",
    "ANTS": "l'",
    "MTE": "le",
    "SG-MTE": "le",
    "DREAL-OCC": "la",
    "OFB": "l'",
    "INSP": "l'",
}

# Domains of the reference leads, so that their staff are recognised at sign-up.
LEAD_DOMAINS = {"DGAFP": "fonction-publique.gouv.fr", "DINUM": "numerique.gouv.fr", "DAE": "achats.gouv.fr"}


# partner code, days from today to the start, days from today to the end, status, collection slugs, ministry-specific
AGREEMENTS = [
    (
        "MEF",
        -400,
        700,
        A.ACTIVE,
        ["finances-publiques-gestion-budgetaire-et-financiere", "achat-public"],
        True,
    ),
    ("MI", -700, 45, A.ACTIVE, ["organisation-et-missions-des-ministeres-de-l-etat-et-de-l-europe"], True),
    ("MTE", -200, 900, A.ACTIVE, ["transition-ecologique-et-developpement-durable"], True),
    ("INSP", -100, 1000, A.ACTIVE, ["management", "valeurs-de-la-republique"], False),
    ("DINUM", -300, 800, A.ACTIVE, ["numerique-et-systemes-d-information-et-de-communication"], False),
    ("DGAFP", -30, 1100, A.ACTIVE, ["management", "ressources-humaines"], False),
    ("INPI", 30, 400, A.DRAFT, [], False),
]


def load_agreements(orgs) -> None:
    today = timezone.localdate()
    for code, start, end, status, slugs, metier in AGREEMENTS:
        if PartnershipAgreement.objects.filter(partner=orgs[code]).exists():
            continue
        agreement = PartnershipAgreement.objects.create(
            partner=orgs[code],
            starts_on=today + timedelta(days=start),
            ends_on=today + timedelta(days=end),
            status=status,
            offers_ministry_specific_trainings=metier,
        )
        agreement.contributed_collections.set(Collection.objects.filter(slug__in=slugs))


# What LHEO asks of a training provider. Fictitious SIRETs (SIREN 99…, which INSEE never assigns) with a valid
# checksum, and activity numbers: demonstration data, not the organisations' real identifiers.
PROVIDER_IDENTITY = {
    "MEF": ("99000001000019", "11750000175", "139 rue de Bercy", "75012", "Paris"),
    "IGPDE": ("99000002800011", "11940000194", "20 allée Georges Pompidou", "94300", "Vincennes"),
    "MI": ("99000003600014", "11750000275", "Place Beauvau", "75008", "Paris"),
    "MTE": ("99000004400018", "11750000375", "246 boulevard Saint-Germain", "75007", "Paris"),
}


def load_provider_identity(orgs) -> None:
    """Fill the identity of the demo providers where it is still empty (an administrator's edit stays)."""
    fields = ["siret", "activity_number", "street", "postal_code", "city"]
    for code, values in PROVIDER_IDENTITY.items():
        organisation = orgs[code]
        missing = [f for f, v in zip(fields, values, strict=True) if not getattr(organisation, f)]
        for name in missing:
            setattr(organisation, name, values[fields.index(name)])
        if missing:
            organisation.save(update_fields=[*missing, "updated_at"])


def load() -> dict[str, Organisation]:
    orgs = {o.code: o for o in Organisation.objects.all()}
    for code, name, kind, parent, domains in ORGANISATIONS:
        if code not in orgs:
            orgs[code] = Organisation.objects.create(code=code, name=name, kind=kind, parent=orgs.get(parent))
        if not orgs[code].article:
            orgs[code].article = ARTICLES[code]
            orgs[code].save(update_fields=["article"])
        for domain in domains:
            EmailDomain.objects.get_or_create(domain=domain, defaults={"organisation": orgs[code]})
    for code, domain in LEAD_DOMAINS.items():
        EmailDomain.objects.get_or_create(domain=domain, defaults={"organisation": orgs[code]})
    load_agreements(orgs)
    load_provider_identity(orgs)
    return orgs
