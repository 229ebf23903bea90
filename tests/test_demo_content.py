"""The demo workshop's content: valid, consistent, and carrying its deliberate flaws.

No store here: only ``toolkit.core.model`` and ``toolkit.demo``. Each flaw listed in
``demo.DEMO_FLAWS`` is recomputed from the data.
"""
from __future__ import annotations

from collections import Counter, defaultdict

import networkx as nx
import pytest

from toolkit.core import labels as L, model

from toolkit import demo

DATA = demo.demo_records()
FLAWS = demo.DEMO_FLAWS


def by_id(kind: str) -> dict[str, dict]:
    return {r["id"]: r for r in DATA[kind]}


def validated_raci() -> list[dict]:
    return [r for r in DATA["raci"] if r["status"] == "validée"]


def letters_by_task(letter: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for r in validated_raci():
        if r["letter"] == letter:
            out[r["task_id"]].append(r["person_id"])
    return out


def r_load() -> dict[str, dict[str, float]]:
    """Days per person per month: each task's load spread evenly over its months, shared by its R."""
    tasks = by_id("tasks")
    load: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for tid, people in letters_by_task("R").items():
        task = tasks[tid]
        months = model.months_between(task["start_month"], task["end_month"])
        for pid in people:
            for month in months:
                load[pid][month] += task["load_days"] / len(months) / len(people)
    return load


def actor_graph() -> nx.Graph:
    g = nx.Graph()
    g.add_nodes_from(by_id("actors"))
    g.add_edges_from((r["source_id"], r["target_id"]) for r in DATA["relations"])
    return g


# --- Shape and validity -------------------------------------------------------------

def test_every_kind_present_in_order():
    assert list(DATA) == model.KIND_ORDER
    assert all(isinstance(v, list) for v in DATA.values())


def test_fresh_copies_and_deterministic():
    again = demo.demo_records()
    assert again == DATA
    again["actors"][0]["name"] = "changé"
    again["actors"][0]["competences"].append("CMP-99")
    assert demo.demo_records() == DATA


@pytest.mark.parametrize("kind", model.KIND_ORDER)
def test_records_validate_and_ids_unique(kind):
    ids = []
    for rec in DATA[kind]:
        assert rec.get("id"), (kind, rec)
        assert model.ID_RE.match(rec["id"]), rec["id"]
        cleaned = model.validate(kind, rec)
        assert cleaned["id"] == rec["id"]
        ids.append(rec["id"])
    assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]


@pytest.mark.parametrize("kind", model.KIND_ORDER)
def test_references_point_to_existing_records(kind):
    for f, target in model.references(kind):
        existing = set(by_id(target))
        for rec in DATA[kind]:
            value = rec.get(f.name)
            if value in (None, "", [], ()):
                continue
            values = value if f.type == "refs" else [value]
            for v in values:
                assert v in existing, f"{kind} {rec['id']}.{f.name} → {v} absent de {target}"


def test_project_and_no_tokens():
    (project,) = DATA["project"]
    assert project["id"] == "PRJ"
    clean = model.validate("project", project)
    assert clean["programme"] == "Petites villes de demain"
    assert clean["start_date"].isoformat() == "2026-09-01"
    assert clean["horizon_months"] == 12
    assert all("token" not in p for p in DATA["persons"])
    assert DATA["attachments"] == [] and DATA["scenarios"] == []


def test_minimum_counts():
    n = {k: len(v) for k, v in DATA.items()}
    assert n["competences"] >= 15
    assert n["actors"] >= 40
    assert n["relations"] >= 60
    assert n["persons"] >= 25
    assert n["axes"] == 4
    assert n["actions"] == 20
    assert n["tasks"] >= 60
    assert n["fundings"] >= 4
    assert n["bodies"] >= 4
    assert n["memberships"] >= 10
    assert n["journal"] >= 5
    # assessments for most persons, consultant readings beside some self-assessments
    assessed = {a["person_id"] for a in DATA["assessments"]}
    assert len(assessed) >= 0.8 * n["persons"]
    keys = Counter((a["person_id"], a["competence_id"], a["source"]) for a in DATA["assessments"])
    assert max(keys.values()) == 1
    pairs = defaultdict(dict)
    for a in DATA["assessments"]:
        pairs[(a["person_id"], a["competence_id"])][a["source"]] = (a["savoir"], a["vouloir"], a["pouvoir"])
    double = [p for p, s in pairs.items() if len(s) == 2]
    assert len(double) >= 5
    assert all(pairs[p]["auto-évaluation"] != pairs[p]["consultant"] for p in double)
    # requirements on most tasks
    with_req = {r["task_id"] for r in DATA["requirements"]}
    assert len(with_req) >= 0.8 * n["tasks"]


