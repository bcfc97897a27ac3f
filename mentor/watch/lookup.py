"""The similar trainings of a saved training or of a draft's texts, as the person asking may see them."""

from mentor.offer.models import Training

from .analysis import analyse
from .disclosure import SimilarTraining, disclose
from .index import analyse_training
from .similarity import similar

DRAFT_FIELDS = ("title", "teaser", "description", "learning_outcomes")


def similar_to_training(user, training: Training, limit: int = 10) -> list[SimilarTraining]:
    return disclose(user, similar(analyse_training(training), limit, exclude=training.pk))


def similar_to_texts(user, texts: dict[str, str], limit: int = 10) -> list[SimilarTraining]:
    """``texts``: some of ``DRAFT_FIELDS``."""
    return disclose(user, similar(analyse({name: texts.get(name) or "" for name in DRAFT_FIELDS}), limit))
