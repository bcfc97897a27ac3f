from django.db import models


class OrganisationKind(models.TextChoices):
    MINISTRY = "ministry", "Ministère"
    CENTRAL_ADMINISTRATION = "central_administration", "Administration centrale"
    DECONCENTRATED_SERVICE = "deconcentrated_service", "Service déconcentré"
    PUBLIC_ESTABLISHMENT = "public_establishment", "Établissement public administratif"
    INTERMINISTERIAL_DIRECTORATE = "interministerial_directorate", "Direction interministérielle"
    TRAINING_PROVIDER = "training_provider", "Opérateur de formation"
    PUBLIC_SERVICE_SCHOOL = "public_service_school", "École de service public"
    OTHER = "other", "Autre"


# Kinds a user may not pick as their attachment entity: a training provider delivers trainings, its staff are
# attached to it by an invitation from its administrators, never by sign-up.
NOT_ATTACHABLE_KINDS = frozenset({OrganisationKind.TRAINING_PROVIDER})


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", "Brouillon"
    ACTIVE = "active", "Active"
    EXPIRED = "expired", "Expirée"
    TERMINATED = "terminated", "Résiliée"
