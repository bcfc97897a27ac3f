"""The reference data of the offer, from the public page describing Mentor's training offer.

Collections, leads and criteria come from the page. The page names no orientation, thematic offer or objective:
those below are STARTING CONTENT written from what each collection is about, loaded with
``is_starting_content=True`` so that administrators know to review and edit them.
"""

# Each lead: code, name, article (« la direction… », « le commissariat… »), and its Mentor team as the Contact page shows it for the collections it leads (a
# functional mailbox; an administrator may name people instead, under /organisation/).
LEADS = [
    (
        "DINUM",
        "Direction interministérielle du numérique",
        "la",
        ("Pôle formation de la DINUM", "formation@numerique.gouv.fr"),
    ),
    (
        "DB",
        "Direction du budget",
        "la",
        ("Équipe Mentor de la direction du budget", "mentor.budget@finances.gouv.fr"),
    ),
    (
        "DAE",
        "Direction des achats de l'État",
        "la",
        ("Équipe Mentor de la direction des achats de l'État", "mentor.achats@finances.gouv.fr"),
    ),
    (
        "DITP",
        "Direction interministérielle de la transformation publique",
        "la",
        ("Équipe Mentor de la DITP", "mentor@modernisation.gouv.fr"),
    ),
    (
        "DIE",
        "Direction de l'immobilier de l'État",
        "la",
        ("Équipe Mentor de la DIE", "mentor.immobilier@finances.gouv.fr"),
    ),
    (
        "DGAFP",
        "Direction générale de l'administration et de la fonction publique",
        "la",
        ("Équipe Mentor de la DGAFP", "mentor@fonction-publique.gouv.fr"),
    ),
    (
        "CGDD",
        "Commissariat général au développement durable",
        "le",
        ("Équipe Mentor du CGDD", "mentor.cgdd@developpement-durable.gouv.fr"),
    ),
]

# The addresses of the leads (and DINUM's SIRET) that the LHEO export gives for their trainings; filled where the
# fields are empty. The others are completed by the DGAFP administrators.
LEAD_IDENTITY = {
    "DINUM": {
        "siret": "13002526500013",
        "street": "20 avenue de Ségur",
        "postal_code": "75007",
        "city": "Paris",
    },
    "DGAFP": {"street": "139 rue de Bercy", "postal_code": "75012", "city": "Paris"},
    "DB": {"street": "139 rue de Bercy", "postal_code": "75012", "city": "Paris"},
}

PUBLICATION_CRITERIA = [
    ("adequation-politiques-publiques", "Adéquation avec les politiques publiques", ""),
    (
        "pertinence-contenus",
        "Pertinence des contenus",
        "Intérêt métier, caution et garanties scientifiques et institutionnelles.",
    ),
    (
        "qualite-pedagogique",
        "Qualité pédagogique",
        "Scénarisation, principe de mise en activité, variété des activités.",
    ),
    ("articulation-offre-existante", "Articulation avec l'offre existante", ""),
    ("ergonomie-exigences-techniques", "Ergonomie et exigences techniques", ""),
]

