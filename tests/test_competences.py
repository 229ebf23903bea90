"""The competence and motivation review (step 3) on a tiny hand-made workshop.

The workshop (thresholds 2/2/2 unless said otherwise), after resolution (consultant wins):

    person (org, team, capacity)   C1 Pilotage  C2 Pilotage  C3 Financements  C4 Juridique
    P1 (Commune, team, 4)          3/3/3 M      1/4/2        4/1/3            —
    P2 (Commune, team, 2)          2/2/3 M (c)  —            2/3/1            0/0/0
    P3 (CC, team, 1)               4/0/4        3/1/2 (c)    —                2/3/2 M
    P4 (Région, partner, 0.5)      —            —            4/4/4 M          3/2/1
    P5 (Commune, team, 0)          no answer

(c) the consultant's assessment (self-assessments P2-C1 2/2/2 and P3-C2 3/3/2 are kept).
Requirements: T1 C1≥3, T2 C1≥4 and C3≥2, T3 C2≥4, T4 C4≥3.
"""
from __future__ import annotations

import math

import openpyxl
import pandas as pd
import pytest

from toolkit import competences as C
from toolkit.demo import DEMO_FLAWS
from toolkit.core.errors import MaillageError

SELF = "auto-évaluation"
CONS = "consultant"


@pytest.fixture
def small(empty_workshop):
    """The tiny workshop above, in a real SQLite store; returns its frames."""
    s = empty_workshop.store
    s.insert_many("competences", [
        {"id": "C1", "name": "Conduite de projet", "family": "Pilotage"},
        {"id": "C2", "name": "Animation", "family": "Pilotage"},
        {"id": "C3", "name": "Subventions", "family": "Financements"},
        {"id": "C4", "name": "Marchés publics", "family": "Juridique"},
    ], by="test")
    s.insert_many("persons", [
        {"id": "P1", "name": "Alice", "organisation": "Commune", "role": "agent", "capacity_days": 4},
        {"id": "P2", "name": "Bruno", "organisation": "Commune", "role": "agent", "capacity_days": 2},
        {"id": "P3", "name": "Chloé", "organisation": "CC", "role": "agent", "capacity_days": 1},
        {"id": "P4", "name": "Denis", "organisation": "Région", "role": "partenaire", "capacity_days": 0.5,
         "in_team": False},
        {"id": "P5", "name": "Emma", "organisation": "Commune", "role": "élu", "capacity_days": 0},
    ], by="test")
    rows = [
        ("P1", "C1", 3, 3, 3, SELF), ("P1", "C2", 1, 4, 2, SELF), ("P1", "C3", 4, 1, 3, SELF),
        ("P2", "C1", 2, 2, 2, SELF), ("P2", "C3", 2, 3, 1, SELF), ("P2", "C4", 0, 0, 0, SELF),
        ("P3", "C1", 4, 0, 4, SELF), ("P3", "C2", 3, 3, 2, SELF), ("P3", "C4", 2, 3, 2, SELF),
        ("P4", "C3", 4, 4, 4, SELF), ("P4", "C4", 3, 2, 1, SELF),
        ("P2", "C1", 2, 2, 3, CONS), ("P3", "C2", 3, 1, 2, CONS),
    ]
    s.insert_many("assessments", [
        {"person_id": p, "competence_id": c, "savoir": sv, "vouloir": v, "pouvoir": pv, "source": src}
        for p, c, sv, v, pv, src in rows], by="test")
    s.insert_many("axes", [{"id": "X", "name": "Axe"}], by="test")
    s.insert_many("actions", [{"id": "N", "axis_id": "X", "name": "Action"}], by="test")
    s.insert_many("tasks", [
        {"id": t, "action_id": "N", "name": t, "load_days": 1, "start_month": "2026-09", "end_month": "2026-10"}
        for t in ("T1", "T2", "T3", "T4")], by="test")
    s.insert_many("requirements", [
        {"task_id": "T1", "competence_id": "C1", "level": 3},
        {"task_id": "T2", "competence_id": "C1", "level": 4},
        {"task_id": "T2", "competence_id": "C3", "level": 2},
        {"task_id": "T3", "competence_id": "C2", "level": 4},
        {"task_id": "T4", "competence_id": "C4", "level": 3},
    ], by="test")
    return s.frames()


