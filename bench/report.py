"""The benchmark's one table (Markdown, pasted as is into the README) and the growth between scales."""

CHANNELS = {
    "api": "API /api/v1/trainings/",
    "api_cold": "API, recherche refaite (sans cache, index résident)",
    "api_cold_sql": "API, recherche refaite en SQL (sans cache ni index résident, diagnostic)",
    "api_ministry": "API, recherche nouvelle pour l'entité, déjà faite dans son ministère",
    "html": "page /catalogue/",
    "html_cold": "page /catalogue/, recherche refaite (sans cache, index résident)",
    "floor": "plancher SQL brut",
    "tantivy": "référence moteur de recherche (tantivy)",
    "training_page": "page formation",
    "one_page": "tout en une page",
    "similar": "API /api/v1/trainings/similar/ (formations similaires)",
    "dashboard": "page /veille/indicateurs/ (indicateurs du programme, gardés)",
    "dashboard_after_write": "page /veille/indicateurs/ (lue après une écriture, pendant le renouvellement)",
    "dashboard_computed": "page /veille/indicateurs/ (recalculés, comme par la tâche de fond)",
}
HEADER = (
    "| moteur | formations | mesure | p50 ms | p95 ms | p99 ms | × plancher | × tantivy | gain vs une page "
    "| req/s | erreurs | RSS max worker |\n|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
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
            if channel in ("api", "api_cold", "api_ministry", "html", "html_cold")
            and one_page
            and stats.get("p50")
            else None
        )
        yield [
            label,
            _ms(stats.get("p50")),
            _ms(stats.get("p95")),
            _ms(stats.get("p99")),
            _times(run["floor_ratio"].get(channel)),
            # A run recorded before the search-engine reference has no such ratio.
            _times(run.get("tantivy_ratio", {}).get(channel)),
            _times(gain),
            "",
            "",
            "",
        ]
    traffic = run.get("traffic")
    if traffic:
        yield _load_row(f"modèle de trafic, 1 instance × {traffic['workers']} workers, cache Redis", traffic)
    yield _load_row(
        "mélange fixe (diagnostic), 1 instance × 2 workers, cache en mémoire", run.get("load") or {}
    )
    pair = run.get("pair")
    if pair:
        workers = f"{pair['workers']} worker{'s' if pair['workers'] > 1 else ''}"
        yield _load_row(f"modèle de trafic, 2 instances × {workers} sur une adresse, Redis partagé", pair)


def _decimal(value):
    return f"{value:g}".replace(".", ",")


def _load_row(label, load):
    """One wrk run as a row of the table (``load`` is empty when the run did not take place)."""
    rss = load.get("worker_peak_rss_mb") or []
    return [
        f"{label}, wrk {load.get('connections', '?')} connexions, {load.get('duration_s', '?')} s "
        f"(après {load.get('warm_up_s', 0)} s de chauffe)",
        _ms(load.get("p50_ms")),
        _ms(load.get("p95_ms")),
        _ms(load.get("p99_ms")),
        "",
        "",
        "",
        f"{load['throughput_rps']:.0f}" if load else "—",
        str(load.get("non_2xx", 0) + load.get("errors_socket", 0)) if load else "—",
        " / ".join(f"{m:.0f} Mo" for m in rss) or "—",
    ]


def _percent(rate):
    return "—" if rate is None else f"{rate * 100:.0f} %"


def _reads(count, outcome):
    """ "1 lecture trouvée", "2 lectures absentes", "0 lecture trouvée"."""
    plural = "s" if count > 1 else ""
    return f"{count} lecture{plural} {outcome}{plural}"


def _proof(proof) -> str:
    """The shared entry: what each instance read of the catalogue's entries, and Redis's own count."""
    parts = []
    for name in ("a", "b"):
        catalogue = proof[name]["reads"].get("catalogue", {})
        parts.append(
            f"instance {name.upper()} : {_reads(catalogue.get('hit', 0), 'trouvée')}, "
            f"{_reads(catalogue.get('miss', 0), 'absente')} (Redis : keyspace_hits + {proof[name]['keyspace_hits']}, "
            f"keyspace_misses + {proof[name]['keyspace_misses']}, limite de débit de l'API comprise)"
        )
    same = "identique" if proof["same_body"] else "DIFFÉRENTE"
    return (
        f"`{proof['path']}` demandée à l'{parts[0]}, puis à l'{parts[1]} ; réponse de B {same} à celle de A"
    )