def test_every_category_and_type_used():
    assert {a["category"] for a in DATA["actors"]} == set(L.ACTOR_CATEGORIES)
    assert {r["type"] for r in DATA["relations"]} == set(L.RELATION_TYPES)
    assert {b["kind"] for b in DATA["bodies"]} == set(L.BODY_KINDS)
    assert {j["kind"] for j in DATA["journal"]} == set(L.JOURNAL_KINDS)
    assert {a["state"] for a in DATA["actions"]} == set(L.ACTION_STATES)
    assert {p["role"] for p in DATA["persons"]} == set(L.PROJECT_ROLES)
    assert all(1 <= r["weight"] <= 3 for r in DATA["relations"])


def test_bodies_rhythm():
    rhythm = {b["kind"]: b["rhythm_weeks"] for b in DATA["bodies"]}
    assert rhythm["comité de gouvernance"] == 8
    assert rhythm["équipe projet"] == 2


def test_tasks_within_horizon_and_budgets_consistent():
    horizon = set(model.months_between(demo.DEMO_START, demo.DEMO_END))
    assert len(horizon) == 12
    for t in DATA["tasks"]:
        assert t["start_month"] in horizon and t["end_month"] in horizon, t["id"]
    funded = defaultdict(float)
    for f in DATA["fundings"]:
        funded[f["action_id"]] += f["amount"]
    for a in DATA["actions"]:
        assert a["budget_spent"] <= a["budget_committed"] <= a["budget_planned"], a["id"]
        assert funded[a["id"]] <= a["budget_planned"], a["id"]
        if a["state"] == "en recherche de pilote":
            assert not a.get("pilot_id"), a["id"]
        else:
            assert a.get("pilot_id"), a["id"]
    cofunders = {f["actor_id"] for f in DATA["fundings"]}
    categories = {by_id("actors")[a]["category"] for a in cofunders}
    assert {"cofinanceur", "État et opérateurs"} <= categories


def test_raci_rows_consistent():
    rows = validated_raci()
    # one letter per person and task
    pairs = Counter((r["task_id"], r["person_id"]) for r in rows)
    assert max(pairs.values()) == 1
    # every task has an A, and only people of the project team approve
    a_by_task = letters_by_task("A")
    assert set(a_by_task) == set(by_id("tasks"))
    persons = by_id("persons")
    assert all(persons[p]["in_team"] for people in a_by_task.values() for p in people)
    proposed = [r for r in DATA["raci"] if r["status"] == "proposée"]
    assert len(proposed) == 2
    assert all(r.get("proposed_by") for r in proposed)
    assert not any(r.get("proposed_by") for r in rows)
    assert not {(r["task_id"], r["person_id"]) for r in proposed} & set(pairs)


# --- The deliberate flaws -----------------------------------------------------------

def test_flaws_listed_in_docstring():
    doc = demo.__doc__
    for key, value in FLAWS.items():
        assert key in doc
        for v in (value if isinstance(value, (list, tuple)) else [value]):
            assert v in doc, (key, v)


def test_flaw_two_a_task_is_the_only_one():
    a_by_task = letters_by_task("A")
    several = {t for t, people in a_by_task.items() if len(people) > 1}
    assert several == {FLAWS["two_a_task"]}
    assert len(a_by_task[FLAWS["two_a_task"]]) == 2


def test_flaw_tasks_without_r():
    r_by_task = letters_by_task("R")
    missing = {t for t in by_id("tasks") if not r_by_task.get(t)}
    assert missing == set(FLAWS["no_r_tasks"])
    assert len(missing) >= 2


