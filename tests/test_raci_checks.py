"""RACI checks (step 4): each check on a minimal workshop that triggers it, and one that does not."""
from __future__ import annotations

import pandas as pd
import pytest

from french_checks import machine_french
from raci_world import build
from toolkit.core import labels as L
from toolkit import raci


def findings(ws, **kw) -> pd.DataFrame:
    return raci.check(ws.store.frames(), **kw)


def of(df: pd.DataFrame, code: str) -> pd.DataFrame:
    return df.loc[df["check"] == code]


# --- A -------------------------------------------------------------------------------

def test_no_a_found(empty_workshop):
    df = findings(build(empty_workshop, raci="T1 R=P1"))
    got = of(df, "no_a")
    assert got["task_id"].tolist() == ["T1"]
    assert got.iloc[0]["person_ids"] == []
    assert "Tâche T1" in got.iloc[0]["explanation"] and "un A" in got.iloc[0]["explanation"]


def test_no_a_not_found_with_one_a(empty_workshop):
    assert of(findings(build(empty_workshop, raci="T1 R=P1 A=P2")), "no_a").empty


def test_several_a_found_with_their_names(empty_workshop):
    got = of(findings(build(empty_workshop, raci="T1 R=P1 A=P1,P2")), "several_a")
    assert got["task_id"].tolist() == ["T1"]
    assert got.iloc[0]["person_ids"] == ["P1", "P2"]
    assert got.iloc[0]["persons"] == "Alice Aubert, Bruno Bedin"
    assert got.iloc[0]["explanation"].startswith("2 personnes approuvent")


def test_several_a_not_found_with_one_a(empty_workshop):
    assert of(findings(build(empty_workshop, raci="T1 R=P1 A=P2 C=P1")), "several_a").empty


def test_a_not_in_team_found(empty_workshop):
    got = of(findings(build(empty_workshop, raci="T1 R=P1 A=P4")), "a_not_in_team")
    assert got["task_id"].tolist() == ["T1"] and got.iloc[0]["person_ids"] == ["P4"]
    assert "Denis Dufour" in got.iloc[0]["explanation"]


def test_a_not_in_team_not_found_for_team_member_or_outsider_consulted(empty_workshop):
    assert of(findings(build(empty_workshop, raci="T1 R=P1 A=P2 C=P4 I=P4")), "a_not_in_team").empty


# --- R -------------------------------------------------------------------------------

def test_no_r_found_with_load_in_explanation(empty_workshop):
    got = of(findings(build(empty_workshop, raci="T1 A=P2 C=P1")), "no_r")
    assert got["task_id"].tolist() == ["T1"]
    assert "(4\u00a0jours)" in got.iloc[0]["explanation"]


def test_no_r_load_written_with_a_decimal_comma(empty_workshop):
    got = of(findings(build(empty_workshop, tasks="T1:2.5:2026-09:2026-10 T2:1:2026-09:2026-10",
                            raci="T1 A=P2; T2 A=P2")), "no_r").set_index("task_id")["explanation"]
    assert "(2,5\u00a0jours)" in got["T1"] and "(1\u00a0jour)" in got["T2"]


def test_no_r_not_found_with_one_r(empty_workshop):
    assert of(findings(build(empty_workshop, raci="T1 R=P1 A=P2")), "no_r").empty


def test_task_with_no_letter_at_all_has_no_a_and_no_r(empty_workshop):
    df = findings(build(empty_workshop, tasks="T1:4:2026-09:2026-10 T2:2:2026-09:2026-09", raci="T1 R=P1 A=P2"))
    assert of(df, "no_a")["task_id"].tolist() == ["T2"]
    assert of(df, "no_r")["task_id"].tolist() == ["T2"]


def test_r_lacking_competence_found_with_level_and_source(empty_workshop):
    ws = build(empty_workshop, raci="T1 R=P1 A=P2", requirements="T1 C1:3", assessments="P1 C1 2")
    got = of(findings(ws), "r_lacks_competence")
    assert got[["task_id", "competence_id"]].values.tolist() == [["T1", "C1"]]
    assert got.iloc[0]["person_ids"] == ["P1"]
    text = got.iloc[0]["explanation"]
    assert "« Conduite de projet » au niveau 3" in text and "2 (auto-évaluation)" in text


