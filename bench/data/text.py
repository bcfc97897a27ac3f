"""Builds the French texts of one benchmark training from the fragments of its collection."""

from dataclasses import dataclass

from mentor.bootstrap.vocabulary import (
    AUDIENCES,
    COLLECTION_VOCABULARY,
    DESCRIPTION_BODY,
    OUTLINE_STEPS,
    PREREQUISITES,
)

from .vocabulary import DESCRIPTION_OPENERS, RARE_SENTENCE, RARE_TERMS, SUBJECT_TITLES, TITLE_SUFFIXES

# About one training in 100 mentions one of six rare terms, so the "rare word" query finds a handful of results.
RARE_TERM_RATE = 1 / 100


@dataclass
class TrainingText:
    title: str
    teaser: str
    description: str
    learning_outcomes: str
    content_outline: str
    prerequisites: str
    target_audience: str
    keywords: str


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def training_text(rng, collection_slug: str) -> TrainingText:
    """Texts of realistic length (a title, a teaser, a description of 500 to 1,000 characters, outcomes…)."""
    subjects, skills, keywords = COLLECTION_VOCABULARY[collection_slug]
    subject = rng.choice(subjects)
    title = rng.choice(SUBJECT_TITLES).format(s=subject) if rng.random() < 0.5 else rng.choice(skills)
    title = _capitalise(title + rng.choice(TITLE_SUFFIXES))
    outcomes = rng.sample(skills, k=min(len(skills), rng.randint(2, 4)))
    sentences = [rng.choice(DESCRIPTION_OPENERS).format(s=subject)]
    sentences += rng.sample(DESCRIPTION_BODY, k=rng.randint(3, 6))
    if rng.random() < RARE_TERM_RATE:
        sentences.append(RARE_SENTENCE.format(t=rng.choice(RARE_TERMS)))
    steps = rng.sample(OUTLINE_STEPS, k=rng.randint(4, 6))
    return TrainingText(
        title=title[:255],
        teaser=_capitalise(f"Apprenez à {outcomes[0]}, avec des exemples tirés du terrain."),
        description=" ".join(sentences),
        learning_outcomes="À l'issue de la formation, vous serez capable de :\n"
        + "\n".join(f"- {skill} ;" for skill in outcomes),
        content_outline="\n".join(f"{n}. {step}" for n, step in enumerate(steps, start=1)),
        prerequisites=rng.choice(PREREQUISITES),
        target_audience=rng.choice(AUDIENCES),
        keywords=", ".join(rng.sample(keywords, k=min(len(keywords), rng.randint(3, 5)))),
    )
