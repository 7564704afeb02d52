"""Tables, JSON and the latency chart of benchmark runs."""

from __future__ import annotations

import json
from pathlib import Path

BASELINE = "baseline"


def format_table(run: dict, mode: str) -> str:
    """A Markdown table of one run's pages in one cache mode."""
    pages = run["modes"][mode]
    baseline = next((p for p in pages if p["name"] == BASELINE), None)
    queries = run.get("queries", {})
    load = run.get("load", {}).get(mode)
    lines = [
        f"{run['stories']:,} stories, page cache {'on' if mode == 'cached' else 'off'}, "
        f"{run['concurrency']} clients, {run['seconds']:g} s per page, "
        f"{run['workers']} workers, {run.get('cache', '')} cache, "
        f"recounts on {run.get('task_queue') or 'the web workers (no broker)'}"
        + (f", load average {load[0]:g} → {load[1]:g} on {run.get('cpus')} CPUs" if load else ""),
        "",
        "| page | req/s | p50 ms | p95 ms | p99 ms | errors | queries | vs baseline |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for page in pages:
        share = f"{page['rps'] / baseline['rps']:.0%}" if baseline and baseline["rps"] else "—"
        lines.append(
            f"| {page['name']} | {page['rps']:,.0f} | {page['p50_ms']:.1f} | "
            f"{page['p95_ms']:.1f} | {page['p99_ms']:.1f} | {page['errors']} | "
            f"{queries.get(page['name'], '—')} | {share} |"
        )
    admin_pages = run.get("admin_pages") or (
        [{"name": "admin story list", **run["admin"]}] if run.get("admin") else []
    )
    for admin in admin_pages if mode == "uncached" else []:
        lines.append(
            f"| {admin['name']} (signed in, sequential) | — | {admin['p50_ms']:.1f} | "
            f"{admin['p95_ms']:.1f} | {admin['max_ms']:.1f} | {admin['errors']} | "
            f"{admin['queries']} | — |"
        )
    return "\n".join(lines)


# The first-request tables: after a change readers may be shown the counts from just before it
# while they are recounted (stories.counts); after a removal they may not.
AFTER_CHANGE_TABLES = {
    "after_change": ("a change", "one client"),
    "after_change_4": ("a change", "four clients arriving together"),
    "after_removal": ("a removal", "one client"),
    "after_removal_4": ("a removal", "four clients arriving together"),
}


def format_after_change(run: dict, key: str = "after_change") -> str:
    """A Markdown table of the first requests for each page after content changed."""
    pages = run[key]
    change, clients = AFTER_CHANGE_TABLES.get(key, ("a change", "one client"))
    lines = [
        f"{run['stories']:,} stories, first request after {change} (the content version moved "
        f"on), {clients}, {pages[0]['requests'] if pages else 0} times per page",
        "",
        "| page | p50 ms | max ms | errors |",
        "|---|---:|---:|---:|",
    ]
    for page in pages:
        lines.append(
            f"| {page['name']} | {page['p50_ms']:.1f} | {page['max_ms']:.1f} | {page['errors']} |"
        )
    return "\n".join(lines)


def format_after_changes(run: dict) -> list[str]:
    return [format_after_change(run, key) for key in AFTER_CHANGE_TABLES if run.get(key)]


def format_generation(run: dict) -> str:
    generation = run.get("generation")
    if not generation:
        return ""
    steps = ", ".join(f"{k} {v} s" for k, v in generation["seconds"].items() if k != "total")
    return (
        f"Generated {run['stories']:,} stories in {generation['seconds']['total']} s "
        f"({steps}); rows: " + ", ".join(f"{k} {v:,}" for k, v in generation["rows"].items())
    )


def save_run(run: dict, directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"bench-{run['stories']}.json"
    path.write_text(json.dumps(run, indent=2, default=str))
    return path


def format_export(run: dict) -> str:
    return (
        "{stories:,} stories: CSV export of every published story: {rows:,} rows, "
        "{megabytes:.1f} MB in {seconds:.1f} s; peak Python memory {peak_mib:.1f} MiB"
    ).format(stories=run["stories"], **run["export"])


def load_runs(directory: Path) -> list[dict]:
    runs = [json.loads(path.read_text()) for path in directory.glob("bench-*.json")]
    return sorted(runs, key=lambda run: run["stories"])


def draw_chart(runs: list[dict], path: Path) -> Path | None:
    """p50 and p95 latency of each page against archive size, a row per page-cache mode."""
    modes = [m for m in ("uncached", "cached") if sum(m in r.get("modes", {}) for r in runs) > 1]
    if not modes:
        return None
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot, ticker

    figure, axes = pyplot.subplots(
        len(modes), 2, figsize=(13, 5.2 * len(modes)), squeeze=False, sharex=True
    )
    for row, mode in enumerate(modes):
        measured = [run for run in runs if mode in run.get("modes", {})]
        sizes = [run["stories"] for run in measured]
        names = [p["name"] for p in measured[-1]["modes"][mode]]
        for column, (key, label) in enumerate((("p50_ms", "p50"), ("p95_ms", "p95"))):
            axis = axes[row][column]
            for name in names:
                values = []
                for run in measured:
                    page = next((p for p in run["modes"][mode] if p["name"] == name), None)
                    values.append(page[key] if page else float("nan"))
                style = {"linestyle": ":", "color": "black"} if name == BASELINE else {}
                axis.plot(sizes, values, marker="o", label=name, **style)
            axis.set_xscale("log")
            axis.set_yscale("log")
            axis.set_xticks(sizes, [f"{size:,}" for size in sizes])
            axis.xaxis.set_minor_locator(ticker.NullLocator())
            axis.yaxis.set_major_locator(ticker.LogLocator(base=10, subs=(1, 2, 5)))
            axis.yaxis.set_major_formatter(ticker.FuncFormatter(lambda y, _: f"{y:g}"))
            axis.yaxis.set_minor_formatter(ticker.NullFormatter())
            axis.set_xlabel("stories in the archive")
            axis.set_ylabel("milliseconds (log scale)")
            cache_state = "on" if mode == "cached" else "off"
            axis.set_title(f"{label} latency, page cache {cache_state}")
            axis.axhline(100, color="grey", linestyle="--", linewidth=1)
            axis.grid(True, which="both", alpha=0.3)
        axes[row][1].legend(fontsize=7, loc="upper left", ncol=2)
    run = runs[-1]
    figure.suptitle(
        f"Newsroom reader pages: {run['concurrency']} concurrent clients, "
        f"{run['workers']} gunicorn workers, {run.get('cpus', '?')} CPUs, PostgreSQL, "
        f"{run.get('cache', '')} cache"
    )
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=100)
    pyplot.close(figure)
    return path
