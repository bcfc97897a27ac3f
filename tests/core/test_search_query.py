"""What the search engines receive from a user's text: words and synonyms, never syntax."""

import re

from mentor.core.search import parse_query
from mentor.core.text import stemmed_text, unaccent, words


def test_french_text_is_unaccented_lowered_and_stemmed():
    assert unaccent("Écologie, Œuvre, ÇA") == "ecologie, oeuvre, ca"
    assert words("L'évaluation des marchés publics") == ["evaluation", "marches", "publics"]
    assert stemmed_text("évaluer l'évaluation") == stemmed_text("Évaluations évaluer") == "evalu evalu"
    assert stemmed_text("Marchés publics") == stemmed_text("marché public")


def test_a_formacode_term_brings_its_equivalents():
    query = parse_query("achat public et formation")
    assert query.groups[0][0] == ("achat", "public")
    assert set(query.groups[0]) >= {("commande", "publique"), ("marche", "public")}
    assert query.groups[1] == (("formation",),)


def test_only_plain_words_come_out_of_any_text():
    query = parse_query('"NEAR(a* -b) AND title:x OR {c} ^d \\ \x00 🙂 ' + "y" * 5000)
    every_word = [w for group in query.groups for phrase in group for w in phrase]
    assert every_word and all(re.fullmatch(r"[a-z0-9]+", w) for w in every_word)
    assert len(query.groups) <= 12


def test_a_query_of_stop_words_only_is_empty():
    assert not parse_query("le la les de des")
    assert not parse_query("")


def test_words_of_four_letters_and_the_last_word_from_three_are_prefixes():
    assert parse_query("bud gestion cyb").prefixes == {"gestion", "cyb"}
    assert parse_query("rh cy").prefixes == set()
