"""The proposed staffing (step 6): hand-computed optimum, infeasible cases, locks, the demo."""
from __future__ import annotations

import pytest
from gaps_world import build

from toolkit import gaps, scenarios, staffing, workload
from toolkit.demo import DEMO_FLAWS
from toolkit.core.errors import ValidationError
from toolkit.core.formats import plain

PEOPLE = {
    "P1": {"name": "Alice Aubert", "capacity_days": 5},
    "P2": {"name": "Bruno Bedin", "capacity_days": 5},
    "P3": {"name": "Chloé Caron", "capacity_days": 10, "role": "élu"},
}


def rows(result, letter="R"):
    a = result.assignments
    a = a[(a["letter"] == letter) & (a["status"] != "dropped")]
    return sorted((r.task_id, r.person_id, round(r.days, 2)) for r in a.itertuples())


def test_hand_computed_optimum(empty_workshop):
    # One month. T1 (5 days) and T2 (3 days) both need C1 at level 2; P1 (motivation 4) and
    # P2 (motivation 0) hold it, 5 days each; P3, the action's pilot, approves.
    # Costs: each new R 1 + 5 (change), each day by P2 (4 − 0)/4 = 1, by P1 0; each A (the
    # pilot, new) 5. P1→T1 and P2→T2: 6 + 6 + 3 + 5 + 5 = 25; P1→T2 and P2→T1: 27; any split
    # needs a third R: ≥ 31. The optimum is 25.
    frames = build(empty_workshop, tasks="T1:5:2026-09:2026-09 T2:3:2026-09:2026-09",
                   requirements="T1 C1:2; T2 C1:2", assessments="P1 C1 3/4/3; P2 C1 2/0/3",
                   persons=PEOPLE, horizon=1)
    result = staffing.propose_staffing(frames)
    assert result.method == "optimal"
    assert result.objective == pytest.approx(25.0)
    assert rows(result) == [("T1", "P1", 5.0), ("T2", "P2", 3.0)]
    assert rows(result, "A") == [("T1", "P3", 0.5), ("T2", "P3", 0.3)]  # the A's 10 % of the load
    assert result.uncovered.empty
    assert result.ratio <= 1.0


def test_optimiser_beats_greedy_where_greedy_is_short_sighted(empty_workshop):
    # T1 (Sep–Oct, 4 days, C1:2) comes first; T2 (Oct, 4 days) needs C2 at level 3, which
    # only P1 has. Greedy gives T1 to P1 (most motivated, 2 days a month), then P1 has 2
    # days left in October, not the 4 of T2: T2 stays without R. The optimum gives T1 to
    # P2 and T2 to P1: 6 + 4 × 0.5 + 6 + 4 × 0.25 + 5 + 5 = 25.
    people = {"P1": {"name": "Alice", "capacity_days": 4}, "P2": {"name": "Bruno", "capacity_days": 4},
              "P3": {"name": "Chloé", "capacity_days": 10, "role": "élu"}}
    frames = build(empty_workshop, tasks="T1:4:2026-09:2026-10 T2:4:2026-10:2026-10",
                   requirements="T1 C1:2; T2 C2:3", assessments="P1 C1 3/4/3; P1 C2 3/3/3; P2 C1 2/2/2",
                   persons=people, horizon=2)
    result = staffing.propose_staffing(frames)
    assert rows(result) == [("T1", "P2", 4.0), ("T2", "P1", 4.0)]
    assert result.objective == pytest.approx(25.0)
    greedy = staffing.solve(staffing.build_problem(frames), use_solver=False)
    assert greedy.method == "greedy_only"
    assert greedy.uncovered[["task_id", "what", "amount"]].values.tolist() == \
        [["T2", "days", 4.0], ["T2", "competence", 3]]
    assert result.objective < greedy.objective


