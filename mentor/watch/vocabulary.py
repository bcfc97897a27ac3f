"""Words the FORMACODE thesaurus does not hold and the similarity of trainings needs: the acronyms of the public
service with their expansions, English training words with their French equivalents, and the words every training
description uses (which say nothing about its subject).

Keys and values are written as people write them; ``analysis`` unaccents, lower-cases and stems them once.
"""

# An acronym is read as its expansion, so "RPS" and "risques psychosociaux" are the same words.
ACRONYMS = {
    "RPS": "risques psychosociaux",
    "VSST": "violences sexistes et sexuelles au travail",
    "VSS": "violences sexistes et sexuelles",
    "QVCT": "qualité de vie et des conditions de travail",
    "QVT": "qualité de vie au travail",
    "RGPD": "règlement général sur la protection des données personnelles",
    "DPO": "délégué à la protection des données",
    "TMS": "troubles musculo-squelettiques",
    "DUERP": "document unique d'évaluation des risques professionnels",
    "PSSM": "premiers secours en santé mentale",
    "SST": "santé et sécurité au travail",
    "F3SCT": "formation spécialisée en santé sécurité et conditions de travail",
    "CHSCT": "comité d'hygiène de sécurité et des conditions de travail",
    "GPEEC": "gestion prévisionnelle des emplois des effectifs et des compétences",
    "GPEC": "gestion prévisionnelle des emplois et des compétences",
    "GRH": "gestion des ressources humaines",
    "RH": "ressources humaines",
    "RIFSEEP": "régime indemnitaire tenant compte des fonctions des sujétions de l'expertise et de l'engagement professionnel",
    "IA": "intelligence artificielle",
    "SI": "système d'information",
    "SSI": "sécurité des systèmes d'information",
    "PSSI": "politique de sécurité des systèmes d'information",
    "RSSI": "responsable de la sécurité des systèmes d'information",
    "RGAA": "référentiel général d'amélioration de l'accessibilité",
    "FALC": "facile à lire et à comprendre",
    "CCP": "code de la commande publique",
    "DCE": "dossier de consultation des entreprises",
    "CCAP": "cahier des clauses administratives particulières",
    "CCTP": "cahier des clauses techniques particulières",
    "MAPA": "marché à procédure adaptée",
    "LOLF": "loi organique relative aux lois de finances",
    "GBCP": "gestion budgétaire et comptable publique",
    "BOP": "budget opérationnel de programme",
    "RSE": "responsabilité sociétale des entreprises",
    "RSO": "responsabilité sociétale des organisations",
    "GES": "gaz à effet de serre",
    "BEGES": "bilan des émissions de gaz à effet de serre",
    "ODD": "objectifs de développement durable",
    "PCA": "plan de continuité d'activité",
    "FLE": "français langue étrangère",
    "LSF": "langue des signes française",
    "PSC1": "prévention et secours civiques de niveau 1",
    "EPI": "équipement de protection individuelle",
    "CPF": "compte personnel de formation",
    "EPA": "établissement public administratif",
    "UX": "expérience utilisateur",
}

