"""Step 7 — bodies, members, meeting calendar (holidays), iCalendar export, organisation."""
from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar

from toolkit import governance as G
from toolkit.core.errors import ValidationError
from toolkit.viz.organisation import figure_png, organisation_figure
from toolkit.core.workshop import Workshop

D = dt.date


def _small(ws: Workshop, start: str = "2026-01-05", months: int = 6, bodies: list[dict] | None = None) -> dict:
    s = ws.store
    s.insert("project", {"name": "Projet test", "territory": "Ville", "start_date": start,
                         "horizon_months": months}, by="test")
    for body in bodies or []:
        s.insert("bodies", body, by="test")
    return s.frames()


def _dates(df) -> list[str]:
    return [d.isoformat() for d in df["date"]]


def test_eight_weekly_from_first_date_over_horizon(empty_workshop: Workshop) -> None:
    frames = _small(empty_workshop, bodies=[{"id": "B1", "name": "Revue", "kind": "comité de gouvernance",
                                             "rhythm_weeks": 8, "first_date": "2026-01-06"}])
    cal = G.meeting_calendar(frames)
    # 2026-01-05 + 6 months = 2026-07-05 (excluded); every 56 days from 6 January
    assert _dates(cal) == ["2026-01-06", "2026-03-03", "2026-04-28", "2026-06-23"]
    assert list(cal["number"]) == [1, 2, 3, 4]
    assert not cal["moved"].any()


def test_first_date_defaults_to_project_start(empty_workshop: Workshop) -> None:
    frames = _small(empty_workshop, months=2, bodies=[{"id": "B1", "name": "Équipe", "kind": "équipe projet",
                                                       "rhythm_weeks": 2}])
    assert _dates(G.meeting_calendar(frames)) == ["2026-01-05", "2026-01-19", "2026-02-02",
                                                 "2026-02-16", "2026-03-02"]


def test_meetings_before_the_horizon_are_left_out_but_keep_their_number(empty_workshop: Workshop) -> None:
    frames = _small(empty_workshop, months=1, bodies=[{"id": "B1", "name": "Copil", "kind": "comité de pilotage",
                                                       "rhythm_weeks": 2, "first_date": "2025-12-22"}])
    cal = G.meeting_calendar(frames)
    assert _dates(cal) == ["2026-01-05", "2026-01-19", "2026-02-02"]
    assert list(cal["number"]) == [2, 3, 4]


def test_holiday_moves_meeting_to_next_working_day(empty_workshop: Workshop) -> None:
    # 6 April 2026 is Easter Monday; 25 December 2026 a Friday (Noël → Monday 28)
    frames = _small(empty_workshop, start="2026-04-01", months=9, bodies=[
        {"id": "B1", "name": "Copil", "kind": "comité de pilotage", "rhythm_weeks": 4, "first_date": "2026-04-06"},
        {"id": "B2", "name": "Noël", "kind": "comité technique", "rhythm_weeks": 52, "first_date": "2026-12-25"}])
    cal = G.meeting_calendar(frames, holidays="décaler")
    first = cal[(cal["body_id"] == "B1")].iloc[0]
    assert first["planned_date"] == D(2026, 4, 6) and first["date"] == D(2026, 4, 7)
    assert first["holiday"] == "Lundi de Pâques" and bool(first["moved"])
    christmas = cal[cal["body_id"] == "B2"].iloc[0]
    assert christmas["date"] == D(2026, 12, 28) and christmas["holiday"] == "Noël"
    # 4 May 2026 (4 weeks later) is an ordinary Monday: not moved
    second = cal[(cal["body_id"] == "B1")].iloc[1]
    assert second["date"] == D(2026, 5, 4) and not second["moved"]


def test_holidays_ignored_keeps_dates_but_names_them(empty_workshop: Workshop) -> None:
    frames = _small(empty_workshop, start="2026-04-01", months=2, bodies=[
        {"id": "B1", "name": "Copil", "kind": "comité de pilotage", "rhythm_weeks": 4, "first_date": "2026-04-06"}])
    cal = G.meeting_calendar(frames, holidays="ignorer")
    assert _dates(cal) == ["2026-04-06", "2026-05-04"]
    assert list(cal["holiday"]) == ["Lundi de Pâques", ""]
    assert not cal["moved"].any()


