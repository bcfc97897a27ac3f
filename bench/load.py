"""Under load: the app served by gunicorn (2 workers) on 127.0.0.1 only, driven by wrk with the query mix."""

import json
import os
import shutil
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


def run_load(env, requests_file, port, duration_s, connections=8, threads=2, warm_up_s=10):
    """Throughput, latency percentiles, errors and each worker's peak memory over ``duration_s`` seconds, after
    ``warm_up_s`` seconds of the same load, not counted: every worker has then searched each request of the mix
    once and keeps it in its cache, as a server that has been running does."""
    server = subprocess.Popen(  # noqa: S603 - fixed command line, no user input
        [
            f"{sys.prefix}/bin/gunicorn",
            "config.wsgi",
            "--workers",
            "2",
            "--bind",
            f"{HOST}:{port}",
            "--log-level",
            "warning",
        ],
        env=env,
    )
    try:
        _wait_for_port(port)
        _warm_up(port, requests_file)
        _wrk(requests_file, port, warm_up_s, connections, threads)
        wrk = _wrk(requests_file, port, duration_s, connections, threads)
        line = next(x for x in wrk.stdout.splitlines() if x.startswith("BENCH-JSON "))
        stats = json.loads(line.removeprefix("BENCH-JSON "))
        stats["throughput_rps"] = stats["requests"] / (stats["duration_us"] / 1e6)
        stats["worker_peak_rss_mb"] = [_peak_rss_mb(pid) for pid in _workers(server.pid)]
        stats["connections"] = connections
        stats["duration_s"] = duration_s
        stats["warm_up_s"] = warm_up_s
        return stats
    finally:
        server.terminate()
        server.wait(timeout=30)
