from django.db import models


class ResourceCategory(models.TextChoices):
    """One category per item of the corpus that supports designers, as the editorial strategy names them."""

    PEDAGOGICAL_GUIDE = "pedagogical_guide", "Guide de référence pédagogique"
    QUALITY_GUIDE = "quality_guide", "Guide de revue qualité"
    TECHNICAL_REQUIREMENTS = "technical_requirements", "Cahier des exigences techniques"
    TECHNICAL_DOCUMENTATION = "technical_documentation", "Documentation technique"
    TEMPLATES = "templates", "Documents et gabarits de formation modèles"
    DESIGNER_TRAININGS = "designer_trainings", "Formations en ligne pour se former à la conception"
    COMMUNITY = "community", "Communauté interministérielle des acteurs de Mentor"


class Audience(models.TextChoices):
    EVERYONE = "everyone", "Tous les acteurs"
    DESIGNERS = "designers", "Concepteurs"
    REVIEWERS = "reviewers", "Relecteurs"
    MENTOR_TEAMS = "mentor_teams", "Équipes Mentor"


class ResourceKind(models.TextChoices):
    FILE = "file", "Fichier"
    LINK = "link", "Lien"
    TRAINING = "training", "Formation de l'offre"


class DeliverableKind(models.TextChoices):
    """What a design step must produce before it can be marked done."""

    NONE = "none", "Aucun livrable"
    FILE = "file", "Un fichier"
    LINK = "link", "Un lien"
    NOTE = "note", "Une note"
    PACKAGE = "package", "Un paquet e-learning conforme"
