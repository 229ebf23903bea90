"""Steps 7 to 9 on a large synthetic workshop: calendar, iCalendar, organisation diagram,
mission letters, action sheets, review dashboard, restitution (HTML and PDF).

Run: ``.venv/bin/python bench/bench_governance.py [--letters 100] [--pdf]``. Prints seconds
per operation and ratios (per person, per letter) and the peak memory.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from synthetic import load, synthetic_records  # noqa: E402

from toolkit import actions, governance, letters, method, report, review  # noqa: E402
from toolkit.viz.organisation import figure_png, organisation_figure  # noqa: E402
from toolkit.core.workshop import Workshop  # noqa: E402

TODAY = dt.date(2027, 1, 15)


def governance_records(records: dict, seed: int = 7) -> dict:
    """The synthetic workshop with four bodies of 50 members, a journal and co-funders."""
    rnd = random.Random(seed)
    persons = [p["id"] for p in records["persons"]]
    records["bodies"] = [
        {"id": "B1", "name": "Comité de gouvernance", "kind": "comité de gouvernance", "rhythm_weeks": 8,
         "first_date": "2026-09-22"},
        {"id": "B2", "name": "Comité de pilotage", "kind": "comité de pilotage", "rhythm_weeks": 16},
        {"id": "B3", "name": "Équipe projet", "kind": "équipe projet", "rhythm_weeks": 2, "first_date": "2026-09-08"},
        {"id": "B4", "name": "Comité technique", "kind": "comité technique", "rhythm_weeks": 6},
    ]
    records["memberships"] = [{"id": f"M{b}{i}", "body_id": f"B{b}", "person_id": pid}
                              for b in range(1, 5) for i, pid in enumerate(rnd.sample(persons, 50))]
    actions_ids = [a["id"] for a in records["actions"]]
    records["journal"] = [{"id": f"J{i:05d}", "action_id": rnd.choice(actions_ids),
                           "date": (dt.date(2026, 9, 1) + dt.timedelta(days=rnd.randrange(130))).isoformat(),
                           "kind": "fait", "text": f"Entrée {i}", "author": rnd.choice(persons)} for i in range(3000)]
    actors = [a["id"] for a in records["actors"]]
    records["fundings"] = [{"id": f"F{i:04d}", "action_id": rnd.choice(actions_ids), "actor_id": rnd.choice(actors),
                            "amount": rnd.randint(1, 100) * 1000} for i in range(300)]
    return records


def timed(label: str, fn, *args, **kw):  # noqa: ANN001, ANN201
    t0 = time.perf_counter()
    out = fn(*args, **kw)
    seconds = time.perf_counter() - t0
    print(f"{label:<44}: {seconds:7.2f} s")
    return out, seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--letters", type=int, default=100, help="letters to write (a sample of the persons)")
    parser.add_argument("--pdf", action="store_true", help="also convert the restitution with LibreOffice")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp()) / "bench"
    ws = Workshop.create(folder)
    records = governance_records(synthetic_records())
    load(ws.store, records)
    frames = ws.store.frames()
    sizes = ", ".join(f"{k}={len(v)}" for k, v in frames.items() if len(v))
    print(f"records : {sizes}")

    cal, _ = timed("meeting_calendar (holidays moved)", governance.meeting_calendar, frames)
    ics, _ = timed("calendar_ics (with members)", governance.calendar_ics, cal, "Projet", frames)
    print(f"  {len(cal)} meetings, {len(ics) / 1024:.0f} Kio of iCalendar")
    graph, _ = timed("organisation_graph", governance.organisation_graph, frames)
    png, _ = timed("organisation figure as PNG", lambda: figure_png(organisation_figure(graph)))
    sample = [p["id"] for p in records["persons"][: args.letters]]
    paths, seconds = timed(f"write_letters ({len(sample)} persons)", letters.write_letters, ws,
                           person_ids=sample, today=TODAY)
    print(f"  {seconds / max(1, len(paths)) * 1000:.0f} ms per letter; "
          f"all {len(records['persons'])} persons ≈ {seconds / max(1, len(paths)) * len(records['persons']):.0f} s")
    timed("sheets_overview (100 actions)", actions.sheets_overview, frames)
    editor = actions.Editor.for_consultant()
    _, s = timed("100 sheet updates (consultant)", lambda: [
        actions.update_sheet(ws.store, a["id"], {"completion": 50}, editor) for a in records["actions"]])
    print(f"  {s * 10:.1f} ms per update")
    timed("review_dashboard", review.review_dashboard, ws.store, TODAY)
    timed("changes_since (whole history)", review.changes_since, ws.store, "")
    html, s = timed("build_report (every section)", method.build_report, ws, today=TODAY)
    print(f"  {len(html) / 1024 / 1024:.1f} Mio of HTML")
    if args.pdf:
        out = method.write_report(ws, today=TODAY, pdf=False)
        timed("html_to_pdf (LibreOffice)", report.html_to_pdf, out["html"])
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (RSS)                           : {peak_mb:7.0f} MiB")


if __name__ == "__main__":
    main()
