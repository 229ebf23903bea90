"""The analysis sheets of the deliverable: a registry of ``Section``s, in the method's order.

Each section CALLS an analysis module of ``toolkit`` and returns the table that module
gives for reading (its step module's ``readable`` presentation); the export only lays it
out. Nothing is recomputed here. The analysis modules are imported plainly: a module
renamed or broken fails at import, it never drops its sheets from the deliverable. Which
step shows which sheets, in which order, is the step registry's (``toolkit.method``).

In the method's order: stakeholders (step 2), competences (3), RACI (4), plan de charge
(5), gaps, remedies and scenarios (6), governance (7), action sheets and the project
review (8). The proposed staffing (``toolkit.staffing``, a MILP solved in up to 20 s) is
left to its carnet: an export should not wait for a solver.

Example
-------
>>> [s.title for s in stakeholder_sections()][:2]
['Grille pouvoir-intérêt', 'Stratégies par quadrant']
"""
from __future__ import annotations

from typing import Any, Callable

import pandas as pd

from .. import actions, competences, gaps, governance, raci, review, scenarios, stakeholders, workload
from ..core import labels as L
from ..core import values as V
from ..report import french_columns
from .kinds import Chart, Context, Hints, Mark, Section

S = L.EXCEL_SECTIONS


def _cached(ctx: Context, key: str, compute: Callable[[], Any]) -> Any:
    """Compute an analysis once per export, however many sheets show it."""
    if key not in ctx.cache:
        ctx.cache[key] = compute()
    return ctx.cache[key]


# --- step 2: stakeholders (toolkit.stakeholders) -------------------------------------------

def _stakeholders(ctx: Context) -> dict[str, Any]:
    return _cached(ctx, "stakeholders", lambda: stakeholders.analyse(ctx.frames))


def _stakeholder_table(key: str) -> Callable[[Context], pd.DataFrame]:
    def build(ctx: Context) -> pd.DataFrame:
        return stakeholders.readable(_stakeholders(ctx)[key])
    return build


def stakeholder_sections() -> list[Section]:
    """Step 2's sheets: the grid, the attitudes, the network and the participants' ratings."""
    C, P = L.STAKEHOLDER_COLUMNS, L.POSTURES
    yes = L.STAKEHOLDER_MESSAGES["yes"]
    risky = Mark(C["posture_label"], (P["influential_opponent"], P["influential_reserved"]), "bad")
    unused = Mark(C["posture_label"], (P["unmobilised_ally"],), "warn")
    attitude = (Mark(C["attitude"], (V.ATTITUDE_OPPONENT,), "bad"), Mark(C["attitude"], (V.ATTITUDE_RESERVED,), "warn"))
    network = (Mark(C["isolated"], (yes,), "bad"), Mark(C["broker"], (yes,), "warn"))
    specs = [
        ("grid", Hints(freeze=2, marks=attitude, heatmap=(C["power"], C["interest"]), heat_range=(0.0, 4.0),
                       high_is_bad=True,
                       # The 2×2 grid: interest across, power up, the axes crossing at the thresholds.
                       chart=Chart("scatter", S["stakeholders_grid"], x=C["interest"], y=(C["power"],),
                                   y_title=C["power"], labels=C["name"], bounds=(0.0, 4.0), cross=2.5))),
        ("quadrants", Hints(chart=Chart("barh", S["stakeholders_quadrants"], x=C["strategy"], y=(C["count"],)))),
        ("attitude", Hints(freeze=2, marks=(risky, unused))),
        ("metrics", Hints(freeze=2, marks=network, heatmap=(C["betweenness"],), high_is_bad=True,
                          formats={C["betweenness"]: "0.000"})),
        ("brokers", Hints(freeze=2, formats={C["betweenness"]: "0.000"})),
        ("isolated", Hints(freeze=2, marks=(Mark(C["isolated"], (yes,), "bad"),))),
        ("communities", Hints()),
        ("widen", Hints(freeze=2)),
        ("duplicates", Hints()),
        ("ratings", Hints(freeze=2, heatmap=(C["disagreement"],), high_is_bad=True)),
    ]
    return [Section(f"stakeholders.{key}", S[f"stakeholders_{key}"], S[f"stakeholders_{key}_text"],
                    _stakeholder_table(key), hints) for key, hints in specs]