# --- resolution -----------------------------------------------------------------------

def test_consultant_assessment_wins_and_self_is_kept(small):
    resolved = C.resolve_assessments(small["assessments"])
    p3c2 = resolved[(resolved.person_id == "P3") & (resolved.competence_id == "C2")]
    assert p3c2[["savoir", "vouloir", "pouvoir", "source"]].values.tolist() == [[3, 1, 2, CONS]]
    assert len(resolved) == 11  # 13 rows, two pairs assessed twice
    assert len(small["assessments"]) == 13  # the input is untouched


def test_prefer_self_reads_the_participants_view(small):
    resolved = C.resolve_assessments(small["assessments"], prefer=SELF)
    assert resolved.set_index(["person_id", "competence_id"]).loc[("P3", "C2"), "vouloir"] == 3


def test_latest_update_wins_within_a_source(empty_workshop, small):
    s = empty_workshop.store
    eva = s.all("assessments", person_id="P1", competence_id="C1")[0]
    s.insert("assessments", {"person_id": "P1", "competence_id": "C1", "savoir": 1, "vouloir": 1,
                             "pouvoir": 1, "source": SELF}, by="test")
    s.update("assessments", eva["id"], {"savoir": 2}, by="test")  # updated last: counts
    resolved = C.resolve_assessments(s.frame("assessments", system=True))
    assert resolved.set_index(["person_id", "competence_id"]).loc[("P1", "C1"), "savoir"] == 2


def test_mobilisable_needs_all_three_thresholds():
    df = pd.DataFrame({"savoir": [2, 1, 2, 2, 4], "vouloir": [2, 4, 1, 2, 4], "pouvoir": [2, 4, 4, 1, 4]})
    assert C.is_mobilisable(df).tolist() == [True, False, False, False, True]
    assert C.is_mobilisable(df, C.Thresholds(pouvoir=3)).tolist() == [False, False, False, False, True]
    assert C.is_mobilisable(df, {"savoir": 1, "vouloir": 1, "pouvoir": 1}).tolist() == [True, True, True, True, True]


# --- functions for the other steps ------------------------------------------------------

def test_mobilisable_holders(small):
    holders = C.mobilisable_holders(small["assessments"])
    assert holders[["competence_id", "person_id"]].values.tolist() == [
        ["C1", "P1"], ["C1", "P2"], ["C3", "P4"], ["C4", "P3"]]
    assert C.mobilisable_holders(small["assessments"], min_level=3)["person_id"].tolist() == ["P1", "P4"]


def test_mobilisable_holders_of_the_team_only(small):
    team = C.mobilisable_holders(small["assessments"], persons=small["persons"], team_only=True)
    assert "P4" not in set(team["person_id"])
    with pytest.raises(MaillageError, match="tableau des personnes"):
        C.mobilisable_holders(small["assessments"], team_only=True)


def test_best_mobilisable_level(small):
    best = C.best_mobilisable_level(small["assessments"], small["competences"])
    assert best["best_level"].to_dict() == {"C1": 3, "C2": 0, "C3": 4, "C4": 2}
    assert best["holders"].to_dict() == {"C1": 2, "C2": 0, "C3": 1, "C4": 1}
    assert best.loc["C1", "best_holders"] == ["P1"]
    assert best.loc["C2", "best_holders"] == []


def test_requirement_status(small):
    status = C.requirement_status(small["requirements"], small["assessments"])
    got = {(r.task_id, r.competence_id): (r.best_level, r.met) for r in status.itertuples()}
    assert got == {("T1", "C1"): (3, True), ("T2", "C1"): (3, False), ("T2", "C3"): (4, True),
                   ("T3", "C2"): (0, False), ("T4", "C4"): (2, False)}


