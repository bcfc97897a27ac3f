"""What makes two training texts alike for the similarity lookup, through its public functions."""

import pytest

from mentor.watch.analysis import analyse
from mentor.watch.index import analyse_training
from tests.factories import TrainingFactory

pytestmark = pytest.mark.django_db


def shared(a: dict, b: dict) -> set[str]:
    return set(analyse(a).weights) & set(analyse(b).weights)


def test_an_acronym_reads_as_its_expansion():
    assert (
        analyse({"title": "Prévenir les RPS"}).weights
        == analyse({"title": "Prévenir les risques psychosociaux"}).weights
    )
    vsst = analyse({"title": "Agir contre les VSST"})
    assert {"violenc", "sexist", "sexuel"} <= set(vsst.weights)


def test_a_lower_case_word_is_not_taken_for_an_acronym():
    assert "system" not in "".join(analyse({"title": "si vous débutez"}).weights)


def test_english_words_read_as_their_french_equivalents():
    assert shared(
        {"title": "Public procurement essentials"}, {"title": "Les fondamentaux de l'achat public"}
    ) >= {"achat"}
    assert (
        analyse({"title": "Cybersecurity awareness"}).weights
        == analyse({"title": "Sensibilisation à la cybersécurité"}).weights
    )


def test_formacode_synonyms_meet_in_their_descriptor():
    a = analyse({"title": "Marchés publics"})
    b = analyse({"title": "Achat public"})
    descriptors = {a.label(t) for t in set(a.weights) & set(b.weights) if t.startswith("#")}
    assert "marché public" in descriptors


def test_titles_weigh_more_than_descriptions_and_common_words_less():
    weights = analyse({"title": "Hydrogène", "description": "Hydrogène et agent du service"}).weights
    assert weights["hydrogen"] > weights["agent"] * 3
    assert (
        analyse({"title": "Cartulaire"}).weights["cartulair"]
        > analyse({"description": "Cartulaire"}).weights["cartulair"]
    )


def test_a_training_and_its_chosen_formacode_codes():
    training = TrainingFactory(title="Comptabilité publique")

    assert "#" + "32663" not in analyse_training(training, codes=[]).weights
    assert "#32663" in analyse_training(training, codes=["32663"]).weights
