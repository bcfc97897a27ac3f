"""An organisation's name inside a French sentence: « l'équipe Mentor du ministère de l'Intérieur », « rejoindre
la direction régionale… », « le contenu reste celui de l'Institut national… ».

Each organisation may store its article and the form its name takes after it (``Organisation.article``,
``Organisation.name_in_sentence``, filled in by the reference and demo data and in the administration). Without
them, the article is guessed from the name's first word, which covers the generated trees; an acronym, whose
gender no rule gives, is then written without article."""

from django.db import models


class Article(models.TextChoices):
    LE = "le", "le (du, au)"
    LA = "la", "la (de la, à la)"
    L = "l'", "l' (de l', à l')"
    LES = "les", "les (des, aux)"
    NONE = "-", "sans article (de, à)"


# Common nouns a name starting with them keeps in lower case inside a sentence (« le ministère de l'Intérieur »);
# the names of establishments (« l'Institut national du service public ») keep their capital.
_LE = {
    "ministère",
    "secrétariat",
    "commissariat",
    "centre",
    "conseil",
    "service",
    "rectorat",
    "cabinet",
    "pôle",
}
_LA = {"direction", "préfecture", "délégation", "sous-direction", "mission", "division", "caisse", "cour"}
_LOWER = _LE | _LA
_VOWELS = tuple("aâàeéèêiîoôuûyhAÂÀEÉÈÊIÎOÔUÛYH")


def guessed(name: str) -> tuple[str, str]:
    """``(article, name in a sentence)`` read from the first word of ``name``."""
    first = name.split(" ", 1)[0]
    word = first.lower()
    if word in _LE or word in _LA:
        article = Article.LE if word in _LE else Article.LA
    elif first[:1].isupper() and first[1:2].islower() and first.startswith(_VOWELS):
        article = Article.L
    else:
        article = Article.NONE
    sentence = name[:1].lower() + name[1:] if word in _LOWER else name
    return article, sentence


# The contraction of the prepositions « de » and « à » with each article.
_FORMS = {
    Article.LE: ("le ", "du ", "au "),
    Article.LA: ("la ", "de la ", "à la "),
    Article.L: ("l'", "de l'", "à l'"),
    Article.LES: ("les ", "des ", "aux "),
}


def forms(article: str, sentence: str) -> tuple[str, str, str]:
    """« le ministère… », « du ministère… », « au ministère… »."""
    if article in _FORMS:
        the, of, to = _FORMS[article]
        return the + sentence, of + sentence, to + sentence
    of = "d'" if sentence.startswith(_VOWELS) else "de "
    return sentence, of + sentence, "à " + sentence
