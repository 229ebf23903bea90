"""Step 8 — the project review: dashboard (late, stalled, budget, changes) and review record."""
from __future__ import annotations

import datetime as dt

import pytest

from toolkit import actions as A
from toolkit import review as R
from toolkit.core.errors import ValidationError
from toolkit.core.workshop import Workshop

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def small(empty_workshop: Workshop) -> Workshop:
    """Four actions with hand-chosen dates, completions, budgets and journals."""
    s = empty_workshop.store
    s.insert("project", {"name": "P", "territory": "T", "start_date": "2026-01-05", "horizon_months": 24}, by="t")
    s.insert_many("persons", [{"id": "P1", "name": "Ana", "organisation": "Ville", "role": "pilote d'action"},
                              {"id": "P2", "name": "Bruno", "organisation": "Ville", "role": "pilote d'action"},
                              {"id": "P3", "name": "Chloé", "organisation": "Ville", "role": "élu"}], by="t")
    s.insert_many("axes", [{"id": "X1", "name": "Commerce"}, {"id": "X2", "name": "Habitat"}], by="t")
    s.insert("actors", {"id": "R", "name": "Région", "category": "cofinanceur", "power": 3, "interest": 2}, by="t")
    s.insert_many("actions", [
        # past its end date
        {"id": "A1", "axis_id": "X1", "name": "Échue", "pilot_id": "P1", "state": "en cours", "completion": 80,
         "start_date": "2026-01-01", "end_date": "2026-10-31", "budget_planned": 1000, "budget_committed": 1200,
         "budget_spent": 100},
        # 326 of 364 days gone (90 % expected), 50 % done: lag 40
        {"id": "A2", "axis_id": "X1", "name": "Lente", "pilot_id": "P2", "state": "engagée", "completion": 50,
         "start_date": "2026-01-01", "end_date": "2026-12-31", "budget_planned": 2000, "budget_committed": 500,
         "budget_spent": 600},
        # same dates, 70 % done: lag 20, on time
        {"id": "A3", "axis_id": "X2", "name": "À l'heure", "state": "en cours", "completion": 70,
         "start_date": "2026-01-01", "end_date": "2026-12-31", "budget_planned": 3000},
        # closed: never late, left out of budgets
        {"id": "A4", "axis_id": "X2", "name": "Abandonnée", "state": "abandonnée", "completion": 10,
         "start_date": "2025-01-01", "end_date": "2025-12-31", "budget_planned": 9000},
    ], by="t")
    s.insert("fundings", {"action_id": "A2", "actor_id": "R", "amount": 1500}, by="t")
    s.insert_many("journal", [
        {"action_id": "A1", "date": "2026-10-26", "text": "exactement 4 semaines avant"},
        {"action_id": "A2", "date": "2026-10-25", "text": "4 semaines et un jour avant"},
    ], by="t")
    return empty_workshop


def test_late_actions_past_end_or_behind_schedule(small: Workshop) -> None:
    late = R.late_actions(small.store.frames(), TODAY)
    assert list(late["id"]) == ["A1", "A2"]
    a1, a2 = late.iloc[0], late.iloc[1]
    assert a1["days_late"] == 23 and a1["reason"] == "échéance dépassée"
    assert a2["expected"] == 90 and a2["reason"] == "avancement en retard sur le calendrier"
    # a looser tolerance keeps only the action past its end date
    assert list(R.late_actions(small.store.frames(), TODAY, lag_points=45)["id"]) == ["A1"]


def test_stalled_actions_have_no_journal_entry_for_n_weeks(small: Workshop) -> None:
    stalled = R.stalled_actions(small.store.frames(), TODAY, weeks=4)
    # A3 has no entry at all; A2's last is 4 weeks and a day old; A1's exactly 4 weeks: not stalled
    assert list(stalled["id"]) == ["A3", "A2"]
    assert stalled.iloc[0]["last_entry"] is None
    assert stalled.iloc[1]["weeks_silent"] == 4
    assert list(R.stalled_actions(small.store.frames(), TODAY, weeks=5)["id"]) == ["A3"]


def test_without_pilot_and_by_state(small: Workshop) -> None:
    frames = small.store.frames()
    assert list(R.actions_without_pilot(frames)["id"]) == ["A3"]  # A4 has none but is closed
    by_state = R.actions_by_state(frames).set_index("state")
    assert by_state.loc["en cours", "actions"] == 2 and by_state.loc["achevée", "actions"] == 0
    assert by_state.loc["en cours", "budget_planned"] == 4000
    assert list(by_state.index)[0] == "à construire"