# English phrases of training titles and descriptions, read as their French equivalents ("Public procurement"
# and "Achat public"). Only words that are not also French words: "management" or "budget" need no translation.
ENGLISH = {
    "public procurement": "achat public",
    "procurement": "achat public",
    "purchasing": "achat",
    "project management": "gestion de projet",
    "project": "projet",
    "training": "formation",
    "skills": "compétences",
    "data protection": "protection des données",
    "personal data": "données personnelles",
    "data": "données",
    "privacy": "vie privée",
    "cybersecurity": "cybersécurité",
    "cyber security": "cybersécurité",
    "security": "sécurité",
    "awareness": "sensibilisation",
    "psychosocial risks": "risques psychosociaux",
    "psychosocial": "psychosociaux",
    "risks": "risques",
    "risk": "risque",
    "sexual harassment": "harcèlement sexuel",
    "harassment": "harcèlement",
    "gender-based violence": "violences sexistes",
    "sexist": "sexistes",
    "sexual": "sexuelles",
    "violence": "violences",
    "workplace": "travail",
    "at work": "au travail",
    "work": "travail",
    "well-being": "bien-être",
    "wellbeing": "bien-être",
    "quality of working life": "qualité de vie au travail",
    "working conditions": "conditions de travail",
    "public finance": "finances publiques",
    "public finances": "finances publiques",
    "accounting": "comptabilité",
    "writing": "rédaction",
    "plain language": "langage clair",
    "accessibility": "accessibilité",
    "digital": "numérique",
    "artificial intelligence": "intelligence artificielle",
    "generative": "générative",
    "climate change": "changement climatique",
    "sustainable development": "développement durable",
    "ecological transition": "transition écologique",
    "energy": "énergie",
    "recruitment": "recrutement",
    "hiring": "recrutement",
    "interview": "entretien",
    "interviews": "entretiens",
    "onboarding": "intégration",
    "team": "équipe",
    "teams": "équipes",
    "managing": "manager",
    "manager": "manager",
    "managers": "managers",
    "remote work": "télétravail",
    "teleworking": "télétravail",
    "telework": "télétravail",
    "hybrid": "hybride",
    "conflict": "conflit",
    "conflicts": "conflits",
    "negotiation": "négociation",
    "public speaking": "prise de parole en public",
    "feedback": "retour",
    "law": "droit",
    "ethics": "déontologie",
    "integrity": "probité",
    "secularism": "laïcité",
    "real estate": "immobilier",
    "spreadsheet": "tableur",
    "spreadsheets": "tableurs",
    "english": "anglais",
    "prevention": "prévention",
    "preventing": "prévenir",
    "equality": "égalité",
    "diversity": "diversité",
    "disability": "handicap",
    "customer": "usager",
    "user": "usager",
    "users": "usagers",
    "reception": "accueil",
    "mental health": "santé mentale",
    "first aid": "premiers secours",
    "public policy": "politique publique",
    "evaluation": "évaluation",
    "assessment": "évaluation",
    "contracts": "marchés",
    "contract": "marché",
    "tender": "consultation",
    "tenders": "consultations",
    "budgeting": "budgétaire",
    "budgetary": "budgétaire",
    "fraud": "fraude",
    "welcoming": "accueil",
    "newcomers": "nouveaux arrivants",
}

# English words that carry no subject once the others are translated.
ENGLISH_STOP_WORDS = frozenset(
    "the of and to for in on with your you how an a an at by from into our their its is are be as this that "
    "what who".split()
)

# Words of nearly every training description. They still count, but for a fifth of their weight: two trainings
# that share only "agent", "service" and "public" are not alike. Levels ("initiation", "perfectionnement") are here
# too: the same subject at two levels is the same subject.
COMMON_WORDS = frozenset(
    """
    agent agents service services public publics publique publiques formation formations former module modules
    session sessions apprendre connaitre connaissance connaissances comprendre savoir capable capables issue
    permettre permet pratique pratiques outil outils cas exemple exemples situation situations mettre oeuvre
    cadre enjeu enjeux notion notions principal principaux principales administration administrations etat
    fonction professionnel professionnelle professionnels quotidien acteur acteurs ensemble jour jours heure
    heures participant participants stagiaire stagiaires niveau niveaux initiation perfectionnement
    approfondissement fondamentaux fondamental avance avances debutant debutants decouvrir decouverte maitriser
    identifier developper acquerir renforcer ameliorer objectif objectifs competence competences methode methodes
    travailler savoir faire bonnes etre vos votre nouveau nouvelle nouveaux essentiel essentiels cle cles
    premiers premier premiere mieux toute tous toutes tout aussi afin dont plus moins selon entre chaque
    """.split()
)
