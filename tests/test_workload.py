"""Plan de charge (step 5): the spreading rule, load against capacity, overloads, idle
capacity, months at risk, staffing — hand-computed on tiny workshops, then the demo."""
from __future__ import annotations

import math

import pytest

from raci_world import build
from toolkit.core import labels as L
from toolkit import workload
from toolkit.core.errors import MaillageError

OVER, IDLE, OK = L.WORKLOAD_STATUS["over"], L.WORKLOAD_STATUS["idle"], L.WORKLOAD_STATUS["ok"]


def frames(ws):
    return ws.store.frames()


def days(alloc, person=None, month=None, letter=None):
    a = alloc
    if person is not None:
        a = a.loc[a["person_id"] == person]
    if month is not None:
        a = a.loc[a["month"] == month]
    if letter is not None:
        a = a.loc[a["letter"] == letter]
    return round(float(a["days"].sum()), 6)


# --- the rule ----------------------------------------------------------------------------

def test_load_spread_evenly_over_the_task_months(empty_workshop):
    ws = build(empty_workshop, tasks="T1:6:2026-11:2027-01", raci="T1 R=P1")
    a = workload.allocation(frames(ws))
    assert a["month"].tolist() == ["2026-11", "2026-12", "2027-01"]
    assert a["days"].tolist() == [2.0, 2.0, 2.0]


def test_load_divided_among_the_r(empty_workshop):
    ws = build(empty_workshop, tasks="T1:4:2026-09:2026-10", raci="T1 R=P1,P2")
    a = workload.allocation(frames(ws))
    assert days(a, "P1", "2026-09") == 1.0 and days(a, "P2", "2026-10") == 1.0
    assert days(a) == 4.0


def test_the_a_gets_its_share_on_top_of_the_r(empty_workshop):
    ws = build(empty_workshop, tasks="T1:4:2026-09:2026-10", raci="T1 R=P1 A=P2")
    a = workload.allocation(frames(ws), a_share=0.25)
    assert days(a, "P1") == 4.0
    assert days(a, "P2", "2026-09") == 0.5 and days(a, "P2", letter="A") == 1.0


def test_a_share_zero_charges_the_r_only(empty_workshop):
    ws = build(empty_workshop, tasks="T1:4:2026-09:2026-10", raci="T1 R=P1 A=P2")
    a = workload.allocation(frames(ws), a_share=0)
    assert set(a["person_id"]) == {"P1"} and days(a) == 4.0


def test_several_a_split_their_share(empty_workshop):
    ws = build(empty_workshop, tasks="T1:10:2026-09:2026-09", raci="T1 R=P1 A=P2,P4")
    a = workload.allocation(frames(ws), a_share=0.1)
    assert days(a, "P2") == 0.5 and days(a, "P4") == 0.5


def test_task_without_r_is_not_attributed(empty_workshop):
    ws = build(empty_workshop, tasks="T1:6:2026-09:2026-11", raci="T1 A=P2 C=P1")
    a = workload.allocation(frames(ws), a_share=0.1)
    nobody = a.loc[a["person_id"].isna()]
    assert round(nobody["days"].sum(), 6) == 6.0 and len(nobody) == 3
    assert days(a, "P2") == 0.6 and days(a, "P1") == 0.0


def test_consulted_and_informed_carry_no_load(empty_workshop):
    ws = build(empty_workshop, raci="T1 R=P1 A=P2 C=P3 I=P4")
    assert set(workload.allocation(frames(ws))["person_id"]) == {"P1", "P2"}


def test_proposals_carry_no_load(empty_workshop):
    ws = build(empty_workshop, raci="T1 A=P2")
    ws.store.insert("raci", {"task_id": "T1", "person_id": "P1", "letter": "R", "status": "proposée",
                             "proposed_by": "P2"}, by="P2")
    assert days(workload.allocation(frames(ws)), "P1") == 0.0


@pytest.mark.parametrize("bad", [-0.1, 1.5, "beaucoup", None])
def test_bad_a_share_refused_in_french(empty_workshop, bad):
    ws = build(empty_workshop, raci="T1 R=P1")
    with pytest.raises(MaillageError, match="Part de l'approbateur"):
        workload.allocation(frames(ws), a_share=bad)


def test_a_share_accepts_a_french_decimal(empty_workshop):
    ws = build(empty_workshop, tasks="T1:10:2026-09:2026-09", raci="T1 R=P1 A=P2")
    assert days(workload.allocation(frames(ws), a_share="0,2"), "P2") == 2.0


# --- load against capacity --------------------------------------------------------------------