def test_lacking_competences_and_why(small):
    lack = C.lacking_competences(small["requirements"], small["assessments"], small["competences"])
    assert list(lack.index) == ["C2", "C1", "C4"]  # largest gap first
    assert lack.loc["C2", ["required_level", "best_level", "gap", "reason"]].tolist() == [4, 0, 4, "no_level"]
    assert lack.loc["C1", ["required_level", "best_level", "gap", "reason"]].tolist() == [4, 3, 1, "unwilling"]
    assert lack.loc["C1", "qualified"] == ["P3"] and lack.loc["C1", "tasks"] == ["T2"]
    assert lack.loc["C4", ["gap", "reason", "qualified"]].tolist() == [1, "unavailable", ["P4"]]
    assert lack.loc["C4", "name"] == "Marchés publics"


def test_lacking_competences_of_the_team_only(small):
    lack = C.lacking_competences(small["requirements"], small["assessments"], persons=small["persons"],
                                 team_only=True)
    assert set(lack.index) == {"C1", "C2", "C3", "C4"}
    # without the Région's P4: C3's qualified people are P1 (unwilling) and P2 (willing, no time)
    assert lack.loc["C3", ["best_level", "reason", "qualified"]].tolist() == [0, "unavailable", ["P1", "P2"]]
    assert lack.loc["C4", "reason"] == "no_level"


# --- the consultant's review ---------------------------------------------------------------

def test_coverage_hand_computed(small):
    cov = C.coverage(small["assessments"], small["competences"])
    assert list(cov.index) == ["C3", "C4", "C1", "C2"]  # by family: Financements, Juridique, Pilotage
    assert cov["assessed"].to_dict() == {"C1": 3, "C2": 2, "C3": 3, "C4": 3}
    assert cov["holders"].to_dict() == {"C1": 2, "C2": 0, "C3": 1, "C4": 1}
    assert cov["experts"].to_dict() == {"C1": 2, "C2": 1, "C3": 2, "C4": 1}
    assert cov["status"].to_dict() == {"C1": "covered", "C2": "uncovered", "C3": "single", "C4": "single"}
    assert cov.loc["C1", "savoir"] == 3.0  # (3 + 2 + 4) / 3
    assert cov.loc["C1", "pouvoir"] == round(10 / 3, 2)  # (3 + 3 + 4) / 3: the consultant's 3 for P2


def test_coverage_with_stricter_pouvoir(small):
    cov = C.coverage(small["assessments"], small["competences"], C.Thresholds(pouvoir=3))
    assert cov["holders"].to_dict() == {"C1": 2, "C2": 0, "C3": 1, "C4": 0}


def test_single_points_of_failure(small):
    spof = C.single_points_of_failure(small["assessments"], small["competences"])
    assert spof["holder_id"].to_dict() == {"C3": "P4", "C4": "P3"}
    assert spof.loc["C3", "name"] == "Subventions"
    experts = C.single_points_of_failure(small["assessments"], held="expert")
    assert experts["holder_id"].to_dict() == {"C2": "P3", "C4": "P4"}
    team = C.single_points_of_failure(small["assessments"], persons=small["persons"], team_only=True)
    assert team["holder_id"].to_dict() == {"C4": "P3"}


def test_training_candidates(small):
    cand = C.training_candidates(small["assessments"])
    assert cand[["person_id", "competence_id", "margin"]].values.tolist() == [
        ["P1", "C2", 3], ["P2", "C3", 1], ["P3", "C4", 1]]


def test_reluctant_experts(small):
    rel = C.reluctant_experts(small["assessments"])
    assert rel[["competence_id", "person_id"]].values.tolist() == [["C1", "P3"], ["C2", "P3"], ["C3", "P1"]]