def test_budget_consumption_rates_and_alerts(small: Workshop) -> None:
    frames = small.store.frames()
    b = R.budget_consumption(frames).set_index("id")
    assert "A4" not in b.index
    assert b.loc["A1", "committed_pct"] == 120.0 and b.loc["A1", "alert"] == "engagé supérieur au prévu"
    assert b.loc["A2", "spent_pct"] == 30.0 and b.loc["A2", "alert"] == "dépensé supérieur à l'engagé"
    assert b.loc["A2", "cofunded_pct"] == 75.0 and b.loc["A3", "alert"] == ""
    totals = R.budget_totals(frames)
    assert totals["budget_planned"] == 6000 and totals["budget_committed"] == 1700
    assert totals["spent_pct"] == round(100 * 700 / 6000, 1)
    cof = R.funding_by_cofunder(frames)
    assert cof.to_dict("records") == [{"actor_id": "R", "cofunder": "Région", "amount": 1500.0, "actions": 1}]


def test_review_record_reassigns_reattaches_and_journals(small: Workshop) -> None:
    s = small.store
    rid = R.record_review(s, "2026-11-17", present=["P1", "P3"], excused=["P2"],
                          decisions="A3 confiée à Bruno ; A1 rattachée à l'habitat.",
                          changes=[{"action_id": "A3", "pilot_id": "P2"},
                                   {"action_id": "A1", "axis_id": "X2", "end_date": "2027-03-31"}])
    assert s.get("actions", "A3")["pilot_id"] == "P2"
    a1 = s.get("actions", "A1")
    assert a1["axis_id"] == "X2" and a1["end_date"] == dt.date(2027, 3, 31)
    review = s.get("reviews", rid)
    assert review["present"] == ["P1", "P3"] and review["excused"] == ["P2"]
    assert {(c["action_id"], c["field"], c["old"], c["new"]) for c in review["changes"]} == {
        ("A3", "pilot_id", None, "P2"), ("A1", "axis_id", "X1", "X2"), ("A1", "end_date", "2026-10-31", "2027-03-31")}
    entries = {j["action_id"]: j for j in s.all("journal", kind="décision")}
    assert entries["A3"]["text"] == "Revue de projet du 17 novembre 2026 : Pilote : (aucun) → Bruno"
    assert "Axe : Commerce → Habitat" in entries["A1"]["text"]
    assert "Date de fin : 31 octobre 2026 → 31 mars 2027" in entries["A1"]["text"]
    assert s.history("actions", "A3")[-1]["by"] == "animateur"
    # the new pilot may now edit the sheet
    A.update_sheet(s, "A3", {"completion": 75}, A.Editor.for_person(s.get("persons", "P2")))


def test_review_refuses_bad_input_and_changes_nothing(small: Workshop) -> None:
    s = small.store
    before = s.frame("actions").to_dict("records")
    journal = s.count("journal")
    with pytest.raises(ValidationError) as info:
        R.record_review(s, "2026-11-17", present=["P1"], excused=["P1"])
    assert "présente ou excusée, pas les deux" in str(info.value)
    with pytest.raises(ValidationError) as info:
        R.record_review(s, "2026-11-17", changes=[{"action_id": "A1", "name": "Renommée"}])
    assert "modifiable en revue de projet" in str(info.value)
    # the first change is valid, the second is not: all or nothing
    with pytest.raises(ValidationError) as info:
        R.record_review(s, "2026-11-17", changes=[{"action_id": "A3", "pilot_id": "P2"},
                                                  {"action_id": "A1", "state": "finie"}])
    assert "État" in str(info.value)
    with pytest.raises(ValidationError):
        R.record_review(s, "17 novembre", present=["P1"])
    with pytest.raises(ValidationError):
        R.record_review(s, "2026-11-17", present=["P9"])
    assert s.frame("actions").to_dict("records") == before
    assert s.count("journal") == journal and s.count("reviews") == 0


def test_changes_since_the_last_review(small: Workshop) -> None:
    s = small.store
    p1 = A.Editor.for_person(s.get("persons", "P1"))
    A.update_sheet(s, "A1", {"completion": 85}, p1)  # before the review
    R.record_review(s, "2026-11-17", present=["P1"], changes=[{"action_id": "A3", "pilot_id": "P2"}])
    assert R.changes_since(s).empty  # the review's own changes are not « since » it
    A.update_sheet(s, "A1", {"completion": 90, "state": "achevée"}, p1)
    A.add_journal_entry(s, "A1", "Clôture", p1, today=TODAY)
    fid = A.set_funding(s, "A1", "R", 300, p1)
    A.set_funding(s, "A1", "R", 400, p1)
    changes = R.changes_since(s)
    assert list(zip(changes["action_id"], changes["field"], changes["old"], changes["new"])) == [
        ("A1", "État", "en cours", "achevée"),  # fields of one change in the model's order
        ("A1", "Avancement (%)", "85", "90"),
        ("A1", "ajout", "", "23/11/2026 — fait : Clôture"),
        ("A1", "ajout", "", "Région : 300\u00a0€"),  # the co-funder's name, not its identifier
        ("A1", "modification", "Montant (€) : 300", "Montant (€) : 400"),
    ]
    assert set(changes["who"]) == {"Ana"} and fid


