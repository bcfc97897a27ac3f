"""An organisation's name in a sentence: its own article when it has one, else a guess from its first word."""

import pytest

from mentor.organisations.models import Organisation


@pytest.mark.parametrize(
    ("name", "article", "sentence", "expected"),
    [
        (
            "Ministère de l'Intérieur",
            "",
            "",
            ("le ministère de l'Intérieur", "du ministère de l'Intérieur", "au ministère de l'Intérieur"),
        ),
        (
            "Direction régionale des finances publiques de Bretagne",
            "",
            "",
            (
                "la direction régionale des finances publiques de Bretagne",
                "de la direction régionale des finances publiques de Bretagne",
                "à la direction régionale des finances publiques de Bretagne",
            ),
        ),
        (
            "Institut national du service public",
            "",
            "",
            (
                "l'Institut national du service public",
                "de l'Institut national du service public",
                "à l'Institut national du service public",
            ),
        ),
        ("DGFiP", "la", "", ("la DGFiP", "de la DGFiP", "à la DGFiP")),
        ("CGDD", "le", "", ("le CGDD", "du CGDD", "au CGDD")),
        ("IGPDE", "l'", "", ("l'IGPDE", "de l'IGPDE", "à l'IGPDE")),
        (
            "Services du Premier ministre",
            "les",
            "services du Premier ministre",
            (
                "les services du Premier ministre",
                "des services du Premier ministre",
                "aux services du Premier ministre",
            ),
        ),
        # An acronym whose article nobody gave: no article rather than a wrong one, « d' » before a vowel.
        ("INSP", "", "", ("INSP", "d'INSP", "à INSP")),
        ("DGAFP", "", "", ("DGAFP", "de DGAFP", "à DGAFP")),
        ("Bercy", "-", "", ("Bercy", "de Bercy", "à Bercy")),
    ],
)
def test_the_forms_of_a_name_in_a_sentence(name, article, sentence, expected):
    organisation = Organisation(name=name, article=article, name_in_sentence=sentence)
    assert (organisation.with_article, organisation.of_name, organisation.to_name) == expected