def test_self_vs_consultant(small):
    gap = C.self_vs_consultant(small["assessments"])
    assert gap[["person_id", "competence_id", "total_gap"]].values.tolist() == [["P3", "C2", 2], ["P2", "C1", 1]]
    assert gap.loc[0, ["vouloir_self", "vouloir_consultant", "vouloir_gap"]].tolist() == [3, 1, -2]
    assert gap.loc[1, "pouvoir_gap"] == 1


def test_team_profile(small):
    prof = C.team_profile(small["assessments"], small["persons"])
    assert list(prof.index) == ["Commune", "CC", "Région"]
    commune = prof.loc["Commune"]
    assert (commune["persons"], commune["assessed"], commune["capacity_days"]) == (3, 2, 6.0)
    assert commune["savoir"] == 2.0  # (3+1+4 + 2+2+0) / 6
    assert commune["vouloir"] == round(13 / 6, 2)
    assert commune["pouvoir"] == 2.0  # (3+2+3 + 3+1+0) / 6
    assert (commune["mobilisable_pairs"], commune["mobilisable_competences"]) == (2, 1)
    assert prof.loc["Région", "mobilisable_competences"] == 1


def test_team_matrix_by_family(small):
    tm = C.team_matrix(small["assessments"], small["persons"], small["competences"])
    assert list(tm.columns) == ["Financements", "Juridique", "Pilotage"]
    assert tm.loc["Commune", "Financements"] == 4 and tm.loc["CC", "Pilotage"] == 4
    assert math.isnan(tm.loc["Région", "Pilotage"])
    mob = C.team_matrix(small["assessments"], small["persons"], small["competences"], only_mobilisable=True)
    assert mob.loc["Commune", "Pilotage"] == 3 and math.isnan(mob.loc["Commune", "Financements"])


def test_matrices_per_dimension_and_combined(small):
    a, p, c = small["assessments"], small["persons"], small["competences"]
    sav = C.matrix(a, "savoir", p, c)
    assert sav.shape == (5, 4) and list(sav.columns) == ["C3", "C4", "C1", "C2"]
    assert sav.loc["P1", "C1"] == 3 and math.isnan(sav.loc["P4", "C1"]) and sav.loc["P5"].isna().all()
    assert C.matrix(a, "vouloir", p, c).loc["P3", "C2"] == 1  # the consultant's
    assert C.matrix(a, "combined", p, c).loc["P1", "C3"] == 1  # min(4, 1, 3)
    mob = C.matrix(a, "mobilisable", p, c)
    assert mob.loc["P2", "C1"] == 1 and mob.loc["P3", "C2"] == 0
    assert C.matrix(a, "savoir").shape == (4, 4)  # only the assessed


def test_person_profile(small):
    prof = C.person_profile(small["assessments"], "P1", small["competences"])
    assert list(prof.index) == ["C3", "C2", "C1"]  # by family then name
    assert prof["mobilisable"].to_dict() == {"C3": False, "C2": False, "C1": True}
    assert C.person_profile(small["assessments"], "P5").empty


def test_self_assessment_progress(empty_workshop, small):
    prog = C.self_assessment_progress(small["assessments"], small["persons"], small["competences"])
    assert prog["answered"].to_dict() == {"P1": 3, "P2": 3, "P3": 3, "P4": 2, "P5": 0}
    assert not prog["complete"].any() and prog["started"].sum() == 4
    empty_workshop.store.insert("assessments", {"person_id": "P2", "competence_id": "C2", "savoir": 0,
                                                "vouloir": 0, "pouvoir": 0}, by="P2")
    prog = C.self_assessment_progress(empty_workshop.store.frame("assessments"), small["persons"],
                                      small["competences"])
    assert prog["complete"].to_dict()["P2"] is True and prog["complete"].sum() == 1
    assert prog.loc["P2", "share"] == 1.0


# --- the demo's deliberate flaw -------------------------------------------------------------

