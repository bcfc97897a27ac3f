"""The real platform's approach, for comparison: every training visible to the user, serialised in one response
that the browser then filters."""

import json

from django.core.serializers.json import DjangoJSONEncoder

from mentor.offer.models import Training

CARD_FIELDS = (
    "id",
    "slug",
    "title",
    "teaser",
    "modality",
    "scope",
    "duration_on_site_hours",
    "duration_remote_hours",
    "published_at",
    "collection__slug",
    "collection__name",
    "owner__code",
    "owner__name",
)


def everything_in_one_page(user) -> bytes:
    """The JSON body of one page holding the card of every training ``user`` may see (the one rule)."""
    cards = list(Training.objects.visible_to(user).order_by("title").values(*CARD_FIELDS))
    return json.dumps(cards, cls=DjangoJSONEncoder).encode()
