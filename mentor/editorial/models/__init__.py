import simple_history

from mentor.offer.models import Training

from .criteria import Indicator, PublicationCriterion
from .labels import LABEL_VALIDITY, CollectionWatch, Label
from .review import QualityRating, QualityReview
from .workflow import EditorialFile, TrainingRevision, TransitionLog

# Field changes of trainings are kept by django-simple-history; the history table belongs to editorial so that
# offer's migrations stay untouched.
simple_history.register(Training, app="mentor.editorial")

__all__ = [
    "LABEL_VALIDITY",
    "CollectionWatch",
    "EditorialFile",
    "Indicator",
    "Label",
    "PublicationCriterion",
    "QualityRating",
    "QualityReview",
    "TrainingRevision",
    "TransitionLog",
]