def test_r_with_the_level_not_reported(empty_workshop):
    ws = build(empty_workshop, raci="T1 R=P1 A=P2", requirements="T1 C1:3", assessments="P1 C1 3")
    assert of(findings(ws), "r_lacks_competence").empty


def test_r_never_assessed_is_reported_as_such(empty_workshop):
    ws = build(empty_workshop, raci="T1 R=P1 A=P2", requirements="T1 C2:1")
    got = of(findings(ws), "r_lacks_competence")
    assert got["competence_id"].tolist() == ["C2"]
    assert L.RACI_LEVEL_NONE in got.iloc[0]["explanation"]


def test_consultant_assessment_prevails_over_self_assessment(empty_workshop):
    ws = build(empty_workshop, raci="T1 R=P1 A=P2", requirements="T1 C1:3",
               assessments="P1 C1 4; P1 C1 2 consultant")
    got = of(findings(ws), "r_lacks_competence")
    assert len(got) == 1 and "2 (consultant)" in got.iloc[0]["explanation"]


def test_consultant_raising_the_level_clears_the_finding(empty_workshop):
    ws = build(empty_workshop, raci="T1 R=P1 A=P2", requirements="T1 C1:3",
               assessments="P1 C1 1; P1 C1 3 consultant")
    assert of(findings(ws), "r_lacks_competence").empty


def test_requirement_covered_by_another_r_not_reported_by_default(empty_workshop):
    ws = build(empty_workshop, raci="T1 R=P1,P2 A=P2", requirements="T1 C1:3",
               assessments="P1 C1 1; P2 C1 3")
    assert of(findings(ws), "r_lacks_competence").empty
    strict = of(findings(ws, team_covers=False), "r_lacks_competence")
    assert strict["person_ids"].tolist() == [["P1"]]


def test_only_r_are_checked_for_competences(empty_workshop):
    ws = build(empty_workshop, raci="T1 R=P1 A=P2 C=P3", requirements="T1 C1:3", assessments="P1 C1 3")
    assert of(findings(ws), "r_lacks_competence").empty


# --- C and I ---------------------------------------------------------------------------

def test_too_many_consulted_and_informed_found_above_threshold(empty_workshop):
    ws = build(empty_workshop, raci="T1 R=P1 A=P2 C=P3,P4 I=P1")
    got = of(findings(ws, max_consulted_informed=2), "too_many_ci")
    assert got["task_id"].tolist() == ["T1"]
    assert got.iloc[0]["person_ids"] == ["P1", "P3", "P4"]
    assert "3 personnes consultées ou informées" in got.iloc[0]["explanation"]
    assert "seuil : 2" in got.iloc[0]["explanation"]


def test_too_many_ci_not_found_at_threshold(empty_workshop):
    ws = build(empty_workshop, raci="T1 R=P1 A=P2 C=P3,P4 I=P1")
    assert of(findings(ws, max_consulted_informed=3), "too_many_ci").empty
    assert of(findings(ws), "too_many_ci").empty  # default threshold: 4


# --- doublon ---------------------------------------------------------------------------

def test_doublon_two_r_holding_the_same_required_competence(empty_workshop):
    ws = build(empty_workshop, raci="T1 R=P1,P2 A=P2", requirements="T1 C1:2 C2:1",
               assessments="P1 C1 3; P2 C1 2; P1 C2 0")
    got = of(findings(ws), "doublon")
    assert got[["task_id", "competence_id"]].values.tolist() == [["T1", "C1"]]
    assert got.iloc[0]["person_ids"] == ["P1", "P2"]
    text = got.iloc[0]["explanation"]
    assert "doublon" in text and text.startswith("Alice Aubert et Bruno Bedin réalisent tous la tâche")


def test_doublon_of_two_women_agrees(empty_workshop):
    women = {"P1": {"name": "Martine Gérard", "capacity_days": 5, "civility": "Madame"},
             "P2": {"name": "Céline Kieffer", "capacity_days": 3, "civility": "Madame"}}
    ws = build(empty_workshop, raci="T1 R=P1,P2 A=P2", requirements="T1 C1:2", assessments="P1 C1 3; P2 C1 2",
               persons=women)
    text = of(findings(ws), "doublon").iloc[0]["explanation"]
    assert text.startswith("Martine Gérard et Céline Kieffer réalisent toutes la tâche"), text
    assert not machine_french(text)