def test_moved_meeting_skips_holiday_then_weekend(empty_workshop: Workshop) -> None:
    # Saturday 1 May 2027 (Fête du Travail) → Monday 3 May; Thursday 6 May (Ascension) → Friday 7
    frames = _small(empty_workshop, start="2027-04-01", months=3, bodies=[
        {"id": "B1", "name": "Samedi", "kind": "comité technique", "rhythm_weeks": 52, "first_date": "2027-05-01"},
        {"id": "B2", "name": "Jeudi", "kind": "comité technique", "rhythm_weeks": 52, "first_date": "2027-05-06"}])
    cal = G.meeting_calendar(frames).set_index("body_id")
    assert cal.loc["B1", "date"] == D(2027, 5, 3)
    assert cal.loc["B2", "date"] == D(2027, 5, 7) and cal.loc["B2", "holiday"] == "Ascension"


def test_local_holidays_of_alsace_moselle(empty_workshop: Workshop) -> None:
    # Vendredi saint (3 April 2026) is a holiday in Moselle only
    frames = _small(empty_workshop, start="2026-04-01", months=1, bodies=[
        {"id": "B1", "name": "Copil", "kind": "comité de pilotage", "rhythm_weeks": 8, "first_date": "2026-04-03"}])
    assert _dates(G.meeting_calendar(frames)) == ["2026-04-03"]
    moved = G.meeting_calendar(frames, subdivision="57").iloc[0]
    # Friday 3 (Vendredi saint) → Saturday, Sunday → Monday 6 is Easter Monday → Tuesday 7
    assert moved["date"] == D(2026, 4, 7) and moved["holiday"] == "Vendredi saint"


def test_french_holidays_include_easter_based_days() -> None:
    days = G.french_holidays([2027])
    assert days[D(2027, 3, 29)] == "Lundi de Pâques"
    assert days[D(2027, 5, 6)] == "Ascension"
    assert days[D(2027, 5, 17)] == "Lundi de Pentecôte"
    assert len(days) == 11


def test_bad_holiday_option_is_refused_in_french(empty_workshop: Workshop) -> None:
    frames = _small(empty_workshop, bodies=[{"name": "Copil", "kind": "comité de pilotage"}])
    with pytest.raises(ValidationError) as info:
        G.meeting_calendar(frames, holidays="parfois")
    assert "Jours fériés" in str(info.value) and "décaler, ignorer" in str(info.value)


def test_calendar_needs_a_project(empty_workshop: Workshop) -> None:
    empty_workshop.store.insert("bodies", {"name": "Copil", "kind": "comité de pilotage"}, by="test")
    with pytest.raises(Exception) as info:
        G.meeting_calendar(empty_workshop.store.frames())
    assert "cadrage" in str(info.value)


def test_ics_export_round_trips_with_escaping(empty_workshop: Workshop) -> None:
    name = "Comité; technique, <b>« habitat »</b>" + " très long" * 10
    frames = _small(empty_workshop, months=2, bodies=[
        {"id": "B1", "name": name, "kind": "comité technique", "rhythm_weeks": 4}])
    pid = empty_workshop.store.insert("persons", {"name": "Zoé, l'\"animatrice\"", "organisation": "Ville",
                                                  "role": "agent"}, by="test")
    empty_workshop.store.insert("memberships", {"body_id": "B1", "person_id": pid, "role": "animateur"}, by="test")
    frames = empty_workshop.store.frames()
    cal = G.meeting_calendar(frames)
    data = G.calendar_ics(cal, "Projet test", frames, stamp=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc))
    lines = data.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)  # RFC 5545 folding
    assert b"\n" not in data.replace(b"\r\n", b"")  # CRLF only
    parsed = Calendar.from_ical(data)
    events = [c for c in parsed.walk("VEVENT")]
    assert len(events) == len(cal) == 3
    assert str(events[0]["summary"]) == f"{name} (réunion n° 1)"
    assert events[0].decoded("dtstart") == D(2026, 1, 5)
    assert "Zoé, l'\"animatrice\"" in str(events[0]["description"])
    assert [str(e["uid"]) for e in events] == ["B1-1@maillage", "B1-2@maillage", "B1-3@maillage"]


def test_members_table_lists_persons_and_organisations(demo_workshop: Workshop) -> None:
    members = G.members_table(demo_workshop.store.frames())
    copil = members[members["body_id"] == "INS-02"]
    assert len(copil) == 15
    assert copil.iloc[0]["member"] == "Catherine Morisset" and copil.iloc[0]["role"] == "président"
    orgs = set(copil.loc[copil["member_type"] == "organisation", "member_id"])
    assert orgs == {"ACT-31", "ACT-32", "ACT-33"}