# Each collection: slug, name, lead code, DSFR illustration colour, short description,
# starting orientations as (title, [(thematic offer, [objectives])]), and sub-collections in the same shape.
COLLECTIONS = [
    {
        "slug": "achat-public",
        "name": "Achat public",
        "lead": "DAE",
        "colour": "green-bourgeon",
        "description": "Commande publique, marchés publics et performance des achats de l'État.",
        "orientations": [
            (
                "Professionnaliser la fonction achat",
                [
                    (
                        "Maîtriser le cadre de la commande publique",
                        [
                            "Appliquer les règles du code de la commande publique",
                            "Choisir la procédure de passation adaptée au besoin",
                        ],
                    ),
                    (
                        "Acheter de manière responsable",
                        [
                            "Intégrer des clauses sociales et environnementales aux marchés",
                            "Mesurer la performance économique d'un achat",
                        ],
                    ),
                ],
            )
        ],
    },
    {
        "slug": "communication-et-services-aux-usagers",
        "name": "Communication et services aux usagers",
        "lead": "DITP",
        "colour": "pink-macaron",
        "description": "Accueil, relation aux usagers, communication publique et qualité de service.",
        "orientations": [
            (
                "Améliorer la qualité de la relation à l'usager",
                [
                    (
                        "Accueillir et accompagner les usagers",
                        [
                            "Accueillir un usager en situation difficile",
                            "Appliquer le référentiel Services Publics+",
                        ],
                    ),
                    (
                        "Communiquer clairement",
                        ["Rédiger en langage clair", "Concevoir une communication accessible à tous"],
                    ),
                ],
            )
        ],
    },
    {
        "slug": "finances-publiques-gestion-budgetaire-et-financiere",
        "name": "Finances publiques, gestion budgétaire et financière",
        "lead": "DB",
        "colour": "yellow-tournesol",
        "description": "Budget de l'État, exécution de la dépense, comptabilité et pilotage de la performance.",
        "orientations": [
            (
                "Piloter la performance de la dépense publique",
                [
                    (
                        "Maîtriser le cadre budgétaire",
                        [
                            "Expliquer les principes de la LOLF",
                            "Suivre l'exécution d'un programme budgétaire",
                        ],
                    ),
                    (
                        "Exécuter la dépense",
                        [
                            "Appliquer la chaîne de la dépense dans Chorus",
                            "Contrôler la régularité d'une dépense",
                        ],
                    ),
                ],
            )
        ],
    },
    {
        "slug": "organisation-et-missions-des-ministeres-de-l-etat-et-de-l-europe",
        "name": "Organisation et missions des ministères, de l'État et de l'Europe",
        "lead": "DGAFP",
        "colour": "blue-ecume",
        "description": "Institutions, organisation administrative de l'État et fonctionnement de l'Union européenne.",
        "orientations": [
            (
                "Connaître l'environnement institutionnel",
                [
                    (
                        "Comprendre l'organisation de l'État",
                        [
                            "Décrire l'organisation centrale et territoriale de l'État",
                            "Situer son service dans l'action ministérielle",
                        ],
                    ),
                    (
                        "Travailler avec l'Union européenne",
                        ["Expliquer le processus de décision européen", "Mobiliser les fonds européens"],
                    ),
                ],
            )
        ],
    },
    {
        "slug": "langues",
        "name": "Langues",
        "lead": "DGAFP",
        "colour": "purple-glycine",
        "description": "Langues étrangères pour l'action internationale et européenne, et français professionnel.",
        "orientations": [
            (
                "Développer les compétences linguistiques des agents",
                [
                    (
                        "Communiquer en anglais professionnel",
                        ["Conduire une réunion en anglais", "Rédiger un courriel professionnel en anglais"],
                    ),
                ],
            )
        ],
    },
    {
        "slug": "management",
        "name": "Management",
        "lead": "DGAFP",
        "colour": "orange-terre-battue",
        "description": "Encadrement, conduite d'équipe, pilotage de projets et management du changement.",
        "orientations": [
            (
                "Manager en situation de transformation",
                [
                    (
                        "Accompagner le changement",
                        [
                            "Conduire le changement au sein de son équipe",
                            "Prévenir les risques psychosociaux liés aux réorganisations",
                        ],
                    ),
                    (
                        "Manager à distance et en mode hybride",
                        [
                            "Organiser le travail d'une équipe en télétravail",
                            "Maintenir la cohésion d'une équipe hybride",
                        ],
                    ),
                ],
            ),
            (
                "Réussir sa prise de poste de manager",
                [
                    (
                        "Prendre ses fonctions d'encadrant",
                        ["Conduire un entretien professionnel annuel", "Fixer des objectifs à son équipe"],
                    ),
                ],
            ),
        ],
    },
    {
        "slug": "numerique-et-systemes-d-information-et-de-communication",
        "name": "Numérique et systèmes d'information et de communication",
        "lead": "DINUM",
        "colour": "blue-cumulus",
        "description": "Culture numérique, données, cybersécurité et conduite de projets numériques.",
        "orientations": [
            (
                "Développer la culture numérique des agents",
                [
                    (
                        "Travailler avec les outils numériques",
                        ["Utiliser les outils collaboratifs de l'État", "Protéger ses données et ses accès"],
                    ),
                    (
                        "Valoriser les données publiques",
                        ["Ouvrir et publier des données", "Analyser des données pour décider"],
                    ),
                ],
            )
        ],
    },
    {
        "slug": "preparation-aux-epreuves-de-concours-et-des-examens-professionnels",
        "name": "Préparation aux épreuves de concours et des examens professionnels",
        "lead": "DGAFP",
        "colour": "yellow-moutarde",
        "description": "Préparation méthodologique aux épreuves écrites et orales des concours et examens.",
        "orientations": [
            (
                "Favoriser la promotion interne",
                [
                    (
                        "Se préparer aux épreuves",
                        [
                            "Rédiger une note de synthèse",
                            "Préparer l'épreuve de reconnaissance des acquis de l'expérience professionnelle",
                        ],
                    ),
                ],
            )
        ],
    },
    {
        "slug": "ressources-humaines",
        "name": "Ressources humaines",
        "lead": "DGAFP",
        "colour": "green-menthe",
        "description": "Gestion des ressources humaines, développement professionnel, santé et sécurité au travail.",
        "orientations": [
            (
                "Moderniser la gestion des ressources humaines",
                [
                    (
                        "Piloter la politique RH",
                        ["Construire une gestion prévisionnelle des emplois", "Analyser le bilan social"],
                    ),
                ],
            )
        ],
        "children": [
            {
                "slug": "metiers-des-ressources-humaines",
                "name": "Métiers des ressources humaines",
                "colour": "green-menthe",
                "description": "Gestion administrative, paie, recrutement et dialogue social.",
                "orientations": [
                    (
                        "Professionnaliser les gestionnaires RH",
                        [
                            (
                                "Gérer la carrière et la paie",
                                ["Appliquer les règles statutaires", "Contrôler un bulletin de paie"],
                            ),
                            (
                                "Recruter",
                                ["Conduire un entretien de recrutement", "Rédiger une fiche de poste"],
                            ),
                        ],
                    )
                ],
            },
            {
                "slug": "accompagnement-du-developpement-professionnel",
                "name": "Accompagnement du développement professionnel",
                "colour": "green-emeraude",
                "description": "Parcours professionnels, mobilité, formation et accompagnement des agents.",
                "orientations": [
                    (
                        "Accompagner les parcours professionnels",
                        [
                            (
                                "Construire son projet professionnel",
                                ["Préparer une mobilité", "Valoriser ses compétences"],
                            ),
                        ],
                    )
                ],
            },
            {
                "slug": "hygiene-sante-et-securite-au-travail",
                "name": "Hygiène, santé et sécurité au travail",
                "colour": "green-archipel",
                "description": "Prévention des risques professionnels et qualité de vie au travail.",
                "orientations": [
                    (
                        "Prévenir les risques professionnels",
                        [
                            (
                                "Agir pour la santé et la sécurité au travail",
                                [
                                    "Évaluer les risques professionnels de son service",
                                    "Tenir le document unique d'évaluation des risques",
                                ],
                            ),
                            (
                                "Améliorer la qualité de vie au travail",
                                ["Prévenir les risques psychosociaux", "Organiser le télétravail"],
                            ),
                        ],
                    )
                ],
            },
        ],
    },
    {
        "slug": "techniques-et-affaires-juridiques",
        "name": "Techniques et affaires juridiques",
        "lead": "DGAFP",
        "colour": "brown-cafe-creme",
        "description": "Droit public, rédaction juridique, contentieux et sécurité juridique des actes.",
        "orientations": [
            (
                "Sécuriser l'action administrative",
                [
                    (
                        "Rédiger des actes juridiques",
                        ["Rédiger un acte administratif", "Prévenir le risque contentieux"],
                    ),
                ],
            )
        ],
    },
    {
        "slug": "transformation-de-l-action-publique",
        "name": "Transformation de l'action publique",
        "lead": "DITP",
        "colour": "pink-tuile",
        "description": "Innovation publique, conduite de projets de transformation et simplification.",
        "orientations": [
            (
                "Innover au service des politiques publiques",
                [
                    (
                        "Conduire un projet de transformation",
                        [
                            "Mener un projet en mode agile",
                            "Associer les usagers à la conception d'un service",
                        ],
                    ),
                    (
                        "Piloter par les résultats",
                        ["Suivre des indicateurs de politique prioritaire", "Évaluer une politique publique"],
                    ),
                ],
            )
        ],
    },
    {
        "slug": "transition-ecologique-et-developpement-durable",
        "name": "Transition écologique et développement durable",
        "lead": "CGDD",
        "colour": "green-tilleul-verveine",
        "description": "Enjeux écologiques, sobriété et services publics écoresponsables.",
        "orientations": [
            (
                "Former tous les agents aux enjeux de la transition écologique",
                [
                    (
                        "Comprendre les enjeux écologiques",
                        [
                            "Expliquer les causes et les effets du changement climatique",
                            "Relier les limites planétaires à l'action publique",
                        ],
                    ),
                    (
                        "Agir en administration écoresponsable",
                        [
                            "Réduire l'empreinte environnementale de son service",
                            "Appliquer la sobriété numérique",
                        ],
                    ),
                ],
            )
        ],
    },
    {
        "slug": "valeurs-de-la-republique",
        "name": "Valeurs de la République",
        "lead": "DGAFP",
        "colour": "blue-france",
        "description": "Laïcité, déontologie, égalité et lutte contre les discriminations.",
        "orientations": [
            (
                "Faire vivre les valeurs du service public",
                [
                    (
                        "Appliquer le principe de laïcité",
                        [
                            "Appliquer la laïcité dans le service public",
                            "Répondre à une situation de tension",
                        ],
                    ),
                    (
                        "Agir avec déontologie",
                        ["Prévenir les conflits d'intérêts", "Lutter contre les discriminations"],
                    ),
                ],
            )
        ],
    },
    {
        "slug": "immobilier-de-l-etat",
        "name": "Immobilier de l'État",
        "lead": "DIE",
        "colour": "beige-gris-galet",
        "description": "Gestion et valorisation du patrimoine immobilier de l'État.",
        "orientations": [
            (
                "Gérer durablement le parc immobilier",
                [
                    (
                        "Piloter la politique immobilière",
                        [
                            "Élaborer un schéma directeur immobilier",
                            "Réduire la consommation énergétique des bâtiments",
                        ],
                    ),
                ],
            )
        ],
    },
]
