"""The whole benchmark: for each engine and scale, a fresh database, the generator, the in-process measurements,
the load test of the fixed mix, the traffic model and, on PostgreSQL, the pair of instances sharing Redis; then
one table on stdout and the same figures in bench/results/<timestamp>.json and latest.json.

Started by bench/run.sh, which installs wrk, PostgreSQL and Redis, runs a throwaway cluster and Redis server and
exports SECRET_KEY.
"""

import argparse
import json
import os
import platform
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from .load import MIX_LIMITS, run_load, run_traffic
from .report import growth, table

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def _python(env, *args):
    subprocess.run([sys.executable, *args], cwd=ROOT, env=env, check=True)  # noqa: S603 - our own scripts


def _database_url(engine, scale, workdir, pg_port):
    if engine == "sqlite":
        path = Path(workdir) / f"bench-{scale}.sqlite3"
        for leftover in Path(workdir).glob(f"{path.name}*"):
            leftover.unlink()
        return f"sqlite:///{path}"
    import psycopg

    name = f"mentor_bench_{scale}"
    with psycopg.connect(f"postgresql://postgres@127.0.0.1:{pg_port}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    return f"postgres://postgres@127.0.0.1:{pg_port}/{name}"


def _analyze(url):
    """Planner statistics, as a production database kept by autovacuum (or `PRAGMA optimize`) has them."""
    if url.startswith("sqlite"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
            conn.execute("ANALYZE")
        return
    import psycopg

    with psycopg.connect(url.replace("postgres://", "postgresql://"), autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


def _python_json(env, *args):
    """What our own script printed last on stdout, as JSON."""
    done = subprocess.run(  # noqa: S603 - our own script
        [sys.executable, *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _lheo_export(env, output):
    """The whole public offer exported as LHEO by its command, in a process of its own (time, peak RSS)."""
    result = _python_json(env, "-m", "bench.lheo", "--output", str(output))
    output.unlink()
    return result


def run_one(engine, scale, args):
    url = _database_url(engine, scale, args.workdir, args.pg_port)
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings.bench"}
    print(f"== {engine}, {scale} formations : génération", flush=True)
    _python(env, "manage.py", "migrate", "--noinput", "-v0")
    started = time.monotonic()
    _python(env, "manage.py", "generate_bench_data", "--trainings", str(scale), "--seed", str(args.seed))
    generation_s = time.monotonic() - started
    _analyze(url)
    print(f"== {engine}, {scale} formations : mesures en processus", flush=True)
    part = Path(args.workdir) / f"{engine}-{scale}.json"
    requests = Path(args.workdir) / f"{engine}-{scale}.wrk"
    # The in-process measures call the API far more often than a visitor may: its rate limits are lifted for them.
    # They build the resident index before measuring, where a web server builds it in a thread.
    _python(
        {**env, **MIX_LIMITS, "RESIDENT_INDEX_BUILD": "inline"},
        "-m",
        "bench.measure",
        "--out",
        str(part),
        "--requests",
        str(requests),
        "--repeat",
        str(args.repeat),
        "--budget",
        str(args.budget),
        "--min-samples",
        str(args.min_samples),
    )
    run = {"engine": engine, "scale": scale, "generation_s": generation_s, **json.loads(part.read_text())}
    print(f"== {engine}, {scale} formations : export LHEO", flush=True)
    run["lheo_export"] = _lheo_export(env, Path(args.workdir) / f"{engine}-{scale}.xml")
    print(f"== {engine}, {scale} formations : charge ({args.load_seconds} s)", flush=True)
    run["load"] = run_load(env, requests, args.http_port, args.load_seconds, warm_up_s=_warm_up_s(scale))
    run.update(run_traffic_model(env, engine, scale, args))
    return run


def _warm_up_s(scale) -> int:
    """Each worker builds its resident index in a thread at its first search (20 to 30 s at 100,000 trainings on a
    calm machine, more than 50 on a busy one, both workers building at once under the warm-up's load) and searches
    in SQL meanwhile: the warm-up of a measure under load lasts long enough for it to be of a server that has run.
    (The fixed mix warmed up 10 s at every scale until 3 December: at 100,000 it measured the build, 3 to 34 req/s.)
    """
    return max(10, scale // 1000)


def run_traffic_model(env, engine, scale, args):
    """The traffic model on one instance; on PostgreSQL, also on the pair of instances sharing Redis."""
    print(f"== {engine}, {scale} formations : modèle de trafic ({args.load_seconds} s)", flush=True)
    measured = Path(args.workdir) / f"{engine}-{scale}.traffic.wrk"
    warm_up = Path(args.workdir) / f"{engine}-{scale}.traffic-warm-up.wrk"
    model = _python_json(
        env,
        "-m",
        "bench.traffic",
        "--requests",
        str(measured),
        "--warm-up",
        str(warm_up),
        "--seed",
        str(args.seed),
    )
    ports = [args.http_port + 1, args.http_port + 2, args.http_port + 3]
    warm_up_s = _warm_up_s(scale)
    result = {
        "traffic": {
            "model": model,
            **run_traffic(
                env, measured, warm_up, ports, args.redis_port, args.load_seconds, warm_up_s=warm_up_s
            ),
        }
    }
    if engine == "postgresql":
        print(
            f"== {engine}, {scale} formations : deux instances, un Redis ({args.load_seconds} s)", flush=True
        )
        result["pair"] = run_traffic(
            env,
            measured,
            warm_up,
            ports,
            args.redis_port,
            args.load_seconds,
            instances=2,
            workers=1,
            warm_up_s=warm_up_s,
        )
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scales", default="1000,10000,100000")
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--workdir", required=True, help="throwaway directory for the SQLite files")
    parser.add_argument("--pg-port", type=int, default=55440)
    parser.add_argument("--http-port", type=int, default=55480, help="and the next three")
    parser.add_argument("--redis-port", type=int, default=55490)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=15, help="timed runs per case and persona")
    parser.add_argument("--budget", type=float, default=2.0, help="seconds at most per case and persona")
    parser.add_argument("--min-samples", type=int, default=3, help="timed runs even past the budget")
    parser.add_argument("--load-seconds", type=int, default=20)
    args = parser.parse_args()
    results = {
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": os.environ.get("BENCH_COMMAND", " ".join(sys.argv)),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version,
        },
        "runs": [],
    }
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    for engine in args.engines.split(","):
        for scale in (int(s) for s in args.scales.split(",")):
            results["runs"].append(run_one(engine, scale, args))
            results["growth"] = growth(results["runs"])
            # Written after each run, so that a long benchmark interrupted still leaves its figures.
            for name in (f"{stamp}.json", "latest.json"):
                (RESULTS / name).write_text(json.dumps(results, indent=1, ensure_ascii=False))
    print(table(results))


if __name__ == "__main__":
    main()
