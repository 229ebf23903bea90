"""Step 9 — restitution: one self-contained HTML report of the whole diagnosis, and its PDF.

The report is a list of sections, each a French title and a function that returns an HTML
fragment from the workshop (``summary_section``, ``raci_section``…, one or more per step);
which step shows which sections, in which order, is the step registry's
(``toolkit.method.report_sections``), which hands them to :func:`build_report`. Every
section *calls* the analysis of its step (never recomputes it) and only presents what it
returns. The page is self-contained: inline styles, pictures as
``data:`` PNG, no remote resource, and every text from the workshop is escaped. The PDF is
made by LibreOffice headless (``soffice --convert-to pdf``) from that HTML.

Example
-------
>>> from toolkit.method import report_sections  # doctest: +SKIP
>>> paths = write_report(ws, sections=report_sections())  # doctest: +SKIP
>>> sorted(paths)  # doctest: +SKIP
['html', 'pdf']
"""
from __future__ import annotations

import base64
import contextvars
import datetime as dt
import html
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

import pandas as pd

from .core import formats as F
from .core import french as W
from .core import labels as L
from .core import model
from .display import name_identifiers

REPORT_FOLDER = "restitution"
# Above this many assessed persons the persons × competences map is left to carnet 03.
MAP_MAX_PERSONS = 80
# Seconds given to the staffing solver for the report's proposal (the demo's takes < 1 s).
STAFFING_SECONDS = 10.0
# A table of this many columns or more is printed on landscape pages (paginate_docx).
LANDSCAPE_COLUMNS = 7
REPORT_NAME = "restitution"
VALUE_DIGITS = 2  # decimals of a number in a table of the report


# --- Presenting values in French -------------------------------------------------------------

def column_label(name: str) -> str:
    """The French heading of a column of the analyses' DataFrames."""
    for catalogue in (L.GOV_COLUMNS, L.REVIEW_COLUMNS, L.FIELD_LABELS):
        if name in catalogue:
            return catalogue[name]
    return name


def french_columns(df: pd.DataFrame) -> pd.DataFrame:
    """The DataFrame with French column headings (for display in a carnet)."""
    return df.rename(columns={c: column_label(c) for c in df.columns})


# --- HTML pieces (every text escaped) -----------------------------------------------------------

def esc(value: Any) -> str:
    """Escaped text for HTML (quotes included); a value as a French reader reads it
    (``formats.text``, two decimals at most): ``1 234 567``, ``12,5``, ``23/11/2026``, oui/non.

    >>> esc(1234567.0), esc(12.5), esc(dt.date(2026, 11, 23)), esc("<b>")
    ('1\u202f234\u202f567', '12,5', '23/11/2026', '&lt;b&gt;')
    """
    return html.escape(F.text(value, digits=VALUE_DIGITS) if not isinstance(value, str) else value, quote=True)


#: The workshop's frames while a report is built: its tables read identifiers as the records'
#: names (a client reads « Marchés publics », never « CMP-09 »).
_FRAMES: contextvars.ContextVar[Mapping[str, pd.DataFrame] | None] = contextvars.ContextVar("report_frames",
                                                                                             default=None)


