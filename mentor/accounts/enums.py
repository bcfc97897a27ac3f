from django.db import models


class Role(models.TextChoices):
    """Roles a user holds in an organisation. Every user is an agent of their attachment entity without a row."""

    DESIGNER = "designer", "Concepteur"
    MENTOR_TEAM = "mentor_team", "Membre de l'équipe Mentor (référent)"
    ENTITY_ADMIN = "entity_admin", "Administrateur de l'entité"
    SESSION_MANAGER = "session_manager", "Gestionnaire de session ou formateur"
    COLLECTION_REVIEWER = "collection_reviewer", "Relecteur de collection"
    DGAFP_ADMIN = "dgafp_admin", "Administrateur DGAFP"


# Roles that carry over to the sub-organisations of the organisation where they are held.
INHERITED_ROLES = frozenset({Role.MENTOR_TEAM, Role.ENTITY_ADMIN, Role.SESSION_MANAGER, Role.DGAFP_ADMIN})

# Roles an entity administrator may grant or withdraw in their tree; the DGAFP administrator role is granted by
# DGAFP administrators only.
GRANTABLE_BY_ENTITY_ADMIN = frozenset(
    {Role.DESIGNER, Role.MENTOR_TEAM, Role.ENTITY_ADMIN, Role.SESSION_MANAGER, Role.COLLECTION_REVIEWER}
)


class RequestStatus(models.TextChoices):
    PENDING = "pending", "En attente"
    ACCEPTED = "accepted", "Acceptée"
    REFUSED = "refused", "Refusée"
