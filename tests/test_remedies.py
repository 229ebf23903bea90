"""Remedies as a consultant proposes them (issue 19 item 7): a table of capacity cases,
each with the plan recommended and its reason in French.

Every world is written with ``gaps_world.build`` (a real store, read back as frames). P3,
the action's pilot, approves each task (A): its share (10 %) never overloads her.
"""
from __future__ import annotations

from typing import Any

import pytest
from gaps_world import build

from toolkit import gaps
from toolkit.core import formats as F

# Alice is the overloaded one; Bruno is the organisation's; Xavier is a partner's agent.
PEOPLE = {"P1": {"name": "Alice", "capacity_days": 5}, "P2": {"name": "Bruno", "capacity_days": 10},
          "X": {"name": "Xavier", "capacity_days": 10, "affiliation": "partenaire"},
          "P3": {"name": "Chloé", "capacity_days": 10, "role": "élu"}}


def _plan(frames: dict[str, Any], costs: gaps.CostParams | None = None, target: str = "P1"):
    r = gaps.remedies(frames, costs or gaps.DEFAULT_COSTS)
    return r[r["target_id"] == target]


# world: build()'s arguments; then the remedies of P1 recommended, the reason of the last one
# recommended (« Pourquoi ce remède ») and its cost in euros.
CASES = {
    "tiny overload: nothing bought, nothing recruited": (
        dict(tasks="T1:5.2:2026-09:2026-09", requirements="T1 C1:3", raci="T1 R=P1 A=P3",
             assessments="P1 C1 3/3/3"),
        ["absorption"], "surcharge marginale : 0,2 j en septembre, rien à acheter", 0.0),
    "overload absorbed by her free days later: spread": (
        dict(tasks="T1:16:2026-09:2026-12 T2:3:2026-09:2026-09", requirements="T1 C1:3; T2 C1:3",
             raci="T1 R=P1 A=P3; T2 R=P1 A=P3", assessments="P1 C1 3/3/3"),
        ["étalement"], "étaler : 2 j vers 2 j libres en octobre–novembre", 0.0),
    "an able colleague of the organisation takes a task over": (
        dict(tasks="T1:8:2026-09:2026-09", requirements="T1 C1:2", raci="T1 R=P1 A=P3",
             assessments="P1 C1 3/3/3; P2 C1 3/3/3; X C1 3/3/3"),
        ["réaffectation"], "réaffecter « Tâche T1 » : Bruno a 10 j libres sur ses mois", 0.0),
    "short overload above the minimum purchase: external help": (
        dict(tasks="T1:9:2026-09:2026-09", requirements="T1 C1:3", raci="T1 R=P1 A=P3",
             assessments="P1 C1 3/3/3"),
        ["expertise externe"], "renfort externe : il reste 4 j en septembre", 3600.0),
    "lasting overload under half a post: external help, not a recruitment": (
        dict(tasks="T1:24:2026-09:2026-11", requirements="T1 C1:3", raci="T1 R=P1 A=P3",
             assessments="P1 C1 3/3/3"),
        ["expertise externe"], "renfort externe : 0,2 ETP manquant sur 3 mois, sous le seuil de recrutement "
                               "(0,5 ETP)", 8100.0),
    "large lasting overload: a recruitment of its share of a post": (
        dict(tasks="T1:75:2026-09:2026-11", requirements="T1 C1:3", raci="T1 R=P1 A=P3",
             assessments="P1 C1 3/3/3"),
        ["recrutement"], "recrutement : 1,1 ETP manquant sur 3 mois", 14900.0),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_capacity_cases(empty_workshop, case: str) -> None:
    world, plan, why, euros = CASES[case]
    frames = build(empty_workshop, persons=PEOPLE, **world)
    rows = _plan(frames)
    chosen = rows[rows["recommended"]]
    assert chosen["remedy"].tolist() == plan, rows[["remedy", "why", "recommended"]]
    assert F.plain(chosen.iloc[-1]["why"]) == why
    assert chosen["cost_euros"].sum() == euros
    if plan in (["absorption"], ["étalement"], ["réaffectation"]):
        assert not set(rows["remedy"]) & {"recrutement", "expertise externe"}, rows[["remedy", "why"]]
    assert "X" not in set(rows["candidate_id"].dropna())  # a partner's agent is never handed her task


def test_internal_before_external_and_external_only_when_allowed(empty_workshop) -> None:
    frames = build(empty_workshop, persons=PEOPLE, tasks="T1:8:2026-09:2026-09", requirements="T1 C1:2",
                   raci="T1 R=P1 A=P3", assessments="P1 C1 3/3/3; P2 C1 3/3/3; X C1 3/3/3")
    allowed = _plan(frames, gaps.CostParams(allow_external=True))
    takers = allowed[allowed["remedy"] == "réaffectation"]
    assert takers["candidate_id"].tolist() == ["P2", "X"]  # the organisation's first
    assert takers["recommended"].tolist() == [True, False]
    assert "X" not in set(_plan(frames)["candidate_id"].dropna())


def test_spread_stays_in_the_tasks_window(empty_workshop) -> None:
    # September: 5 + 4 days on 5; October: 5 on 5. Her free months (November on) are outside
    # both tasks' windows: nothing to spread, the 4 days are bought.
    frames = build(empty_workshop, persons=PEOPLE, tasks="T1:10:2026-09:2026-10 T2:4:2026-09:2026-09",
                   requirements="T1 C1:3; T2 C1:3", raci="T1 R=P1 A=P3; T2 R=P1 A=P3",
                   assessments="P1 C1 3/3/3")
    rows = _plan(frames)
    assert "étalement" not in set(rows["remedy"])
    assert rows[rows["recommended"]]["remedy"].tolist() == ["expertise externe"]
    assert rows[rows["recommended"]]["cost_days"].tolist() == [4.0]


def test_competence_costs_are_estimates(empty_workshop) -> None:
    frames = build(empty_workshop, tasks="T1:0.7:2026-09:2026-09", requirements="T1 C2:3")
    expertise = gaps.remedies(frames).set_index("remedy").loc["expertise externe"]
    assert expertise["cost_days"] == 0.7 and expertise["cost_euros"] == 650.0  # 630 € written 650 €
    assert expertise["why"].startswith("expertise : ")


def test_team_spread_before_team_recruitment(empty_workshop) -> None:
    # One person, team of one: short three months in a row, free after, inside the task's window.
    people = {"P1": {"name": "Alice", "capacity_days": 5}, "P3": {"name": "Chloé", "capacity_days": 0.1, "role": "élu"}}
    frames = build(empty_workshop, persons=people, tasks="T1:9:2026-09:2026-11 T2:18:2026-09:2027-02",
                   raci="T1 R=P1; T2 R=P1")
    team = _plan(frames, target="équipe")
    assert team["remedy"].tolist()[0] == "étalement" and team.iloc[0]["recommended"]
    assert "recrutement" not in set(team["remedy"])


def test_competence_remedies_internal_first_external_only_when_allowed(empty_workshop) -> None:
    # Bruno (the organisation's) is one level below; Xavier (a partner's agent) has the level,
    # is rated short of time (pouvoir 1) and has free days. By default Xavier is never named;
    # allowed, he comes after Bruno's training.
    frames = build(empty_workshop, persons=PEOPLE, tasks="T1:4:2026-09:2026-10", requirements="T1 C1:3",
                   assessments="P2 C1 2/3/3; X C1 3/3/1")
    default = gaps.remedies(frames)
    assert "X" not in set(default["candidate_id"].dropna())
    allowed = gaps.remedies(frames, gaps.CostParams(allow_external=True))
    assert {"P2", "X"} <= set(allowed["candidate_id"].dropna())
    best = allowed[allowed["recommended"]].iloc[0]
    assert (best["remedy"], best["candidate_id"]) == ("montée en compétences", "P2")
    assert best["why"] == "former : Bruno est à un niveau du requis, motivation 3/4"
