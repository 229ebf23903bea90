"""Step 8 — the project review (revue de projet): its dashboard and its record.

The method (DESIGN.md, steps 7–8): every eight weeks the project review looks at every
action sheet — actions by state, late or stalled ones (no journal entry for some weeks),
actions without a pilot, budget consumption, what changed since the last review — and
decides: actions re-attached to another axis, re-assigned to another pilot, restated.
The review's record (présents, excusés, décisions, changes) is kept in the store
(``reviews`` kind) and its changes are applied to the sheets in the same transaction,
each with a « décision » entry in the action's journal — every write checked against the
rights table (``toolkit.core.permissions``) for whoever records it.

Everything returns DataFrames or dicts; nothing is drawn or printed here.

Example
-------
>>> board = review_dashboard(store, today=dt.date(2026, 11, 23))  # doctest: +SKIP
>>> board["without_pilot"]["id"].tolist()  # doctest: +SKIP
['ACN-09', 'ACN-14']
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Iterable

import pandas as pd

from .core import formats as F
from .core import french as W
from . import governance as G
from .core import labels as L
from .core import values as V
from .core import model
from .core import permissions as P
from .actions import CLOSED_STATES, HELD_STATES
from .core.errors import Problem, ValidationError

ACTIVE_STATES: tuple[str, ...] = (V.STATE_COMMITTED, V.STATE_IN_PROGRESS)
# What a review may change on an action sheet.
REVIEW_FIELDS: tuple[str, ...] = ("pilot_id", "axis_id", "parent_id", "state", "priority", "completion",
                                  "budget_planned", "start_date", "end_date")
WATCHED_KINDS: tuple[str, ...] = ("actions", "journal", "fundings", "attachments")


def _date(value: Any) -> dt.date | None:
    return F.as_date(value)


# --- The dashboard ---------------------------------------------------------------------------

def actions_by_state(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """How many actions in each state, with their planned budget (every state, in order).

    Returns
    -------
    DataFrame ``state, actions, sub_actions, budget_planned`` in ``labels.ACTION_STATES``
    order: ``actions`` counts every sheet, ``sub_actions`` how many of them are sub-actions
    (rolled up in their parent's programme line).
    """
    actions = frames["actions"]
    is_sub = _is_sub(actions)
    grouped = actions.assign(_sub=is_sub.astype(int)).groupby("state").agg(
        actions=("id", "size"), sub_actions=("_sub", "sum"), budget_planned=("budget_planned", "sum"))
    out = grouped.reindex(list(L.ACTION_STATES)).fillna(0)
    out["actions"] = out["actions"].astype(int)
    out["sub_actions"] = out["sub_actions"].astype(int)
    return out.rename_axis("state").reset_index()


def late_actions(frames: dict[str, pd.DataFrame], today: dt.date, lag_points: int = 25) -> pd.DataFrame:
    """Open actions past their end date, or whose completion lags the time elapsed.

    Parameters
    ----------
    today : the review's day.
    lag_points : an action is behind schedule when its completion is more than this many
        points below the share of its duration already elapsed (e.g. 60 % of the time
        gone, 30 % done, lag 30 > 25).

    Returns
    -------
    DataFrame ``id, name, pilot_id, state, completion, expected, end_date, days_late,
    reason`` (reason: ``échéance dépassée`` or ``avancement en retard``), most late first.
    Closed actions (achevée, abandonnée) are never late.
    """
    columns = ["id", "name", "pilot_id", "state", "completion", "expected", "end_date", "days_late", "reason"]
    rows = []
    for a in frames["actions"].itertuples(index=False):
        if a.state in CLOSED_STATES:
            continue
        start, end = _date(a.start_date), _date(a.end_date)
        if end is None:
            continue
        if end < today:
            rows.append({"id": a.id, "name": a.name, "pilot_id": a.pilot_id, "state": a.state,
                         "completion": int(a.completion), "expected": 100, "end_date": end,
                         "days_late": (today - end).days, "reason": L.REVIEW_LABELS["past_end"]})
        elif start is not None and start < today and end > start:
            expected = round(100 * (today - start).days / (end - start).days)
            if expected - int(a.completion) > lag_points:
                rows.append({"id": a.id, "name": a.name, "pilot_id": a.pilot_id, "state": a.state,
                             "completion": int(a.completion), "expected": expected, "end_date": end,
                             "days_late": 0, "reason": L.REVIEW_LABELS["behind"]})
    out = pd.DataFrame(rows, columns=columns)
    return out.sort_values(["days_late", "id"], ascending=[False, True]).reset_index(drop=True)


def stalled_actions(frames: dict[str, pd.DataFrame], today: dt.date, weeks: int = 4) -> pd.DataFrame:
    """Engaged or running actions whose journal has no entry for ``weeks`` weeks (or none).

    Returns
    -------
    DataFrame ``id, name, pilot_id, state, last_entry, weeks_silent`` (``last_entry`` None
    and ``weeks_silent`` None when the journal is empty), most silent first.
    """
    columns = ["id", "name", "pilot_id", "state", "last_entry", "weeks_silent"]
    journal = frames["journal"]
    last = journal.groupby("action_id")["date"].max().to_dict() if len(journal) else {}
    cutoff = today - dt.timedelta(weeks=weeks)
    rows = []
    for a in frames["actions"].itertuples(index=False):
        if a.state not in ACTIVE_STATES:
            continue
        entry = _date(last.get(a.id))
        if entry is None or entry < cutoff:
            rows.append({"id": a.id, "name": a.name, "pilot_id": a.pilot_id, "state": a.state,
                         "last_entry": entry, "weeks_silent": None if entry is None else (today - entry).days // 7})
    out = pd.DataFrame(rows, columns=columns)
    out["_k"] = out["weeks_silent"].fillna(10_000)
    return out.sort_values(["_k", "id"], ascending=[False, True]).drop(columns="_k").reset_index(drop=True)


def _is_sub(actions: pd.DataFrame) -> pd.Series:
    """True for a sub-action (its ``parent_id`` set)."""
    if "parent_id" not in actions:
        return pd.Series(False, index=actions.index)
    return actions["parent_id"].map(lambda p: isinstance(p, str) and p != "")


def _piloted_above(actions: pd.DataFrame) -> pd.Series:
    """True for a sub-action one of whose parents has a pilot (who answers for it)."""
    pilot = {a: p for a, p in zip(actions["id"], actions["pilot_id"]) if isinstance(p, str) and p}
    parent = dict(zip(actions["id"], actions["parent_id"])) if "parent_id" in actions else {}

    def above(action_id: str) -> bool:
        seen, node = {action_id}, parent.get(action_id)
        while isinstance(node, str) and node and node not in seen:
            if node in pilot:
                return True
            seen.add(node)
            node = parent.get(node)
        return False
    return actions["id"].map(above).astype(bool)


def held_actions(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Actions en pause or bloquées, with why (their journal's last entry): ``id, name,
    pilot_id, state, priority, last_entry, last_text``; bloquées first, then by id."""
    columns = ["id", "name", "pilot_id", "state", "priority", "last_entry", "last_text"]
    a = frames["actions"]
    held = a[a["state"].isin(HELD_STATES)]
    journal = frames["journal"].sort_values(["date", "id"])
    last = journal.groupby("action_id").tail(1).set_index("action_id") if len(journal) else pd.DataFrame()
    rows = [{"id": x.id, "name": x.name, "pilot_id": x.pilot_id, "state": x.state,
             "priority": x.priority if isinstance(getattr(x, "priority", None), str) else "",
             "last_entry": _date(last.loc[x.id, "date"]) if x.id in last.index else None,
             "last_text": last.loc[x.id, "text"] if x.id in last.index else ""} for x in held.itertuples(index=False)]
    out = pd.DataFrame(rows, columns=columns)
    out["_k"] = out["state"].map({V.STATE_BLOCKED: 0, V.STATE_PAUSED: 1})
    return out.sort_values(["_k", "id"]).drop(columns="_k").reset_index(drop=True)


def actions_without_pilot(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Open actions that have no pilot: ``id, name, axis_id, state, budget_planned``.

    A sub-action without a pilot of its own, under an action that has one, is not listed:
    its parent's pilot answers for it.
    """
    a = frames["actions"]
    mask = (a["pilot_id"].isna() | (a["pilot_id"] == "")) & ~a["state"].isin(CLOSED_STATES) & ~_piloted_above(a)
    return a.loc[mask, ["id", "name", "axis_id", "state", "budget_planned"]].reset_index(drop=True)


def _rate(part: pd.Series, whole: pd.Series) -> pd.Series:
    return (100 * part / whole.where(whole > 0)).round(1)


def budget_consumption(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Budget per action: planned, committed, spent, co-funded, and their rates.

    Returns
    -------
    DataFrame ``id, name, state, budget_planned, budget_committed, budget_spent, cofunded,
    committed_pct, spent_pct, cofunded_pct, alert`` where the rates are % of the planned
    budget (NaN when nothing is planned) and ``alert`` names an anomaly: committed above
    planned, spent above committed, or a budget by year whose sum is not the planned budget. Abandoned actions are left out.
    """
    a = frames["actions"]
    a = a[a["state"] != V.STATE_ABANDONED]
    cofunded = frames["fundings"].groupby("action_id")["amount"].sum()
    out = a[["id", "name", "state", "budget_planned", "budget_committed", "budget_spent"]].copy()
    out["cofunded"] = out["id"].map(cofunded).fillna(0.0)
    out["committed_pct"] = _rate(out["budget_committed"], out["budget_planned"])
    out["spent_pct"] = _rate(out["budget_spent"], out["budget_planned"])
    out["cofunded_pct"] = _rate(out["cofunded"], out["budget_planned"])
    alert = pd.Series("", index=out.index)
    alert[out["budget_spent"] > out["budget_committed"]] = L.REVIEW_LABELS["spent_over_committed"]
    alert[out["budget_committed"] > out["budget_planned"]] = L.REVIEW_LABELS["committed_over_planned"]
    lines = frames.get("budget_lines")
    if lines is not None and len(lines):
        by_year = out["id"].map(lines.groupby("action_id")["amount"].sum())
        differs = by_year.notna() & ((by_year - out["budget_planned"]).abs() > 0.5) & (alert == "")
        alert[differs] = L.REVIEW_LABELS["lines_differ"]
    out["alert"] = alert
    return out.reset_index(drop=True)


def budget_totals(frames: dict[str, pd.DataFrame]) -> dict[str, float]:
    """The programme's totals (abandoned actions left out): planned, committed, spent,
    cofunded, and the three rates in % of planned."""
    b = budget_consumption(frames)
    planned = float(b["budget_planned"].sum())
    totals = {k: float(b[k].sum()) for k in ("budget_planned", "budget_committed", "budget_spent", "cofunded")}
    for key, part in (("committed_pct", "budget_committed"), ("spent_pct", "budget_spent"), ("cofunded_pct", "cofunded")):
        totals[key] = round(100 * totals[part] / planned, 1) if planned else float("nan")
    return totals


def funding_by_cofunder(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Co-funding per co-funder: ``actor_id, cofunder, amount, actions`` (largest first)."""
    f = frames["fundings"]
    actors = dict(zip(frames["actors"]["id"], frames["actors"]["name"]))
    if f.empty:
        return pd.DataFrame(columns=["actor_id", "cofunder", "amount", "actions"])
    out = f.groupby("actor_id").agg(amount=("amount", "sum"), actions=("action_id", "nunique")).reset_index()
    out.insert(1, "cofunder", out["actor_id"].map(actors))
    return out.sort_values(["amount", "actor_id"], ascending=[False, True]).reset_index(drop=True)


# --- Changes since the last review ----------------------------------------------------------

def last_review(store: Any) -> dict[str, Any] | None:
    """The latest review record (by date, then by when it was recorded), or None."""
    reviews = store.all("reviews")
    if not reviews:
        return None
    return max(reviews, key=lambda r: (r["date"], r["created_at"]))


def _show(value: Any) -> str:
    """A changed value as the minutes show it: French numbers, short dates (tables)."""
    if isinstance(value, str):
        try:
            return F.date_short(value) if len(value) == 10 and value[4] == "-" else value
        except ValueError:
            return value
    return F.text(value, digits=2)


def _fields(values: dict[str, Any]) -> str:
    return " ; ".join(f"{L.FIELD_LABELS.get(k, k)} : {_show(v)}" for k, v in values.items())


def _summary(kind: str, record: dict[str, Any], actors: dict[str, str] | None = None) -> str:
    """One line for a journal entry, a co-funding, an attachment or an action."""
    if kind == "journal":
        return f"{F.date_short(record.get('date'))} — {record.get('kind', '')} : {record.get('text', '')}"
    if kind == "fundings":
        actor = record.get("actor_id", "")
        return f"{(actors or {}).get(actor, actor)} : {F.amount(record.get('amount'))}"
    if kind == "attachments":
        return str(record.get("filename", ""))
    return str(record.get("name", ""))


def changes_since(store: Any, since: str | None = None) -> pd.DataFrame:
    """What changed on the action sheets since ``since`` (an ISO timestamp), from history.

    Parameters
    ----------
    since : default: when the last review was recorded (``created_at``); everything when
        there is no review yet.

    Returns
    -------
    DataFrame ``at, by, who, action_id, action, kind, field, old, new`` oldest first: one
    row per changed field of an action, and one per journal entry, co-funding or
    attachment added, changed or removed. ``who`` is the person's name (or ``by``).
    """
    if since is None:
        review = last_review(store)
        since = review["created_at"] if review else ""
    persons = {p["id"]: p["name"] for p in store.all("persons")}
    actions = {a["id"]: a["name"] for a in store.all("actions")}
    actors = {a["id"]: a["name"] for a in store.all("actors")}
    rows = []
    for kind in WATCHED_KINDS:
        owner: dict[str, str] = {}  # record → its action (an update's history has only the changed fields)
        for h in store.history(kind):
            old, new = h["old"] or {}, h["new"] or {}
            if kind != "actions" and h["op"] == "insert":
                owner[h["record_id"]] = new.get("action_id")
            if h["at"] <= since:
                continue
            action_id = h["record_id"] if kind == "actions" else (new.get("action_id") or old.get("action_id")
                                                                 or owner.get(h["record_id"]))
            base = {"at": h["at"], "by": h["by"], "who": persons.get(h["by"], h["by"]), "action_id": action_id,
                    "action": actions.get(action_id, old.get("name", "") if kind == "actions" else ""),
                    "kind": L.KIND_LABELS[kind]}
            if kind == "actions" and h["op"] == "update":
                for name in new:
                    rows.append({**base, "field": L.FIELD_LABELS.get(name, name),
                                 "old": _show(old.get(name)), "new": _show(new.get(name))})
                continue
            if h["op"] == "update":  # only the changed fields are in history
                rows.append({**base, "field": L.REVIEW_LABELS["op_update"], "old": _fields(old), "new": _fields(new)})
            else:
                rows.append({**base, "field": L.REVIEW_LABELS[f"op_{h['op']}"],
                             "old": _summary(kind, old, actors) if h["op"] == "delete" else "",
                             "new": _summary(kind, new, actors) if h["op"] == "insert" else ""})
    columns = ["at", "by", "who", "action_id", "action", "kind", "field", "old", "new"]
    return pd.DataFrame(rows, columns=columns).sort_values("at", kind="stable").reset_index(drop=True)


# --- The dashboard in one call -----------------------------------------------------------------

def review_dashboard(store: Any, today: dt.date | None = None, stalled_weeks: int = 4,
                     lag_points: int = 25) -> dict[str, Any]:
    """Everything the eight-weekly review looks at, in one dict.

    Returns
    -------
    dict with ``today``, ``programme`` (``{"actions": n, "sub_actions": m}``: the actions of
    their own and the sub-actions rolled up in them), ``by_state``, ``late``, ``stalled``, ``without_pilot`` (these three
    with ``pilot`` and ``axis`` names beside the identifiers, see ``with_names``),
    ``held`` (en pause or bloquées, with the journal's last word), ``budget`` (per
    action), ``budget_totals``, ``cofunders``, ``last_review`` (record or
    None), ``changes`` (since the last review), ``next_review`` (date or None, from the
    review body's calendar) and ``next_review_text`` (« mardi 12 janvier 2027 à 18 h 30
    (semaine 2) », or "").
    """
    today = today or dt.date.today()
    frames = store.frames()
    nxt = None
    at = None
    body = G.review_body(frames)
    if body is not None and len(frames["project"]):
        calendar = G.meeting_calendar(frames, body_ids=[body["id"]])
        upcoming = G.next_meetings(calendar, body["id"], today + dt.timedelta(days=1), 1)
        nxt = upcoming[0] if upcoming else None
        at = G.parse_time(body.get("start_time"))
    is_sub = _is_sub(frames["actions"])
    return {
        "today": today,
        "programme": {"actions": int((~is_sub).sum()), "sub_actions": int(is_sub.sum())},
        "by_state": actions_by_state(frames),
        "late": with_names(late_actions(frames, today, lag_points), frames),
        "stalled": with_names(stalled_actions(frames, today, stalled_weeks), frames),
        "without_pilot": with_names(actions_without_pilot(frames), frames),
        "held": with_names(held_actions(frames), frames),
        "budget": budget_consumption(frames),
        "budget_totals": budget_totals(frames),
        "cofunders": funding_by_cofunder(frames),
        "last_review": last_review(store),
        "changes": changes_since(store),
        "next_review": nxt,
        "next_review_text": F.meeting(nxt, at) if nxt else "",
    }


# --- The review's record ------------------------------------------------------------------------

def _plain(value: Any) -> Any:
    """A value as JSON keeps it (dates as ISO text)."""
    return value.isoformat() if isinstance(value, dt.date) else value


def _describe(store: Any, field: str, value: Any, conn: Any) -> str:
    if value in (None, ""):
        return L.REVIEW_LABELS["none"]
    if field == "pilot_id":
        return store.get("persons", value, conn=conn)["name"]
    if field == "axis_id":
        return store.get("axes", value, conn=conn)["name"]
    if field == "parent_id":
        return store.get("actions", value, conn=conn)["name"]
    if isinstance(value, dt.date):
        return F.date_long(value, weekday=False)
    return _show(value)


def _review_changes(changes: Iterable[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[Problem]]:
    """The changes in one shape, ``{"action_id", "values": {field: new}, "before": {field: old}}``
    (one per action, in order), and the problems found.

    Two shapes are read: the API's ``{"action_id": …, field: new value, …}`` and the record's
    own ``{"action_id": …, "field": …, "new": …, "old": …}`` (``old`` optional) — what a
    review keeps, an exported workbook holds and an import template may be filled with.
    """
    merged: dict[str, dict[str, Any]] = {}
    problems: list[Problem] = []
    allowed = L.REVIEW_LABELS["review_fields"].format(fields=", ".join(L.FIELD_LABELS[f] for f in REVIEW_FIELDS))
    for i, change in enumerate(changes, 1):
        change = dict(change)
        action_id = change.pop("action_id", None)
        if not action_id:
            problems.append(Problem(L.FIELD_LABELS["action_id"], None, L.EXPECT["required"], record=f"n° {i}"))
            continue
        entry = merged.setdefault(action_id, {"action_id": action_id, "values": {}, "before": {}})
        if "field" in change:  # the record's shape
            name = change.get("field")
            if name not in REVIEW_FIELDS or not set(change) <= {"field", "old", "new"}:
                problems.append(Problem(str(name), change.get("new"), allowed, record=action_id))
                continue
            entry["values"][name] = change.get("new")
            if "old" in change:
                entry["before"][name] = change["old"]
            continue
        for name, value in change.items():
            if name not in REVIEW_FIELDS:
                problems.append(Problem(name, value, allowed, record=action_id))
            else:
                entry["values"][name] = value
    return list(merged.values()), problems


def record_review(store: Any, date: Any, present: Iterable[str] = (), excused: Iterable[str] = (),
                  decisions: str = "", changes: Iterable[dict[str, Any]] = (), body_id: str | None = None,
                  by: str | P.Actor = L.FACILITATOR_BY, *, review_id: str | None = None, guess_body: bool = True,
                  conn: Any = None) -> str:
    """Record a project review and apply its decisions to the action sheets, all or nothing.

    The one way a review is recorded: the API, the pages and the import of a workbook's
    « Revues de projet » sheet (``record_reviews``) all come here.

    Parameters
    ----------
    date : the review's day.
    present, excused : person ids (nobody in both).
    decisions : the decisions, as written in the minutes.
    changes : one dict per action changed, ``{"action_id": …, field: new value, …}`` with
        fields among ``REVIEW_FIELDS`` (re-assigned: ``pilot_id``; re-attached: ``axis_id``
        or ``parent_id``, the action then a sub-action; restated: ``state``, ``end_date``…);
        or, as a review keeps them, ``{"action_id", "field", "new", "old"}``. With ``old``
        given, the change is applied when the action still holds ``old``; an action that
        already holds ``new`` (an exported workbook imported again) or a newer value is left
        as it is, and the change is kept in the review as written.
    body_id : the body that held the review (default, with ``guess_body``: the review body).
    by : who records it: the consultant's name (history), or an actor — whoever it is, each
        write goes through ``permissions`` (a participant is refused, nothing stored).
    review_id : the review's identifier (default: a new one).
    conn : the caller's write transaction (the import's), else one of its own.

    Returns
    -------
    The review's id. Each changed action gets a « décision » journal entry dated the
    review's day; the review keeps the list of changes (action, field, old, new).

    Raises
    ------
    ValidationError (French, nothing stored) for a person both present and excused, an
    unknown action or field, a parent that would make a cycle, or a value the model refuses;
    AccessDenied (French, nothing stored) for someone who may not record a review.
    """
    from contextlib import nullcontext

    from .actions import reattach

    actor = P.Actor.of(by)

    present, excused = list(present), list(excused)
    label = review_id or None
    problems = [Problem(L.FIELD_LABELS["excused"], pid, L.REVIEW_LABELS["not_both"], record=label)
                for pid in excused if pid in present]
    grouped, change_problems = _review_changes(changes)
    problems += change_problems
    head = model.validate("reviews", {"date": date, "present": present, "excused": excused,
                                      "decisions": decisions or None, **({"id": review_id} if review_id else {})})
    if problems:
        raise ValidationError(problems, L.MESSAGES["invalid_record"].format(kind=L.KIND_LABELS["reviews"]))
    P.check(store, actor, P.INSERT, "reviews", head, conn=conn)  # refused before any sheet changes
    if body_id is None and guess_body:
        body = G.review_body(store.frames(["bodies"]))
        body_id = body["id"] if body else None
    day = head["date"]
    applied: list[dict[str, Any]] = []
    with (store.transaction() if conn is None else nullcontext(conn)) as tx:
        for entry in grouped:
            action_id, before = entry["action_id"], entry["before"]
            old = store.get("actions", action_id, conn=tx)
            values = {k: v for k, v in model.validate("actions", entry["values"], partial=True).items()}
            kept = {k: v for k, v in values.items() if k in before and old[k] != _field_value(k, before[k])}
            to_apply = {k: v for k, v in values.items() if k not in kept}
            if "parent_id" in to_apply:
                reattach(store, action_id, to_apply.pop("parent_id"), actor,
                         follow_axis="axis_id" not in to_apply, by_review=True, conn=tx)
            new = P.update(store, actor, "actions", action_id, to_apply, conn=tx) if to_apply \
                else store.get("actions", action_id, conn=tx)
            lines = []
            for name in values:
                if name in kept:  # already applied, or the sheet holds a newer value
                    applied.append({"action_id": action_id, "field": name, "old": _plain(before[name]),
                                    "new": _plain(values[name])})
                elif old[name] != new[name]:
                    applied.append({"action_id": action_id, "field": name,
                                    "old": _plain(old[name]), "new": _plain(new[name])})
                    lines.append(f"{L.FIELD_LABELS[name]} : {_describe(store, name, old[name], tx)} → "
                                 f"{_describe(store, name, new[name], tx)}")
            if "parent_id" in values and "axis_id" not in values and old["axis_id"] != new["axis_id"]:
                applied.append({"action_id": action_id, "field": "axis_id", "old": old["axis_id"], "new": new["axis_id"]})
                lines.append(f"{L.FIELD_LABELS['axis_id']} : {_describe(store, 'axis_id', old['axis_id'], tx)} → "
                             f"{_describe(store, 'axis_id', new['axis_id'], tx)}")
            if lines:
                P.insert(store, actor, "journal", {"action_id": action_id, "date": day, "kind": V.JOURNAL_DECISION,
                                                   "text": L.REVIEW_LABELS["journal_entry"].format(
                                                       date=F.date_long(day, weekday=False),
                                                       changes=" ; ".join(lines))}, conn=tx)
        # inserted last: its created_at follows its own changes, so « changes since the last
        # review » starts after them
        return P.insert(store, actor, "reviews", {**head, "body_id": body_id, "changes": applied}, conn=tx)


def _field_value(name: str, value: Any) -> Any:
    """A change's ``old`` as the store holds it (dates as dates), to compare with the sheet."""
    if value in (None, ""):
        return None
    try:
        return model.validate("actions", {name: value}, partial=True)[name]
    except Exception:  # noqa: BLE001 - an old value the model no longer takes: never equal
        return value


def record_reviews(store: Any, records: Iterable[dict[str, Any]], by: str | P.Actor,
                   conn: Any = None) -> list[str]:
    """Record reviews as a workbook's « Revues de projet » sheet gives them (records as
    ``model.validate`` returns them), each through ``record_review``: their changes are
    applied the same way, a person both present and excused refused the same way.
    Returns their ids, in order."""
    return [record_review(store, r["date"], r.get("present") or [], r.get("excused") or [],
                          r.get("decisions") or "", r.get("changes") or [], body_id=r.get("body_id"), by=by,
                          review_id=r.get("id"), guess_body=False, conn=conn)
            for r in records]


def reviews_table(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The reviews held, newest first: ``id, date, when, body, present, excused, decisions,
    changes`` (``when`` the date with its weekday and ISO week, names joined with « et »,
    ``changes`` counted)."""
    reviews = frames.get("reviews")
    columns = ["id", "date", "when", "body", "present", "excused", "decisions", "changes"]
    if reviews is None or reviews.empty:
        return pd.DataFrame(columns=columns)
    persons = dict(zip(frames["persons"]["id"], frames["persons"]["name"]))
    bodies = dict(zip(frames["bodies"]["id"], frames["bodies"]["name"]))
    out = pd.DataFrame({
        "id": reviews["id"], "date": reviews["date"], "when": reviews["date"].map(F.meeting),
        "body": reviews["body_id"].map(lambda b: bodies.get(b, "") if isinstance(b, str) else ""),
        "present": reviews["present"].map(lambda ids: F.join(persons.get(i, i) for i in ids or [])),
        "excused": reviews["excused"].map(lambda ids: F.join(persons.get(i, i) for i in ids or [])),
        "decisions": reviews["decisions"].fillna(""),
        "changes": reviews["changes"].map(lambda c: len(c or [])),
    })
    return out.sort_values(["date", "id"], ascending=False).reset_index(drop=True)


# --- Names instead of identifiers --------------------------------------------------------------

def with_names(df: pd.DataFrame, frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The frame with ``pilot`` and ``axis`` names beside ``pilot_id`` / ``axis_id`` (the
    dashboard's tables show names; the identifiers stay for the code that needs them), and
    ``parent`` (the parent action's name, "" for an action of its own) beside ``id``.

    A missing pilot reads « sans pilote ».
    """
    out = df.copy()
    persons = dict(zip(frames["persons"]["id"], frames["persons"]["name"])) if "persons" in frames else {}
    axes = dict(zip(frames["axes"]["id"], frames["axes"]["name"])) if "axes" in frames else {}
    if "pilot_id" in out:
        out["pilot"] = out["pilot_id"].map(lambda p: persons.get(p, p) if isinstance(p, str) and p
                                           else L.REVIEW_LABELS["no_pilot"])
    if "axis_id" in out:
        out["axis"] = out["axis_id"].map(lambda a: axes.get(a, a) if isinstance(a, str) else "")
    if "id" in out and "actions" in frames and "parent_id" in frames["actions"]:
        actions = frames["actions"]
        names = dict(zip(actions["id"], actions["name"]))
        parent = {a: p for a, p in zip(actions["id"], actions["parent_id"]) if isinstance(p, str) and p}
        out["parent"] = out["id"].map(lambda a: names.get(parent.get(a), "") if a in parent else "")
    return out


# --- The minutes (relevé de conclusions) ---------------------------------------------------------

def _person_line(person: dict[str, Any] | pd.Series) -> str:
    """« Catherine Morisset, maire (Commune de …) » for the lists of présents and excusés."""
    name = str(person["name"])
    function = person.get("function")
    title = function if isinstance(function, str) and function else W.role_title(person.get("role"), person)
    organisation = person.get("organisation")
    return f"{name}, {title}" + (f" ({organisation})" if isinstance(organisation, str) and organisation else "")


def minutes(store: Any, review_id: str | None = None) -> dict[str, Any]:
    """The relevé de conclusions of a recorded review (default: the last one).

    Returns
    -------
    dict ``id, date, when`` (« mardi 17 novembre 2026 à 18 h 30 (semaine 47) »), ``title``,
    ``body, place, present, excused`` (lines « name, function (organisation) »),
    ``decisions`` (one a line), ``changes`` (list of ``{action, field, before, after}``
    with names, not identifiers), ``next_date`` and ``next`` (the next meeting of the
    review's body after it, with weekday and ISO week; empty when none is planned).

    Raises
    ------
    MaillageError (French) when no review is recorded or ``review_id`` is unknown.
    """
    from .core.errors import MaillageError

    if review_id is None:
        record = last_review(store)
        if record is None:
            raise MaillageError(L.REVIEW_LABELS["no_review_yet_minutes"])
    else:
        record = store.get("reviews", review_id)
    frames = store.frames()
    persons = frames["persons"].set_index("id")
    day = _date(record["date"])
    body = None
    if record.get("body_id"):
        rows = frames["bodies"][frames["bodies"]["id"] == record["body_id"]]
        body = rows.iloc[0].to_dict() if len(rows) else None
    at = G.parse_time(body.get("start_time")) if body else None
    actions = dict(zip(frames["actions"]["id"], frames["actions"]["name"]))
    names = {"pilot_id": dict(zip(frames["persons"]["id"], frames["persons"]["name"])),
             "axis_id": dict(zip(frames["axes"]["id"], frames["axes"]["name"])), "parent_id": actions}

    def shown(field: str, value: Any) -> str:
        if value in (None, ""):
            return L.REVIEW_LABELS["none"]
        if field in names:
            return names[field].get(value, value)
        if field.endswith("_date"):
            return F.date_long(value, weekday=False)
        if field.startswith("budget"):
            return F.amount(value)
        if field == "completion":
            return F.percent(float(value) / 100, 0)
        return _show(value)

    changes = [{"action": actions.get(c["action_id"], c["action_id"]), "field": L.FIELD_LABELS.get(c["field"], c["field"]),
                "before": shown(c["field"], c["old"]), "after": shown(c["field"], c["new"])}
               for c in record.get("changes") or []]
    nxt = None
    if body is not None and len(frames["project"]):
        calendar = G.meeting_calendar(frames, body_ids=[body["id"]])
        upcoming = G.next_meetings(calendar, body["id"], day + dt.timedelta(days=1), 1)
        nxt = upcoming[0] if upcoming else None
    people = lambda ids: [_person_line(persons.loc[i]) for i in ids or [] if i in persons.index]  # noqa: E731
    return {
        "id": record["id"], "date": day, "when": F.meeting(day, at),
        "title": L.MINUTES["title"].format(date=F.date_long(day, weekday=False)),
        "body": body["name"] if body else "", "place": (body or {}).get("place") or "",
        "present": people(record.get("present")), "excused": people(record.get("excused")),
        "decisions": [line.strip(" -•") for line in (record.get("decisions") or "").splitlines() if line.strip(" -•")],
        "changes": changes, "next_date": nxt, "next": F.meeting(nxt, at) if nxt else "",
    }


def minutes_text(m: dict[str, Any]) -> str:
    """The minutes as plain text (console, checks): the same words as the .docx."""
    T = L.MINUTES
    lines = [m["title"], T["when"].format(when=m["when"]) + (f" — {m['body']}" if m["body"] else "")]
    if m["place"]:
        lines.append(T["place"].format(place=m["place"]))
    lines.append(T["present"] + " " + ("; ".join(m["present"]) or T["nobody"]))
    lines.append(T["excused"] + " " + ("; ".join(m["excused"]) or T["nobody"]))
    lines.append(T["h_decisions"])
    lines += [f"- {d}" for d in m["decisions"]] or [T["no_decision"]]
    lines.append(T["h_changes"])
    lines += [f"- {c['action']} — {c['field']} : {c['before']} → {c['after']}" for c in m["changes"]] or [T["no_change"]]
    lines.append(T["next"].format(when=m["next"]) if m["next"] else T["no_next"])
    return "\n".join(lines)
