"""The Markdown report of tools/bench: the figures and each target, met or not."""


def markdown(results, options, started, machine):
    by_name = {result["name"]: result for result in results}
    lines = [
        f"# MedSynQ benchmark, {started.strftime('%Y-%m-%d %H:%M')} UTC",
        "",
        f"Machine: {machine}. wrk {options.threads} threads, {options.connections} "
        f"connections, {options.duration} s per run after a 2 s warm-up; keep-alive, "
        f"logged-in sessions; pool size {options.pool_size}; {options.tenants} tenants "
        f"with {options.patients} patients each; server request threads: "
        f"{options.server_threads or 'its default'}. wrk and the servers share the cores.",
        "",
        "| scenario | requests/s | p50 ms | p99 ms | errors | peak RSS MiB | peak fds "
        "| pool hit rate |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name in ("hot", "reference", "many", "write"):
        if name in by_name:
            lines.append(load_row(by_name[name]))
    lines += ["", *other_rows(by_name), "", "## Targets", ""]
    lines += [f"- {'met' if met else 'MISSED'}: {text}"
              for met, text in targets(by_name, options)]
    return "\n".join(lines) + "\n"


def load_row(result):
    hit_rate = result.get("hit_rate")
    cells = [
        result["name"], f"{result['requests_per_second']:,.0f}", f"{result['p50_ms']:.2f}",
        f"{result['p99_ms']:.2f}", str(result["errors"]),
        f"{result['peak_rss_mib']:.0f}" if "peak_rss_mib" in result else "-",
        str(result.get("peak_fds", "-")),
        f"{hit_rate:.1%}" if hit_rate is not None else "-",
    ]
    return "| " + " | ".join(cells) + " |"


def other_rows(by_name):
    rows = []
    if "startup" in by_name:
        startup = by_name["startup"]
        seconds = startup["seconds"]
        rows.append(
            f"- start-up with {startup['tenants']:,} tenants in the catalog: "
            + (f"{seconds * 1000:.0f} ms" if seconds is not None else "no answer in 30 s")
            + f" to the first /healthz answer, RSS {startup['rss_mib']:.0f} MiB after it, "
            f"{startup['open_shards']:.0f} shards open")
    if "backup" in by_name:
        backup = by_name["backup"]
        baseline = (f"sqlite3 .backup + gzip -6 of {backup['files']:,} files: "
                    f"{backup['baseline_seconds']:.1f} s, {backup['baseline_bytes'] / 1e6:.1f} MB")
        if backup["available"]:
            rows.append(f"- backup --all of {backup['tenants']:,} tenants: "
                        f"{backup['seconds']:.1f} s, {backup['bytes'] / 1e6:.1f} MB; {baseline}")
        else:
            rows.append(f"- backup --all: not available in this build; {baseline}")
    return rows


def targets(by_name, options):
    """(met, sentence) for each target whose scenarios ran."""
    checks = []
    hot, reference = by_name.get("hot"), by_name.get("reference")
    if hot and reference:
        ratio = hot["requests_per_second"] / reference["requests_per_second"]
        checks.append((ratio >= 0.5 and hot["p99_ms"] < 10,
                       f"hot at {ratio:.0%} of nginx (≥ 50%), p99 {hot['p99_ms']:.1f} ms (< 10)"))
    many = by_name.get("many")
    if many and hot:
        ratio = many["requests_per_second"] / hot["requests_per_second"]
        # Each open shard holds three descriptors: the file, its WAL and its
        # shared-memory index; every client connection holds one more.
        bound = many["idle_fds"] + 3 * options.pool_size + options.connections + 16
        checks.append((ratio >= 0.6 and many["peak_fds"] <= bound and many["errors"] == 0,
                       f"many at {ratio:.0%} of hot (≥ 60%), {many['errors']} errors, "
                       f"peak fds {many['peak_fds']} (≤ {bound}: idle {many['idle_fds']} "
                       f"+ 3 × pool {options.pool_size} + {options.connections} connections "
                       f"+ 16)"))
    write = by_name.get("write")
    if write:
        checks.append((write["errors"] == 0 and write["locked"] == 0 and write["p99_ms"] < 25,
                       f"write: {write['errors']} errors, {write['locked']} 'database is "
                       f"locked' lines, p99 {write['p99_ms']:.1f} ms (< 25)"))
    startup = by_name.get("startup")
    if startup:
        seconds = startup["seconds"]
        checks.append((seconds is not None and seconds < 1 and startup["rss_mib"] < 100
                       and startup["open_shards"] == 0,
                       f"start-up {seconds or 0:.2f} s (< 1), RSS {startup['rss_mib']:.0f} MiB "
                       f"(< 100), {startup['open_shards']:.0f} shards open at start"))
    backup = by_name.get("backup")
    if backup and backup["available"]:
        checks.append((backup["seconds"] <= backup["baseline_seconds"]
                       and backup["bytes"] <= backup["baseline_bytes"],
                       f"backup --all {backup['seconds']:.1f} s vs {backup['baseline_seconds']:.1f}"
                       f" s, {backup['bytes'] / 1e6:.1f} MB vs {backup['baseline_bytes'] / 1e6:.1f}"
                       " MB"))
    elif backup:
        checks.append((False, "backup --all: not available (the backup command is not "
                       "in this build), so not compared"))
    return checks