def test_bodies_table_and_reporting_line(demo_workshop: Workshop) -> None:
    frames = demo_workshop.store.frames()
    table = G.bodies_table(frames).set_index("id")
    assert list(table.index) == ["INS-01", "INS-02", "INS-03", "INS-04"]
    assert table.loc["INS-03", "reports_to"] == "Comité de pilotage Petites villes de demain"
    assert table.loc["INS-01", "reports_to"] == ""
    assert table.loc["INS-04", "chair"] == "Thierry Bonnin"
    assert table.loc["INS-01", "facilitator"] == "Léa Fradin"


def test_demo_calendar_counts(demo_workshop: Workshop) -> None:
    cal = G.meeting_calendar(demo_workshop.store.frames())
    counts = cal.groupby("body_id").size().to_dict()
    # 2026-09-01 → 2027-09-01: governance every 8 weeks from 22/09 (7), équipe every 2 weeks from 08/09 (26)
    assert counts == {"INS-01": 7, "INS-02": 3, "INS-03": 26, "INS-04": 8}
    assert G.next_meetings(cal, "INS-01", D(2026, 11, 23), 2) == [D(2027, 1, 12), D(2027, 3, 9)]


def test_organisation_graph_who_sits_where_and_reports_to_whom(demo_workshop: Workshop) -> None:
    frames = demo_workshop.store.frames()
    g = G.organisation_graph(frames)
    sits = [(u, v) for u, v, d in g.edges(data=True) if d["relation"] == "sits_in"]
    assert len(sits) == len(frames["memberships"])
    assert g.edges["PER-02", "PER-07"]["relation"] == "reports_to"  # cheffe de projet → DGS
    assert g.edges["PER-07", "PER-01"]["relation"] == "reports_to"  # DGS → maire
    assert g.edges["INS-03", "INS-02"]["relation"] == "reports_to"
    # a pilot is never drawn under an agent of the organisation above
    assert not g.has_edge("PER-10", "PER-14")


def test_organisation_figure_is_a_png(demo_workshop: Workshop, empty_workshop: Workshop) -> None:
    png = figure_png(organisation_figure(G.organisation_graph(demo_workshop.store.frames())))
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000
    empty = figure_png(organisation_figure(G.organisation_graph(empty_workshop.store.frames())))
    assert empty[:8] == b"\x89PNG\r\n\x1a\n"


def test_unknown_holiday_subdivision_is_refused_in_french() -> None:
    with pytest.raises(Exception) as info:
        G.french_holidays([2026], subdivision="Atlantide")
    assert "Subdivision « Atlantide » inconnue" in str(info.value) and "57" in str(info.value)


def test_cli_calendrier_writes_the_ics(demo_workshop: Workshop, capsys: pytest.CaptureFixture) -> None:
    from toolkit.cli import main

    assert main(["calendrier", "--atelier", str(demo_workshop.folder), "--jours-feries", "ignorer"]) == 0
    out = capsys.readouterr().out
    ics = demo_workshop.folder / "exports" / "calendrier_instances.ics"
    assert "44 réunions" in out
    assert "mardi 22 septembre 2026 à 18 h 30 (semaine 39)  Comité de gouvernance Montaurel 2030" in out
    assert len(Calendar.from_ical(ics.read_bytes()).walk("VEVENT")) == 44


# --- Issue 18: weekday and ISO week, time, place, moved and cancelled meetings ----------------

def test_calendar_gives_weekday_week_time_and_place(demo_workshop: Workshop) -> None:
    cal = G.meeting_calendar(demo_workshop.store.frames())
    first = cal[cal["body_id"] == "INS-01"].iloc[0]
    assert first["weekday"] == "mardi" and first["week"] == "semaine 39"
    assert first["time"] == dt.time(18, 30) and first["duration"] == 120
    assert first["place"] == "Mairie de Montaurel-sur-Sèvre, salle du conseil"
    # the week shown is the ISO week of the date shown: 12/01/2027 is in week 2, not 3
    review = cal[(cal["body_id"] == "INS-01") & (cal["date"] == D(2027, 1, 12))].iloc[0]
    assert review["week"] == "semaine 2"


