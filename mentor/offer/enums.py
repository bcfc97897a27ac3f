from django.db import models


class Scope(models.TextChoices):
    TRANSVERSE = "transverse", "Interministérielle (transverse)"
    METIER = "metier", "Ministérielle (métier)"


class Modality(models.TextChoices):
    E_LEARNING = "e_learning", "En ligne (e-learning)"
    BLENDED = "blended", "Hybride"
    CLASSROOM = "classroom", "Présentiel"
    VIRTUAL_CLASS = "virtual_class", "Classe virtuelle"


class TrainingStatus(models.TextChoices):
    DRAFT = "draft", "Brouillon"
    SUBMITTED = "submitted", "Soumise"
    IN_REVIEW = "in_review", "En revue"
    CHANGES_REQUESTED = "changes_requested", "Modifications demandées"
    APPROVED = "approved", "Approuvée"
    PUBLISHED = "published", "Publiée"
    REJECTED = "rejected", "Refusée"
    ARCHIVED = "archived", "Archivée"


class SessionStatus(models.TextChoices):
    IN_PREPARATION = "in_preparation", "En préparation"
    REGISTRATION_OPEN = "registration_open", "Inscriptions ouvertes"
    IN_PROGRESS = "in_progress", "En cours"
    COMPLETED = "completed", "Terminée"
    CANCELLED = "cancelled", "Annulée"
    POSTPONED = "postponed", "Reportée"
    ARCHIVED = "archived", "Archivée"


class RegistrationMode(models.TextChoices):
    FREE = "free", "Inscription libre"
    ON_REQUEST = "on_request", "Sur demande validée par les gestionnaires"


class OpenTo(models.TextChoices):
    """Mirrors the real platform's "opento"."""

    OWNER = "owner", "Agents de l'organisation uniquement"
    ALL = "all", "Tous les agents"
    LIST = "list", "Agents des organisations choisies"


class RegistrationStatus(models.TextChoices):
    REQUESTED = "requested", "Demande en attente"
    CONFIRMED = "confirmed", "Inscription confirmée"
    WAITING = "waiting", "Liste d'attente"
    REFUSED = "refused", "Demande refusée"
    CANCELLED = "cancelled", "Annulée"


# A registration in one of these states holds (or waits for) a place; an agent has at most one per session.
ACTIVE_REGISTRATION_STATUSES = (
    RegistrationStatus.REQUESTED,
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITING,
)