def test_infeasible_staffing_is_reported_not_raised(empty_workshop):
    # T1 needs 10 days in one month, its only holder has 4: nobody can carry it (the R
    # share a task's days equally, as the plan de charge counts them). T2 needs C2 at
    # level 4: nobody has it, nobody can do it.
    people = {"P1": {"name": "Alice", "capacity_days": 4}, "P3": {"name": "Chloé", "capacity_days": 10,
                                                                "role": "élu"}}
    frames = build(empty_workshop, tasks="T1:10:2026-09:2026-09 T2:2:2026-09:2026-09",
                   requirements="T1 C1:3; T2 C2:4", assessments="P1 C1 3/3/3", persons=people, horizon=1)
    result = staffing.propose_staffing(frames)
    u = result.uncovered
    found = sorted((r.task_id, r.what, r.competence_id if isinstance(r.competence_id, str) else None, r.amount)
                   for r in u.itertuples())
    assert found == [("T1", "competence", "C1", 3), ("T1", "days", None, 10.0),
                     ("T2", "competence", "C2", 4), ("T2", "days", None, 2.0)]
    reasons = dict(zip(u["what"] + u["task_id"], u["reason"]))
    assert "10 j non couverts" in plain(reasons["daysT1"]) and "Alice" in reasons["daysT1"]
    assert "personne ne peut la réaliser" in reasons["daysT2"]
    assert "niveau 4 en « Foncier agricole »" in reasons["competenceT2"]
    # Nobody is overloaded to make it fit; the A is still there.
    assert rows(result) == []
    assert rows(result, "A") == [("T1", "P3", 1.0), ("T2", "P3", 0.2)]
    assert (result.load["load"] <= result.load["capacity"] + 1e-6).all()


def test_existing_assignments_are_kept_unless_asked(empty_workshop):
    people = {"P1": {"name": "Alice", "capacity_days": 10}, "P2": {"name": "Bruno", "capacity_days": 10},
              "P3": {"name": "Chloé", "capacity_days": 10, "role": "élu"}}
    frames = build(empty_workshop, tasks="T1:10:2026-09:2026-09", requirements="T1 C1:2",
                   assessments="P1 C1 3/4/3; P2 C1 2/1/3", raci="T1 R=P2 A=P3", persons=people, horizon=1)
    kept = staffing.propose_staffing(frames)
    assert rows(kept) == [("T1", "P2", 10.0)]
    assert kept.assignments.set_index("person_id").loc["P2", "status"] == "kept"
    moved = staffing.propose_staffing(frames, reassign=True)
    # P2 costs 1 + 10 × 0.75 = 8.5, P1 1 + 5 (a change) + 0 = 6: the task moves.
    assert rows(moved) == [("T1", "P1", 10.0)]
    status = moved.assignments.set_index(["person_id", "letter"])["status"]
    assert status[("P2", "R")] == "dropped" and status[("P1", "R")] == "new"


def test_locks_are_respected_and_rerun(empty_workshop):
    frames = build(empty_workshop, tasks="T1:5:2026-09:2026-09 T2:3:2026-09:2026-09",
                   requirements="T1 C1:2; T2 C1:2", assessments="P1 C1 3/4/3; P2 C1 2/0/3",
                   persons=PEOPLE, horizon=1)
    first = staffing.propose_staffing(frames)
    assert ("T1", "P1", 5.0) in rows(first)
    locks = [{"task_id": "T1", "person_id": "P1", "letter": "R", "locked": False},
             ("T2", "P1", "R", True)]
    second = staffing.propose_staffing(frames, locks=locks)
    assert all(not (t == "T1" and p == "P1") for t, p, _d in rows(second))
    a = second.assignments.set_index(["task_id", "person_id", "letter"])
    assert a.loc[("T2", "P1", "R"), "status"] == "locked"
    assert "verrouillée par le consultant" in a.loc[("T2", "P1", "R"), "reason"]


def test_a_workshop_without_tasks_needs_no_staffing(empty_workshop):
    result = staffing.propose_staffing(empty_workshop.store.frames())
    assert result.method == "optimal"
    assert result.assignments.empty and result.uncovered.empty and result.objective == 0.0


def test_bad_locks_are_refused_in_french(empty_workshop):
    frames = build(empty_workshop, persons=PEOPLE)
    with pytest.raises(ValidationError) as exc:
        staffing.propose_staffing(frames, locks=[("T9", "P1", "R", True), ("T1", "P1", "X", True),
                                                 ("T1", "P1", "A", True), ("T1", "P2", "A", "oui")])
    text = str(exc.value)
    assert text.startswith("Verrous refusés")
    assert "verrou n° 1" in text and "tâche existant" in text
    assert "verrou n° 2" in text and "R ou A" in text
    assert "une seule personne verrouillée en A par tâche" in text


def test_greedy_and_solver_solutions_respect_the_model(empty_workshop):
    frames = build(empty_workshop, tasks="T1:6:2026-09:2026-11 T2:9:2026-10:2026-12 T3:2:2026-11:2026-11",
                   requirements="T1 C1:2; T2 C1:3 C3:2; T3 C3:1",
                   assessments="P1 C1 3/4/3; P2 C1 2/1/3; P2 C3 3/3/3; P3 C3 1/2/2", persons=PEOPLE,
                   raci="T1 R=P2 A=P3", horizon=4)
    problem = staffing.build_problem(frames)
    mdl = staffing._build_model(problem)
    greedy = staffing._greedy(problem, mdl)
    assert staffing.is_feasible(problem, greedy)
    result = staffing.solve(problem)
    assert staffing.is_feasible(problem, result.solution)
    assert result.objective <= staffing.objective_of(problem, greedy) + 1e-9