# --- step 3: competences (toolkit.competences) -------------------------------------------

def _review(ctx: Context) -> dict[str, pd.DataFrame]:
    return _cached(ctx, "competences", lambda: competences.review_tables(ctx.frames))


def _review_table(key: str) -> Callable[[Context], pd.DataFrame | None]:
    def build(ctx: Context) -> pd.DataFrame | None:
        return _review(ctx).get(L.COMPETENCE_SHEETS[key])
    return build


def competence_sections() -> list[Section]:
    """Step 3's sheets: coverage, gaps, single holders, the savoir/vouloir/pouvoir matrices."""
    C = L.COMPETENCE_COLUMNS
    statuses = L.COMPETENCE_STATUSES
    level = (0.0, 4.0)
    matrix = Hints(index=True, heat_all=True, heat_range=level, float_format="0")
    hints = {
        "coverage": Hints(index=True, freeze=2, marks=(
            Mark(C["status"], (statuses["uncovered"],), "bad"), Mark(C["status"], (statuses["single"],), "warn")),
            heatmap=(C["holders"],), chart=Chart("barh", S["coverage_chart"], x=C["name"], y=(C["holders"],))),
        "lacking": Hints(index=True, freeze=2, heatmap=(C["gap"],), high_is_bad=True),
        "single": Hints(index=True, freeze=2, marks=(Mark(C["holder_id"], (), "warn"),)),
        "training": Hints(heatmap=(C["margin"],), high_is_bad=True),
        "reluctant": Hints(marks=(Mark(C["person_id"], (), "warn"),)),
        "gap": Hints(heatmap=(C["total_gap"],), high_is_bad=True),
        "teams": Hints(index=True, heatmap=(C["savoir"], C["vouloir"], C["pouvoir"]), heat_range=level),
        "savoir": matrix, "vouloir": matrix, "pouvoir": matrix, "combined": matrix,
    }
    return [Section(f"competences.{key}", L.COMPETENCE_SHEETS[key], S[f"competences_{key}"],
                    _review_table(key), hints[key]) for key in hints]


# --- step 4: RACI (toolkit.raci) --------------------------------------------------------

def _raci_findings(ctx: Context) -> pd.DataFrame:
    return _cached(ctx, "raci.check", lambda: raci.check(ctx.frames))


def _raci_matrix(ctx: Context) -> pd.DataFrame:
    findings = _raci_findings(ctx)
    matrix = raci.matrix(ctx.frames, names=True)
    # The checks of each task beside its row, so that a reader sees the violations.
    per_task = findings.dropna(subset=["task_id"]).groupby("task_id")["title"].agg(
        lambda t: ", ".join(dict.fromkeys(t)))
    matrix.insert(1, S["raci_checks_column"], per_task.reindex(matrix.index).fillna("").to_numpy())
    return matrix


def _raci_list(ctx: Context) -> pd.DataFrame:
    return raci.readable(_raci_findings(ctx))


def _raci_summary(ctx: Context) -> pd.DataFrame:
    return raci.readable(raci.summary(_raci_findings(ctx)))


def _raci_proposals(ctx: Context) -> pd.DataFrame:
    return raci.readable(raci.proposals(ctx.frames))


def raci_sections() -> list[Section]:
    """Step 4's sheets: the matrix with its checks, the checks, their summary, the proposals."""
    R = L.RACI_FINDING_COLUMNS
    count = R["count"]
    return [
        Section("raci.matrix", S["raci_matrix"], S["raci_matrix_text"], _raci_matrix,
                Hints(index=True, freeze=2, marks=(Mark(S["raci_checks_column"], (), "bad"),))),
        Section("raci.checks", S["raci_checks"], S["raci_checks_text"], _raci_list,
                Hints(freeze=1, marks=(Mark(R["title"], (), "bad"),))),
        Section("raci.summary", S["raci_summary"], S["raci_summary_text"], _raci_summary,
                Hints(freeze=1, heatmap=(count,), high_is_bad=True,
                      chart=Chart("barh", S["raci_summary"], x=R["title"], y=(count,)))),
        Section("raci.proposals", S["raci_proposals"], S["raci_proposals_text"], _raci_proposals, Hints(freeze=1)),
    ]


