"""A search never made for this entity, already made by another agent of its ministry: the case the catalogue's
per-ministry share serves (``offer/catalogue/audience.py``). Each timed call is made by an agent of another entity
of the persona's ministry, so that no entity's own entry is ever read; the first call of each case, by yet another
entity, makes the ministry's share. Searches that are each agent's own (open registration selected, ordered by
next session) are made again in full: they are in the mix, and counted."""

from django.test import Client
from django.test.utils import override_settings

# Agents of distinct entities per ministry: the warm-up, then the timed calls.
AGENTS_PER_MINISTRY = 16


def _agents_of_other_entities(user, count):
    from mentor.accounts.models import User

    agents, entities = [], set()
    candidates = (
        User.objects.filter(entity__ministry_id=user.entity.ministry_id)
        .exclude(entity_id=user.entity_id)
        .order_by("entity_id", "pk")
        .only("pk", "entity_id")
    )
    for agent in candidates.iterator():
        if agent.entity_id not in entities:
            entities.add(agent.entity_id)
            agents.append(agent)
            if len(agents) == count:
                break
    return agents


def measure_ministry_share(channel, users, cases, repeat, budget_s, as_params_path):
    """``channel``: a ``measure.Channel``; ``users``: persona -> user (anonymous personas are left out: they are
    one audience already); ``as_params_path``: case params -> the API path."""
    with override_settings(CATALOGUE_CACHE_SECONDS=300):
        for persona, user in users.items():
            if not user.is_authenticated:
                continue
            clients = []
            for agent in _agents_of_other_entities(user, min(repeat, AGENTS_PER_MINISTRY - 1) + 1):
                client = Client(HTTP_HOST="127.0.0.1")
                client.force_login(agent)
                clients.append(client)
            for case, params in cases.items():
                path = as_params_path(params)
                turn = iter(clients)

                def call(path=path, turn=turn):
                    response = next(turn).get(path)
                    if response.status_code != 200:
                        raise RuntimeError(f"GET {path} → {response.status_code}")
                    return response

                channel.run(case, persona, call, len(clients) - 1, budget_s)