def test_as_changes_turns_the_proposal_into_a_scenario(empty_workshop):
    frames = build(empty_workshop, tasks="T1:5:2026-09:2026-09 T2:3:2026-09:2026-09",
                   requirements="T1 C1:2; T2 C1:2", assessments="P1 C1 3/4/3; P2 C1 2/0/3",
                   persons=PEOPLE, horizon=1)
    result = staffing.propose_staffing(frames)
    out = scenarios.apply_changes(frames, staffing.as_changes(result))
    letters = sorted(map(tuple, out["raci"][["task_id", "person_id", "letter"]].values.tolist()))
    assert letters == [("T1", "P1", "R"), ("T1", "P3", "A"), ("T2", "P2", "R"), ("T2", "P3", "A")]


# --- the demo -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from toolkit.demo import build_demo
    from toolkit.core.workshop import Workshop

    ws = Workshop.create(tmp_path_factory.mktemp("staffing-demo") / "atelier")
    build_demo(ws.store)
    frames = ws.store.frames()
    ws.close()
    return frames, staffing.propose_staffing(frames)


def test_demo_one_a_per_task(demo):
    frames, result = demo
    a = result.assignments
    live = a[a["status"] != "dropped"]
    per_task = live[live["letter"] == "A"].groupby("task_id").size()
    assert (per_task == 1).all() and len(per_task) == len(frames["tasks"])
    assert per_task[DEMO_FLAWS["two_a_task"]] == 1
    assert result.objective <= result.greedy_objective


def test_demo_overloads_only_where_kept_letters_force_them(demo):
    frames, result = demo
    over = result.uncovered[result.uncovered["what"] == "overload"]
    kept = set(result.assignments.loc[result.assignments["status"] == "kept", "person"])
    assert set(over["reason"].str.split(" dépasse").str[0]) <= kept
    # The overloaded project manager is relieved: far less overload than in the plan de charge.
    before = gaps.capacity_gaps(frames)
    pid = DEMO_FLAWS["overloaded_person"]
    name = frames["persons"].set_index("id").loc[pid, "name"]
    assert over["amount"].sum() < before["overload"].sum() / 2
    assert over.loc[over["reason"].str.startswith(name), "amount"].sum() < \
        before.loc[before["person_id"] == pid, "overload"].sum() / 2


def test_demo_proposal_gives_the_plan_de_charge_it_was_computed_with(demo):
    # The R share a task's days equally and the A gets its share, as the workload plan
    # counts them: written as letters, the proposal's load is the plan's load.
    frames, result = demo
    plan = workload.load_table(scenarios.apply_changes(frames, staffing.as_changes(result)))
    mine = result.load.set_index(["person_id", "month"])["load"]
    theirs = plan.set_index(["person_id", "month"])["load"].reindex(mine.index, fill_value=0.0)
    assert (mine - theirs).abs().max() < 1e-6


def test_demo_tasks_without_r_get_one(demo):
    _, result = demo
    live = result.assignments[(result.assignments["status"] != "dropped") & (result.assignments["letter"] == "R")]
    for tid in DEMO_FLAWS["no_r_tasks"]:
        assert tid in set(live["task_id"]), tid


def test_demo_missing_competence_stays_uncovered_with_its_reason(demo):
    _, result = demo
    _actor, cid = DEMO_FLAWS["unmobilised_holder"]
    u = result.uncovered
    missing = u[(u["what"] == "competence") & (u["competence_id"] == cid)]
    assert set(missing["task_id"]) == {"TAC-044", "TAC-045", "TAC-046"}
    assert missing["reason"].str.contains("Foncier agricole").all()


@pytest.mark.parametrize("reassign", [False, True])
def test_demo_greedy_baseline_is_a_valid_staffing(demo, reassign):
    frames, _ = demo
    problem = staffing.build_problem(frames, reassign=reassign)
    greedy = staffing._greedy(problem, staffing._build_model(problem))
    assert staffing.is_feasible(problem, greedy)


def test_big_model_path_relaxes_rounds_and_solves_a_neighbourhood(demo):
    # Forced on the demo (direct_limit=0): the path taken by models too big for HiGHS at once.
    frames, _ = demo
    problem = staffing.build_problem(frames, reassign=True)
    result = staffing.solve(problem, time_limit=30, direct_limit=0)
    assert result.method in ("rounding", "restricted", "neighbourhood", "greedy")
    assert staffing.is_feasible(problem, result.solution)
    assert result.objective == pytest.approx(staffing.objective_of(problem, result.solution))
    assert result.objective <= result.greedy_objective


