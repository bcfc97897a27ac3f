"""The organisations of the benchmark: about 30 ministries with their trees, and training providers.

Rows are built in memory with explicit ids, ``path`` and ``ministry_id`` (what ``Organisation.save()`` would
compute), so that the whole tree is a handful of bulk inserts.
"""

from dataclasses import dataclass

from mentor.core.tree import build_path
from mentor.organisations.enums import OrganisationKind as K
from mentor.organisations.models import Organisation

# Every bench organisation code starts with this: it tells bench rows from real ones.
CODE_PREFIX = "BN-"

# code, name, what the ministry's services deal with ("des finances publiques"), its public establishments
MINISTRIES = [
    (
        "MEF",
        "Ministère de l'Économie et des Finances",
        "des finances publiques",
        ["Institut national de la statistique", "Agence pour l'informatique financière de l'État"],
    ),
    (
        "MI",
        "Ministère de l'Intérieur",
        "de la sécurité intérieure",
        ["Agence nationale des titres sécurisés", "Office français de l'immigration et de l'intégration"],
    ),
    (
        "MINARM",
        "Ministère des Armées",
        "des armées",
        ["Service hydrographique et océanographique de la marine", "Office national des anciens combattants"],
    ),
    (
        "MJ",
        "Ministère de la Justice",
        "des services judiciaires",
        ["École nationale de la magistrature", "École nationale d'administration pénitentiaire"],
    ),
    (
        "MEAE",
        "Ministère de l'Europe et des Affaires étrangères",
        "de la coopération internationale",
        ["Agence française de développement", "Institut français"],
    ),
    (
        "MEN",
        "Ministère de l'Éducation nationale",
        "de l'éducation nationale",
        ["Réseau Canopé", "Centre national d'enseignement à distance"],
    ),
    (
        "MESR",
        "Ministère de l'Enseignement supérieur et de la Recherche",
        "de la recherche et de l'innovation",
        ["Agence nationale de la recherche", "Centre national des œuvres universitaires"],
    ),
    (
        "MTE",
        "Ministère de la Transition écologique",
        "de l'environnement, de l'aménagement et du logement",
        ["Office français de la biodiversité", "Météo-France"],
    ),
    (
        "MASA",
        "Ministère de l'Agriculture et de la Souveraineté alimentaire",
        "de l'alimentation, de l'agriculture et de la forêt",
        ["Office national des forêts", "FranceAgriMer"],
    ),
    (
        "MTRAV",
        "Ministère du Travail et de l'Emploi",
        "de l'économie, de l'emploi, du travail et des solidarités",
        ["Agence nationale pour l'amélioration des conditions de travail"],
    ),
    (
        "MSANTE",
        "Ministère de la Santé et de l'Accès aux soins",
        "de la santé",
        ["Agence nationale de santé publique", "Établissement français du sang"],
    ),
    (
        "MSOL",
        "Ministère des Solidarités et des Familles",
        "de la cohésion sociale",
        ["Caisse nationale de solidarité pour l'autonomie"],
    ),
    (
        "MC",
        "Ministère de la Culture",
        "des affaires culturelles",
        ["Bibliothèque nationale de France", "Centre des monuments nationaux"],
    ),
    (
        "MSJOP",
        "Ministère des Sports, de la Jeunesse et de la Vie associative",
        "de la jeunesse, de l'engagement et des sports",
        ["Institut national du sport, de l'expertise et de la performance"],
    ),
    (
        "MTFP",
        "Ministère de la Transformation et de la Fonction publiques",
        "de la fonction publique",
        ["Institut régional d'administration de Lyon"],
    ),
    ("MOM", "Ministère des Outre-mer", "des outre-mer", ["Agence de l'outre-mer pour la mobilité"]),
    (
        "MCT",
        "Ministère de la Cohésion des territoires",
        "de la cohésion des territoires",
        ["Agence nationale de la cohésion des territoires"],
    ),
    ("MLOG", "Ministère du Logement", "de l'habitat et du logement", ["Agence nationale de l'habitat"]),
    (
        "MTRANS",
        "Ministère des Transports",
        "des transports",
        ["École nationale de l'aviation civile", "Voies navigables de France"],
    ),
    ("MMER", "Ministère de la Mer et de la Pêche", "de la mer", ["École nationale supérieure maritime"]),
    (
        "MCP",
        "Ministère des Comptes publics",
        "des comptes publics",
        ["École nationale des finances publiques"],
    ),
    (
        "MIND",
        "Ministère de l'Industrie",
        "de l'industrie et des entreprises",
        ["Institut national de la propriété industrielle"],
    ),
    (
        "MCE",
        "Ministère du Commerce extérieur et de l'Attractivité",
        "du commerce extérieur",
        ["Business France"],
    ),
    (
        "MEGAL",
        "Ministère de l'Égalité entre les femmes et les hommes",
        "des droits des femmes et de l'égalité",
        ["Centre national d'information sur les droits des femmes"],
    ),
    (
        "MMEM",
        "Ministère de la Mémoire et des Anciens combattants",
        "de la mémoire",
        ["Office national des combattants et des victimes de guerre"],
    ),
    (
        "MENER",
        "Ministère de l'Énergie",
        "de l'énergie et du climat",
        ["Agence de l'environnement et de la maîtrise de l'énergie"],
    ),
    (
        "MNUM",
        "Ministère du Numérique et de l'Intelligence artificielle",
        "du numérique",
        ["Agence nationale de la sécurité des systèmes d'information"],
    ),
    (
        "MPME",
        "Ministère des Petites et Moyennes Entreprises",
        "des entreprises et du commerce",
        ["Bpifrance Création"],
    ),
    (
        "MAT",
        "Ministère de l'Aménagement du territoire et de la Décentralisation",
        "de l'aménagement du territoire",
        ["Institut national de l'information géographique et forestière"],
    ),
    (
        "SPM",
        "Services du Premier ministre",
        "interministériels",
        ["Secrétariat général de la défense et de la sécurité nationale"],
    ),
]
CENTRAL_DIRECTORATES = [
    "Direction des ressources humaines",
    "Direction des affaires financières",
    "Direction des affaires juridiques",
    "Direction du numérique",
    "Direction de l'immobilier et de la logistique",
]
REGIONS = [
    ("ARA", "d'Auvergne-Rhône-Alpes"), ("BFC", "de Bourgogne-Franche-Comté"), ("BRE", "de Bretagne"),
    ("CVL", "du Centre-Val de Loire"), ("COR", "de Corse"), ("GES", "du Grand Est"), ("HDF", "des Hauts-de-France"),
    ("IDF", "d'Île-de-France"), ("NOR", "de Normandie"), ("NAQ", "de Nouvelle-Aquitaine"), ("OCC", "d'Occitanie"),
    ("PDL", "des Pays de la Loire"), ("PAC", "de Provence-Alpes-Côte d'Azur"),
]  # fmt: skip
DEPARTMENTS = [
    ("01", "de l'Ain"), ("06", "des Alpes-Maritimes"), ("13", "des Bouches-du-Rhône"), ("14", "du Calvados"),
    ("21", "de la Côte-d'Or"), ("25", "du Doubs"), ("29", "du Finistère"), ("31", "de la Haute-Garonne"),
    ("33", "de la Gironde"), ("34", "de l'Hérault"), ("35", "d'Ille-et-Vilaine"), ("38", "de l'Isère"),
    ("44", "de la Loire-Atlantique"), ("45", "du Loiret"), ("49", "de Maine-et-Loire"), ("54", "de Meurthe-et-Moselle"),
    ("57", "de la Moselle"), ("59", "du Nord"), ("62", "du Pas-de-Calais"), ("63", "du Puy-de-Dôme"),
    ("67", "du Bas-Rhin"), ("69", "du Rhône"), ("72", "de la Sarthe"), ("75", "de Paris"), ("76", "de la Seine-Maritime"),
    ("80", "de la Somme"), ("83", "du Var"), ("84", "du Vaucluse"), ("86", "de la Vienne"), ("87", "de la Haute-Vienne"),
]  # fmt: skip
DEPARTMENTS_PER_MINISTRY = 12
# Roots of their own: they offer cross-government trainings to every ministry.
PROVIDERS = [
    ("IRA-LILLE", "Institut régional d'administration de Lille", K.PUBLIC_SERVICE_SCHOOL),
    ("IRA-METZ", "Institut régional d'administration de Metz", K.PUBLIC_SERVICE_SCHOOL),
    ("IRA-NANTES", "Institut régional d'administration de Nantes", K.PUBLIC_SERVICE_SCHOOL),
    ("IRA-BASTIA", "Institut régional d'administration de Bastia", K.PUBLIC_SERVICE_SCHOOL),
    ("INSP", "Institut national du service public", K.PUBLIC_SERVICE_SCHOOL),
    ("IGPDE", "Institut de la gestion publique et du développement économique", K.TRAINING_PROVIDER),
    ("CAMPUS-NUM", "Campus du numérique public", K.TRAINING_PROVIDER),
    ("PFRH", "Plateformes régionales d'appui interministériel à la GRH", K.TRAINING_PROVIDER),
]


