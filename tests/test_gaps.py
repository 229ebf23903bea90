"""Gap analysis and remedies (step 6) on tiny hand-made workshops, then on the demo's flaws."""
from __future__ import annotations

import pytest
from gaps_world import build

from toolkit import gaps
from toolkit.core import labels as L
from toolkit.demo import DEMO_FLAWS


def remedies_for(r, target_id):
    return r[r["target_id"] == target_id]


def recommended(r, target_id):
    rows = remedies_for(r, target_id)
    rows = rows[rows["recommended"]]
    assert len(rows) == 1, rows
    return rows.iloc[0]


# --- competence gaps ------------------------------------------------------------------------

def test_competence_gap_says_level_when_and_how_much(empty_workshop):
    frames = build(empty_workshop, tasks="T1:10:2026-09:2026-10 T2:3:2026-12:2026-12",
                   requirements="T1 C1:3; T2 C1:2", assessments="P1 C1 2/3/3")
    g = gaps.competence_gaps(frames)
    assert list(g.index) == ["C1"]
    row = g.loc["C1"]
    # P1 is mobilisable at level 2: T2 (level 2) is covered, T1 (level 3) is not.
    assert (row["required_level"], row["best_level"], row["gap"]) == (3, 2, 1)
    assert row["best_holders"] == ["P1"]
    assert row["tasks"] == ["T1"]
    assert (row["first_month"], row["last_month"], row["months"], row["days"]) == ("2026-09", "2026-10", 2, 10.0)


def test_no_gap_when_a_mobilisable_holder_has_the_level(empty_workshop):
    frames = build(empty_workshop, requirements="T1 C1:3", assessments="P1 C1 3/2/2")
    assert gaps.competence_gaps(frames).empty
    needs = gaps.competence_needs(frames)
    assert needs.loc["C1", "gap"] == 0 and needs.loc["C1", "best_level"] == 3


def test_competence_needs_lists_met_and_unmet(empty_workshop):
    frames = build(empty_workshop, tasks="T1:4:2026-09:2026-09 T2:6:2026-10:2026-11",
                   requirements="T1 C1:2; T2 C2:3", assessments="P1 C1 2/2/2")
    needs = gaps.competence_needs(frames)
    assert list(needs.index) == ["C2", "C1"]  # the gap first
    assert needs.loc["C2", ["required_level", "best_level", "gap", "days"]].tolist() == [3, 0, 3, 6.0]
    assert needs.loc["C1", "gap"] == 0


# --- capacity gaps --------------------------------------------------------------------------

def test_capacity_gap_per_person_month(empty_workshop):
    persons = {"P1": {"name": "Alice", "capacity_days": 2}, "P2": {"name": "Bruno", "capacity_days": 5},
               "P3": {"name": "Chloé", "capacity_days": 10, "role": "élu"}}
    frames = build(empty_workshop, tasks="T1:4:2026-09:2026-09", raci="T1 R=P1 A=P3", persons=persons)
    over = gaps.capacity_gaps(frames)
    assert over[["person_id", "month", "load", "capacity", "overload"]].values.tolist() == \
        [["P1", "2026-09", 4.0, 2.0, 2.0]]
    per = gaps.capacity_by_person(frames).set_index("person_id")
    assert per.loc["P1", "overload"] == 2.0 and per.loc["P1", "overload_months"] == 1
    # 12 months × 2 days of capacity, 2 of them free in no month but the 11 others: 22 idle days.
    assert per.loc["P1", "idle"] == pytest.approx(22.0)


def test_team_capacity_per_month(empty_workshop):
    persons = {"P1": {"name": "Alice", "capacity_days": 2}, "P3": {"name": "Chloé", "capacity_days": 1, "role": "élu"}}
    frames = build(empty_workshop, tasks="T1:10:2026-09:2026-09", raci="T1 R=P1 A=P3", persons=persons)
    team = gaps.team_capacity(frames).set_index("month")
    # Load 10 (R) + 1 (the A's 10 %), capacity 3: the team is 8 days short in September.
    assert team.loc["2026-09", ["load", "capacity", "overload"]].tolist() == pytest.approx([11.0, 3.0, 8.0])
    assert team.loc["2026-10", "overload"] == 0


# --- remedies --------------------------------------------------------------------------------

