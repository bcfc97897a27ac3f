import pytest

from mentor.bootstrap.reference import load_reference_data
from mentor.core.models import FormacodeTerm

pytestmark = pytest.mark.django_db


def test_the_reference_data_loads_the_formacode_thesaurus_once():
    first = load_reference_data()
    assert first["descripteurs FORMACODE"] == FormacodeTerm.objects.count() > 3000
    term = FormacodeTerm.objects.get(code="13209")
    assert term.label == "marché public"
    assert term.kind == "DOM"
    assert term.synonyms.splitlines() == ["achat public", "appel offre", "commande publique"]
    assert FormacodeTerm.objects.get(code="95005").kind == "OUT"  # "OUT$MOD$RYT" in the file
    term.label = "Marché public (modifié)"
    term.save()
    assert load_reference_data()["descripteurs FORMACODE"] == 0
    assert FormacodeTerm.objects.get(code="13209").label == "Marché public (modifié)"