def test_horizon_comes_from_the_project(empty_workshop):
    ws = build(empty_workshop, horizon=3)
    assert workload.horizon(frames(ws)) == ["2026-09", "2026-10", "2026-11"]


def test_load_table_statuses_hand_computed(empty_workshop):
    # P1 (capacity 5): 12 days in Sept (over by 7), 4 days in Oct, nothing after.
    ws = build(empty_workshop, tasks="T1:12:2026-09:2026-09 T2:4:2026-10:2026-10",
               raci="T1 R=P1; T2 R=P1", horizon=3)
    t = workload.load_table(frames(ws), a_share=0).set_index(["person_id", "month"])
    assert t.loc[("P1", "2026-09"), "load"] == 12.0 and t.loc[("P1", "2026-09"), "status"] == OVER
    assert t.loc[("P1", "2026-09"), "balance"] == -7.0 and t.loc[("P1", "2026-09"), "ratio"] == 2.4
    assert t.loc[("P1", "2026-10"), "status"] == OK
    assert t.loc[("P1", "2026-11"), "status"] == IDLE
    # every person with a capacity appears, each month of the horizon
    assert sorted(set(t.index.get_level_values(0))) == ["P1", "P2", "P4"]
    assert len(t) == 9


def test_load_equal_to_capacity_is_not_an_overload(empty_workshop):
    ws = build(empty_workshop, tasks="T1:5:2026-09:2026-09", raci="T1 R=P1", horizon=1)
    (row,) = workload.load_table(frames(ws)).query("person_id == 'P1'").to_dict("records")
    assert row["status"] == OK and row["balance"] == 0.0


def test_load_without_capacity_is_an_overload(empty_workshop):
    ws = build(empty_workshop, tasks="T1:2:2026-09:2026-09", raci="T1 R=P3", horizon=1)
    (row,) = workload.load_table(frames(ws)).query("person_id == 'P3'").to_dict("records")
    assert row["status"] == OVER and math.isinf(row["ratio"])


def test_idle_threshold_is_a_parameter(empty_workshop):
    ws = build(empty_workshop, tasks="T1:3:2026-09:2026-09", raci="T1 R=P1", horizon=1)
    t = workload.load_table(frames(ws), idle_below=0.5).set_index("person_id")
    assert t.loc["P1", "status"] == OK  # 3 of 5 days
    t = workload.load_table(frames(ws), idle_below=0.8).set_index("person_id")
    assert t.loc["P1", "status"] == IDLE


def test_overloads_sorted_by_excess(empty_workshop):
    ws = build(empty_workshop, tasks="T1:12:2026-09:2026-09 T2:8:2026-10:2026-10 T3:9:2026-10:2026-10",
               raci="T1 R=P1; T2 R=P1; T3 R=P2", horizon=2)
    o = workload.overloads(workload.load_table(frames(ws), a_share=0))
    assert o[["person_id", "month", "overload"]].values.tolist() == [
        ["P1", "2026-09", 7.0], ["P2", "2026-10", 6.0], ["P1", "2026-10", 3.0]]


def test_no_overload_when_everybody_fits(empty_workshop):
    ws = build(empty_workshop, tasks="T1:4:2026-09:2026-10", raci="T1 R=P1 A=P2", horizon=2)
    assert workload.overloads(workload.load_table(frames(ws))).empty


def test_idle_capacity_sums_unused_days_without_compensating_overloads(empty_workshop):
    # P1 capacity 5: 12 days in Sept (over), 1 day in Oct → idle 4 (Oct) + 0 (Sept).
    ws = build(empty_workshop, tasks="T1:12:2026-09:2026-09 T2:1:2026-10:2026-10",
               raci="T1 R=P1; T2 R=P1", horizon=2)
    idle = workload.idle_capacity(workload.load_table(frames(ws), a_share=0)).set_index("person_id")
    assert idle.loc["P1", "idle"] == 4.0 and idle.loc["P1", "idle_months"] == 1
    assert idle.loc["P2", "idle"] == 6.0 and idle.loc["P2", "idle_months"] == 2


def test_months_at_risk_are_those_with_an_overloaded_person(empty_workshop):
    ws = build(empty_workshop, tasks="T1:12:2026-09:2026-09 T2:1:2026-10:2026-10",
               raci="T1 R=P1; T2 R=P1", horizon=2)
    m = workload.months_at_risk(workload.load_table(frames(ws), a_share=0)).set_index("month")
    assert m.loc["2026-09", "at_risk"] and m.loc["2026-09", "names_over"] == "Alice Aubert"
    assert m.loc["2026-09", "overload"] == 7.0 and m.loc["2026-09", "persons_over"] == 1
    assert not m.loc["2026-10", "at_risk"] and m.loc["2026-10", "capacity"] == 10.0


