"""Writes of the offer while the traffic model runs: every ``--interval`` seconds, one session's capacity or dates
or one training's teaser is changed through the ORM, as a designer's form saves it, so that the signals fire and
the catalogue's generation moves exactly as in production.

Started by bench/load.py as ``python -m bench.writes`` with DATABASE_URL set; stopped by SIGTERM, it prints what
it did (JSON).
"""

import argparse
import json
import random
import signal
import time
from datetime import timedelta

import django

POOL = 200  # sessions and trainings the writes pick from
TEASER_MARK = " Mise à jour."
stopping = False


def _stop(signum, frame):
    global stopping
    stopping = True


def _pools(rng):
    from mentor.offer.enums import SessionStatus, TrainingStatus
    from mentor.offer.models import Session, Training

    published = Session.objects.filter(training__status=TrainingStatus.PUBLISHED)
    upcoming = published.filter(
        status__in=[SessionStatus.REGISTRATION_OPEN, SessionStatus.IN_PREPARATION], starts_at__isnull=False
    )
    with_capacity = list(upcoming.exclude(capacity=None).order_by("pk").values_list("pk", flat=True)[:5000])
    dated = list(upcoming.order_by("pk").values_list("pk", flat=True)[:5000])
    trainings = list(
        Training.objects.filter(status=TrainingStatus.PUBLISHED)
        .order_by("pk")
        .values_list("pk", flat=True)[:5000]
    )
    return {
        "capacity": rng.sample(with_capacity, k=min(POOL, len(with_capacity))),
        "dates": rng.sample(dated, k=min(POOL, len(dated))),
        "teaser": rng.sample(trainings, k=min(POOL, len(trainings))),
    }


def write_one(rng, kind, pk):
    from mentor.offer.models import Session, Training

    if kind == "teaser":
        training = Training.objects.get(pk=pk)
        training.teaser = (
            training.teaser.removesuffix(TEASER_MARK)
            if training.teaser.endswith(TEASER_MARK)
            else training.teaser + TEASER_MARK
        )
        training.save()
        return
    session = Session.objects.get(pk=pk)
    if kind == "capacity":
        session.capacity += rng.choice((-1, 1)) if session.capacity > 1 else 1
    else:
        shift = timedelta(days=rng.choice((-1, 1)))
        session.starts_at += shift
        session.ends_at = session.ends_at + shift if session.ends_at else None
    session.save()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--interval", type=float, default=2.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, _stop)
    django.setup()
    rng = random.Random(args.seed)  # noqa: S311 - reproducible choices, not secrets
    pools = _pools(rng)
    kinds = [kind for kind, pks in pools.items() if pks]
    done, failed, errors = dict.fromkeys(pools, 0), 0, []
    started = time.monotonic()
    next_at = started
    while not stopping:
        if time.monotonic() >= next_at:
            next_at += args.interval
            kind = rng.choice(kinds)
            try:
                write_one(rng, kind, rng.choice(pools[kind]))
                done[kind] += 1
            except Exception as error:  # a write refused under load is a result to report, not a crash
                failed += 1
                errors.append(f"{type(error).__name__}: {error}"[:200])
        time.sleep(0.05)
    elapsed = time.monotonic() - started
    print(json.dumps({"writes": done, "failed": failed, "errors": errors[:5], "seconds": elapsed}))


if __name__ == "__main__":
    main()
