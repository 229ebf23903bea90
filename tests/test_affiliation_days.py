"""Internal / partner / external and days per person on a task (issue 19 §2, §3): the
model, its defaults and the demo (the analyses that use them come with perf-analyses)."""
from __future__ import annotations

import pytest

from toolkit.core import model

from toolkit import demo
from toolkit.core.errors import ValidationError
from toolkit.core.store import Store

PERSON = {"name": "Marc Obin", "organisation": "Région", "role": "partenaire"}


def test_affiliation_given_or_derived_from_in_team() -> None:
    assert model.validate("persons", {**PERSON, "affiliation": "Prestataire"})["affiliation"] == "prestataire"
    assert model.validate("persons", {**PERSON, "in_team": "non"})["affiliation"] == "partenaire"
    assert model.validate("persons", {**PERSON, "in_team": "oui"})["affiliation"] == "interne"
    assert model.validate("persons", PERSON)["affiliation"] == "interne"  # in_team's default: oui
    with pytest.raises(ValidationError) as err:
        model.validate("persons", {**PERSON, "affiliation": "externe"})
    assert err.value.problems[0].expected == "une des valeurs : interne, partenaire, prestataire"
    assert model.validate("persons", {"affiliation": "partenaire"}, partial=True) == {"affiliation": "partenaire"}


def test_days_on_a_task_optional_and_positive() -> None:
    s = Store("sqlite://")
    pid = s.insert("persons", PERSON, by="t")
    s.insert("axes", {"id": "X", "name": "Axe"}, by="t")
    s.insert("actions", {"id": "N", "axis_id": "X", "name": "Action"}, by="t")
    s.insert("tasks", {"id": "T", "action_id": "N", "name": "Tâche", "load_days": 6, "start_month": "2026-09",
                       "end_month": "2026-10"}, by="t")
    rid = s.insert("raci", {"task_id": "T", "person_id": pid, "letter": "R"}, by="t")
    assert s.get("raci", rid)["days"] is None  # the equal split stays the default
    s.update("raci", rid, {"days": "4,5"}, by="t")
    assert s.get("raci", rid)["days"] == 4.5
    with pytest.raises(ValidationError):
        s.update("raci", rid, {"days": -1}, by="t")


def test_demo_has_providers_partners_and_unequal_days() -> None:
    data = demo.demo_records()
    affiliation = {p["id"]: p["affiliation"] for p in data["persons"]}
    assert affiliation["PER-30"] == affiliation["PER-29"] == "prestataire"
    assert affiliation["PER-22"] == "partenaire" and affiliation["PER-02"] == "interne"
    entered = {(r["task_id"], r["person_id"]): r["days"] for r in data["raci"] if r.get("days") is not None}
    assert entered == demo.RACI_DAYS and len({t for t, _p in entered}) == 1  # one task with unequal days
    assert len(set(entered.values())) > 1


def _allocation_world(days: dict[tuple[str, str], float]):
    import pandas as pd

    tasks = pd.DataFrame([{"id": "T", "action_id": "N", "load_days": 12.0, "start_month": "2026-09",
                           "end_month": "2026-10"}])
    rows = [("P1", "R"), ("P2", "R"), ("P3", "R"), ("P4", "A")]
    raci = pd.DataFrame([{"id": f"K{i}", "task_id": "T", "person_id": p, "letter": l, "status": "validée",
                          "days": days.get((p, l))} for i, (p, l) in enumerate(rows)])
    return {"tasks": tasks, "raci": raci}


def test_entered_days_replace_the_equal_split() -> None:
    from toolkit import workload as W

    def per_person(days):
        a = W.allocation(_allocation_world(days))
        return a.groupby("person_id")["days"].sum().round(6).to_dict()

    # nothing entered: the equal split, and the A's 10 %
    assert per_person({}) == {"P1": 4.0, "P2": 4.0, "P3": 4.0, "P4": 1.2}
    # P1 entered 6 days: the other R's share the rest (3 each); the A entered 0,5 day
    assert per_person({("P1", "R"): 6.0, ("P4", "A"): 0.5}) == {"P1": 6.0, "P2": 3.0, "P3": 3.0, "P4": 0.5}
    # every R entered: their days, whatever the estimate; more than the load leaves nothing to the rest
    assert per_person({("P1", "R"): 1.0, ("P2", "R"): 2.0, ("P3", "R"): 3.0}) == {
        "P1": 1.0, "P2": 2.0, "P3": 3.0, "P4": 1.2}
    assert per_person({("P1", "R"): 20.0}) == {"P1": 20.0, "P4": 1.2}
    # spread over the task's months like the rest
    a = W.allocation(_allocation_world({("P1", "R"): 6.0}))
    assert a.loc[a["person_id"] == "P1", "days"].tolist() == [3.0, 3.0]