def test_gap_closed_by_training(empty_workshop):
    frames = build(empty_workshop, tasks="T1:10:2026-09:2026-10", requirements="T1 C1:3",
                   assessments="P1 C1 2/3/3")
    r = gaps.remedies(frames)
    best = recommended(r, "C1")
    assert best["remedy"] == "montée en compétences" and best["candidate_id"] == "P1"
    # Defaults: 5 days of training per level at 450 € a day.
    assert (best["cost_days"], best["cost_euros"]) == (5.0, 2250.0)
    assert "niveau 2" in best["reason"] and "Marchés publics" in best["reason"]


def test_gap_closed_only_by_recruitment(empty_workshop):
    # 120 days over six months (1.1 posts at 18 days a month), nobody one level below, no
    # actor holding it: a lasting need, a recruitment of its share of a post.
    frames = build(empty_workshop, tasks="T1:120:2026-09:2027-02", requirements="T1 C2:3",
                   assessments="P1 C1 3/3/3; P2 C2 1/4/4")
    r = remedies_for(gaps.remedies(frames), "C2")
    assert r["remedy"].tolist() == ["recrutement"]
    assert r.iloc[0]["recommended"] and r.iloc[0]["cost_euros"] == 29700.0  # 1.1 × 6 months × 4 500 €
    assert r.iloc[0]["why"] == "recrutement : 1,1 ETP manquant sur 6 mois"


def test_lasting_need_below_half_a_post_is_bought_not_recruited(empty_workshop):
    # 40 days over six months: 0.4 of a post, under the 0.5 ETP threshold.
    frames = build(empty_workshop, tasks="T1:40:2026-09:2027-02", requirements="T1 C2:3",
                   assessments="P1 C1 3/3/3; P2 C2 1/4/4")
    r = remedies_for(gaps.remedies(frames), "C2")
    assert r["remedy"].tolist() == ["expertise externe"]
    assert r.iloc[0]["cost_euros"] == 36000.0
    assert r.iloc[0]["why"] == "expertise : 0,4 ETP sur 6 mois, sous le seuil de recrutement (0,5 ETP)"
    lowered = gaps.CostParams(min_recruit_fte=0.3)
    assert remedies_for(gaps.remedies(frames, lowered), "C2")["remedy"].tolist() == ["recrutement"]


def test_gap_closed_by_widening_the_table(empty_workshop):
    actors = [{"id": "A1", "name": "SAFER", "competences": ["C2"], "mobilised": False},
              {"id": "A2", "name": "Chambre d'agriculture", "competences": ["C2"], "mobilised": True}]
    frames = build(empty_workshop, tasks="T1:6:2027-01:2027-03", requirements="T1 C2:3", actors=actors)
    r = gaps.remedies(frames)
    best = recommended(r, "C2")
    assert best["remedy"] == "élargissement" and best["candidate_id"] == "A1"
    assert "A2" not in set(r["candidate_id"].dropna())  # already at the table
    # A short need: external expertise is the other way, costed at 900 € a day.
    exp = remedies_for(r, "C2").set_index("remedy").loc["expertise externe"]
    assert exp["cost_euros"] == 6 * 900.0


def test_unwilling_expert_calls_for_accompaniment(empty_workshop):
    frames = build(empty_workshop, tasks="T1:5:2026-09:2026-09", requirements="T1 C1:3",
                   assessments="P2 C1 4/3/3; P2 C1 4/0/3 consultant")
    best = recommended(gaps.remedies(frames), "C1")
    assert best["remedy"] == "accompagnement" and best["candidate_id"] == "P2"
    assert "motivation est faible (0/4)" in best["reason"]
    assert best["cost_euros"] == 3 * 900.0


def test_qualified_but_short_of_time_with_idle_days_is_reassignment(empty_workshop):
    frames = build(empty_workshop, tasks="T1:6:2026-09:2026-10", requirements="T1 C3:3",
                   assessments="P1 C3 3/3/1")
    best = recommended(gaps.remedies(frames), "C3")
    assert best["remedy"] == "réaffectation" and best["candidate_id"] == "P1"
    assert best["cost_euros"] == 0.0


def test_overload_taken_over_by_someone_idle_and_able(empty_workshop):
    persons = {"P1": {"name": "Alice", "capacity_days": 2}, "P2": {"name": "Bruno", "capacity_days": 5},
               "P3": {"name": "Chloé", "capacity_days": 10, "role": "élu"}}
    frames = build(empty_workshop, tasks="T1:4:2026-09:2026-09", requirements="T1 C1:2", raci="T1 R=P1 A=P3",
                   assessments="P1 C1 2/2/2; P2 C1 3/3/3", persons=persons)
    best = recommended(gaps.remedies(frames), "P1")
    assert best["target_kind"] == "capacity"
    assert best["remedy"] == "réaffectation" and best["candidate_id"] == "P2"


