"""The fixed query mix and the users it runs as. Parameters are those of /catalogue/ and /api/v1/trainings/."""

from django.contrib.auth.models import AnonymousUser

from mentor.accounts.models import User

COMMON_WORD = "service"  # in about 70 % of the trainings
TWO_WORDS = "commande publique"
RARE_WORD = "hydrogène"
TYPO = "managment"  # "management" misspelt
FACETS = {"modality": ["e_learning", "blended"], "duration": ["3h-7h"], "open_registration": ["1"]}

CASES = {
    "sans texte": {},
    "sans texte + collection": {"collection": ["management"]},
    "sans texte + facettes": FACETS,
    "mot courant": {"q": COMMON_WORD},
    "mot courant + facettes": {"q": COMMON_WORD, **FACETS},
    "deux mots": {"q": TWO_WORDS},
    "deux mots + facettes": {"q": TWO_WORDS, **FACETS},
    "mot rare": {"q": RARE_WORD},
    "mot rare + facettes": {"q": RARE_WORD, **FACETS},
    "faute de frappe": {"q": TYPO},
    "faute de frappe + facettes": {"q": TYPO, **FACETS},
    "page profonde (50)": {"page": ["50"]},
    "page profonde, mot courant (20)": {"q": COMMON_WORD, "page": ["20"]},
}

# persona -> entity code prefix of the agent chosen (None: an anonymous visitor)
PERSONAS = {
    "anonyme": None,
    "agent MEF (DR)": "BN-MEF-DR-",
    "agent MI (DD)": "BN-MI-DD-",
}


def personas() -> dict[str, object]:
    """The user of each persona: the first bench agent of the given kind of entity (deterministic)."""
    users = {}
    for name, prefix in PERSONAS.items():
        users[name] = (
            AnonymousUser()
            if prefix is None
            else User.objects.filter(entity__code__startswith=prefix)
            .select_related("entity")
            .order_by("pk")[0]
        )
    return users


def as_params(case: dict) -> list[tuple[str, str]]:
    """The case as query-string pairs, repeating a parameter for each of its values."""
    pairs = []
    for name, value in case.items():
        pairs += [(name, v) for v in ([value] if isinstance(value, str) else value)]
    return pairs