# --- step 5: plan de charge (toolkit.workload) ------------------------------------------

def _workload(ctx: Context) -> dict[str, Any]:
    return _cached(ctx, "workload", lambda: workload.analyse(ctx.frames))


def _workload_table(key: str, numeric: tuple[str, ...] = ()) -> Callable[[Context], pd.DataFrame]:
    """The module's French table; rates kept as numbers (shown as %) so Excel can sort them."""
    def build(ctx: Context) -> pd.DataFrame:
        raw = _workload(ctx)[key]
        shown = workload.readable(raw)
        for name in numeric:
            if name in raw:
                shown[L.WORKLOAD_COLUMNS[name]] = raw[name].to_numpy()
        return shown
    return build


def workload_sections() -> list[Section]:
    """Step 5's sheets: the monthly plan, the months at risk, overloads, idle capacity, staffing."""
    W = L.WORKLOAD_COLUMNS
    percent = {W["ratio"]: "0 %", W["staffing_rate"]: "0 %"}
    return [
        Section("workload.plan", S["workload_plan"], S["workload_plan_text"], _workload_table("plan"),
                Hints(index=True, freeze=2, limit=((), W["capacity"]))),
        Section("workload.months", S["workload_months"], S["workload_months_text"],
                _workload_table("months_at_risk"),
                Hints(marks=(Mark(W["at_risk"], (L.WORKLOAD_YES_NO[True],), "bad"),),
                      chart=Chart("line", S["workload_months_chart"], x=W["month"], y=(W["load"], W["capacity"]),
                                  y_title=S["days"]))),
        Section("workload.overloads", S["workload_overloads"], S["workload_overloads_text"],
                _workload_table("overloads", ("ratio",)),
                Hints(freeze=2, formats=percent, heatmap=(W["overload"],), high_is_bad=True)),
        Section("workload.idle", S["workload_idle"], S["workload_idle_text"], _workload_table("idle"),
                Hints(freeze=2, heatmap=(W["idle"],), high_is_bad=False)),
        Section("workload.staffing", S["workload_staffing"], S["workload_staffing_text"],
                _workload_table("staffing", ("staffing_rate",)),
                Hints(freeze=2, formats=percent, heatmap=(W["staffing_rate"],), heat_range=(0.0, 1.0),
                      marks=(Mark(W["tasks_without_r"], (), "warn"),))),
    ]


# --- step 6: gaps, remedies, scenarios (toolkit.gaps, toolkit.scenarios) -------------------

def _gaps_table(compute: Callable[[dict[str, pd.DataFrame]], pd.DataFrame]) -> Callable[[Context], pd.DataFrame]:
    def build(ctx: Context) -> pd.DataFrame:
        table = _cached(ctx, f"gaps.{compute.__name__}", lambda: compute(ctx.frames))
        return gaps.readable(table, ctx.frames)
    return build


def _scenarios(ctx: Context) -> pd.DataFrame | None:
    stored = scenarios.stored_scenarios(ctx.store)
    if not stored:
        return None  # nothing to compare: no sheet
    table = scenarios.compare(ctx.frames, stored)
    table.index.name = S["indicator"]
    return table


def gap_sections() -> list[Section]:
    """Step 6's sheets: competence and capacity gaps, the remedies, the scenarios compared."""
    G = L.GAP_COLUMNS
    return [
        Section("gaps.competences", S["gaps_competences"], S["gaps_competences_text"],
                _gaps_table(gaps.competence_gaps),
                Hints(index=True, freeze=2, heatmap=(G["gap"],), high_is_bad=True, heat_range=(0.0, 4.0))),
        Section("gaps.capacity", S["gaps_capacity"], S["gaps_capacity_text"], _gaps_table(gaps.capacity_gaps),
                Hints(freeze=2, heatmap=(G["overload"],), high_is_bad=True)),
        Section("gaps.persons", S["gaps_persons"], S["gaps_persons_text"], _gaps_table(gaps.capacity_by_person),
                Hints(freeze=2, marks=(Mark(G["overload_months"], (), "bad"),))),
        Section("gaps.team", S["gaps_team"], S["gaps_team_text"], _gaps_table(gaps.team_capacity),
                Hints(marks=(Mark(G["overload"], (), "bad"), Mark(G["persons_over"], (), "warn")),
                      chart=Chart("line", S["gaps_team_chart"], x=G["month"], y=(G["load"], G["capacity"]),
                                  y_title=S["days"]))),
        Section("gaps.remedies", S["gaps_remedies"], S["gaps_remedies_text"], _gaps_table(gaps.remedies),
                Hints(freeze=3, marks=(Mark(G["recommended"], (L.EXCEL_TEXT["yes"],), "good"),),
                      formats={G["cost_euros"]: "# ##0 €"})),
        Section("gaps.scenarios", S["gaps_scenarios"], S["gaps_scenarios_text"], _scenarios,
                Hints(index=True, float_format="# ##0.0")),
    ]