def test_a_meeting_can_be_moved_cancelled_and_restored(demo_workshop: Workshop) -> None:
    s = demo_workshop.store
    G.move_meeting(s, "INS-01", D(2027, 1, 12), D(2027, 1, 14), reason="vœux du maire")
    G.cancel_meeting(s, "INS-03", D(2026, 12, 29), reason="fêtes de fin d'année")
    cal = G.meeting_calendar(s.frames())
    moved = cal[(cal["body_id"] == "INS-01") & (cal["number"] == 3)].iloc[0]
    assert moved["date"] == D(2027, 1, 14) and moved["planned_date"] == D(2027, 1, 12)
    assert moved["rescheduled"] and moved["weekday"] == "jeudi" and moved["reason"] == "vœux du maire"
    # the next ones keep their rhythm
    assert G.next_meetings(cal, "INS-01", D(2026, 11, 23), 2) == [D(2027, 1, 14), D(2027, 3, 9)]
    cancelled = cal[(cal["body_id"] == "INS-03") & (cal["planned_date"] == D(2026, 12, 29))].iloc[0]
    assert cancelled["cancelled"]
    assert D(2026, 12, 29) not in G.next_meetings(cal, "INS-03", D(2026, 12, 20), 3)
    assert s.history("bodies", "INS-01")[-1]["by"] == "animateur"
    with pytest.raises(Exception, match="pas de réunion prévue"):
        G.move_meeting(s, "INS-01", D(2027, 1, 13), D(2027, 1, 15))
    G.restore_meeting(s, "INS-01", D(2027, 1, 12))
    cal = G.meeting_calendar(s.frames())
    assert D(2027, 1, 12) in set(cal.loc[cal["body_id"] == "INS-01", "date"])


def test_ics_events_have_a_time_in_paris_a_place_and_attendees(demo_workshop: Workshop) -> None:
    s = demo_workshop.store
    s.update("persons", "PER-01", {"email": "maire@montaurel.example"}, by="test")
    G.cancel_meeting(s, "INS-03", D(2026, 12, 29), reason="fêtes")
    frames = s.frames()
    data = G.calendar_ics(G.meeting_calendar(frames), "Montaurel", frames,
                          stamp=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc))
    parsed = Calendar.from_ical(data)
    assert [tz["tzid"] for tz in parsed.walk("VTIMEZONE")] == ["Europe/Paris"]
    events = {str(e["uid"]): e for e in parsed.walk("VEVENT")}
    first = events["INS-01-1@maillage"]
    start = first.decoded("dtstart")
    assert start.hour == 18 and start.minute == 30 and str(start.tzinfo) == "Europe/Paris"
    assert start.utcoffset() == dt.timedelta(hours=2)  # summer time on 22 September
    assert first.decoded("dtend") - start == dt.timedelta(minutes=120)
    assert str(first["location"]) == "Mairie de Montaurel-sur-Sèvre, salle du conseil"
    attendees = first.get("attendee")
    attendees = attendees if isinstance(attendees, list) else [attendees]
    assert [str(a) for a in attendees] == ["mailto:maire@montaurel.example"]
    assert attendees[0].params["cn"] == "Catherine Morisset"
    assert "mardi 22 septembre 2026 à 18\u00a0h\u00a030 (semaine 39)" in str(first["description"])
    winter = events["INS-01-3@maillage"].decoded("dtstart")
    assert winter.utcoffset() == dt.timedelta(hours=1)
    cancelled = [e for e in events.values() if str(e.get("status", "")) == "CANCELLED"]
    assert len(cancelled) == 1 and cancelled[0].decoded("dtstart").date() == D(2026, 12, 29)


def test_cli_calendrier_moves_a_meeting_and_lists_from_a_date(demo_workshop: Workshop,
                                                              capsys: pytest.CaptureFixture) -> None:
    from toolkit.cli import main

    folder = str(demo_workshop.folder)
    assert main(["calendrier", "--atelier", folder, "--deplacer", "gouvernance", "2027-01-12", "14/01/2027",
                 "--motif", "vœux", "--date", "2027-01-01"]) == 0
    out = capsys.readouterr().out
    assert "déplacée au jeudi 14 janvier 2027 (semaine 2)" in out
    assert "jeudi 14 janvier 2027 à 18 h 30 (semaine 2)  Comité de gouvernance" in out
    assert "2026" not in out.split("\n", 1)[1].split("réunions ;")[0]  # listed from --date on
    assert main(["calendrier", "--atelier", folder, "--annuler", "INS-03", "2026-12-30"]) == 2
    assert "pas de réunion prévue" in capsys.readouterr().err