def test_flaw_overloaded_person():
    pid = FLAWS["overloaded_person"]
    persons = by_id("persons")
    assert persons[pid]["role"] in ("chef de projet", "élu")
    load = r_load()
    capacity = persons[pid]["capacity_days"]
    peak = max(load[pid].values())
    assert peak > 1.5 * capacity
    assert sum(1 for v in load[pid].values() if v > capacity) >= 3
    # nobody else is over capacity, so the flaw stands out
    others = {p for p, months in load.items() if p != pid
              and max(months.values()) > persons[p]["capacity_days"] + 1e-9}
    assert others == set()


def test_flaw_unmotivated_competence():
    cid = FLAWS["unmotivated_competence"]
    required = [r for r in DATA["requirements"] if r["competence_id"] == cid]
    assert len(required) >= 2
    holders = [a for a in DATA["assessments"] if a["competence_id"] == cid and a["savoir"] >= 3]
    assert holders
    assert all(a["vouloir"] <= 1 for a in holders)


def test_flaw_influential_opponent():
    actor = by_id("actors")[FLAWS["influential_opponent"]]
    assert actor["power"] >= 3
    assert actor["attitude"] == "opposant"
    assert actor["mobilised"] is False


def test_flaw_unmobilised_holder_of_a_missing_competence():
    aid, cid = FLAWS["unmobilised_holder"]
    actor = by_id("actors")[aid]
    assert cid in actor["competences"]
    assert actor["mobilised"] is False
    needed = max(r["level"] for r in DATA["requirements"] if r["competence_id"] == cid)
    team = {p["id"] for p in DATA["persons"] if p["in_team"]}
    best = max((a["savoir"] for a in DATA["assessments"]
                if a["competence_id"] == cid and a["person_id"] in team), default=0)
    assert best < needed


def test_flaw_pilot_not_a_is_the_only_one():
    tasks_by_action = defaultdict(set)
    for t in DATA["tasks"]:
        tasks_by_action[t["action_id"]].add(t["id"])
    a_by_task = letters_by_task("A")
    found = set()
    for action in DATA["actions"]:
        pilot, tasks = action.get("pilot_id"), tasks_by_action[action["id"]]
        if pilot and tasks and not any(pilot in a_by_task[t] for t in tasks):
            found.add(action["id"])
    assert found == {FLAWS["pilot_not_a_action"]}


def test_flaw_isolated_actor_and_connected_core():
    g = actor_graph()
    isolated = FLAWS["isolated_actor"]
    assert g.degree(isolated) == 0
    components = [c for c in nx.connected_components(g) if len(c) > 1]
    assert len(components) == 1
    assert set(nx.isolates(g)) == {isolated}


def test_flaw_broker_actor():
    g = actor_graph()
    broker = FLAWS["broker_actor"]
    core = g.subgraph(max(nx.connected_components(g), key=len)).copy()

    def cut_off(node: str) -> int:
        h = core.copy()
        h.remove_node(node)
        parts = sorted((len(c) for c in nx.connected_components(h)), reverse=True)
        return sum(parts[1:])

    assert broker in set(nx.articulation_points(core))
    assert cut_off(broker) >= 3
    # the broker isolates more actors than any other single removal
    assert all(cut_off(n) < cut_off(broker) for n in core if n != broker)


def test_build_demo_inserts_every_kind_in_order():
    class FakeStore:
        def __init__(self):
            self.calls = []

        def insert_many(self, kind, records, by, pending=None):
            # the project names its signatory, a person inserted later: announced as pending
            assert pending is not None and DATA["project"][0]["signatory_id"] in pending["persons"]
            self.calls.append((kind, len(records), by))
            return [r["id"] for r in records]

    store = FakeStore()
    demo.build_demo(store, by="test")
    assert [c[0] for c in store.calls] == model.KIND_ORDER
    assert all(by == "test" for *_rest, by in store.calls)
    assert {k: n for k, n, _ in store.calls} == {k: len(v) for k, v in DATA.items()}