def traffic_lines(run) -> list[str]:
    """What the traffic model was made of, the cache hit rate it reached and, for the pair, the proof that an
    entry computed by one instance is served by the other."""
    where = f"{run['engine']} {_n(run['scale'])} formations"
    lines = []
    for name, label in (("traffic", "Modèle de trafic"), ("pair", "Deux instances")):
        data = run.get(name)
        if not data:
            continue
        model = (run.get("traffic") or {}).get("model") or {}
        catalogue = data["cache"]["reads"].get("catalogue", {})
        writes = data["writes"]
        done = sum(writes.get("writes", {}).values())
        line = f"{label} {where} : "
        if name == "traffic":
            line += (
                f"{_n(model['vocabulary'])} recherches (Zipf s = {_decimal(model['zipf_s'])}, les 10 premières "
                f"font {_percent(model['top_10_share'])} des requêtes), {model['agents']} agents de "
                f"{model['entities']} entités ({model['ministries']} ministères) et "
                f"{_percent(model['anonymous_share'])} de visiteurs anonymes, {_percent(model['api_share'])} par "
                "l'API ; "
            )
        line += (
            f"{done} modifications de l'offre en {writes.get('seconds', 0):.0f} s, chauffe comprise "
            f"(une toutes les {_decimal(data['write_interval_s'])} s ; {writes.get('failed', 0)} en échec) ; "
            f"cache du catalogue : {_percent(data['cache']['catalogue_hit_rate'])} des lectures trouvées "
            f"({_n(catalogue.get('hit', 0))} sur {_n(catalogue.get('hit', 0) + catalogue.get('miss', 0))})"
        )
        lines.append(line)
        proof = data.get("shared_entry")
        if proof:
            lines.append(f"Entrée partagée {where} : {_proof(proof)}")
    return lines


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
        lines += traffic_lines(run)
    for run in results["runs"]:
        export = run.get("lheo_export")
        if export:
            lines.append(
                f"Export LHEO {run['engine']} {_n(run['scale'])} formations : {export['seconds']:.1f} s"
                + (f" (CPU {export['cpu_seconds']:.1f} s)" if "cpu_seconds" in export else "")
                + f", RSS max {export['peak_rss_mb']:.0f} Mo, {export['bytes'] / 1e6:.1f} Mo écrits"
            )
    for run in results["runs"]:
        resident = run.get("resident_index")
        if resident:
            lines.append(
                f"Index résident {run['engine']} {_n(run['scale'])} formations : {_n(resident['documents'])} "
                f"documents construits en {resident['build_s']:.1f} s, RSS du processus "
                f"+{resident['rss_growth_mb']:.0f} Mo ; écarts avec la recherche en SQL (nombre, facettes) : "
                f"{len(run.get('resident_mismatches', []))}"
            )
        index = run.get("tantivy_index")
        if index:
            lines.append(
                f"Index tantivy {run['engine']} {_n(run['scale'])} formations : construit en "
                f"{index['build_s']:.1f} s ({index['threads']} fil{'s' if index['threads'] > 1 else ''}), {index['disk_bytes'] / 1e6:.1f} Mo sur disque, "
                f"RSS du processus +{index['rss_growth_mb']:.0f} Mo ; écarts avec l'API (nombre, facettes) : "
                f"{len(run['tantivy_mismatches'])}"
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
            for channel in (
                "api",
                "api_cold",
                "api_ministry",
                "html",
                "html_cold",
                "training_page",
                "floor",
                "tantivy",
            ):
                # A run recorded before a measure existed has no such channel.
                before = (small.get(channel, {}).get("summary") or {}).get("p50")
                after = (large.get(channel, {}).get("summary") or {}).get("p50")
                if before and after:
                    result.setdefault(engine, {})[channel] = {
                        "from": small["scale"],
                        "to": large["scale"],
                        "p50_ratio": after / before,
                    }
    return result
