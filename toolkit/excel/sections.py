"""The analysis sheets of the deliverable: a registry of ``Section``s, in the method's order.

Each section CALLS an analysis module of ``toolkit`` and returns the table that module
gives for reading (its ``french``/``for_display`` presentation); the export only lays it
out. Nothing is recomputed here. A module that is not there (yet) makes its sections
return None: they are left out of the workbook and of its contents.

Available now: competences (step 3), raci (step 4), workload (step 5). Stakeholders
(step 2), gaps (step 6), governance (step 7) and actions (step 8) are added here when
their modules land.

Example
-------
>>> [s.title for s in SECTIONS][:2]
['Couverture', 'Compétences manquantes']
"""
from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any, Callable

import pandas as pd

from .. import labels as L
from .export import Chart, Context, Hints, Mark, Section

S = L.EXCEL_SECTIONS


def _module(name: str) -> ModuleType | None:
    """``toolkit.<name>``, or None when that module does not exist (yet)."""
    try:
        return importlib.import_module(f"toolkit.{name}")
    except ModuleNotFoundError as exc:
        if exc.name == f"toolkit.{name}":
            return None
        raise


def _cached(ctx: Context, key: str, compute: Callable[[], Any]) -> Any:
    """Compute an analysis once per export, however many sheets show it."""
    if key not in ctx.cache:
        ctx.cache[key] = compute()
    return ctx.cache[key]


# --- step 3: competences (toolkit.competences) -------------------------------------------

def _review(ctx: Context) -> dict[str, pd.DataFrame] | None:
    competences = _module("competences")
    if competences is None:
        return None
    return _cached(ctx, "competences", lambda: competences.review_tables(ctx.frames))


def _review_table(key: str) -> Callable[[Context], pd.DataFrame | None]:
    def build(ctx: Context) -> pd.DataFrame | None:
        tables = _review(ctx)
        if tables is None:
            return None
        return tables.get(L.COMPETENCE_SHEETS[key])
    return build


def _competence_sections() -> list[Section]:
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

def _raci_findings(ctx: Context) -> pd.DataFrame | None:
    raci = _module("raci")
    if raci is None:
        return None
    return _cached(ctx, "raci.check", lambda: raci.check(ctx.frames))


def _raci_matrix(ctx: Context) -> pd.DataFrame | None:
    raci, findings = _module("raci"), _raci_findings(ctx)
    if raci is None or findings is None:
        return None
    matrix = raci.matrix(ctx.frames, names=True)
    # The checks of each task beside its row, so that a reader sees the violations.
    per_task = findings.dropna(subset=["task_id"]).groupby("task_id")["title"].agg(
        lambda t: ", ".join(dict.fromkeys(t)))
    matrix.insert(1, S["raci_checks_column"], per_task.reindex(matrix.index).fillna("").to_numpy())
    return matrix


def _raci_list(ctx: Context) -> pd.DataFrame | None:
    raci, findings = _module("raci"), _raci_findings(ctx)
    return None if raci is None or findings is None else raci.french(findings)


def _raci_summary(ctx: Context) -> pd.DataFrame | None:
    raci, findings = _module("raci"), _raci_findings(ctx)
    return None if raci is None or findings is None else raci.french(raci.summary(findings))


def _raci_proposals(ctx: Context) -> pd.DataFrame | None:
    raci = _module("raci")
    return None if raci is None else raci.french(raci.proposals(ctx.frames))


def _raci_sections() -> list[Section]:
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

def _workload(ctx: Context) -> dict[str, Any] | None:
    workload = _module("workload")
    if workload is None:
        return None
    return _cached(ctx, "workload", lambda: workload.analyse(ctx.frames))


def _workload_table(key: str, numeric: tuple[str, ...] = ()) -> Callable[[Context], pd.DataFrame | None]:
    """The module's French table; rates kept as numbers (shown as %) so Excel can sort them."""
    def build(ctx: Context) -> pd.DataFrame | None:
        result, workload = _workload(ctx), _module("workload")
        if result is None or workload is None:
            return None
        raw = result[key]
        shown = workload.french(raw)
        for name in numeric:
            if name in raw:
                shown[L.WORKLOAD_COLUMNS[name]] = raw[name].to_numpy()
        return shown
    return build


def _workload_sections() -> list[Section]:
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


SECTIONS: list[Section] = [*_competence_sections(), *_raci_sections(), *_workload_sections()]
