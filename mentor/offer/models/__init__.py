from .registration import Registration
from .session import Session, SessionTransitionLog
from .structure import Collection, Objective, StrategicOrientation, ThematicOffer
from .training import Adoption, Training, in_collections

__all__ = [
    "Adoption",
    "Collection",
    "Objective",
    "Registration",
    "Session",
    "SessionTransitionLog",
    "StrategicOrientation",
    "ThematicOffer",
    "Training",
    "in_collections",
]
