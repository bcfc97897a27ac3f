from .base import TimeStampedModel
from .formacode import FormacodeTerm
from .generations import Generation
from .mail import EmailStatus, OutgoingEmail
from .search_changes import SearchChange

__all__ = ["EmailStatus", "FormacodeTerm", "Generation", "OutgoingEmail", "SearchChange", "TimeStampedModel"]