def test_demo_competence_nobody_motivated_holds_is_found(demo_workshop):
    f = demo_workshop.store.frames()
    cmp = DEMO_FLAWS["unmotivated_competence"]
    lack = C.lacking_competences(f["requirements"], f["assessments"], f["competences"])
    assert cmp in lack.index and lack.loc[cmp, "reason"] == "unwilling"
    assert lack.loc[cmp, "best_level"] == 0
    assert set(lack.loc[cmp, "tasks"]) == {"TAC-018", "TAC-022", "TAC-038", "TAC-041"}
    assert C.coverage(f["assessments"], f["competences"]).loc[cmp, "status"] == "uncovered"
    reluctant = C.reluctant_experts(f["assessments"])
    assert set(reluctant.loc[reluctant.competence_id == cmp, "person_id"]) == {"PER-07", "PER-09"}


def test_demo_unmobilised_holder_competence_is_lacking(demo_workshop):
    f = demo_workshop.store.frames()
    _actor, cmp = DEMO_FLAWS["unmobilised_holder"]
    lack = C.lacking_competences(f["requirements"], f["assessments"], f["competences"],
                                 persons=f["persons"], team_only=True)
    assert lack.loc[cmp, "reason"] == "no_level"


# --- bad input, empty workshop, display ------------------------------------------------------

def test_missing_column_is_refused_in_french():
    with pytest.raises(MaillageError, match="colonnes manquantes : vouloir"):
        C.coverage(pd.DataFrame({"person_id": ["P1"], "competence_id": ["C1"], "savoir": [1],
                                 "pouvoir": [1], "source": [SELF]}))


@pytest.mark.parametrize("bad", [-1, 5, 2.5, "2", True])
def test_bad_threshold_is_refused(bad):
    with pytest.raises(MaillageError, match="Seuil de « Savoir agir"):
        C.Thresholds(savoir=bad)


def test_unknown_dimension_and_source_are_refused(small):
    with pytest.raises(MaillageError, match="Dimension 'motivation' inconnue"):
        C.matrix(small["assessments"], "motivation")
    with pytest.raises(MaillageError, match="Source 'moi' inconnue"):
        C.resolve_assessments(small["assessments"], prefer="moi")


def test_empty_workshop_gives_empty_results(empty_workshop):
    f = empty_workshop.store.frames()
    a = f["assessments"]
    assert C.coverage(a, f["competences"]).empty
    assert C.lacking_competences(f["requirements"], a).empty
    assert C.single_points_of_failure(a).empty and C.training_candidates(a).empty
    assert C.self_vs_consultant(a).empty and C.reluctant_experts(a).empty
    assert C.matrix(a, "combined", f["persons"], f["competences"]).empty
    assert C.team_profile(a, f["persons"]).empty
    assert C.self_assessment_progress(a, f["persons"], f["competences"]).empty


def test_readable_speaks_french_and_can_hide_names(small):
    spof = C.single_points_of_failure(small["assessments"], small["competences"])
    shown = C.readable(spof, small["persons"], small["competences"])
    assert list(shown.columns[:3]) == ["Compétence", "Famille", "Seul détenteur"]
    assert shown["Seul détenteur"].tolist() == ["Denis", "Chloé"]
    hidden = C.readable(spof, small["persons"], small["competences"], anonymise=True)
    assert hidden["Seul détenteur"].tolist() == ["Personne 4", "Personne 3"]
    m = C.readable(C.matrix(small["assessments"], "savoir", small["persons"], small["competences"]),
                      small["persons"], small["competences"])
    assert m.loc["Alice", "Conduite de projet"] == 3


def test_export_review_writes_text_never_formulas(empty_workshop, small):
    empty_workshop.store.update("persons", "P4", {"name": '=HYPERLINK("http://x","y")'}, by="test")
    frames = empty_workshop.store.frames()
    path = C.export_review(frames, empty_workshop.exports_dir / "revue.xlsx")
    wb = openpyxl.load_workbook(path)
    assert "Couverture" in wb.sheetnames and "Compétences manquantes" in wb.sheetnames
    ws = wb["Points de fragilité"]
    cells = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert cells and all(c.data_type == "s" for c in cells)
    assert cells[0].value == '=HYPERLINK("http://x","y")'
