"""Step 7 — governance: the bodies, who sits where, their rhythm and the meeting calendar.

The method (DESIGN.md, step 7): the project is steered by bodies that meet on a rhythm —
the élus of the comité de gouvernance arbitrate, the comité de pilotage gathers the State
and the co-funders, the équipe projet follows the pilots every fortnight, technical
committees prepare; a project review is held every eight weeks. Everything here takes
the workshop's DataFrames (``store.frames()``) and returns DataFrames, dicts or networkx
graphs; drawing is in ``toolkit.viz.organisation``.

Example
-------
>>> import pandas as pd, datetime as dt
>>> frames = {"project": pd.DataFrame([{"id": "PRJ", "name": "P", "start_date": dt.date(2026, 1, 5),
...                                      "horizon_months": 3}]),
...           "bodies": pd.DataFrame([{"id": "INS-1", "name": "Revue", "kind": "comité de gouvernance",
...                                     "rhythm_weeks": 8, "first_date": None}])}
>>> [d.isoformat() for d in meeting_calendar(frames)["date"]]
['2026-01-05', '2026-03-02']
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

import networkx as nx
import pandas as pd

from .core import formats as F
from .core import labels as L
from .core import values as V
from .core.errors import MaillageError, Problem, ValidationError
from .core import model
from .core.model import fold

# Rank of each kind of body: a body reports to the nearest body of a smaller rank
# (technical committees → équipe projet → comité de pilotage → comité de gouvernance).
BODY_RANK: dict[str, int] = {kind: i for i, kind in enumerate(L.BODY_KINDS)}
# Rank of each project role in the project line: nobody reports to a lower rank.
ROLE_RANK: dict[str, int] = {V.ROLE_ELECTED: 0, V.ROLE_DIRECTOR: 1, V.ROLE_PROJECT_LEAD: 2, V.ROLE_ACTION_PILOT: 3,
                             V.ROLE_AGENT: 4, V.ROLE_STATE_SERVICES: 5, V.ROLE_PARTNER: 5, V.ROLE_CONSULTANT: 5}

# The time zone of the meetings' hours (.ics events; metropolitan France).
TIME_ZONE = "Europe/Paris"
HOLIDAYS_MOVE = V.HOLIDAYS_MOVE
HOLIDAYS_IGNORE = V.HOLIDAYS_IGNORE


# --- Bodies and members --------------------------------------------------------------

def members_table(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Who sits in which body, one row per membership.

    Parameters
    ----------
    frames : the workshop's DataFrames (``bodies``, ``memberships``, ``persons``, ``actors``).

    Returns
    -------
    DataFrame with columns ``body_id, body, body_kind, member_id, member, member_type``
    (``personne`` or ``organisation``), ``organisation, role``, ordered by body rank then
    role (président first) then name.

    Example
    -------
    >>> members_table(store.frames())  # doctest: +SKIP
    """
    columns = ["body_id", "body", "body_kind", "member_id", "member", "member_type", "organisation", "role"]
    mem = frames.get("memberships")
    if mem is None or mem.empty:
        return pd.DataFrame(columns=columns)
    bodies = frames["bodies"].set_index("id")
    persons = frames.get("persons", pd.DataFrame(columns=["id", "name", "organisation"])).set_index("id")
    actors = model.names(frames, "actors")
    is_person = mem["person_id"].notna() & (mem["person_id"] != "")
    member_id = mem["person_id"].where(is_person, mem["actor_id"])
    out = pd.DataFrame({
        "body_id": mem["body_id"].values,
        "body": mem["body_id"].map(bodies["name"]).values,
        "body_kind": mem["body_id"].map(bodies["kind"]).values,
        "member_id": member_id.values,
        "member": member_id.map(persons["name"]).where(is_person, member_id.map(lambda a: actors.get(a, a))).values,
        "member_type": is_person.map({True: L.GOV_MEMBER_TYPES["person"], False: L.GOV_MEMBER_TYPES["actor"]}).values,
        "organisation": member_id.map(persons["organisation"]).where(is_person, "").values,
        "role": mem["role"].values,
    }, columns=columns)
    role_rank = {r: i for i, r in enumerate(L.MEMBER_ROLES)}
    out["_b"] = out["body_kind"].map(BODY_RANK)
    out["_r"] = out["role"].map(role_rank)
    out["_n"] = out["member"].map(fold)
    out = out.sort_values(["_b", "body_id", "_r", "_n"]).drop(columns=["_b", "_r", "_n"])
    return out.reset_index(drop=True)


