"""The benchmark's one table (Markdown, pasted as is into the README) and the growth between scales."""

CHANNELS = {
    "api": "API /api/v1/trainings/",
    "api_cold": "API, recherche refaite (sans cache)",
    "html": "page /catalogue/",
    "floor": "plancher SQL brut",
    "training_page": "page formation",
    "one_page": "tout en une page",
    "similar": "API /api/v1/trainings/similar/ (formations similaires)",
    "dashboard": "page /veille/indicateurs/ (indicateurs du programme)",
}
HEADER = (
    "| moteur | formations | mesure | p50 ms | p95 ms | p99 ms | × plancher | gain vs une page "
    "| req/s | erreurs | RSS max worker |\n|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"
)


def _n(count):
    return f"{count:,}".replace(",", "\u202f")


def _ms(value):
    return "—" if value is None else f"{value:.1f}"


def _times(value):
    return "—" if value is None else f"{value:.1f}×"


def _rows(run):
    one_page = (run["one_page"].get("summary") or {}).get("p50")
    for channel, label in CHANNELS.items():
        if channel not in run:  # a run recorded before the measure existed
            continue
        data = run[channel]
        stats = data.get("summary") or {}
        if data.get("error"):
            label = f"{label} (indisponible)"
        gain = (
            one_page / stats["p50"]
            if channel in ("api", "api_cold", "html") and one_page and stats.get("p50")
            else None
        )
        yield [
            label,
            _ms(stats.get("p50")),
            _ms(stats.get("p95")),
            _ms(stats.get("p99")),
            _times(run["floor_ratio"].get(channel)),
            _times(gain),
            "",
            "",
            "",
        ]
    load = run.get("load") or {}
    rss = load.get("worker_peak_rss_mb") or []
    yield [
        f"charge wrk, {load.get('connections', '?')} connexions, {load.get('duration_s', '?')} s "
        f"(après {load.get('warm_up_s', 0)} s de chauffe)",
        _ms(load.get("p50_ms")),
        _ms(load.get("p95_ms")),
        _ms(load.get("p99_ms")),
        "",
        "",
        f"{load['throughput_rps']:.0f}" if load else "—",
        str(load.get("non_2xx", 0) + load.get("errors_socket", 0)) if load else "—",
        " / ".join(f"{m:.0f} Mo" for m in rss) or "—",
    ]


def table(results) -> str:
    lines = [HEADER]
    for run in results["runs"]:
        for row in _rows(run):
            lines.append(f"| {run['engine']} | {_n(run['scale'])} | " + " | ".join(row) + " |")
    lines.append("")
    for run in results["runs"]:
        lines.append(
            f"Génération {run['engine']} {_n(run['scale'])} formations : {run['generation_s']:.0f} s"
        )
    for run in results["runs"]:
        export = run.get("lheo_export")
        if export:
            lines.append(
                f"Export LHEO {run['engine']} {_n(run['scale'])} formations : {export['seconds']:.1f} s, "
                f"RSS max {export['peak_rss_mb']:.0f} Mo, {export['bytes'] / 1e6:.1f} Mo écrits"
            )
    for engine, by_channel in results.get("growth", {}).items():
        for channel, g in by_channel.items():
            lines.append(
                f"Croissance {engine} {CHANNELS[channel]} de {_n(g['from'])} à {_n(g['to'])} formations "
                f"(× {g['to'] / g['from']:.0f}) : p50 × {g['p50_ratio']:.2f}"
            )
    return "\n".join(lines)


def growth(runs) -> dict:
    """Per engine and channel: how much p50 grows from each scale to the next one measured."""
    result = {}
    for engine in {run["engine"] for run in runs}:
        ordered = sorted((r for r in runs if r["engine"] == engine), key=lambda r: r["scale"])
        for small, large in zip(ordered, ordered[1:], strict=False):
            for channel in ("api", "api_cold", "html", "floor"):
                before = (small[channel].get("summary") or {}).get("p50")
                after = (large[channel].get("summary") or {}).get("p50")
                if before and after:
                    result.setdefault(engine, {})[channel] = {
                        "from": small["scale"],
                        "to": large["scale"],
                        "p50_ratio": after / before,
                    }
    return result