@dataclass
class BenchTree:
    """What the other generators need to know about the organisations just created."""

    organisations: list[Organisation]
    ministries: list[Organisation]
    providers: list[Organisation]
    by_ministry: dict[int, list[Organisation]]  # ministry id -> its whole tree, the ministry included


class _TreeBuilder:
    def __init__(self, rng, first_id):
        self.rng = rng
        self.next_id = first_id
        self.rows: list[Organisation] = []

    def add(self, code, name, kind, parent=None):
        org = Organisation(id=self.next_id, code=f"{CODE_PREFIX}{code}"[:30], name=name[:255], kind=kind)
        self.next_id += 1
        org.parent_id = parent.id if parent else None
        org.path = build_path(parent.path if parent else None, org.id)
        org.ministry_id = org.id if kind == K.MINISTRY or parent is None else parent.ministry_id
        self.rows.append(org)
        return org

    def ministry_tree(self, code, name, domain, establishments):
        ministry = self.add(code, name, K.MINISTRY)
        self.add(f"{code}-SG", f"Secrétariat général — {name}", K.CENTRAL_ADMINISTRATION, ministry)
        for n, directorate in enumerate(CENTRAL_DIRECTORATES, start=1):
            self.add(f"{code}-D{n}", f"{directorate} — {name}", K.CENTRAL_ADMINISTRATION, ministry)
        general = self.add(f"{code}-DG", f"Direction générale {domain}", K.CENTRAL_ADMINISTRATION, ministry)
        for region_code, region in REGIONS:
            self.add(
                f"{code}-DR-{region_code}",
                f"Direction régionale {domain} {region}",
                K.DECONCENTRATED_SERVICE,
                general,
            )
        for dep_code, department in self.rng.sample(DEPARTMENTS, DEPARTMENTS_PER_MINISTRY):
            self.add(
                f"{code}-DD-{dep_code}",
                f"Direction départementale {domain} {department}",
                K.DECONCENTRATED_SERVICE,
                general,
            )
        for n, establishment in enumerate(establishments, start=1):
            self.add(f"{code}-EP{n}", establishment, K.PUBLIC_ESTABLISHMENT, ministry)
        return ministry


def build_tree(rng, first_id: int) -> BenchTree:
    """Organisations in memory, ids from ``first_id``; parents always come before their children."""
    builder = _TreeBuilder(rng, first_id)
    ministries = [builder.ministry_tree(*spec) for spec in MINISTRIES]
    providers = [builder.add(code, name, kind) for code, name, kind in PROVIDERS]
    by_ministry: dict[int, list[Organisation]] = {m.id: [] for m in ministries}
    for org in builder.rows:
        if org.ministry_id in by_ministry:
            by_ministry[org.ministry_id].append(org)
    return BenchTree(builder.rows, ministries, providers, by_ministry)