def table_html(df: pd.DataFrame, columns: list[str] | None = None, empty: str | None = None,
               numeric: tuple[str, ...] = ()) -> str:
    """An HTML table of ``df`` (selected ``columns``), French headings and values, escaped;
    while a report is built, identifiers read as the records' names (``display.name_identifiers``)."""
    if df is None or df.empty:
        return f'<p class="vide">{esc(empty or L.REPORT_LABELS["empty"])}</p>'
    if df.index.name is not None:  # the analyses' display frames carry their key as the index
        df = df.reset_index()
    columns = [c for c in (columns or list(df.columns)) if c in df.columns]
    frames = _FRAMES.get()
    df = name_identifiers(df[columns], frames) if frames is not None else df[columns]
    columns = list(df.columns)
    head = "".join(f"<th>{esc(column_label(c))}</th>" for c in columns)
    body = []
    for row in df[columns].itertuples(index=False):
        cells = []
        for c, v in zip(columns, row):
            right = c in numeric or (isinstance(v, (int, float)) and not isinstance(v, bool))
            cls = ' class="n"' if right else ""
            cells.append(f"<td{cls}>{esc(F.month_short(v) if F.is_stored_month(v) else v)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f'<table border="1" cellspacing="0" cellpadding="3" width="100%"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def image_html(png: bytes, alt: str) -> str:
    """A PNG inline (``data:`` URI), as wide as the page: the report never fetches anything."""
    data = base64.b64encode(png).decode("ascii")
    return f'<p class="figure"><img src="data:image/png;base64,{data}" alt="{esc(alt)}" width="100%"></p>'


def note_html(text: str) -> str:
    return f'<p class="note">{esc(text)}</p>'


def definition_html(items: list[tuple[str, Any]]) -> str:
    rows = "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in items)
    return f'<table class="fiche" border="0" cellspacing="0" cellpadding="3" width="70%">{rows}</table>'


# --- Sections -------------------------------------------------------------------------------------

@dataclass
class ReportContext:
    """What every section receives: the workshop, its store and DataFrames, the day."""

    ws: Any
    today: dt.date
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    cache: dict[str, Any] = field(default_factory=dict)  # an analysis shared by two sections

    @property
    def store(self) -> Any:
        return self.ws.store


@dataclass(frozen=True)
class Section:
    """One section of the report: ``build(context)`` returns its HTML fragment (escaped)."""

    key: str
    title: str
    build: Callable[[ReportContext], str]


def project_section(ctx: ReportContext) -> str:
    """The project's sheet (step 1, cadrage): name, territory, programme, horizon, axes."""
    project = ctx.frames["project"]
    if project.empty:
        return note_html(L.GOV_MESSAGES["no_project"])
    p = project.iloc[0]
    from .governance import horizon

    start, end = horizon(ctx.frames)
    out = [definition_html([
        (L.FIELD_LABELS["name"], p["name"]), (L.FIELD_LABELS["territory"], p["territory"]),
        (L.FIELD_LABELS["programme"], p["programme"]),
        (L.REPORT_LABELS["horizon"], f"{F.text(start)} – {F.text(end - dt.timedelta(days=1))}"),
    ])]
    if isinstance(p["description"], str) and p["description"]:
        out.append(f"<p>{esc(p['description'])}</p>")
    actions = ctx.frames["actions"]
    axes = ctx.frames["axes"].rename(columns={"name": "axis"})
    per_axis = actions.groupby("axis_id").agg(actions=("id", "size"), budget_planned=("budget_planned", "sum"))
    axes = axes.join(per_axis, on="id").fillna({"actions": 0, "budget_planned": 0})
    out.append(table_html(axes, ["axis", "actions", "budget_planned"]))  # the axis by its name: no AXE- code in a client document
    return "".join(out)


def _figure(fig: Any, alt: str) -> str:
    from .viz.organisation import figure_png

    return image_html(figure_png(fig), alt)


def _stakeholder_analysis(ctx: ReportContext) -> dict[str, Any]:
    """``stakeholders.analyse`` once for the two sections that present it."""
    if "stakeholders" not in ctx.cache:
        from . import stakeholders as S

        ctx.cache["stakeholders"] = S.analyse(ctx.frames)
    return ctx.cache["stakeholders"]


def stakeholders_section(ctx: ReportContext) -> str:
    """Step 2, from ``toolkit.stakeholders`` (Mendelow's power/interest grid, attitudes)."""
    from . import stakeholders as S
    from .viz.grid import grid_figure

    r = _stakeholder_analysis(ctx)
    show = S.readable
    return "".join([
        _figure(grid_figure(r["grid"]), L.REPORT_LABELS["grid"]),
        f"<h3>{esc(L.REPORT_LABELS['quadrants'])}</h3>", table_html(show(r["quadrants"])),
        f"<h3>{esc(L.REPORT_LABELS['opponents'])}</h3>",
        table_html(show(r["influential_opponents"])),
        f"<h3>{esc(L.REPORT_LABELS['unmobilised_allies'])}</h3>", table_html(show(r["unmobilised_allies"])),
        f"<h3>{esc(L.REPORT_LABELS['widen'])}</h3>", table_html(show(r["widen"])),
    ])


def map_section(ctx: ReportContext) -> str:
    """Step 2's network, from ``toolkit.stakeholders`` (centrality, brokers, isolated actors)."""
    from . import stakeholders as S
    from .viz.network_map import layout_positions
    from .viz.network_picture import network_picture

    r = _stakeholder_analysis(ctx)
    positions = layout_positions(r["graph"])
    return "".join([
        _figure(network_picture(r["graph"], r["metrics"], positions), L.REPORT_LABELS["map_title"]),
        f"<h3>{esc(L.REPORT_LABELS['brokers'])}</h3>", table_html(S.readable(r["brokers"])),
        f"<h3>{esc(L.REPORT_LABELS['isolated'])}</h3>", table_html(S.readable(r["isolated"])),
    ])


def gaps_section(ctx: ReportContext) -> str:
    """Step 6, from ``toolkit.gaps`` (needed versus available, the method's remedies)."""
    from . import gaps

    f = ctx.frames
    remedies = gaps.remedies(f)
    recommended = remedies[remedies["recommended"].astype(bool)]
    return "".join([
        f"<h3>{esc(L.REPORT_LABELS['competence_gaps'])}</h3>", table_html(gaps.readable(gaps.competence_gaps(f), f)),
        f"<h3>{esc(L.REPORT_LABELS['capacity_gaps'])}</h3>", table_html(gaps.readable(gaps.capacity_gaps(f), f)),
        f"<h3>{esc(L.REPORT_LABELS['remedies'])}</h3>", table_html(gaps.readable(recommended, f)),
    ])


def competences_section(ctx: ReportContext) -> str:
    """Step 3, from ``toolkit.competences`` (Le Boterf's savoir, vouloir, pouvoir agir)."""
    from . import competences as C
    from .viz.heatmap import competence_heatmap

    f = ctx.frames
    a, p, c = f["assessments"], f["persons"], f["competences"]

    def show(df: pd.DataFrame) -> pd.DataFrame:
        return C.readable(df, p, c)

    out = [
        f"<h3>{esc(L.REPORT_LABELS['coverage'])}</h3>", table_html(show(C.coverage(a, c))),
        f"<h3>{esc(L.REPORT_LABELS['lacking'])}</h3>",
        table_html(show(C.lacking_competences(f["requirements"], a, c))),
        f"<h3>{esc(L.REPORT_LABELS['single_holder'])}</h3>", table_html(show(C.single_points_of_failure(a, c))),
        f"<h3>{esc(L.REPORT_LABELS['mobilisable_map'])}</h3>",
    ]
    assessed = a["person_id"].nunique() if len(a) else 0
    if assessed > MAP_MAX_PERSONS:  # unreadable on a page, and minutes to draw
        out.append(note_html(L.REPORT_LABELS["map_too_big"].format(n=assessed, max=MAP_MAX_PERSONS)))
    else:
        out += [note_html(L.REPORT_LABELS["anonymised"]),
                _figure(competence_heatmap(C.matrix(a, "mobilisable", p, c), p, c, "mobilisable", anonymise=True),
                        L.REPORT_LABELS["mobilisable_map"])]
    return "".join(out)


def raci_section(ctx: ReportContext) -> str:
    """Step 4, from ``toolkit.raci`` (its checks of the method's rules)."""
    from . import raci

    findings = raci.check(ctx.frames)
    return "".join([
        f"<h3>{esc(L.REPORT_LABELS['raci_summary'])}</h3>", table_html(raci.readable(raci.summary(findings))),
        f"<h3>{esc(L.REPORT_LABELS['raci_findings'])}</h3>", table_html(raci.readable(findings)),
    ])


def workload_section(ctx: ReportContext) -> str:
    """Step 5, from ``toolkit.workload`` (load per person and month against capacity)."""
    from . import workload
    from .viz import workload as pictures

    plan = workload.analyse(ctx.frames)
    return "".join([
        _figure(pictures.heatmap(plan["table"]), L.REPORT_SECTIONS["plan_de_charge"]),
        f"<h3>{esc(L.REPORT_LABELS['overloads'])}</h3>", table_html(workload.readable(plan["overloads"].round(1))),
        f"<h3>{esc(L.REPORT_LABELS['months_at_risk'])}</h3>",
        table_html(workload.readable(plan["months_at_risk"].round(1))),
        f"<h3>{esc(L.REPORT_LABELS['monthly_plan'])}</h3>", table_html(workload.readable(plan["plan"].round(1))),
        f"<h3>{esc(L.REPORT_LABELS['gantt'])}</h3>", _figure(pictures.gantt(ctx.frames), L.REPORT_LABELS["gantt"]),
    ])


def governance_section(ctx: ReportContext) -> str:
    """Step 7, from ``toolkit.governance`` (the bodies, the organisation chart, the meetings)."""
    from . import governance as G
    from .viz.organisation import organisation_figure

    frames = ctx.frames
    out = [f"<h3>{esc(L.REPORT_LABELS['bodies'])}</h3>",
           table_html(G.bodies_table(frames), ["name", "kind", "rhythm_weeks", "first_date", "reports_to",
                                               "chair", "facilitator", "members"])]
    out.append(_figure(organisation_figure(G.organisation_graph(frames)), L.REPORT_LABELS["organisation_alt"]))
    if len(frames["project"]) and len(frames["bodies"]):
        calendar = G.meeting_calendar(frames)
        rows = []
        for body_id, group in calendar.groupby("body_id", sort=False):
            dates = ", ".join(F.date_compact(d) + ("*" if moved else "") + (f" ({L.REPORT_LABELS['cancelled']})" if cancelled else "")
                              for d, moved, cancelled in zip(group["date"], group["moved"] | group["rescheduled"],
                                                             group["cancelled"]))
            rows.append({"body": group["body"].iloc[0], "members": len(group), "dates": dates})
        out.append(f"<h3>{esc(L.REPORT_LABELS['calendar'])}</h3>")
        out.append(table_html(pd.DataFrame(rows).rename(columns={"members": "meetings"}), ["body", "meetings", "dates"]))
        if calendar["moved"].any():
            out.append(note_html(L.REPORT_LABELS["moved_note"]))
    return "".join(out)


def sheets_section(ctx: ReportContext) -> str:
    """Step 8, from ``toolkit.actions`` (every action sheet, sub-actions under their parent)."""
    from .actions import sheets_tree

    tree = sheets_tree(ctx.frames)
    # a sub-action reads under its parent, whose line rolls it up
    tree["name"] = [L.REPORT_LABELS["sub_action_mark"] * int(level) + str(name)
                    for name, level in zip(tree["name"], tree["level"])]
    out = [table_html(tree, ["id", "name", "pilot", "state", "completion", "budget_planned",
                             "budget_spent", "cofunded", "last_entry"])]
    if (tree["level"] > 0).any():
        out.append(note_html(L.REPORT_LABELS["sub_actions_note"]))
    return "".join(out)


def review_section(ctx: ReportContext) -> str:
    """Step 8's project review, from ``toolkit.review`` (states, budget, late and silent actions)."""
    from . import review as R

    board = R.review_dashboard(ctx.store, today=ctx.today)
    t = board["budget_totals"]
    out = [f"<h3>{esc(L.REPORT_LABELS['by_state'])}</h3>", table_html(board["by_state"]),
           f"<h3>{esc(L.REPORT_LABELS['budget'])}</h3>",
           definition_html([(column_label(k), t[k]) for k in ("budget_planned", "budget_committed", "budget_spent",
                                                             "cofunded", "committed_pct", "spent_pct", "cofunded_pct")]),
           table_html(board["cofunders"], ["cofunder", "amount", "actions"]),
           f"<h3>{esc(L.REPORT_LABELS['late'])}</h3>",
           table_html(board["late"], ["name", "pilot", "state", "completion", "expected", "end_date", "reason"]),
           f"<h3>{esc(L.REPORT_LABELS['stalled'].format(weeks=4))}</h3>",
           table_html(board["stalled"], ["name", "pilot", "state", "last_entry", "weeks_silent"]),
           f"<h3>{esc(L.REPORT_LABELS['without_pilot'])}</h3>",
           table_html(board["without_pilot"], ["name", "axis", "state", "budget_planned"]),
           f"<h3>{esc(L.REPORT_LABELS['held'])}</h3>",
           table_html(board["held"], ["name", "pilot", "state", "priority", "last_entry", "last_text"],
                      empty=L.REPORT_LABELS["no_held"])]
    alerts = board["budget"][board["budget"]["alert"] != ""]
    if len(alerts):
        out += [f"<h3>{esc(L.REPORT_LABELS['alerts'])}</h3>",
                table_html(alerts, ["id", "name", "budget_planned", "budget_committed", "budget_spent", "alert"])]
    out += [f"<h3>{esc(L.REPORT_LABELS['reviews'])}</h3>",
            table_html(R.reviews_table(ctx.frames), ["when", "body", "present", "excused", "changes"],
                       empty=L.REPORT_LABELS["no_review"])]
    if board["next_review"]:
        out.append(note_html(L.REPORT_LABELS["next_review_when"].format(when=board["next_review_text"])))
    if board["last_review"] is not None:
        out += [f"<h3>{esc(L.REPORT_LABELS['minutes'])}</h3>", _minutes_html(R.minutes(ctx.store))]
    return "".join(out)


def _minutes_html(m: dict[str, Any]) -> str:
    """The relevé de conclusions of a review (``review.minutes``) as a report fragment."""
    T = L.MINUTES
    out = [f"<p><b>{esc(m['title'])}</b><br>{esc(T['when'].format(when=m['when']))}"
           + (f" — {esc(m['body'])}" if m["body"] else "") + "</p>"]
    if m["place"]:
        out.append(f"<p>{esc(T['place'].format(place=m['place']))}</p>")
    for key in ("present", "excused"):
        out.append(f"<p><b>{esc(T[key])}</b> {esc('; '.join(m[key]) or T['nobody'])}</p>")
    out.append(f"<p><b>{esc(T['h_decisions'])}</b></p>")
    out.append("<ul>" + "".join(f"<li>{esc(d)}</li>" for d in m["decisions"]) + "</ul>" if m["decisions"]
               else note_html(T["no_decision"]))
    out.append(f"<p><b>{esc(T['h_changes'])}</b></p>")
    changes = pd.DataFrame(m["changes"], columns=["action", "field", "before", "after"])
    out.append(table_html(changes, empty=T["no_change"]))
    out.append(f"<p><b>{esc(T['next'].format(when=m['next']) if m['next'] else T['no_next'])}</b></p>")
    return "".join(out)


# --- The story: what to decide, the scenarios, the staffing proposal ------------------------------

def _decision_rows(ctx: ReportContext) -> list[dict[str, str]]:
    """The five things to decide, one per step's finding (only those the workshop shows)."""
    from . import gaps, raci, workload
    from . import review as R

    f, D = ctx.frames, L.REPORT_SUMMARY
    rows: list[dict[str, str]] = []
    no_pilot = R.actions_without_pilot(f)
    if len(no_pilot):
        rows.append({"step": D["step_review"], "finding": D["no_pilot"].format(
            actions=F.count(len(no_pilot), D["action"]), names=F.join(D["quoted"].format(name=n) for n in no_pilot["name"])),
            "decide": D["no_pilot_decide"]})
    plan = workload.analyse(f)
    over = plan["overloads"]
    if len(over):
        worst = over.sort_values("ratio", ascending=False).groupby("person_id", sort=False).head(1)
        months = over.groupby("person_id")["month"].nunique()
        parts = [D["overload_person"].format(name=r.person, peak=F.percent(r.ratio, 0), month=F.month(f"{r.month}-01"),
                                             months=F.count(months[r.person_id], D["month"], D["month"]))
                 for r in worst.head(3).itertuples(index=False)]
        rows.append({"step": D["step_workload"], "finding": D["overload"].format(
            persons=F.count(over["person_id"].nunique(), D["person"]), detail=F.join(parts)),
            "decide": D["overload_decide"].format(who=W.word(over["person_id"].nunique(), D["this_person"],
                                                            D["these_persons"]))})
    lacking = gaps.competence_gaps(f)
    if len(lacking):
        rows.append({"step": D["step_gaps"], "finding": D["lacking"].format(
            competences=F.count(len(lacking), D["competence"]),
            required=W.word(len(lacking), D["required"], D["required_many"]), names=F.join(D["quoted"].format(name=n) for n in lacking["competence"].head(4)),
            days=F.days(float(lacking["days"].sum()), long=True)), "decide": D["lacking_decide"]})
    summary = raci.summary(raci.check(f)).set_index("check")["count"]
    flaws = [f"{F.count(int(summary[k]), D['task'])} {D['raci_' + k]}" for k in ("no_r", "no_a", "several_a")
             if k in summary and summary[k] > 0]
    if flaws:
        rows.append({"step": D["step_raci"], "finding": D["raci"].format(flaws=F.join(flaws)),
                     "decide": D["raci_decide"]})
    opponents = _stakeholder_analysis(ctx)["influential_opponents"] if len(f["actors"]) else pd.DataFrame()
    if len(opponents):
        rows.append({"step": D["step_stakeholders"], "finding": D["opponents"].format(
            actors=F.count(len(opponents), D["actor"], D["actors"]),
            stance=W.word(len(opponents), D["stance"], D["stance_many"]), names=F.join(opponents["name"].head(4))),
            "decide": D["opponents_decide"].format(them=W.word(len(opponents), D["them"], D["them_many"]))})
    return rows[:5]


def summary_section(ctx: ReportContext) -> str:
    """The executive summary: what each step found, as the five things to decide."""
    D = L.REPORT_SUMMARY
    if ctx.frames["project"].empty:
        return note_html(L.GOV_MESSAGES["no_project"])
    rows = _decision_rows(ctx)
    out = ([f"<p>{esc(D['intro'].format(decisions=F.count(len(rows), D['decision'])))}</p>"] if rows
           else [note_html(D["nothing"])])
    items = "".join(f"<li><b>{esc(r['step'])}</b> — {esc(r['finding'])} <br><i>{esc(D['to_decide'])}</i> "
                    f"{esc(r['decide'])}</li>" for r in rows)
    if items:
        out.append(f'<ol class="decisions">{items}</ol>')
    scenarios = _scenario_table(ctx)
    if scenarios is not None and scenarios.shape[1] > 1:
        costs = scenarios.loc[L.SCENARIO_INDICATORS["total_cost"]]
        best = costs.iloc[1:].astype(float).idxmin()
        out.append(f"<p>{esc(D['best_scenario'].format(name=best, cost=F.amount(costs[best]), reference=F.amount(costs.iloc[0])))}</p>")
    return "".join(out)


def _scenario_table(ctx: ReportContext) -> pd.DataFrame | None:
    if "scenarios" not in ctx.cache:
        from . import scenarios as SC

        stored = SC.stored_scenarios(ctx.store)
        ctx.cache["scenarios"] = SC.compare(ctx.frames, stored) if stored and len(ctx.frames["project"]) else None
    return ctx.cache["scenarios"]


def scenarios_section(ctx: ReportContext) -> str:
    """Step 6's scenarios side by side (``scenarios.compare``), amounts and days in French."""
    table = _scenario_table(ctx)
    if table is None:
        return note_html(L.REPORT_SUMMARY["no_scenario"])
    money = {L.SCENARIO_INDICATORS[k] for k in ("budget", "fundings", "own_share", "recruitment_cost",
                                                 "remedy_cost", "total_cost")}
    days = {L.SCENARIO_INDICATORS[k] for k in ("gap_days", "overload_days")}
    shown = table.copy().astype(object)
    for label in shown.index:
        fmt = F.amount if label in money else (F.days if label in days else F.integer)
        shown.loc[label] = [fmt(v) for v in table.loc[label]]
    shown.index.name = L.REPORT_SUMMARY["indicator"]
    return table_html(shown, numeric=tuple(shown.columns))


def staffing_section(ctx: ReportContext) -> str:
    """The staffing proposal of step 6 (``staffing.propose_staffing``): what it changes and
    what stays uncovered, each with its reason."""
    from . import staffing

    if ctx.frames["tasks"].empty:
        return note_html(L.REPORT_SUMMARY["no_tasks"])
    result = staffing.propose_staffing(ctx.frames, time_limit=STAFFING_SECONDS)
    changed = result.assignments[result.assignments["status"].isin(["new", "dropped"])].copy()
    changed["days"] = changed["days"].map(F.days)
    uncovered = result.uncovered.copy()
    D = L.REPORT_SUMMARY
    return "".join([
        note_html(D["staffing_method"].format(message=result.solver_message,
                                              new=F.count(int((result.assignments["status"] == "new").sum()), D["assignment"],
                                                          D["assignments"]))),
        f"<h3>{esc(D['staffing_changes'])}</h3>",
        table_html(staffing.readable(changed[["task", "person", "letter", "days", "status", "reason"]])),
        f"<h3>{esc(D['staffing_uncovered'])}</h3>",
        table_html(staffing.readable(uncovered[["task", "what", "months", "reason"]])),
    ])


# --- The document -------------------------------------------------------------------------------------

STYLE = """
body { font-family: "Liberation Sans", Arial, sans-serif; font-size: 10pt; color: #222; margin: 1.5em; }
h1 { font-size: 20pt; color: #1f4e79; margin-bottom: .2em; }
h2 { font-size: 14pt; color: #1f4e79; border-bottom: 2px solid #1f4e79; margin-top: 1.6em; }
h3 { font-size: 11pt; color: #2e75b6; margin-top: 1.1em; }
table { border-collapse: collapse; margin: .4em 0; font-size: 8.5pt; }
th, td { border: 1px solid #bbb; padding: 2px 5px; vertical-align: top; text-align: left; }
th { background: #e8eef5; }
td.n { text-align: right; white-space: nowrap; }
table.fiche th, table.fiche td { border: none; }
table.fiche th { background: none; color: #555; font-weight: normal; padding-right: 1em; }
.note, .vide { color: #555; font-style: italic; }
.sommaire li { margin: .1em 0; }
.erreur { color: #b00020; }
p.etape { margin: .15em 0 .15em .5em; }
"""


def build_report(ws: Any, today: dt.date | None = None, sections: Sequence[Section] | None = None) -> str:
    """The restitution as one self-contained HTML page.

    Parameters
    ----------
    ws : the workshop.
    today : the report's date (also the day of the review dashboard).
    sections : the sections, in order — the method's are ``toolkit.method.report_sections()``
        (``toolkit.method.build_report`` passes them). Required: the report never guesses
        its contents, so a section can only be left out by its caller.

    Returns
    -------
    The HTML text. A section that fails shows a French note in its place (the report
    still comes out, and names what is missing).
    """
    if sections is None:
        raise TypeError(L.REPORT_LABELS["no_sections"])
    today = today or dt.date.today()
    ctx = ReportContext(ws=ws, today=today, frames=ws.store.frames())
    project = ctx.frames["project"]
    name = project.iloc[0]["name"] if len(project) else str(ws.folder.name)
    parts, toc = [], []
    token = _FRAMES.set(ctx.frames)
    try:
        for i, section in enumerate(sections, 1):
            try:
                body = section.build(ctx)
            except Exception as exc:  # one broken analysis must not lose the whole restitution
                body = f'<p class="erreur">{esc(L.REPORT_LABELS["section_failed"].format(error=exc))}</p>'
            anchor = f"s-{esc(section.key)}"
            toc.append(f'<li><a href="#{anchor}">{esc(section.title)}</a></li>')
            parts.append(f'<h2 id="{anchor}">{i}. {esc(section.title)}</h2>\n{body}')
    finally:
        _FRAMES.reset(token)
    title = L.REPORT_LABELS["title"].format(project=name)
    return (f'<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{esc(title)}</title><style>{STYLE}</style></head><body>"
            f"<h1>{esc(title)}</h1>"
            f'{made_by(project.iloc[0].to_dict() if len(project) else {}, today)}'
            f'<h2>{esc(L.REPORT_LABELS["contents"])}</h2><ol class="sommaire">{"".join(toc)}</ol>'
            + "\n".join(parts) + "</body></html>")


def made_by(project: dict[str, Any], today: dt.date) -> str:
    """Under the title: who made the document, for whom, when, which version, and its
    confidentiality (the cadrage's fields, as on the workbook's cover)."""
    T, facts = L.REPORT_LABELS, model.handover(project)
    said = (T["made_by"] if facts["firm"] else T["made_on"]).format(
        date=F.date_long(today, weekday=False), **facts)
    notice = facts["confidentiality"] or T["confidential"]
    return f'<p class="note">{esc(said)}<br>{esc(notice)}</p>'


def soffice_path() -> str | None:
    """LibreOffice's command (``soffice`` or ``libreoffice``), or None when not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def _sect_paragraph(template: Any, landscape: bool) -> Any:
    """An empty paragraph that ends a section laid out like ``template`` (a ``w:sectPr``)."""
    from copy import deepcopy

    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph, properties, section = OxmlElement("w:p"), OxmlElement("w:pPr"), deepcopy(template)
    size = section.find(qn("w:pgSz"))
    width, height = size.get(qn("w:w")), size.get(qn("w:h"))
    if landscape:
        size.set(qn("w:w"), height)
        size.set(qn("w:h"), width)
        size.set(qn("w:orient"), "landscape")
    properties.append(section)
    paragraph.append(properties)
    return paragraph


# Estimated width of one character of the tables' text (8.5 pt, bold headers) and of a
# cell's side margins, in twips (1/20 pt): enough to size columns so no word breaks.
_CHAR_TWIPS = 125
_CELL_TWIPS = 200
# The tables' text size (half-points: 8.5 pt) and the smallest it may shrink to (7 pt) when
# a table's longest words do not fit side by side even on a landscape page.
_TABLE_SIZE = 17
_SMALLEST_SIZE = 14


def _shrink(table: Any, size: int) -> None:
    """Every run of ``table`` in ``size`` half-points."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for run in table.iter(qn("w:r")):
        properties = run.find(qn("w:rPr"))
        if properties is None:
            properties = OxmlElement("w:rPr")
            run.insert(0, properties)
        for tag in ("w:sz", "w:szCs"):
            element = properties.find(qn(tag))
            if element is None:
                element = OxmlElement(tag)
                properties.append(element)
            element.set(qn("w:val"), str(size))


def _column_widths(table: Any, available: int, size: int = _TABLE_SIZE) -> tuple[list[int], int]:
    """Column widths (twips) that keep every word whole: each column at least as wide as
    its longest word, the rest shared by how much text each column holds. Returns the
    widths and the width the longest words alone need."""
    from docx.oxml.ns import qn

    columns = len(table.findall(f"{qn('w:tblGrid')}/{qn('w:gridCol')}"))
    longest, total = [0] * columns, [0] * columns
    for row in table.findall(qn("w:tr")):
        j = 0
        for cell in row.findall(qn("w:tc")):
            span = cell.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
            text = "".join(t.text or "" for t in cell.iter(qn("w:t")))
            if span is None and j < columns:
                words = text.replace("\u202f", "").replace("\u00a0", "").split() or [""]
                longest[j] = max(longest[j], max(len(w) for w in words))
                total[j] = max(total[j], len(text))
            j += int(span.get(qn("w:val"))) if span is not None else 1
    char = _CHAR_TWIPS * size / _TABLE_SIZE
    need = [int(n * char) + _CELL_TWIPS for n in longest]
    wish = [max(int(n * char) + _CELL_TWIPS, m) for n, m in zip(total, need)]
    if sum(need) >= available:
        return [int(w * available / sum(need)) for w in need], sum(need)
    spare = available - sum(need)
    extra = [w - m for w, m in zip(wish, need)]
    if sum(extra) <= spare:  # everything fits on one line: share what is left evenly
        widths = [w + (spare - sum(extra)) // columns for w in wish]
    else:
        widths = [m + int(spare * e / sum(extra)) for m, e in zip(need, extra)]
    return widths, sum(need)


def _set_column_widths(table: Any, widths: list[int]) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for col, width in zip(table.findall(f"{qn('w:tblGrid')}/{qn('w:gridCol')}"), widths):
        col.set(qn("w:w"), str(width))
    for row in table.findall(qn("w:tr")):
        j = 0
        for cell in row.findall(qn("w:tc")):
            properties = cell.find(qn("w:tcPr"))
            if properties is None:
                properties = OxmlElement("w:tcPr")
                cell.insert(0, properties)
            span = properties.find(qn("w:gridSpan"))
            n = int(span.get(qn("w:val"))) if span is not None else 1
            width = properties.find(qn("w:tcW"))
            if width is None:
                width = OxmlElement("w:tcW")
                properties.insert(0, width)
            width.set(qn("w:type"), "dxa")
            width.set(qn("w:w"), str(sum(widths[j:j + n])))
            j += n
    properties = table.find(qn("w:tblPr"))
    width = properties.find(qn("w:tblW"))
    if width is None:
        width = OxmlElement("w:tblW")
        properties.append(width)
    width.set(qn("w:type"), "dxa")
    width.set(qn("w:w"), str(sum(widths)))
    layout = properties.find(qn("w:tblLayout"))
    if layout is None:
        layout = OxmlElement("w:tblLayout")
        properties.append(layout)
    layout.set(qn("w:type"), "fixed")


def paginate_docx(path: Path, min_columns: int = LANDSCAPE_COLUMNS) -> int:
    """Lay out the report's Word version for print, in place; returns the landscape blocks.

    - a table of ``min_columns`` columns or more, or whose longest words do not fit side
      by side on a portrait page, goes on landscape pages (with the headings just before
      it; neighbouring wide tables share their landscape pages);
    - every table spans the text width with columns sized so that no word breaks (each
      at least as wide as its longest word), its header row repeats on each page and its
      rows never split across two pages;
    - every picture is as wide as the text (its proportions kept);
    - a page number in the footer of every page.
    """
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    doc = Document(str(path))
    section = doc.sections[-1]
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(L.REPORT_LABELS["page"] + " ")
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        run = footer.add_run()
        if kind:
            mark = OxmlElement("w:fldChar")
            mark.set(qn("w:fldCharType"), kind)
            run._r.append(mark)
        else:
            code = OxmlElement("w:instrText")
            code.text = text
            run._r.append(code)
    usable = section.page_width - section.left_margin - section.right_margin
    for shape in doc.inline_shapes:
        if shape.width and shape.width != usable:
            shape.height, shape.width = int(shape.height * usable / shape.width), usable
    body = doc.element.body
    final = body.find(qn("w:sectPr"))
    children = [c for c in body.iterchildren() if c is not final]
    portrait_width = int(usable) // 635  # EMU → twips
    landscape_width = int(section.page_height - section.left_margin - section.right_margin) // 635

    def heading(element: Any) -> bool:
        style = element.find(f"{qn('w:pPr')}/{qn('w:pStyle')}") if element.tag == qn("w:p") else None
        return style is not None and style.get(qn("w:val"), "").lower().startswith("heading")

    blocks: list[list[int]] = []
    for i, element in enumerate(children):
        if element.tag != qn("w:tbl"):
            continue
        for r, row in enumerate(element.findall(qn("w:tr"))):
            row_properties = row.find(qn("w:trPr"))
            if row_properties is None:
                row_properties = OxmlElement("w:trPr")
                row.insert(0, row_properties)
            row_properties.append(OxmlElement("w:cantSplit"))
            if r == 0:
                row_properties.append(OxmlElement("w:tblHeader"))
        widths, need = _column_widths(element, portrait_width)
        wide = len(widths) >= min_columns or need > portrait_width
        if wide:
            widths, need = _column_widths(element, landscape_width)
            if need > landscape_width:  # smaller type rather than words cut in two
                size = max(_SMALLEST_SIZE, int(_TABLE_SIZE * landscape_width / need))
                _shrink(element, size)
                widths, _ = _column_widths(element, landscape_width, size)
        _set_column_widths(element, widths)
        if not wide:
            continue
        start = i
        while start > 0 and heading(children[start - 1]):
            start -= 1
        if blocks and start <= blocks[-1][1] + 3:
            blocks[-1][1] = i
        else:
            blocks.append([start, i])
    for start, end in blocks:
        if start > 0:
            children[start].addprevious(_sect_paragraph(final, landscape=False))
        children[end].addnext(_sect_paragraph(final, landscape=True))
    doc.save(str(path))
    return len(blocks)


def _soffice(command: str, profile: str, args: list[str], timeout: int) -> subprocess.CompletedProcess:
    from .core.errors import MaillageError

    try:
        return subprocess.run([command, "--headless", "--norestore", "--nologo",
                               f"-env:UserInstallation={Path(profile).as_uri()}", *args],
                              capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        raise MaillageError(L.REPORT_LABELS["soffice_timeout"].format(seconds=timeout)) from exc


def html_to_pdf(html_path: Path, out_dir: Path | None = None, timeout: int = 240) -> Path:
    """Convert the report's HTML file to PDF with LibreOffice headless; returns the PDF's path.

    Through Word: LibreOffice reads the HTML into a .docx, ``paginate_docx`` puts the wide
    tables on landscape pages (repeated headers, rows kept whole, pictures to the text
    width, page numbers), then LibreOffice prints that .docx to PDF. A throw-away
    LibreOffice profile is used, so that two conversions (or a LibreOffice the consultant
    has open) never wait on each other's lock.

    Raises
    ------
    MaillageError in French when LibreOffice is missing, fails or takes too long.
    """
    from .core.errors import MaillageError

    html_path = Path(html_path).resolve()
    out_dir = Path(out_dir or html_path.parent).resolve()
    command = soffice_path()
    if command is None:
        raise MaillageError(L.REPORT_LABELS["no_soffice"].format(html=html_path))
    pdf = out_dir / (html_path.stem + ".pdf")
    with tempfile.TemporaryDirectory(prefix="maillage-lo-") as profile, \
            tempfile.TemporaryDirectory(prefix="maillage-docx-") as work:
        done = _soffice(command, profile, ["--infilter=HTML (StarWriter)", "--convert-to", "docx:MS Word 2007 XML",
                                           "--outdir", work, str(html_path)], timeout)
        docx = Path(work) / (html_path.stem + ".docx")
        if done.returncode == 0 and docx.exists():
            paginate_docx(docx)
            done = _soffice(command, profile, ["--convert-to", "pdf:writer_pdf_Export", "--outdir", str(out_dir),
                                               str(docx)], timeout)
    if done.returncode != 0 or not pdf.exists():
        raise MaillageError(L.REPORT_LABELS["soffice_failed"].format(
            error=(done.stderr or done.stdout).strip()[-400:]))
    return pdf


# --- One action sheet as a document ------------------------------------------------------------------

SHEETS_FOLDER = "fiches_actions"


def sheet_html(ws: Any, action_id: str, today: dt.date | None = None) -> str:
    """One action's sheet (``actions.sheet``) as a self-contained HTML page: identity,
    state and priority, the budget by year and kind, co-funders and what the authority
    funds itself, the steps as a checklist, the sub-actions, the journal, the files."""
    from .actions import sheet

    today = today or dt.date.today()
    frames = ws.store.frames()
    s = sheet(frames, action_id)
    T = L.SHEET_DOC
    facts = [(L.FIELD_LABELS["axis_id"], s["axis"]), (L.FIELD_LABELS["pilot_id"], s["pilot"] or T["no_pilot"]),
             (L.FIELD_LABELS["state"], s["state"]), (L.FIELD_LABELS["priority"], s.get("priority") or T["not_set"]),
             (L.FIELD_LABELS["completion"].replace(" (%)", ""), F.percent((s["completion"] or 0) / 100, 0)),
             (L.FIELD_LABELS["start_date"], F.date_long(s["start_date"], weekday=False, missing=T["not_set"])),
             (L.FIELD_LABELS["end_date"], F.date_long(s["end_date"], weekday=False, missing=T["not_set"]))]
    if s["parent"]:
        facts.insert(1, (L.FIELD_LABELS["parent_id"], s["parent"]))
    out = [f"<h1>{esc(s['name'])}</h1>", note_html(T["made_on"].format(date=F.date_long(today, weekday=False))),
           definition_html(facts)]
    if s.get("description"):
        out.append(f"<p>{esc(s['description'])}</p>")
    # budget
    out.append(f"<h2>{esc(T['budget'])}</h2>")
    if s["budget_by_year"]:
        rows = [{"year": str(b["year"]), **{n: F.amount(b[n]) for n in L.BUDGET_NATURES}, "total": F.amount(b["total"])}
                for b in s["budget_by_year"]]
        rows.append({"year": T["total"], **{n: F.amount(s["budget_by_nature"][n]) for n in L.BUDGET_NATURES},
                     "total": F.amount(s["budget_total"])})
        out.append(_plain_table(rows, [("year", L.FIELD_LABELS["year"]),
                                       *[(n, n.capitalize()) for n in L.BUDGET_NATURES], ("total", T["total"])]))
    else:
        out.append(note_html(T["no_budget_lines"]))
    out.append(definition_html([
        (T["planned"], F.amount(s["budget_total"])), (T["committed"], F.amount(s["budget_committed"])),
        (T["spent"], F.amount(s["budget_spent"]))]))
    # co-funders
    out.append(f"<h2>{esc(T['funding'])}</h2>")
    rows = [{"who": f["actor"], "amount": F.amount(f["amount"]), "comment": f["comment"]} for f in s["fundings"]]
    rows.append({"who": T["aid_total"], "amount": F.amount(s["aid"]),
                 "comment": F.percent(s["aid_share"], 0) + " " + T["of_budget"] if s["aid_share"] is not None else ""})
    rows.append({"who": T["self_funded"], "amount": F.amount(s["self_funded"]),
                 "comment": F.percent(1 - s["aid_share"], 0) + " " + T["of_budget"]
                 if s["aid_share"] is not None and s["aid_share"] <= 1 else ""})
    out.append(_plain_table(rows, [("who", T["funder"]), ("amount", T["amount"]),
                                   ("comment", L.FIELD_LABELS["comment"])]))
    # steps
    done = F.count(s["steps_done"], T["done_one"], T["done_many"])
    heading = T["steps"].format(done=done, total=len(s["steps"])) if s["steps"] else T["steps_title"]
    out.append(f"<h2>{esc(heading)}</h2>")
    if s["steps"]:
        items = []
        for e in s["steps"]:
            mark = T["done_mark"] if e["done"] else T["todo_mark"]
            when = (T["done_on"].format(date=F.date_short(e["done_date"])) if e["done"] and e["done_date"]
                    else T["due"].format(date=F.date_short(e["due_date"])) if e["due_date"] else "")
            items.append(f'<p class="etape">{esc(mark)} {esc(e["name"])}{esc(" — " + when) if when else ""}</p>')
        out.append("".join(items))
    else:
        out.append(note_html(T["no_steps"]))
    if s["sub_actions"]:
        out.append(f"<h2>{esc(T['sub_actions'])}</h2>")
        out.append(_plain_table([{"name": c["name"], "state": c["state"], "completion": F.percent(c["completion"] / 100, 0)}
                                 for c in s["sub_actions"]],
                                [("name", L.FIELD_LABELS["name"]), ("state", L.FIELD_LABELS["state"]),
                                 ("completion", L.FIELD_LABELS["completion"].replace(" (%)", ""))]))
    out.append(f"<h2>{esc(T['journal'])}</h2>")
    if s["journal"]:
        out.append(_plain_table([{"date": F.date_short(j["date"]), "kind": j["kind"], "text": j["text"],
                                  "author": j["author"]} for j in s["journal"]],
                                [("date", L.FIELD_LABELS["date"]), ("kind", L.FIELD_LABELS["kind"]),
                                 ("text", L.FIELD_LABELS["text"]), ("author", L.FIELD_LABELS["author"])]))
    else:
        out.append(note_html(T["no_journal"]))
    if s["attachments"]:
        out.append(f"<h2>{esc(L.KIND_LABELS['attachments'])}</h2>")
        out.append("<ul>" + "".join(f"<li>{esc(a['filename'])}</li>" for a in s["attachments"]) + "</ul>")
    title = T["title"].format(action=s["name"])
    return (f'<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8"><title>{esc(title)}</title>'
            f"<style>{STYLE}</style></head><body>" + "".join(out) + "</body></html>")


def _plain_table(rows: list[dict[str, Any]], columns: list[tuple[str, str]]) -> str:
    """A table of already formatted texts (key, heading), escaped."""
    head = "".join(f"<th>{esc(h)}</th>" for _k, h in columns)
    body = "".join("<tr>" + "".join(f"<td>{esc(str(r.get(k, '') or ''))}</td>" for k, _h in columns) + "</tr>"
                   for r in rows)
    return (f'<table border="1" cellspacing="0" cellpadding="3" width="100%"><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>")


def write_sheet(ws: Any, action_id: str, folder: Path | None = None, pdf: bool = True,
                today: dt.date | None = None) -> dict[str, Path]:
    """Write one action sheet as ``exports/fiches_actions/fiche_<id>.html`` (and its PDF,
    made by LibreOffice like the restitution's). Returns ``{"html": path}`` plus ``"pdf"``."""
    from .actions import safe_filename

    folder = Path(folder) if folder else Path(ws.exports_dir) / SHEETS_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    html_path = folder / f"fiche_{safe_filename(action_id)}.html"
    html_path.write_text(sheet_html(ws, action_id, today=today), encoding="utf-8")
    paths = {"html": html_path}
    if pdf:
        paths["pdf"] = html_to_pdf(html_path, folder)
    return paths


def write_report(ws: Any, folder: Path | None = None, pdf: bool = True, today: dt.date | None = None,
                 sections: Sequence[Section] | None = None) -> dict[str, Path]:
    """Write ``restitution.html`` (and ``restitution.pdf``) into ``exports/restitution/``,
    made of ``sections`` (see :func:`build_report`).

    Returns
    -------
    ``{"html": path}`` plus ``"pdf"`` when ``pdf`` is True. The HTML is written first, so
    it is there even when the PDF conversion fails (the error then says so).
    """
    folder = Path(folder) if folder else Path(ws.exports_dir) / REPORT_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    html_path = folder / f"{REPORT_NAME}.html"
    html_path.write_text(build_report(ws, today=today, sections=sections), encoding="utf-8")
    paths = {"html": html_path}
    if pdf:
        paths["pdf"] = html_to_pdf(html_path, folder)
    return paths