# --- days entered per person on a task (raci.days, issue 19 item 3) ---------------------------

def _enter_days(empty_workshop, days: dict[tuple[str, str, str], float]):
    """The workshop's frames after entering days on some RACI rows (task, person, letter)."""
    s = empty_workshop.store
    for r in s.all("raci"):
        key = (r["task_id"], r["person_id"], r["letter"])
        if key in days:
            s.update("raci", r["id"], {"days": days[key]}, by="test")
    return s.frames()


def test_entered_days_are_what_the_assignment_costs(empty_workshop):
    # T1: 10 days in September, Alice and Bruno R, Chloé A. Split equally, 5 each fits
    # their 5 days; entered, Alice's 8 days overload her by 3 and Bruno carries the 2 left.
    build(empty_workshop, tasks="T1:10:2026-09:2026-09", requirements="T1 C1:2", raci="T1 R=P1,P2 A=P3",
          assessments="P1 C1 3/3/3; P2 C1 3/3/3", persons=PEOPLE, horizon=1)
    equal = staffing.propose_staffing(empty_workshop.store.frames())
    assert rows(equal) == [("T1", "P1", 5.0), ("T1", "P2", 5.0)] and equal.uncovered.empty
    frames = _enter_days(empty_workshop, {("T1", "P1", "R"): 8.0, ("T1", "P3", "A"): 2.0})
    result = staffing.propose_staffing(frames)
    assert rows(result) == [("T1", "P1", 8.0), ("T1", "P2", 2.0)]
    assert rows(result, "A") == [("T1", "P3", 2.0)]  # her entered 2 days, not 10 % of the load
    over = result.uncovered[result.uncovered["what"] == "overload"]
    assert over[["amount"]].to_dict("records") == [{"amount": 3.0}]
    assert "Alice Aubert dépasse sa capacité de 3 j" in plain(over.iloc[0]["reason"])
    # the proposal's load is the plan de charge's, entered days included
    plan = workload.load_table(frames).set_index(["person_id", "month"])["load"]
    mine = result.load.set_index(["person_id", "month"])["load"]
    assert (mine - plan.reindex(mine.index, fill_value=0.0)).abs().max() < 1e-9


def test_entered_days_spare_a_reinforcement(empty_workshop):
    # T1: 12 days over two months, Alice alone R. Split equally she carries 6 a month on 5:
    # the optimiser adds Bruno to relieve her. With her 4 days entered (the plan de charge
    # says what she does, whatever the estimate), she fits and nobody is added.
    build(empty_workshop, tasks="T1:12:2026-09:2026-10", requirements="T1 C1:2", raci="T1 R=P1 A=P3",
          assessments="P1 C1 3/3/3; P2 C1 3/3/3", persons=PEOPLE, horizon=2)
    equal = staffing.propose_staffing(empty_workshop.store.frames())
    assert rows(equal) == [("T1", "P1", 6.0), ("T1", "P2", 6.0)]
    frames = _enter_days(empty_workshop, {("T1", "P1", "R"): 4.0})
    problem = staffing.build_problem(frames)
    assert problem.entered_r == {(0, 0): 4.0} and problem.rest.tolist() == [8.0]
    result = staffing.propose_staffing(frames)
    assert rows(result) == [("T1", "P1", 4.0)]
    assert result.uncovered.empty


def test_entered_days_stay_with_reassign_unless_locked_out(empty_workshop):
    # Bruno is more motivated: a free reassignment would hand him the task, but Alice's
    # entered days are the consultant's plan; a lock takes her out.
    build(empty_workshop, tasks="T1:12:2026-09:2026-11", requirements="T1 C1:2", raci="T1 R=P1 A=P3",
          assessments="P1 C1 3/0/3; P2 C1 3/4/3", persons=PEOPLE, horizon=3)
    assert rows(staffing.propose_staffing(empty_workshop.store.frames(), reassign=True)) == [("T1", "P2", 12.0)]
    frames = _enter_days(empty_workshop, {("T1", "P1", "R"): 3.0})
    assert rows(staffing.propose_staffing(frames, reassign=True)) == [("T1", "P1", 3.0)]
    out = staffing.propose_staffing(frames, reassign=True,
                                    locks=[{"task_id": "T1", "person_id": "P1", "letter": "R", "locked": False}])
    assert rows(out) == [("T1", "P2", 12.0)]
