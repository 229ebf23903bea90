"""Phases (issue 19): the model, the demo's phases, the plan de charge read by phase."""
from __future__ import annotations

import pandas as pd
import pytest

from toolkit import phases as P
from toolkit import workload as W
from toolkit.core.errors import ValidationError
from toolkit.core.store import Store


def _world() -> Store:
    s = Store("sqlite://")
    s.insert("persons", {"id": "P1", "name": "Ana", "organisation": "OPCA", "role": "chef de projet",
                         "capacity_days": 10}, by="t")
    s.insert("persons", {"id": "P2", "name": "Bob", "organisation": "OPCA", "role": "agent",
                         "capacity_days": 5}, by="t")
    s.insert("axes", {"id": "X", "name": "Emplois et compétences"}, by="t")
    s.insert("actions", {"id": "N", "axis_id": "X", "name": "GPECT"}, by="t")
    s.insert("phases", {"id": "F2", "name": "Diagnostic des entreprises", "order": 2,
                        "start_date": "2027-01-01", "end_date": "2027-03-31"}, by="t")
    s.insert("phases", {"id": "F1", "name": "Enquêtes téléphoniques", "order": 1,
                        "start_date": "2026-10-01", "end_date": "2026-12-31"}, by="t")
    for tid, phase, load, start, end in (("T1", "F1", 10, "2026-10", "2026-11"), ("T2", "F2", 6, "2027-01", "2027-04"),
                                         ("T3", None, 4, "2027-01", "2027-01")):
        s.insert("tasks", {"id": tid, "action_id": "N", "name": f"Tâche {tid}", "load_days": load,
                           "start_month": start, "end_month": end, **({"phase_id": phase} if phase else {})}, by="t")
    s.insert_many("raci", [{"task_id": "T1", "person_id": "P1", "letter": "R"},
                           {"task_id": "T1", "person_id": "P2", "letter": "R"},
                           {"task_id": "T2", "person_id": "P2", "letter": "R"},
                           {"task_id": "T2", "person_id": "P1", "letter": "A"}], by="t")
    return s


def test_phase_dates_in_order_and_reference_checked() -> None:
    s = _world()
    with pytest.raises(ValidationError) as err:
        s.insert("phases", {"name": "À l'envers", "start_date": "2027-02-01", "end_date": "2027-01-01"}, by="t")
    assert "Date de fin" in str(err.value.problems[0].field)
    with pytest.raises(ValidationError):
        s.update("tasks", "T1", {"phase_id": "F9"}, by="t")


def test_workload_by_phase_groups_the_allocation() -> None:
    f = _world().frames()
    load = P.workload_by_phase(f)
    assert list(dict.fromkeys(load["phase"])) == ["Enquêtes téléphoniques", "Diagnostic des entreprises", "sans phase"]
    got = {(r.phase_id, r.person_id): round(r.days, 2) for r in load.itertuples()}
    assert got == {("F1", "P1"): 5.0, ("F1", "P2"): 5.0, ("F2", "P2"): 6.0, ("F2", "P1"): 0.6, (None, None): 4.0}
    assert load["days"].sum() == pytest.approx(W.allocation(f)["days"].sum())
    assert load.loc[load["person_id"].isna(), "person"].tolist() == ["non attribuée"]


def test_phase_summary_plan_and_tasks_outside() -> None:
    f = _world().frames()
    summary = P.phase_summary(f)
    assert summary["phase_id"].tolist() == ["F1", "F2", None]
    assert summary["tasks"].tolist() == [1, 1, 1]
    assert summary["load_days"].tolist() == [10.0, 6.0, 4.0]
    assert summary["days"].round(2).tolist() == [10.0, 6.6, 4.0]
    assert summary["persons"].tolist() == [2, 2, 0]
    plan = P.phase_plan(f)
    assert list(plan.columns) == ["Enquêtes téléphoniques", "Diagnostic des entreprises", "sans phase"]
    assert plan.loc["Bob", "Diagnostic des entreprises"] == 6.0 and plan.loc["Ana", "sans phase"] == 0.0
    outside = P.tasks_outside_their_phase(f)
    assert outside["task_id"].tolist() == ["T2"]  # ends in April, its phase in March


def test_no_phase_at_all_is_one_sans_phase_row() -> None:
    s = Store("sqlite://")
    f = s.frames()
    assert P.phase_summary(f).empty and P.workload_by_phase(f).empty and P.phase_plan(f).empty


def test_demo_has_phases_and_every_task_in_one(demo_workshop) -> None:
    f = demo_workshop.store.frames()
    summary = P.phase_summary(f)
    assert summary["phase"].tolist() == ["Diagnostic et lancement", "Montage des opérations", "Mise en œuvre"]
    assert f["tasks"]["phase_id"].notna().all()
    assert summary["load_days"].sum() == pytest.approx(pd.to_numeric(f["tasks"]["load_days"]).sum())
