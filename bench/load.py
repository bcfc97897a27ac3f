"""Under load: the app served by gunicorn on 127.0.0.1 only, driven by wrk: the fixed query mix (one instance, 2
workers, each worker its own memory cache), the traffic model (one instance, 2 workers, the cache in Redis) and
the pair (two instances behind one address, sharing Redis)."""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
HOST = "127.0.0.1"  # never anything else: the load must stay on this machine


def _wait_for_port(port, timeout_s=60):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex((HOST, port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn ne répond pas sur {HOST}:{port}")


def _warm_up(port, requests_file, count=4):
    """A few requests first, so that wrk does not time the workers' imports and first connections."""
    for line in Path(requests_file).read_text().splitlines()[:count]:
        path, _, cookie = line.partition("\t")
        request = urllib.request.Request(f"http://{HOST}:{port}{path}", headers={"Cookie": cookie})
        with urllib.request.urlopen(request, timeout=60):  # noqa: S310 - http://127.0.0.1 only
            pass


def _workers(master_pid):
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    return [int(pid) for pid in children]


def _peak_rss_mb(pid):
    """VmHWM: the highest resident set size the process reached."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return None


def _cpu_s(pid):
    """CPU seconds (user + system) the process has used."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _wrk(requests_file, port, duration_s, connections, threads):
    return subprocess.run(  # noqa: S603 - fixed command line, no user input
        [
            shutil.which("wrk") or "/usr/bin/wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{duration_s}s",
            "--timeout",
            "10s",
            "-s",
            str(HERE / "mix.lua"),
            f"http://{HOST}:{port}/",
        ],
        env={**os.environ, "BENCH_REQUESTS": str(requests_file)},
        capture_output=True,
        text=True,
        check=True,
    )


# The API's rate limits count per address and per user. The fixed mix replays three personas at hundreds of requests
# a second, and every anonymous visitor of the bench comes from 127.0.0.1: limits meant for one person would turn
# the measurement of the search into one of the 429 answer. The traffic model keeps the per-user limit of
# production (each agent asks a few requests a minute) and lifts the per-address one only.
NO_LIMIT = "1000000/min"
MIX_LIMITS = {"API_RATE_ANONYMOUS": NO_LIMIT, "API_RATE_TOKEN": NO_LIMIT}
TRAFFIC_LIMITS = {"API_RATE_ANONYMOUS": NO_LIMIT}


def _gunicorn(env, binds, workers, reuse_port=False):
    command = [
        f"{sys.prefix}/bin/gunicorn",
        "config.wsgi",
        "--workers",
        str(workers),
        "--log-level",
        "warning",
        # The control socket is one path per user (~/.gunicorn/gunicorn.ctl): a second instance, or anyone's
        # gunicorn on the machine, would fight for it. The bench never uses it.
        "--no-control-socket",
    ]
    for port in binds:
        command += ["--bind", f"{HOST}:{port}"]
    if reuse_port:
        # SO_REUSEPORT: several instances listen on the same address and the kernel spreads the connections.
        command.append("--reuse-port")
    return subprocess.Popen(command, env=env)  # noqa: S603 - fixed command line, no user input


def _stop(servers):
    for server in servers:
        server.terminate()
    for server in servers:
        server.wait(timeout=30)


def _wrk_stats(wrk):
    line = next(x for x in wrk.stdout.splitlines() if x.startswith("BENCH-JSON "))
    stats = json.loads(line.removeprefix("BENCH-JSON "))
    stats["throughput_rps"] = stats["requests"] / (stats["duration_us"] / 1e6)
    return stats


def run_load(env, requests_file, port, duration_s, connections=8, threads=2, warm_up_s=10):
    """Throughput, latency percentiles, errors and each worker's peak memory over ``duration_s`` seconds, after
    ``warm_up_s`` seconds of the same load, not counted: every worker has then searched each request of the mix
    once and keeps it in its cache, as a server that has been running does."""
    server = _gunicorn({**env, **MIX_LIMITS}, [port], workers=2)
    try:
        _wait_for_port(port)
        _warm_up(port, requests_file)
        _wrk(requests_file, port, warm_up_s, connections, threads)
        stats = _wrk_stats(_wrk(requests_file, port, duration_s, connections, threads))
        stats["worker_peak_rss_mb"] = [_peak_rss_mb(pid) for pid in _workers(server.pid)]
        stats["connections"] = connections
        stats["duration_s"] = duration_s
        stats["warm_up_s"] = warm_up_s
        return stats
    finally:
        _stop([server])


def _redis(redis_port):
    import redis

    return redis.Redis(host=HOST, port=redis_port)


def _cache_figures(client, counters_first):
    """Redis's read counts and ours. Reading our counters is itself a read Redis counts: done before its INFO at
    the start of a measurement and after it at the end, it stays out of the difference."""
    from .cache import read_counts

    reads = read_counts(client) if counters_first else None
    info = client.info("stats")
    return {
        "reads": reads if counters_first else read_counts(client),
        "keyspace_hits": info["keyspace_hits"],
        "keyspace_misses": info["keyspace_misses"],
    }


def _cache_delta(before, after):
    reads = {}
    for kind, counts in after["reads"].items():
        old = before["reads"].get(kind, {})
        reads[kind] = {outcome: n - old.get(outcome, 0) for outcome, n in counts.items()}
    catalogue = reads.get("catalogue", {})
    total = catalogue.get("hit", 0) + catalogue.get("miss", 0)
    return {
        "reads": reads,
        "catalogue_hit_rate": catalogue.get("hit", 0) / total if total else None,
        "keyspace_hits": after["keyspace_hits"] - before["keyspace_hits"],
        "keyspace_misses": after["keyspace_misses"] - before["keyspace_misses"],
    }


def _writer(env, interval_s):
    return subprocess.Popen(  # noqa: S603 - our own script
        [sys.executable, "-m", "bench.writes", "--interval", str(interval_s)],
        cwd=HERE.parent,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )


def _writer_report(writer):
    writer.send_signal(signal.SIGTERM)
    out, _ = writer.communicate(timeout=60)
    return json.loads(out.strip().splitlines()[-1]) if out.strip() else {"error": f"code {writer.returncode}"}


def run_traffic(
    env,
    requests_file,
    warm_up_file,
    ports,
    redis_port,
    duration_s,
    instances=1,
    workers=2,
    connections=8,
    threads=2,
    warm_up_s=10,
    write_interval_s=2.0,
):
    """The traffic model against ``instances`` gunicorn instances of ``workers`` workers, the cache in the Redis
    on ``redis_port`` (emptied first), the offer changed every ``write_interval_s`` seconds from warm-up to end.

    One instance listens on ``ports[0]``. Several listen together on ``ports[0]`` (the kernel spreads the
    connections) and each on its own port too (``ports[1:]``): first an entry is asked on the first instance's
    own port, then on the second's, to show the second is served what the first computed (``shared_entry``).
    Returns the wrk figures over ``duration_s`` seconds, the cache reads over the same time, the writes done and
    each worker's peak memory and CPU time."""
    env = {**env, **TRAFFIC_LIMITS, "CACHE_URL": f"redis://{HOST}:{redis_port}/0"}
    client = _redis(redis_port)
    client.flushdb()
    shared, own = ports[0], ports[1 : 1 + instances] if instances > 1 else []
    servers = [
        _gunicorn(env, [shared, own[i]] if own else [shared], workers, reuse_port=bool(own))
        for i in range(instances)
    ]
    writer = None
    try:
        for port in [shared, *own]:
            _wait_for_port(port)
        stats = {}
        if own:
            stats["shared_entry"] = shared_entry(client, own[0], own[1])
        _warm_up(shared, warm_up_file)
        writer = _writer(env, write_interval_s)
        _wrk(warm_up_file, shared, warm_up_s, connections, threads)
        before = _cache_figures(client, counters_first=True)
        cpu_before = {pid: _cpu_s(pid) for server in servers for pid in _workers(server.pid)}
        stats.update(_wrk_stats(_wrk(requests_file, shared, duration_s, connections, threads)))
        stats["cache"] = _cache_delta(before, _cache_figures(client, counters_first=False))
        stats["writes"] = _writer_report(writer)
        stats["instances"] = [
            {
                "worker_peak_rss_mb": [_peak_rss_mb(pid) for pid in _workers(server.pid)],
                "worker_cpu_s": [_cpu_s(pid) - cpu_before.get(pid, 0) for pid in _workers(server.pid)],
            }
            for server in servers
        ]
        stats["worker_peak_rss_mb"] = [m for i in stats["instances"] for m in i["worker_peak_rss_mb"]]
        stats.update(connections=connections, duration_s=duration_s, warm_up_s=warm_up_s, workers=workers)
        stats["write_interval_s"] = write_interval_s
        return stats
    finally:
        if writer and writer.poll() is None:
            writer.kill()
        _stop(servers)


# Asked anonymously on an empty Redis, before any other request: the first instance cannot find it there.
PROOF_PATH = "/api/v1/trainings/?q=rgpd&modality=e_learning&ordering=newest"


def shared_entry(client, port_a, port_b):
    """Ask one search on instance A's own port, then on instance B's: what each read from the catalogue's entries
    in Redis, and whether B answered exactly what A did. Both requests name the same site (Host), as a load
    balancer in front of them would: the API keeps its body per site address."""
    deltas, bodies = [], []
    for port in (port_a, port_b):
        before = _cache_figures(client, counters_first=True)
        request = urllib.request.Request(f"http://{HOST}:{port}{PROOF_PATH}", headers={"Host": HOST})
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - http://127.0.0.1 only
            bodies.append(response.read())
        deltas.append(_cache_delta(before, _cache_figures(client, counters_first=False)))
    a, b = deltas
    return {
        "path": PROOF_PATH,
        # Redis's own counts take in the API's rate limit too (one read of its counter per request).
        "a": {
            "reads": a["reads"],
            "keyspace_hits": a["keyspace_hits"],
            "keyspace_misses": a["keyspace_misses"],
        },
        "b": {
            "reads": b["reads"],
            "keyspace_hits": b["keyspace_hits"],
            "keyspace_misses": b["keyspace_misses"],
        },
        "same_body": bodies[0] == bodies[1],
        "body_bytes": len(bodies[1]),
    }