def parent_bodies(frames: dict[str, pd.DataFrame]) -> dict[str, str | None]:
    """The body each body reports to (None for the top one).

    A body reports to the first body (by id) of the nearest smaller rank among those the
    workshop has: comité technique → équipe projet → comité de pilotage → comité de
    gouvernance. Two bodies of the same kind report to the same parent.

    >>> import pandas as pd
    >>> parent_bodies({"bodies": pd.DataFrame([
    ...     {"id": "B1", "kind": "comité de gouvernance"}, {"id": "B2", "kind": "comité technique"}])})
    {'B1': None, 'B2': 'B1'}
    """
    bodies = frames.get("bodies")
    if bodies is None or bodies.empty:
        return {}
    ordered = sorted(bodies.itertuples(index=False), key=lambda b: (BODY_RANK[b.kind], b.id))
    out: dict[str, str | None] = {}
    for b in ordered:
        above = [o for o in ordered if BODY_RANK[o.kind] < BODY_RANK[b.kind]]
        if above:
            best_rank = max(BODY_RANK[o.kind] for o in above)
            out[b.id] = next(o.id for o in above if BODY_RANK[o.kind] == best_rank)
        else:
            out[b.id] = None
    return out


def bodies_table(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The bodies with their rhythm, first meeting, chair, facilitator and size.

    Returns
    -------
    DataFrame ``id, name, kind, rhythm_weeks, first_date, reports_to, chair, facilitator,
    members`` ordered by rank (gouvernance first). ``first_date`` is the body's own or, when
    empty, the project's start date.
    """
    columns = ["id", "name", "kind", "rhythm_weeks", "first_date", "reports_to", "chair", "facilitator", "members"]
    bodies = frames.get("bodies")
    if bodies is None or bodies.empty:
        return pd.DataFrame(columns=columns)
    members = members_table(frames)
    parents = parent_bodies(frames)
    names = dict(zip(bodies["id"], bodies["name"]))
    start = _project_start(frames, required=False)
    rows = []
    for b in bodies.itertuples(index=False):
        mine = members[members["body_id"] == b.id]

        def who(role: str) -> str:
            return ", ".join(mine.loc[mine["role"] == role, "member"])

        rows.append({"id": b.id, "name": b.name, "kind": b.kind, "rhythm_weeks": int(b.rhythm_weeks),
                     "first_date": _as_date(b.first_date) or start,
                     "reports_to": names.get(parents.get(b.id) or "", ""),
                     "chair": who(V.MEMBER_CHAIR), "facilitator": who(V.MEMBER_FACILITATOR), "members": len(mine)})
    out = pd.DataFrame(rows, columns=columns)
    out["_r"] = out["kind"].map(BODY_RANK)
    return out.sort_values(["_r", "id"]).drop(columns="_r").reset_index(drop=True)


def person_bodies(frames: dict[str, pd.DataFrame], person_id: str,
                  members: pd.DataFrame | None = None) -> pd.DataFrame:
    """The bodies one person sits in (from ``members_table``, passed in when already
    computed), with the body's rhythm."""
    members = members_table(frames) if members is None else members
    mine = members[(members["member_id"] == person_id) & (members["member_type"] == L.GOV_MEMBER_TYPES["person"])]
    rhythm = dict(zip(frames["bodies"]["id"], frames["bodies"]["rhythm_weeks"])) if "bodies" in frames else {}
    mine = mine.assign(rhythm_weeks=mine["body_id"].map(rhythm).astype("Int64"))
    return mine[["body_id", "body", "body_kind", "role", "rhythm_weeks"]].reset_index(drop=True)


def review_body(frames: dict[str, pd.DataFrame]) -> dict[str, Any] | None:
    """The body that holds the project review: the first comité de gouvernance, else the
    first comité de pilotage, else None (the method: a project review every 8 weeks)."""
    bodies = frames.get("bodies")
    if bodies is None or bodies.empty:
        return None
    for kind in (V.BODY_GOVERNANCE, V.BODY_STEERING):
        rows = bodies[bodies["kind"] == kind].sort_values("id")
        if len(rows):
            return rows.iloc[0].to_dict()
    return None


def follow_up_body(frames: dict[str, pd.DataFrame]) -> dict[str, Any] | None:
    """The body where the pilots are followed up (the first équipe projet), or None."""
    bodies = frames.get("bodies")
    if bodies is None or bodies.empty:
        return None
    rows = bodies[bodies["kind"] == V.BODY_PROJECT_TEAM].sort_values("id")
    return rows.iloc[0].to_dict() if len(rows) else None


# --- Calendar ----------------------------------------------------------------------------

def _as_date(value: Any) -> dt.date | None:
    if value is None or (isinstance(value, float) and value != value) or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value.strip():
        from .core.model import parse_date

        return parse_date(value)
    return None


def _project_start(frames: dict[str, pd.DataFrame], required: bool = True) -> dt.date | None:
    project = frames.get("project")
    if project is None or project.empty:
        if required:
            raise MaillageError(L.GOV_MESSAGES["no_project"])
        return None
    return _as_date(project.iloc[0]["start_date"])


def horizon(frames: dict[str, pd.DataFrame]) -> tuple[dt.date, dt.date]:
    """The project's horizon: ``(start, end)`` with ``end`` excluded (start + horizon months)."""
    start = _project_start(frames)
    months = int(frames["project"].iloc[0].get("horizon_months") or 12)
    return start, model.add_months(start, months)  # type: ignore[arg-type]


def french_holidays(years: list[int] | range, subdivision: str | None = None) -> dict[dt.date, str]:
    """French public holidays of ``years`` (date → French name), Easter-based ones included.

    Parameters
    ----------
    years : the years wanted.
    subdivision : a ``holidays`` subdivision code when the territory has extra days, e.g.
        ``"57"`` (Moselle: Vendredi saint, Saint-Étienne) or ``"974"`` (La Réunion).

    Notes
    -----
    Computed by the well-kept ``holidays`` library (Open World Holidays Framework), which
    follows the Code du travail (art. L3133-1) and its local variants.

    >>> french_holidays([2027])[dt.date(2027, 3, 29)]
    'Lundi de Pâques'
    """
    import holidays

    try:
        days = holidays.France(years=list(years), subdiv=subdivision, language="fr")
    except NotImplementedError as exc:
        raise MaillageError(L.GOV_MESSAGES["bad_subdivision"].format(
            value=subdivision, choices=", ".join(holidays.France.subdivisions))) from exc
    return {day: str(name) for day, name in sorted(days.items())}


def _next_working_day(day: dt.date, closed: dict[dt.date, str]) -> dt.date:
    while day.weekday() >= 5 or day in closed:
        day += dt.timedelta(days=1)
    return day


def meeting_calendar(frames: dict[str, pd.DataFrame], start: dt.date | None = None,
                     end: dt.date | None = None, holidays: str = HOLIDAYS_MOVE,
                     subdivision: str | None = None, body_ids: list[str] | None = None) -> pd.DataFrame:
    """The meetings of every body over the horizon.

    Each body meets on its ``first_date`` (default: the project's start date), then every
    ``rhythm_weeks`` weeks, for every date in ``[start, end)``.

    Parameters
    ----------
    frames : the workshop's DataFrames (``project``, ``bodies``).
    start, end : the horizon (default: project start, start + horizon months; end excluded).
    holidays : ``"décaler"`` moves a meeting that falls on a public holiday or a weekend to
        the next working day; ``"ignorer"`` keeps every date as computed (the holiday is
        still named in the ``holiday`` column).
    subdivision : for local holidays (see ``french_holidays``).
    body_ids : only these bodies.

    Returns
    -------
    DataFrame ``body_id, body, kind, number, date, planned_date, holiday, moved, time,
    duration, place, weekday, week, rescheduled, cancelled, reason`` sorted by date then
    body rank. ``number`` counts the body's meetings from its first one; ``planned_date``
    is the date on the rhythm; ``holiday`` the name of the holiday (or « week-end ») the
    planned date fell on; ``time`` the body's ``start_time`` (a ``datetime.time`` or None),
    ``weekday`` and ``week`` the French weekday and ISO week of ``date`` (« mardi »,
    « semaine 2 »). A meeting moved by a decision (``move_meeting``) has ``rescheduled``
    True and its new date; a cancelled one (``cancel_meeting``) stays in the calendar
    with ``cancelled`` True (its .ics event says CANCELLED) but is never a next meeting.

    Raises
    ------
    ValidationError when ``holidays`` is not one of the two choices.

    Example
    -------
    >>> meeting_calendar(store.frames(), holidays="ignorer")  # doctest: +SKIP
    """
    if holidays not in (HOLIDAYS_MOVE, HOLIDAYS_IGNORE):
        raise ValidationError([Problem(L.GOV_LABELS["holidays_option"], holidays,
                                       L.EXPECT["choice"].format(choices=f"{HOLIDAYS_MOVE}, {HOLIDAYS_IGNORE}"))],
                              L.GOV_MESSAGES["bad_calendar"])
    columns = ["body_id", "body", "kind", "number", "date", "planned_date", "holiday", "moved", "time",
               "duration", "place", "weekday", "week", "rescheduled", "cancelled", "reason"]
    bodies = frames.get("bodies")
    project_start = _project_start(frames, required=start is None or end is None)
    if start is None or end is None:
        h_start, h_end = horizon(frames)
        start, end = start or h_start, end or h_end
    if end <= start:
        raise ValidationError([Problem(L.FIELD_LABELS["end_date"], end.isoformat(), L.EXPECT["date_order"])],
                              L.GOV_MESSAGES["bad_calendar"])
    if bodies is None or bodies.empty:
        return pd.DataFrame(columns=columns)
    closed = french_holidays(range(start.year - 1, end.year + 2), subdivision)
    rows = []
    for b in bodies.itertuples(index=False):
        if body_ids is not None and b.id not in body_ids:
            continue
        first = _as_date(b.first_date) or project_start or start
        step = dt.timedelta(weeks=int(b.rhythm_weeks or 8))
        day, number = first, 1
        extra = _meeting_details(b)
        decided = {_as_date(r.get("date")): r for r in (_rescheduled(b) or [])}
        while day < end:
            if day >= start:
                fell_on = closed.get(day) or (L.GOV_LABELS["weekend"] if day.weekday() >= 5 else "")
                actual = _next_working_day(day, closed) if holidays == HOLIDAYS_MOVE else day
                decision = decided.get(day)
                cancelled = decision is not None and not decision.get("to")
                if decision is not None and decision.get("to"):
                    actual = _as_date(decision["to"])
                rows.append({"body_id": b.id, "body": b.name, "kind": b.kind, "number": number,
                             "date": actual, "planned_date": day, "holiday": fell_on,
                             "moved": actual != day and decision is None, **extra,
                             "weekday": F.weekday_name(actual), "week": F.week(actual),
                             "rescheduled": decision is not None and not cancelled, "cancelled": cancelled,
                             "reason": "" if decision is None else str(decision.get("reason") or "")})
            day += step
            number += 1
    out = pd.DataFrame(rows, columns=columns)
    if out.empty:
        return out
    out["_r"] = out["kind"].map(BODY_RANK)
    return out.sort_values(["date", "_r", "body_id"]).drop(columns="_r").reset_index(drop=True)


def next_meetings(calendar: pd.DataFrame, body_id: str, after: dt.date, n: int = 3) -> list[dt.date]:
    """The next ``n`` meeting dates of a body on or after ``after`` (cancelled ones skipped)."""
    rows = calendar[(calendar["body_id"] == body_id) & (calendar["date"] >= after)]
    if "cancelled" in rows:
        rows = rows[~rows["cancelled"].astype(bool)]
    return list(rows.sort_values("date")["date"].head(n))


def _rescheduled(body: Any) -> list[dict[str, Any]]:
    value = getattr(body, "rescheduled", None) if not isinstance(body, dict) else body.get("rescheduled")
    return list(value) if isinstance(value, (list, tuple)) else []


def parse_time(value: Any) -> dt.time | None:
    """A meeting's time as typed: « 14:30 », « 14h30 », « 14 h », « 9h » (None when empty).

    >>> parse_time("14h30"), parse_time("9 h"), parse_time(None)
    (datetime.time(14, 30), datetime.time(9, 0), None)

    Raises
    ------
    MaillageError (French) for a text that is not a time of day.
    """
    if F.is_missing(value):
        return None
    if isinstance(value, dt.time):
        return value
    text = str(value).strip().lower().replace(" ", "")
    match = re.fullmatch(r"(\d{1,2})(?:[:h.](\d{2})?)?", text)
    if match is None or int(match.group(1)) > 23 or int(match.group(2) or 0) > 59:
        raise MaillageError(L.GOV_MESSAGES["bad_time"].format(value=value))
    return dt.time(int(match.group(1)), int(match.group(2) or 0))


def _meeting_details(body: Any) -> dict[str, Any]:
    duration = getattr(body, "duration_minutes", None)
    place = getattr(body, "place", None)
    return {"time": parse_time(getattr(body, "start_time", None)),
            "duration": int(duration) if not F.is_missing(duration) else 120,
            "place": "" if F.is_missing(place) else str(place)}


def _reschedule(store: Any, body_id: str, planned: Any, to: Any, reason: str, by: str) -> dict[str, Any]:
    """Record a decision on one meeting of ``body_id`` (the one planned on ``planned``)."""
    day = _as_date(planned)
    frames = store.frames(["project", "bodies"])
    calendar = meeting_calendar(frames, body_ids=[body_id])
    known = set(calendar["planned_date"]) | set(calendar["date"])
    if day not in known:
        raise MaillageError(L.GOV_MESSAGES["no_such_meeting"].format(
            body=store.get("bodies", body_id)["name"], date=F.date_long(day)))
    # a meeting is named by its date on the rhythm, or by its date as shown (moved by a holiday)
    if day not in set(calendar["planned_date"]):
        day = calendar.loc[calendar["date"] == day, "planned_date"].iloc[0]
    new = _as_date(to) if to is not None else None
    body = store.get("bodies", body_id)
    kept = [r for r in _rescheduled(body) if _as_date(r.get("date")) != day]
    kept.append({"date": day.isoformat(), "to": new.isoformat() if new else None, "reason": reason or ""})
    store.update("bodies", body_id, {"rescheduled": sorted(kept, key=lambda r: r["date"])}, by=by)
    return kept[-1]


def move_meeting(store: Any, body_id: str, planned: Any, to: Any, reason: str = "",
                 by: str = L.FACILITATOR_BY) -> dict[str, Any]:
    """Move one meeting of a body (named by its date) to another day; the next ones keep
    their rhythm. Recorded on the body (``rescheduled``), with its history.

    Raises
    ------
    MaillageError (French) when the body has no meeting on that date.
    """
    if _as_date(to) is None:
        raise MaillageError(L.GOV_MESSAGES["no_such_meeting"].format(body=body_id, date=to))
    return _reschedule(store, body_id, planned, to, reason, by)


def cancel_meeting(store: Any, body_id: str, planned: Any, reason: str = "",
                   by: str = L.FACILITATOR_BY) -> dict[str, Any]:
    """Cancel one meeting of a body (named by its date); see ``move_meeting``."""
    return _reschedule(store, body_id, planned, None, reason, by)


def restore_meeting(store: Any, body_id: str, planned: Any, by: str = L.FACILITATOR_BY) -> None:
    """Undo a move or a cancellation: the meeting is back on its rhythm."""
    day = _as_date(planned)
    body = store.get("bodies", body_id)
    kept = [r for r in _rescheduled(body) if _as_date(r.get("date")) != day and _as_date(r.get("to")) != day]
    store.update("bodies", body_id, {"rescheduled": kept}, by=by)


def calendar_ics(calendar: pd.DataFrame, project_name: str = "", frames: dict[str, pd.DataFrame] | None = None,
                 stamp: dt.datetime | None = None) -> bytes:
    """The meeting calendar as an iCalendar file (RFC 5545), one event per meeting.

    A body with a ``start_time`` has timed events in the Europe/Paris time zone (a
    VTIMEZONE is included, so every calendar shows the right hour, summer and winter),
    lasting its ``duration_minutes``; a body without one has all-day events. Events carry
    the body's ``place`` (LOCATION) and, when ``frames`` are given, its members: as
    ATTENDEE (with their e-mail when known) and by name in the description. A cancelled
    meeting keeps its event with STATUS:CANCELLED, so that importing the file again removes
    it from calendars that had it.

    Parameters
    ----------
    calendar : from ``meeting_calendar``.
    project_name : put in the calendar's name and each event's description.
    frames : the workshop's DataFrames (members, e-mails).
    stamp : the ``DTSTAMP`` of every event (default: now, UTC).

    Returns
    -------
    The ``.ics`` file's bytes (CRLF lines, escaped and folded by the ``icalendar`` library).
    Each event's UID is stable (body id, meeting number), so importing the file again
    updates the events instead of duplicating them.
    """
    from zoneinfo import ZoneInfo

    from icalendar import Calendar, Event, vCalAddress

    paris = ZoneInfo(TIME_ZONE)
    stamp = stamp or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    members = members_table(frames) if frames is not None else None
    emails = {}
    if frames is not None and "persons" in frames and "email" in frames["persons"]:
        emails = {p: e for p, e in zip(frames["persons"]["id"], frames["persons"]["email"]) if not F.is_missing(e)}
    cal = Calendar()
    cal.add("prodid", "-//Maillage//Gouvernance//FR")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", L.GOV_LABELS["ics_calendar_name"].format(project=project_name).strip(" —"))
    cal.add("x-wr-timezone", TIME_ZONE)
    for row in calendar.itertuples(index=False):
        event = Event()
        event.add("uid", f"{row.body_id}-{row.number}@maillage")
        event.add("dtstamp", stamp)
        at = getattr(row, "time", None)
        if isinstance(at, dt.time):
            begin = dt.datetime.combine(row.date, at, tzinfo=paris)
            event.add("dtstart", begin)
            event.add("dtend", begin + dt.timedelta(minutes=int(getattr(row, "duration", 120) or 120)))
        else:
            event.add("dtstart", row.date)
            event.add("dtend", row.date + dt.timedelta(days=1))
        event.add("summary", L.GOV_LABELS["ics_summary"].format(body=row.body, number=row.number))
        place = getattr(row, "place", "")
        if place:
            event.add("location", place)
        lines = [project_name] if project_name else []
        lines.append(F.meeting(row.date, at))
        if row.moved:
            lines.append(L.GOV_LABELS["ics_moved"].format(date=F.date_long(row.planned_date), holiday=row.holiday))
        if getattr(row, "rescheduled", False):
            lines.append(L.GOV_LABELS["ics_rescheduled"].format(date=F.date_long(row.planned_date),
                                                                reason=row.reason or "—"))
        if getattr(row, "cancelled", False):
            event.add("status", "CANCELLED")
            lines.append(L.GOV_LABELS["ics_cancelled"].format(reason=row.reason or "—"))
        if members is not None:
            mine = members[members["body_id"] == row.body_id]
            if len(mine):
                lines.append(L.GOV_LABELS["ics_members"] + " : " + F.join(mine["member"]))
            for m in mine.itertuples(index=False):
                email = emails.get(m.member_id)
                if email:
                    attendee = vCalAddress(f"mailto:{email}")
                    attendee.params["cn"] = str(m.member)
                    attendee.params["role"] = "CHAIR" if m.role == V.MEMBER_CHAIR else "REQ-PARTICIPANT"
                    event.add("attendee", attendee, encode=0)
        event.add("description", "\n".join(lines))
        event.add("categories", [row.kind])
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()


# --- Organisation --------------------------------------------------------------------------

def organisation_graph(frames: dict[str, pd.DataFrame]) -> nx.DiGraph:
    """Who sits where and who reports to whom, as a directed graph.

    Nodes carry ``type`` (``body``, ``person`` or ``actor``) and ``label``; bodies also
    ``kind`` and ``rank``. Edges:

    - member → body, ``relation="sits_in"``, ``role`` (président, membre…);
    - body → the body it reports to, ``relation="reports_to"`` (see ``parent_bodies``);
    - person → person, ``relation="reports_to"``, when the first's organisation (actor) is
      under the second's by a ``hiérarchie`` relation of the stakeholder map (step 2) and
      the second's project role is not below the first's (``ROLE_RANK``: a pilot does not
      report to an agent of the organisation above). Only persons who sit in a body or
      pilot an action are drawn.

    >>> g = organisation_graph(store.frames())  # doctest: +SKIP
    >>> g.nodes["INS-01"]["type"]  # doctest: +SKIP
    'body'
    """
    g = nx.DiGraph()
    bodies = frames.get("bodies")
    if bodies is not None:
        for b in bodies.itertuples(index=False):
            g.add_node(b.id, type="body", label=b.name, kind=b.kind, rank=BODY_RANK[b.kind],
                       rhythm_weeks=int(b.rhythm_weeks or 8))
    for child, parent in parent_bodies(frames).items():
        if parent:
            g.add_edge(child, parent, relation="reports_to")
    persons = frames.get("persons")
    person_names = model.names(frames, "persons")
    actor_names = model.names(frames, "actors")
    members = frames.get("memberships")
    if members is not None:
        for m in members.itertuples(index=False):
            if isinstance(m.person_id, str) and m.person_id:
                g.add_node(m.person_id, type="person", label=person_names.get(m.person_id, m.person_id))
                g.add_edge(m.person_id, m.body_id, relation="sits_in", role=m.role)
            elif isinstance(m.actor_id, str) and m.actor_id:
                g.add_node(m.actor_id, type="actor", label=actor_names.get(m.actor_id, m.actor_id))
                g.add_edge(m.actor_id, m.body_id, relation="sits_in", role=m.role)
    actions = frames.get("actions")
    if actions is not None:
        for pid in actions["pilot_id"].dropna():
            if pid and pid not in g:
                g.add_node(pid, type="person", label=person_names.get(pid, pid))
    relations = frames.get("relations")
    if persons is not None and relations is not None and not persons.empty:
        drawn = persons[persons["id"].isin([n for n, d in g.nodes(data=True) if d["type"] == "person"])]
        by_actor: dict[str, list[str]] = {}
        rank = {p.id: ROLE_RANK.get(p.role, 5) for p in drawn.itertuples(index=False)}
        for p in drawn.itertuples(index=False):
            if isinstance(p.actor_id, str) and p.actor_id:
                by_actor.setdefault(p.actor_id, []).append(p.id)
        for r in relations[relations["type"] == V.RELATION_HIERARCHY].itertuples(index=False):
            for boss in by_actor.get(r.source_id, []):
                for sub in by_actor.get(r.target_id, []):
                    if boss != sub and rank[boss] <= rank[sub]:
                        g.add_edge(sub, boss, relation="reports_to")
    return g
