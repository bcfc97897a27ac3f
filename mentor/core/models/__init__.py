from .base import TimeStampedModel
from .formacode import FormacodeTerm
from .generations import Generation
from .mail import EmailStatus, OutgoingEmail

__all__ = ["EmailStatus", "FormacodeTerm", "Generation", "OutgoingEmail", "TimeStampedModel"]