def test_no_doublon_when_the_r_bring_different_competences(empty_workshop):
    ws = build(empty_workshop, raci="T1 R=P1,P2 A=P2", requirements="T1 C1:2 C2:2",
               assessments="P1 C1 3; P2 C2 3; P2 C1 1")
    assert of(findings(ws), "doublon").empty


def test_no_doublon_for_a_single_r_or_a_task_without_requirement(empty_workshop):
    ws = build(empty_workshop, tasks="T1:4:2026-09:2026-10 T2:2:2026-09:2026-09",
               raci="T1 R=P1 A=P2; T2 R=P1,P2 A=P2", requirements="T1 C1:1", assessments="P1 C1 3; P2 C1 3")
    assert of(findings(ws), "doublon").empty


# --- persons and actions -----------------------------------------------------------------

def test_person_with_responsibilities_but_no_capacity(empty_workshop):
    got = of(findings(build(empty_workshop, raci="T1 R=P3 A=P2")), "no_capacity")
    assert got["person_ids"].tolist() == [["P3"]]
    assert got.iloc[0]["task_id"] is None
    assert "Chloé Caron a 1\u00a0responsabilité (R ou A)" in got.iloc[0]["explanation"]


def test_responsibilities_counted_in_french(empty_workshop):
    got = of(findings(build(empty_workshop, tasks="T1:4:2026-09:2026-10 T2:2.5:2026-09:2026-09",
                            raci="T1 R=P3 A=P2; T2 R=P3 A=P2")), "no_capacity")
    assert "Chloé Caron a 2\u00a0responsabilités (R ou A)" in got.iloc[0]["explanation"]
    assert not machine_french(got.iloc[0]["explanation"])


def test_person_without_capacity_only_consulted_is_fine(empty_workshop):
    assert of(findings(build(empty_workshop, raci="T1 R=P1 A=P2 C=P3 I=P3")), "no_capacity").empty


def test_pilot_not_a_on_any_task_of_the_action(empty_workshop):
    ws = build(empty_workshop, tasks="T1:4:2026-09:2026-10 T2:2:2026-09:2026-09",
               raci="T1 R=P1 A=P1; T2 R=P2 A=P1")
    got = of(findings(ws), "pilot_not_a")
    assert got["action_id"].tolist() == ["N1"] and got.iloc[0]["person_ids"] == ["P2"]
    text = got.iloc[0]["explanation"]
    assert "Bruno Bedin, pilote de l'action « Action une » (2\u00a0tâches), n'en approuve aucune" in text
    assert not machine_french(text)


def test_pilot_of_a_single_task_said_in_the_singular(empty_workshop):
    got = of(findings(build(empty_workshop, raci="T1 R=P1 A=P1")), "pilot_not_a")
    assert "(1\u00a0tâche), n'en approuve aucune" in got.iloc[0]["explanation"]


def test_pilot_a_on_one_task_is_enough(empty_workshop):
    ws = build(empty_workshop, tasks="T1:4:2026-09:2026-10 T2:2:2026-09:2026-09",
               raci="T1 R=P1 A=P1; T2 R=P1 A=P2")
    assert of(findings(ws), "pilot_not_a").empty


def test_action_without_pilot_is_not_a_pilot_finding(empty_workshop):
    assert of(findings(build(empty_workshop, raci="T1 R=P1 A=P1", pilot=None)), "pilot_not_a").empty


# --- statuses and shape --------------------------------------------------------------------

def test_proposals_do_not_count_unless_asked(empty_workshop):
    ws = build(empty_workshop, raci="T1 R=P1")
    ws.store.insert("raci", {"task_id": "T1", "person_id": "P2", "letter": "A", "status": "proposée",
                             "proposed_by": "P1"}, by="P1")
    assert of(findings(ws), "no_a")["task_id"].tolist() == ["T1"]
    assert of(findings(ws, statuses=("validée", "proposée")), "no_a").empty