# --- step 7: governance (toolkit.governance) ----------------------------------------------

def _shown(compute: Callable[[Context], pd.DataFrame]) -> Callable[[Context], pd.DataFrame]:
    """An analysis's table with the French headings of ``toolkit.report``."""
    def build(ctx: Context) -> pd.DataFrame:
        return french_columns(compute(ctx))
    return build


def governance_sections() -> list[Section]:
    """Step 7's sheets: the bodies, their members, the meetings' calendar."""
    Gv = L.GOV_COLUMNS
    return [
        Section("governance.bodies", S["governance_bodies"], S["governance_bodies_text"],
                _shown(lambda ctx: governance.bodies_table(ctx.frames)), Hints(freeze=2)),
        Section("governance.members", S["governance_members"], S["governance_members_text"],
                _shown(lambda ctx: governance.members_table(ctx.frames)), Hints(freeze=2)),
        Section("governance.calendar", S["governance_calendar"], S["governance_calendar_text"],
                _shown(lambda ctx: governance.meeting_calendar(ctx.frames)),
                Hints(freeze=2, marks=(Mark(Gv["moved"], (True,), "warn"),))),
    ]


# --- step 8: action sheets and the project review (toolkit.actions, toolkit.review) ----------

def _sheets_overview(ctx: Context) -> pd.DataFrame:
    # Two « Pilote » columns once in French (the id and the name): say which is which.
    return actions.sheets_overview(ctx.frames).rename(columns={"pilot_id": S["pilot_id"]})


def action_sections() -> list[Section]:
    """Step 8's sheets: the action sheets, by state, the budget, co-funders, late and silent actions."""
    R, F_ = L.REVIEW_COLUMNS, L.FIELD_LABELS
    euros = {F_["budget_planned"]: "# ##0 €", F_["budget_committed"]: "# ##0 €", F_["budget_spent"]: "# ##0 €",
             R["cofunded"]: "# ##0 €", F_["amount"]: "# ##0 €"}
    return [
        Section("actions.sheets", S["actions_sheets"], S["actions_sheets_text"], _shown(_sheets_overview),
                Hints(freeze=2, formats=euros, heatmap=(F_["completion"],), heat_range=(0.0, 100.0))),
        Section("actions.states", S["actions_states"], S["actions_states_text"],
                _shown(lambda ctx: review.actions_by_state(ctx.frames)),
                Hints(formats=euros, chart=Chart("barh", S["actions_states"], x=F_["state"], y=(R["actions"],)))),
        Section("actions.budget", S["actions_budget"], S["actions_budget_text"],
                _shown(lambda ctx: review.budget_consumption(ctx.frames)),
                Hints(freeze=2, formats=euros, marks=(Mark(R["alert"], (), "bad"),))),
        Section("actions.cofunders", S["actions_cofunders"], S["actions_cofunders_text"],
                _shown(lambda ctx: review.funding_by_cofunder(ctx.frames)),
                Hints(freeze=2, formats=euros,
                      chart=Chart("barh", S["actions_cofunders"], x=R["cofunder"], y=(F_["amount"],)))),
        Section("actions.late", S["actions_late"], S["actions_late_text"],
                _shown(lambda ctx: review.late_actions(ctx.frames, ctx.today)),
                Hints(freeze=2, heatmap=(R["days_late"],), high_is_bad=True)),
        Section("actions.stalled", S["actions_stalled"], S["actions_stalled_text"],
                _shown(lambda ctx: review.stalled_actions(ctx.frames, ctx.today)),
                Hints(freeze=2, heatmap=(R["weeks_silent"],), high_is_bad=True)),
    ]

