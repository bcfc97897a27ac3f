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
