"""What the accessibility statement says was checked, and how. The browser test of the journeys
(``tests/browser/test_accessibility_journeys.py``) runs axe-core on exactly these pages, for each role, and fails
on any serious or critical violation: the statement cannot list a page the suite does not check, nor a result it
did not get."""

from datetime import date

# The date of the statement: the last time the list below and the test were brought in line.
AUDITED_ON = date(2026, 12, 2)

RULES_CHECKED = "WCAG 2.1 niveaux A et AA (sur lesquels repose le RGAA 4.1) et bonnes pratiques d'axe-core"

# (page, who visits it in the test)
CHECKED_PAGES = [
    ("Accueil", "visiteur"),
    ("Page d'une collection", "visiteur"),
    ("Catalogue et recherche", "visiteur"),
    ("Fiche d'une formation", "visiteur"),
    ("Qui contribue à l'offre ?", "visiteur, administrateur DGAFP"),
    ("Contact", "visiteur"),
    ("Créer un compte", "visiteur"),
    ("Se connecter", "visiteur"),
    ("Mentions légales, données personnelles, plan du site, déclaration d'accessibilité", "visiteur"),
    ("Documentation de l'API", "visiteur"),
    ("Mes formations", "agent"),
    ("Mon compte", "agent"),
    ("Contribuer : mes formations", "concepteur"),
    ("Contribuer : proposer une formation", "concepteur"),
    ("Contribuer : fiche d'un brouillon incomplet", "concepteur"),
    ("Relectures : file et fiche d'une formation à relire", "équipe Mentor"),
    ("Sessions que je gère et fiche d'une session", "gestionnaire de session"),
    ("Programmer une session", "administrateur DGAFP"),
    ("Mon organisation, rôles et conventions", "administrateur d'entité"),
    ("Relectures : file d'un relecteur de collection", "relecteur de collection"),
    ("Conventions qui expirent bientôt", "administrateur DGAFP"),
]
