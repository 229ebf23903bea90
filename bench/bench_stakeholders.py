"""Stakeholder mapping at scale: the analyses and the map on a large synthetic workshop.

Run: ``.venv/bin/python bench/bench_stakeholders.py [--actors 2000] [--relations 10000]
[--no-browser]``. Prints seconds per analysis, the size of the map page, and the time for
the map page of 300 actors to become interactive in chromium (layout settled, physics
stopped: ``body[data-ready="1"]``), measured with Playwright on the generated file.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pandas as pd  # noqa: E402
from synthetic import synthetic_records  # noqa: E402

from toolkit import stakeholders as S  # noqa: E402
from toolkit.viz import grid as G  # noqa: E402
from toolkit.viz import network_map as M  # noqa: E402

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def timed(label: str, fn, *args, **kwargs):
    t0 = time.perf_counter()
    result = fn(*args, **kwargs)
    print(f"  {label:<38}: {time.perf_counter() - t0:7.2f} s")
    return result


def frames_of(actors: int, relations: int) -> dict[str, pd.DataFrame]:
    records = synthetic_records(actors=actors, relations=relations)
    return {k: pd.DataFrame(v) for k, v in records.items() if v}


def analyses(actors: int, relations: int, folder: Path) -> None:
    print(f"Analyses and map, {actors} actors and {relations} relations")
    frames = frames_of(actors, relations)
    t0 = time.perf_counter()
    g = timed("relation graph", S.relation_graph, frames["actors"], frames["relations"])
    metrics = timed("network metrics (betweenness, …)", S.network_metrics, g)
    timed("power/interest grid", S.power_interest_grid, frames["actors"])
    timed("attitude × power", S.attitude_power, frames["actors"])
    lacking = timed("lacking competences", S.lacking_competences, frames)
    timed("élargir le tour de table", S.widen_the_table, frames["actors"], lacking, frames["competences"])
    timed("probable duplicates", S.probable_duplicates, frames["actors"])
    print(f"  {'= all analyses':<38}: {time.perf_counter() - t0:7.2f} s")
    t0 = time.perf_counter()
    html = timed("map page (pyvis data + template)", M.network_map_html, g, metrics)
    print(f"  {'map page size':<38}: {len(html.encode()) / 1e6:7.2f} MB")
    fig = timed("grid figure", G.grid_figure, S.power_interest_grid(frames["actors"]))
    timed("grid PNG", G.figure_png, fig)
    print(f"  {'= pictures':<38}: {time.perf_counter() - t0:7.2f} s")
    timed("whole analyse() for the carnet", S.analyse, frames)
    M.save_map(html, folder / f"carte_{actors}.html")


def time_to_interactive(actors: int, relations: int, folder: Path, runs: int) -> None:
    from playwright.sync_api import sync_playwright

    frames = frames_of(actors, relations)
    g = S.relation_graph(frames["actors"], frames["relations"])
    html = M.network_map_html(g, S.network_metrics(g))
    path = M.save_map(html, folder / f"carte_{actors}_{relations}.html")
    times, remote = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.on("request", lambda r: remote.append(r.url) if not r.url.startswith("file:") else None)
            t0 = time.perf_counter()
            page.goto(path.as_uri())
            page.wait_for_selector("body[data-ready='1']", timeout=120000)
            wall = time.perf_counter() - t0
            in_page = int(page.get_attribute("body", "data-ready-ms")) / 1000
            times.append((wall, in_page))
            page.close()
        browser.close()
    walls, inner = [t[0] for t in times], [t[1] for t in times]
    print(f"Map page in chromium, {actors} actors and {relations} relations ({runs} runs, median)")
    print(f"  {'time to interactive (wall clock)':<38}: {statistics.median(walls):7.2f} s "
          f"(min {min(walls):.2f}, max {max(walls):.2f})")
    print(f"  {'time to interactive (in page)':<38}: {statistics.median(inner):7.2f} s")
    print(f"  {'requests outside the file':<38}: {len(remote)}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--actors", type=int, default=2000)
    parser.add_argument("--relations", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-parties-prenantes-"))
    analyses(args.actors, args.relations, folder)
    if not args.no_browser:
        time_to_interactive(300, 1500, folder, args.runs)   # the synthetic density (5 per actor)
        time_to_interactive(300, 600, folder, args.runs)    # a sparser, more usual workshop
    print(f"pages written in {folder}")


if __name__ == "__main__":
    main()
