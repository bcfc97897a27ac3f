from django.db import models


class CallStatus(models.TextChoices):
    DRAFT = "draft", "Brouillon"
    PUBLISHED = "published", "Publié (pas encore ouvert)"
    OPEN = "open", "Ouvert aux candidatures"
    CLOSED = "closed", "Clos, en sélection"
    RESULTS_PUBLISHED = "results_published", "Résultats publiés"
    ARCHIVED = "archived", "Archivé"


# What anyone may read: a call past its draft.
PUBLIC_CALL_STATUSES = (
    CallStatus.PUBLISHED,
    CallStatus.OPEN,
    CallStatus.CLOSED,
    CallStatus.RESULTS_PUBLISHED,
    CallStatus.ARCHIVED,
)


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", "Brouillon"
    SUBMITTED = "submitted", "Déposée"
    WITHDRAWN = "withdrawn", "Retirée"


class Verdict(models.TextChoices):
    SELECTED = "selected", "Retenu"
    WAITING = "waiting", "Liste d'attente"
    REFUSED = "refused", "Non retenu"


class MilestoneKind(models.TextChoices):
    AGREEMENT_SIGNED = "agreement_signed", "Convention signée"
    DESIGN_STARTED = "design_started", "Conception commencée"
    SUBMITTED_FOR_REVIEW = "submitted_for_review", "Soumise à la relecture"
    PUBLISHED = "published", "Publiée"
    EVALUATED = "evaluated", "Évaluée"


# Attachments of a proposal: office documents only, checked by content (core/uploads.py).
ATTACHMENT_KINDS = ("pdf", "odt", "docx", "xlsx", "ods")
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
