"""Tiny hand-made workshops for the gap, scenario and staffing tests (step 6).

Written to a real SQLite store (the ``empty_workshop`` fixture), then read back with
``Store.frames()``, as the carnet does. Compact text forms:

- tasks: ``"T1:10:2026-09:2026-10 T2:…"`` — id, load in days, first and last month;
- requirements: ``"T1 C1:3 C2:2; T2 C1:2"``;
- assessments: ``"P1 C1 2/3/3; P2 C1 4/0/3 consultant"`` — person, competence,
  savoir/vouloir/pouvoir, source (self-assessment unless « consultant »);
- raci: ``"T1 R=P1,P2 A=P3; T2 A=P1"``.

The project starts in 2026-09; every task belongs to action N1 (axis X1), piloted by
``pilot`` (P3 by default).
"""
from __future__ import annotations

from raci_world import raci_rows, requirement_rows, task_rows

from typing import Any

import pandas as pd

from toolkit.core.workshop import Workshop

PERSONS = {
    "P1": {"name": "Alice Aubert", "capacity_days": 5, "role": "agent"},
    "P2": {"name": "Bruno Bedin", "capacity_days": 5, "role": "agent"},
    "P3": {"name": "Chloé Caron", "capacity_days": 10, "role": "élu"},
}
COMPETENCES = [
    {"id": "C1", "name": "Marchés publics", "family": "Juridique"},
    {"id": "C2", "name": "Foncier agricole", "family": "Agriculture"},
    {"id": "C3", "name": "Communication", "family": "Concertation"},
]


def build(ws: Workshop, tasks: str = "T1:4:2026-09:2026-09", requirements: str = "", assessments: str = "",
          raci: str = "", persons: dict[str, dict[str, Any]] | None = None,
          actors: list[dict[str, Any]] | None = None, pilot: str | None = "P3", horizon: int = 12,
          budget: float = 0.0, fundings: list[dict[str, Any]] | None = None) -> dict[str, pd.DataFrame]:
    """Write the workshop and return its frames."""
    s = ws.store
    s.insert("project", {"name": "Projet test", "territory": "Testville", "start_date": "2026-09-01",
                         "horizon_months": horizon}, by="test")
    s.insert_many("competences", COMPETENCES, by="test")
    if actors:
        s.insert_many("actors", [{"category": "association", "power": 2, "interest": 2, **a} for a in actors],
                      by="test")
    people = persons if persons is not None else PERSONS
    s.insert_many("persons", [{"id": pid, "organisation": "Commune", "role": "agent", **p}
                              for pid, p in people.items()], by="test")
    evaluations = []
    for item in filter(None, (i.strip() for i in assessments.split(";"))):
        parts = item.split()
        savoir, vouloir, pouvoir = map(int, parts[2].split("/"))
        evaluations.append({"person_id": parts[0], "competence_id": parts[1], "savoir": savoir,
                            "vouloir": vouloir, "pouvoir": pouvoir,
                            "source": "consultant" if len(parts) > 3 else "auto-évaluation"})
    if evaluations:
        s.insert_many("assessments", evaluations, by="test")
    s.insert("axes", {"id": "X1", "name": "Axe"}, by="test")
    action = {"id": "N1", "axis_id": "X1", "name": "Action une", "budget_planned": budget}
    if pilot:
        action["pilot_id"] = pilot
    s.insert("actions", action, by="test")
    if fundings:
        s.insert_many("fundings", fundings, by="test")
    s.insert_many("tasks", task_rows(tasks), by="test")
    if requirement_rows(requirements):
        s.insert_many("requirements", requirement_rows(requirements), by="test")
    if raci_rows(raci):
        s.insert_many("raci", raci_rows(raci), by="test")
    return s.frames()