def test_lasting_overload_without_anybody_able_is_recruitment(empty_workshop):
    # 20 days a month for three months on a capacity of 1: 57 days over, 1.1 posts.
    persons = {"P1": {"name": "Alice", "capacity_days": 1}, "P2": {"name": "Bruno", "capacity_days": 5},
               "P3": {"name": "Chloé", "capacity_days": 10, "role": "élu"}}
    frames = build(empty_workshop, tasks="T1:60:2026-09:2026-11", requirements="T1 C1:3", raci="T1 R=P1 A=P3",
                   assessments="P1 C1 3/3/3", persons=persons)
    r = remedies_for(gaps.remedies(frames), "P1")
    assert r["remedy"].tolist() == ["recrutement"]
    assert r.iloc[0]["cost_euros"] == 14900.0  # 1.1 post × three months × 4 500 €, as an estimate


def test_cost_parameters_change_the_figures(empty_workshop):
    frames = build(empty_workshop, tasks="T1:10:2026-09:2026-10", requirements="T1 C1:3",
                   assessments="P1 C1 2/3/3")
    costs = gaps.CostParams(training_days_per_level=2, training_day_cost=100)
    best = recommended(gaps.remedies(frames, costs), "C1")
    assert (best["cost_days"], best["cost_euros"]) == (2.0, 200.0)
    assert gaps.remedy_cost(frames, costs) == 200.0


def test_french_headers_and_words(empty_workshop):
    frames = build(empty_workshop, tasks="T1:10:2026-09:2026-10", requirements="T1 C1:3",
                   assessments="P1 C1 2/3/3")
    shown = gaps.readable(gaps.remedies(frames), frames)
    assert L.GAP_COLUMNS["remedy"] in shown.columns
    assert "Montée en compétences" in set(shown[L.GAP_COLUMNS["remedy"]])
    g = gaps.readable(gaps.competence_gaps(frames), frames)
    assert g[L.GAP_COLUMNS["best_holders"]].iloc[0] == "Alice Aubert"


def test_empty_workshop_has_no_gap(empty_workshop):
    frames = build(empty_workshop)
    assert gaps.competence_gaps(frames).empty
    assert gaps.capacity_gaps(frames).empty
    assert gaps.remedies(frames).empty
    assert gaps.remedy_cost(frames) == 0.0


# --- the demo: the gaps shown are the flaws it was built with ----------------------------------

@pytest.fixture(scope="module")
def demo_frames(tmp_path_factory):
    from toolkit.demo import build_demo
    from toolkit.core.workshop import Workshop

    ws = Workshop.create(tmp_path_factory.mktemp("gaps-demo") / "atelier")
    build_demo(ws.store)
    frames = ws.store.frames()
    ws.close()
    return frames


def test_demo_unmotivated_competence_is_a_gap(demo_frames):
    g = gaps.competence_gaps(demo_frames)
    cid = DEMO_FLAWS["unmotivated_competence"]
    assert cid in g.index and g.loc[cid, "reason"] == "unwilling"
    r = gaps.remedies(demo_frames)
    assert recommended(r, cid)["remedy"] == "accompagnement"


def test_demo_unmobilised_holder_is_proposed(demo_frames):
    actor, cid = DEMO_FLAWS["unmobilised_holder"]
    g = gaps.competence_gaps(demo_frames)
    assert g.loc[cid, "reason"] == "no_level"
    best = recommended(gaps.remedies(demo_frames), cid)
    assert (best["remedy"], best["candidate_id"]) == ("élargissement", actor)


def test_demo_overloaded_person_has_a_capacity_gap(demo_frames):
    pid = DEMO_FLAWS["overloaded_person"]
    over = gaps.capacity_gaps(demo_frames)
    assert over.iloc[0]["person_id"] == pid
    assert set(over.loc[over["person_id"] == pid, "month"]) == {"2026-10", "2026-11", "2026-12", "2027-01"}
    # Her plan: part of her work spread over her free months, two tasks taken over, the rest bought.
    plan = remedies_for(gaps.remedies(demo_frames), pid).query("recommended")
    assert plan["remedy"].tolist() == ["étalement", "réaffectation", "réaffectation", "expertise externe"]