def test_rejected_rows_never_count(empty_workshop):
    ws = build(empty_workshop, raci="T1 R=P1")
    ws.store.insert("raci", {"task_id": "T1", "person_id": "P2", "letter": "A", "status": "rejetée",
                             "proposed_by": "P1"}, by="P1")
    assert of(findings(ws), "no_a")["task_id"].tolist() == ["T1"]


def test_clean_matrix_has_no_finding_and_the_summary_lists_every_check(empty_workshop):
    ws = build(empty_workshop, raci="T1 R=P1 A=P2 C=P3", requirements="T1 C1:2", assessments="P1 C1 2")
    df = findings(ws)
    assert df.empty and list(df.columns) == raci.FINDING_COLUMNS
    s = raci.summary(df)
    assert s["check"].tolist() == list(L.RACI_CHECKS) and s["count"].sum() == 0


def test_findings_are_ordered_by_check_and_titled_in_french(empty_workshop):
    ws = build(empty_workshop, tasks="T1:4:2026-09:2026-10 T2:2:2026-09:2026-09",
               raci="T1 R=P3 A=P1,P4; T2 C=P1")
    df = findings(ws)
    order = [raci.CHECKS.index(c) for c in df["check"]]
    assert order == sorted(order)
    assert set(df["check"]) == {"no_a", "several_a", "no_r", "a_not_in_team", "no_capacity", "pilot_not_a"}
    assert (df["title"] == df["check"].map(L.RACI_CHECKS)).all()
    full = raci.readable(df, brief=False)
    assert set(full.columns) == set(L.RACI_FINDING_COLUMNS.values()) - {L.RACI_FINDING_COLUMNS["count"]}
    brief = raci.readable(df)
    assert list(brief.columns) == ["Contrôle", "Action", "Tâche", "Explication"]
    assert brief.loc[df["check"] == "pilot_not_a", "Tâche"].tolist() == [""]  # blank, not NaN
    assert list(raci.readable(raci.summary(df)).columns) == ["Contrôle", "Nombre"]


def test_empty_workshop_gives_empty_findings(empty_workshop):
    df = raci.check(empty_workshop.store.frames())
    assert df.empty and list(df.columns) == raci.FINDING_COLUMNS


def test_matrix_reads_letters_per_task_and_person(empty_workshop):
    ws = build(empty_workshop, tasks="T1:4:2026-09:2026-10 T2:2:2026-09:2026-09",
               raci="T1 R=P1 A=P2 A=P1; T2 I=P3")
    m = raci.matrix(ws.store.frames(), "N1")
    assert m.loc["T1", "P1"] == "R/A" and m.loc["T1", "P2"] == "A" and m.loc["T2", "P3"] == "I"
    assert m.loc["T2", "P1"] == "" and m.loc["T1", "task"] == "Tâche T1"


# --- the demo's flaws ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def demo_findings(_demo_template):
    from toolkit.core.workshop import Workshop

    ws = Workshop.open(_demo_template)
    try:
        yield raci.check(ws.store.frames())
    finally:
        ws.close()


def test_demo_two_a_task_found(demo_findings):
    from toolkit.demo import DEMO_FLAWS

    got = of(demo_findings, "several_a")
    assert got["task_id"].tolist() == [DEMO_FLAWS["two_a_task"]]
    assert got.iloc[0]["person_ids"] == ["PER-01", "PER-03"]


def test_demo_tasks_without_r_found(demo_findings):
    from toolkit.demo import DEMO_FLAWS

    assert sorted(of(demo_findings, "no_r")["task_id"]) == sorted(DEMO_FLAWS["no_r_tasks"])


def test_demo_pilot_not_a_found(demo_findings):
    from toolkit.demo import DEMO_FLAWS

    got = of(demo_findings, "pilot_not_a")
    assert got["action_id"].tolist() == [DEMO_FLAWS["pilot_not_a_action"]]
    assert got.iloc[0]["person_ids"] == ["PER-05"]


def test_demo_marches_publics_tasks_are_covered_by_reluctant_experts(demo_findings):
    # CMP-09's holders (PER-07, PER-09) have the level: the RACI check does not flag them;
    # their lack of motivation is the gap analysis' business (step 6), not the RACI's.
    got = of(demo_findings, "r_lacks_competence")
    assert not ((got["competence_id"] == "CMP-09") & got["person_ids"].map(lambda p: "PER-09" in p)).any()