def test_monthly_plan_details_the_first_months_then_averages(empty_workshop):
    ws = build(empty_workshop, tasks="T1:8:2026-09:2026-12", raci="T1 R=P1", horizon=4)
    plan = workload.monthly_plan(workload.load_table(frames(ws), a_share=0), detail_months=2)
    later = L.WORKLOAD_COLUMNS["later"].format(first=3, last=4)
    assert list(plan.columns) == ["person", "capacity", "2026-09", "2026-10", later]
    assert plan.loc["P1", "2026-09"] == 2.0 and plan.loc["P1", later] == 2.0
    with pytest.raises(MaillageError, match="mois détaillés"):
        workload.monthly_plan(workload.load_table(frames(ws)), detail_months=0)


def test_staffing_rate_per_action(empty_workshop):
    ws = build(empty_workshop, tasks="T1:6:2026-09:2026-09 T2:2:2026-09:2026-09 T3:2:2026-10:2026-10",
               raci="T1 R=P1 A=P2; T2 A=P2; T3 R=P2", horizon=2)
    (row,) = workload.staffing(frames(ws), a_share=0).to_dict("records")
    assert (row["tasks"], row["tasks_without_r"], row["load_days"], row["staffed_days"]) == (3, 1, 10.0, 8.0)
    assert row["staffing_rate"] == 0.8 and row["pilot"] == "Bruno Bedin"
    # P1 holds 6 days in Sept for a capacity of 5: those days are at risk
    assert row["days_at_risk"] == 6.0


def test_analyse_returns_every_piece(empty_workshop):
    ws = build(empty_workshop, raci="T1 R=P1 A=P2", horizon=2)
    r = workload.analyse(frames(ws))
    assert set(r) == {"months", "allocation", "table", "plan", "overloads", "idle", "months_at_risk", "staffing"}
    assert r["months"] == ["2026-09", "2026-10"]
    assert set(workload.readable(r["table"]).columns) >= {"Charge (jours)", "Capacité (jours)", "Situation"}


def test_french_display_of_rates_and_flags(empty_workshop):
    ws = build(empty_workshop, tasks="T1:12:2026-09:2026-09 T2:2:2026-09:2026-09", raci="T1 R=P1; T2 R=P3",
               horizon=1, pilot=None)
    r = workload.analyse(frames(ws), a_share=0)
    table = workload.readable(r["table"]).set_index("Personne")
    assert table.loc["P1", "Taux de charge"] == "240 %" and table.loc["P3", "Taux de charge"] == "—"
    assert workload.readable(r["months_at_risk"])["Mois à risque"].tolist() == ["oui"]
    staffing = workload.readable(r["staffing"])
    assert staffing["Pilote"].tolist() == ["sans pilote"] and staffing["Taux de staffing"].tolist() == ["100 %"]
    assert workload.readable(r["plan"]).index.name == "Personne"


def test_empty_workshop_has_an_empty_plan(empty_workshop):
    r = workload.analyse(frames(empty_workshop))
    assert r["months"] == [] and r["table"].empty and r["staffing"].empty


# --- the demo -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def demo_plan(_demo_template):
    from toolkit.core.workshop import Workshop

    ws = Workshop.open(_demo_template)
    try:
        yield workload.analyse(ws.store.frames())
    finally:
        ws.close()


def test_demo_overloaded_person_found_from_october_to_january(demo_plan):
    from toolkit.demo import DEMO_FLAWS

    who = DEMO_FLAWS["overloaded_person"]
    months = demo_plan["overloads"].query("person_id == @who")["month"]
    assert sorted(months) == ["2026-10", "2026-11", "2026-12", "2027-01"]
    peak = demo_plan["table"].query("person_id == @who").set_index("month")["load"]
    assert peak.idxmax() == "2026-11" and 24 <= peak.max() <= 27
    risky = demo_plan["months_at_risk"].query("at_risk")["month"].tolist()
    assert risky[:4] == ["2026-10", "2026-11", "2026-12", "2027-01"]


def test_demo_plan_covers_twelve_months_with_six_in_detail(demo_plan):
    assert demo_plan["months"][0] == "2026-09" and len(demo_plan["months"]) == 12
    assert list(demo_plan["plan"].columns[2:8]) == demo_plan["months"][:6]


def test_demo_actions_with_unstaffed_tasks_come_first(demo_plan):
    s = demo_plan["staffing"]
    low = set(s.loc[s["staffing_rate"] < 1, "action_id"])
    assert low == {"ACN-09", "ACN-13", "ACN-14"}  # the actions of TAC-026, TAC-043, TAC-045
    assert s["staffing_rate"].is_monotonic_increasing