def test_days_entered_on_a_demo_task(demo_workshop) -> None:
    from toolkit import workload as W

    s = demo_workshop.store

    def days_of_r() -> dict[str, float]:
        a = W.allocation(s.frames())
        return a[(a["task_id"] == "TAC-013") & (a["letter"] == "R")].groupby("person_id")["days"].sum().round(6).to_dict()

    assert days_of_r() == {"PER-10": 4.0, "PER-14": 1.5}  # as the demo enters them (demo.RACI_DAYS)
    # only one R's days entered: the other R takes the rest of the task's days
    rid = next(r["id"] for r in s.all("raci", task_id="TAC-013") if r["person_id"] == "PER-14" and r["letter"] == "R")
    s.update("raci", rid, {"days": None}, by="test")
    assert days_of_r() == {"PER-10": 4.0, "PER-14": 2.0}


def _opca() -> Store:
    """An OPCA's plan: the regional director's « positionnement institutionnel » needs a level
    only she (interne) and a partner's agent have; a provider has free days."""
    s = Store("sqlite://")
    s.insert("project", {"name": "GPECT", "territory": "Bassin", "start_date": "2026-09-01", "horizon_months": 6},
             by="t")
    s.insert("competences", {"id": "C", "name": "Positionnement institutionnel", "family": "Pilotage"}, by="t")
    for pid, name, affiliation, cap in (("D", "Directrice régionale", "interne", 2), ("K", "Cheffe de projet", "interne", 4),
                                        ("P", "Agent du partenaire", "partenaire", 10),
                                        ("X", "Cabinet prestataire", "prestataire", 10)):
        s.insert("persons", {"id": pid, "name": name, "organisation": "OPCA", "role": "agent",
                             "capacity_days": cap, "affiliation": affiliation}, by="t")
    for pid in ("D", "P"):
        s.insert("assessments", {"person_id": pid, "competence_id": "C", "savoir": 4, "vouloir": 4, "pouvoir": 4,
                                 "source": "consultant"}, by="t")
    s.insert("axes", {"id": "X1", "name": "Plan"}, by="t")
    s.insert("actions", {"id": "N", "axis_id": "X1", "name": "Plan emplois-compétences", "pilot_id": "K"}, by="t")
    s.insert("tasks", {"id": "T1", "action_id": "N", "name": "Positionnement institutionnel", "load_days": 6,
                       "start_month": "2026-09", "end_month": "2026-11"}, by="t")
    s.insert("requirements", {"task_id": "T1", "competence_id": "C", "level": 3}, by="t")
    s.insert("tasks", {"id": "T2", "action_id": "N", "name": "Enquêtes téléphoniques", "load_days": 30,
                       "start_month": "2026-09", "end_month": "2026-11"}, by="t")
    s.insert_many("raci", [{"task_id": "T2", "person_id": "K", "letter": "R"},
                           {"task_id": "T1", "person_id": "K", "letter": "A"},
                           {"task_id": "T2", "person_id": "K", "letter": "A"}], by="t")
    return s


def test_staffing_proposes_the_organisations_people_for_open_work_unless_allowed() -> None:
    from toolkit import staffing as S

    frames = _opca().frames()
    problem = S.build_problem(frames)
    t2 = problem.task_ids.index("T2")  # no requirement: the organisation's people only
    assert {problem.person_ids[p] for p in problem.r_candidates[t2]} <= {"D", "K"}
    assert {problem.person_ids[p] for t in range(len(problem.task_ids)) for p in problem.a_candidates[t]} <= {"D", "K"}
    allowed = S.build_problem(frames, allow_external=True)
    assert {"P", "X"} <= {allowed.person_ids[p] for p in allowed.r_candidates[t2]}


def test_team_capacity_and_remedies_count_the_organisations_people() -> None:
    from toolkit import gaps as G

    frames = _opca().frames()
    team = G.team_capacity(frames)
    assert set(team["capacity"]) == {6.0}  # 2 + 4: not the partner's nor the provider's 10 + 10
    remedies = G.remedies(frames)
    assert not set(remedies["candidate_id"].dropna()) & {"P", "X"}, remedies[["remedy", "candidate_id"]]
