"""Demo organisations: three ministries with their trees, a training provider, a public-service school."""

from mentor.organisations.enums import OrganisationKind as K
from mentor.organisations.models import EmailDomain, Organisation

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

# Domains of the reference leads, so that their staff are recognised at sign-up.
LEAD_DOMAINS = {"DGAFP": "fonction-publique.gouv.fr", "DINUM": "numerique.gouv.fr", "DAE": "achats.gouv.fr"}


def load() -> dict[str, Organisation]:
    orgs = {o.code: o for o in Organisation.objects.all()}
    for code, name, kind, parent, domains in ORGANISATIONS:
        if code not in orgs:
            orgs[code] = Organisation.objects.create(code=code, name=name, kind=kind, parent=orgs.get(parent))
        for domain in domains:
            EmailDomain.objects.get_or_create(domain=domain, defaults={"organisation": orgs[code]})
    for code, domain in LEAD_DOMAINS.items():
        EmailDomain.objects.get_or_create(domain=domain, defaults={"organisation": orgs[code]})
    return orgs
