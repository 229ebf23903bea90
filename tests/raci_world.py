"""A tiny hand-made workshop for the RACI and workload tests (steps 4 and 5).

Base world: persons P1…P4 (P4 outside the project team, P3 with no capacity), one axis,
one action N1 piloted by P2, competences C1 and C2, and the tasks, letters, requirements
and assessments each test writes in a compact text form:

- tasks: ``"T1:4:2026-09:2026-10 T2:…"`` — id, load in days, first and last month;
- raci: ``"T1 R=P1,P2 A=P2 C=P3; T2 A=P1"`` — per task, letter=persons;
- requirements: ``"T1 C1:3 C2:2; …"``;
- assessments: ``"P1 C1 3; P2 C1 1 consultant"`` — person, competence, savoir, source.
"""
from __future__ import annotations

from typing import Any

from toolkit.core.workshop import Workshop

PERSONS = {
    "P1": {"name": "Alice Aubert", "capacity_days": 5, "in_team": True},
    "P2": {"name": "Bruno Bedin", "capacity_days": 3, "in_team": True},
    "P3": {"name": "Chloé Caron", "capacity_days": 0, "in_team": True},
    "P4": {"name": "Denis Dufour", "capacity_days": 2, "in_team": False},
}


def build(ws: Workshop, tasks: str = "T1:4:2026-09:2026-10", raci: str = "", requirements: str = "",
          assessments: str = "", pilot: str | None = "P2", persons: dict[str, dict[str, Any]] | None = None,
          horizon: int = 12) -> Workshop:
    s = ws.store
    s.insert("project", {"name": "Projet test", "territory": "Testville", "start_date": "2026-09-01",
                         "horizon_months": horizon}, by="test")
    s.insert_many("competences", [{"id": "C1", "name": "Conduite de projet", "family": "Pilotage"},
                                  {"id": "C2", "name": "Marchés publics", "family": "Juridique"}], by="test")
    people = persons or PERSONS
    s.insert_many("persons", [{"id": pid, "organisation": "Commune", "role": "agent", **p}
                              for pid, p in people.items()], by="test")
    s.insert("axes", {"id": "X1", "name": "Axe"}, by="test")
    action = {"id": "N1", "axis_id": "X1", "name": "Action une"}
    if pilot:
        action["pilot_id"] = pilot
    s.insert("actions", action, by="test")
    s.insert_many("tasks", task_rows(tasks), by="test")
    if raci_rows(raci):
        s.insert_many("raci", raci_rows(raci), by="test")
    if requirement_rows(requirements):
        s.insert_many("requirements", requirement_rows(requirements), by="test")
    evals = []
    for group in filter(None, (g.strip() for g in assessments.split(";"))):
        pid, cid, savoir, *source = group.split()
        evals.append({"person_id": pid, "competence_id": cid, "savoir": int(savoir), "vouloir": 2,
                      "pouvoir": 2, "source": source[0] if source else "auto-évaluation"})
    if evals:
        s.insert_many("assessments", evals, by="test")
    return ws


def task_rows(tasks: str) -> list[dict]:
    """``"T1:10:2026-09:2026-10 T2:…"`` → task records of action N1."""
    rows = []
    for item in tasks.split():
        tid, load, start, end = item.split(":")
        rows.append({"id": tid, "action_id": "N1", "name": f"Tâche {tid}", "load_days": float(load),
                     "start_month": start, "end_month": end})
    return rows


def raci_rows(raci: str) -> list[dict]:
    """``"T1 R=P1,P2 A=P3; T2 A=P1"`` → RACI records."""
    letters = []
    for group in filter(None, (g.strip() for g in raci.split(";"))):
        tid, *cells = group.split()
        for cell in cells:
            letter, who = cell.split("=")
            letters += [{"task_id": tid, "person_id": p, "letter": letter} for p in who.split(",")]
    return letters


def requirement_rows(requirements: str) -> list[dict]:
    """``"T1 C1:3 C2:2; T2 C1:2"`` → requirement records."""
    reqs = []
    for group in filter(None, (g.strip() for g in requirements.split(";"))):
        tid, *items = group.split()
        for item in items:
            cid, level = item.split(":")
            reqs.append({"task_id": tid, "competence_id": cid, "level": int(level)})
    return reqs
