"""Generator of a large synthetic workshop, shared by every benchmark.

``synthetic_records()`` returns the same shape as ``toolkit.demo.demo_records()``: for each
kind, a list of plain dicts with explicit ids, valid for ``toolkit.core.model.validate``.
Deterministic for a given seed.
"""
from __future__ import annotations

import random
from typing import Any

try:  # a baseline run (--before) may predate toolkit/core/
    from toolkit.core import labels as L
    from toolkit.core.model import months_between
except ImportError:
    from toolkit import labels as L  # type: ignore[no-redef]
    from toolkit.model import months_between  # type: ignore[no-redef]

FAMILIES = ["Pilotage", "Urbanisme", "Habitat", "Commerce", "Alimentation", "Financements", "Concertation", "Numérique"]


# The action states as they were when the analyses' references were saved: a new state
# (issue 19: « en pause », « bloquée ») must not change every later random draw.
STATES = ("à construire", "en recherche de pilote", "engagée", "en cours", "achevée", "abandonnée")


def synthetic_records(persons: int = 1000, competences: int = 80, tasks: int = 500, actors: int = 2000,
                      relations: int = 10000, actions: int = 100, seed: int = 7) -> dict[str, list[dict[str, Any]]]:
    """A synthetic workshop of the given size (defaults: the sizes of the issues' benchmarks)."""
    rnd = random.Random(seed)
    months = months_between("2026-09", "2027-08")
    out: dict[str, list[dict[str, Any]]] = {}
    out["project"] = [{"id": "PRJ", "name": "Projet synthétique", "territory": "Territoire test",
                       "programme": "Petites villes de demain", "start_date": "2026-09-01", "horizon_months": 12}]
    out["competences"] = [{"id": f"C{i:03d}", "name": f"Compétence {i}", "family": FAMILIES[i % len(FAMILIES)]}
                          for i in range(competences)]
    cids = [c["id"] for c in out["competences"]]
    out["actors"] = [{"id": f"A{i:04d}", "name": f"Acteur {i}", "category": rnd.choice(L.ACTOR_CATEGORIES),
                      "power": rnd.randint(0, 4), "interest": rnd.randint(0, 4),
                      "attitude": rnd.choice(L.ATTITUDES), "mobilised": rnd.random() < 0.5,
                      "competences": rnd.sample(cids, rnd.randint(0, 3))} for i in range(actors)]
    rels, seen = [], set()
    while len(rels) < relations:
        a, b = rnd.randrange(actors), rnd.randrange(actors)
        if a == b or (a, b) in seen:
            continue
        seen.add((a, b))
        rels.append({"id": f"R{len(rels):05d}", "source_id": f"A{a:04d}", "target_id": f"A{b:04d}",
                     "type": rnd.choice(L.RELATION_TYPES), "weight": rnd.randint(1, 3)})
    out["relations"] = rels
    out["persons"] = [{"id": f"P{i:04d}", "name": f"Personne {i}", "organisation": f"Organisation {i % 40}",
                       "function": "Agent", "role": rnd.choice(L.PROJECT_ROLES),
                       "capacity_days": rnd.choice([1, 2, 4, 6, 10, 15]), "in_team": rnd.random() < 0.8,
                       "actor_id": f"A{rnd.randrange(actors):04d}"} for i in range(persons)]
    out["assessments"] = []
    for p in out["persons"]:
        for c in rnd.sample(cids, min(8, competences)):
            out["assessments"].append({"id": f"E{len(out['assessments']):06d}", "person_id": p["id"], "competence_id": c,
                                       "savoir": rnd.randint(0, 4), "vouloir": rnd.randint(0, 4),
                                       "pouvoir": rnd.randint(0, 4), "source": "auto-évaluation"})
    out["axes"] = [{"id": f"X{i}", "name": f"Axe {i}"} for i in range(4)]
    out["actions"] = [{"id": f"N{i:03d}", "axis_id": f"X{i % 4}", "name": f"Action {i}",
                       "pilot_id": f"P{rnd.randrange(persons):04d}", "state": rnd.choice(STATES),
                       "budget_planned": rnd.randint(0, 500) * 1000.0} for i in range(actions)]
    out["fundings"] = []
    out["tasks"] = []
    for i in range(tasks):
        start = rnd.randrange(len(months))
        end = min(len(months) - 1, start + rnd.randint(0, 5))
        out["tasks"].append({"id": f"T{i:04d}", "action_id": f"N{i % actions:03d}", "name": f"Tâche {i}",
                             "load_days": rnd.randint(2, 40), "start_month": months[start], "end_month": months[end]})
    out["requirements"] = [{"id": f"Q{i:04d}", "task_id": t["id"], "competence_id": rnd.choice(cids),
                            "level": rnd.randint(1, 4)} for i, t in enumerate(out["tasks"])]
    raci = []
    for t in out["tasks"]:
        people = rnd.sample(range(persons), 5)
        for letter, p in zip(["A", "R", "R", "C", "I"], people):
            raci.append({"id": f"K{len(raci):05d}", "task_id": t["id"], "person_id": f"P{p:04d}", "letter": letter})
    out["raci"] = raci
    out["bodies"] = [{"id": "B1", "name": "Comité de pilotage", "kind": "comité de pilotage", "rhythm_weeks": 8}]
    out["memberships"] = [{"id": f"M{i}", "body_id": "B1", "person_id": f"P{i:04d}"} for i in range(20)]
    out["journal"], out["attachments"], out["scenarios"] = [], [], []
    return out


def load(store: Any, records: dict[str, list[dict[str, Any]]], by: str = "bench") -> None:
    """Insert every kind, in reference order, each in one transaction."""
    try:
        from toolkit.core.model import KIND_ORDER
    except ImportError:  # a baseline before toolkit/core/
        from toolkit.model import KIND_ORDER  # type: ignore[no-redef]

    for kind in KIND_ORDER:
        if records.get(kind):
            store.insert_many(kind, records[kind], by=by)
