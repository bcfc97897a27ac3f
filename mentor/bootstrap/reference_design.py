"""The steps of designing an online training (editable by administrators in /admin/ afterwards): what each is for,
the deliverable it requires and its checklist."""

from mentor.design.enums import DeliverableKind

DESIGN_STEPS = [
    {
        "slug": "cadrage",
        "name": "Cadrage",
        "guidance": "Définir le besoin, le public visé et les objectifs pédagogiques ; vérifier qu'aucune formation "
        "de l'offre n'y répond déjà.",
        "deliverable": DeliverableKind.FILE,
        "deliverable_label": "La note de cadrage",
        "checklist": [
            "Le besoin est décrit et justifié",
            "Le public visé et ses prérequis sont définis",
            "Les objectifs pédagogiques sont formulés avec des verbes d'action",
            "L'offre existante a été consultée pour éviter un doublon",
        ],
    },
    {
        "slug": "scenarisation",
        "name": "Scénarisation",
        "guidance": "Construire le scénario pédagogique : séquences, activités, évaluations, durée de chaque partie.",
        "deliverable": DeliverableKind.FILE,
        "deliverable_label": "Le scénario pédagogique (storyboard)",
        "checklist": [
            "Chaque objectif est couvert par au moins une activité",
            "Les activités mettent l'apprenant en action",
            "Une évaluation finale est prévue",
        ],
    },
    {
        "slug": "mediatisation",
        "name": "Médiatisation",
        "guidance": "Produire les contenus : textes, médias, activités interactives, en respectant le RGAA.",
        "deliverable": DeliverableKind.LINK,
        "deliverable_label": "Le lien vers la maquette ou l'espace de production",
        "checklist": [
            "Les vidéos sont sous-titrées et transcrites",
            "Les images porteuses d'information ont une alternative textuelle",
            "Les droits des médias utilisés sont acquis",
        ],
    },
    {
        "slug": "integration",
        "name": "Intégration",
        "guidance": "Assembler le paquet SCORM et le déposer : il est vérifié selon le cahier des exigences "
        "techniques.",
        "deliverable": DeliverableKind.PACKAGE,
        "deliverable_label": "Un paquet SCORM 1.2 ou 2004 conforme",
        "checklist": [
            "Le paquet se lance sur la plateforme de test",
            "Le suivi (progression, score) remonte",
        ],
    },
    {
        "slug": "tests",
        "name": "Tests",
        "guidance": "Faire tester le module par des agents du public visé et corriger ce qu'ils signalent.",
        "deliverable": DeliverableKind.NOTE,
        "deliverable_label": "Le compte rendu des tests",
        "checklist": [
            "Au moins trois agents du public visé l'ont testé",
            "Le module fonctionne sur les navigateurs de l'État",
            "Les corrections demandées sont faites",
        ],
    },
]