def test_dashboard_on_the_demo(demo_workshop: Workshop) -> None:
    board = R.review_dashboard(demo_workshop.store, today=TODAY)
    assert list(board["without_pilot"]["id"]) == ["ACN-09", "ACN-14"]
    assert board["by_state"]["actions"].sum() == 20
    assert board["next_review"] == dt.date(2027, 1, 12)
    assert board["last_review"] is None
    stalled = set(board["stalled"]["id"])
    assert {"ACN-02", "ACN-17"} <= stalled and "ACN-05" not in stalled
    assert board["budget_totals"]["budget_planned"] == 3583000  # the abandoned halle (350 k€) left out


# --- Issue 18: the relevé de conclusions, names, --date -----------------------------------------

import re  # noqa: E402

from docx import Document  # noqa: E402

from toolkit import demo  # noqa: E402
from toolkit import minutes as M  # noqa: E402
from toolkit.cli import main  # noqa: E402
from toolkit.core.formats import plain  # noqa: E402


def test_minutes_of_the_demo_review(demo_workshop: Workshop) -> None:
    s = demo_workshop.store
    R.record_review(s, **demo.DEMO_REVIEW)
    m = R.minutes(s)
    assert plain(m["when"]) == "mardi 17 novembre 2026 à 18 h 30 (semaine 47)"
    assert m["body"] == "Comité de gouvernance Montaurel 2030"
    assert m["present"][0] == "Catherine Morisset, Maire (Commune de Montaurel-sur-Sèvre)"
    assert len(m["present"]) == 6 and len(m["excused"]) == 2
    assert m["decisions"][0].startswith("La stratégie foncière agricole est confiée")
    changes = {(c["action"], c["field"]): (c["before"], c["after"]) for c in m["changes"]}
    assert changes[("Stratégie foncière agricole et espace test maraîcher", "Pilote")] == ("(aucun)", "Élodie Marchais")
    assert changes[("Légumerie intercommunale : étude de faisabilité", "Date de fin")] == (
        "31 décembre 2027", "30 juin 2028")
    assert m["next_date"] == dt.date(2027, 1, 12) and plain(m["next"]).endswith("(semaine 2)")
    text = plain(R.minutes_text(m))
    assert "PER-" not in text and "AXE-" not in text and "ACN-" not in text
    assert not re.search(r"\d\.\d|\(s\)|\(e\)|\bde [AEIOUÉaeioué]", text)


def test_minutes_docx_and_cli_revue_with_date(demo_workshop: Workshop, capsys: pytest.CaptureFixture) -> None:
    folder = str(demo_workshop.folder)
    assert main(["revue", "--atelier", folder, "--date", "2026-11-23"]) == 0
    out = capsys.readouterr().out
    assert "Revue de projet au lundi 23 novembre 2026 (semaine 48)" in out
    assert "Prochaine revue : mardi 12 janvier 2027 à 18 h 30 (semaine 2)" in out
    assert "PER-" not in out and "AXE-" not in out
    assert "Relevé de conclusions" not in out  # nothing recorded yet
    R.record_review(demo_workshop.store, **demo.DEMO_REVIEW)
    assert main(["revue", "--atelier", folder, "--date", "2026-11-23"]) == 0
    path = demo_workshop.folder / "exports" / "revues" / "releve_de_conclusions_2026-11-17.docx"
    assert str(path) in capsys.readouterr().out
    doc = Document(str(path))
    text = plain("\n".join(p.text for p in doc.paragraphs))
    assert "Relevé de conclusions — revue de projet du 17 novembre 2026" in text
    assert "Prochaine revue de projet : mardi 12 janvier 2027 à 18 h 30 (semaine 2)." in text
    assert "Relevé établi le 23 novembre 2026." in text
    [table] = doc.tables
    assert [c.text for c in table.rows[0].cells] == ["Action", "Modification", "Avant", "Après"]
    assert len(table.rows) == 1 + 4


def test_minutes_without_a_review_is_a_french_refusal(demo_workshop: Workshop) -> None:
    from toolkit.core.errors import MaillageError

    with pytest.raises(MaillageError, match="Aucune revue de projet"):
        M.write_minutes(demo_workshop)


def test_dashboard_shows_names_and_counts_from_the_date_given(demo_workshop: Workshop) -> None:
    board = R.review_dashboard(demo_workshop.store, today=dt.date(2026, 11, 23))
    assert set(board["stalled"]["pilot"]) >= {"Léa Fradin"} and "pilot" in board["late"]
    old = R.review_dashboard(demo_workshop.store, today=dt.date(2026, 11, 30))
    assert (old["stalled"]["weeks_silent"].dropna() < 20).all()  # not « 214 semaines »
