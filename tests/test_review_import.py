"""Reviews consistent everywhere (issue 19 §6): the import's « Revues de projet » sheet and
the API record a review through one path (``review.record_review``)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from excel_helpers import tiny_book, tiny_records
from toolkit import demo
from toolkit.core import model
from toolkit import review as R
from toolkit.core.errors import ValidationError
from toolkit.method import export_workbook
from toolkit.excel.importer import import_workbook
from toolkit.core.store import Store
from toolkit.core.workshop import Workshop


def _records(review: dict) -> dict:
    records = tiny_records()
    records["persons"].append({"id": "PER-2", "name": "Bruno Lefort", "organisation": "Mairie",
                               "role": "pilote d'action", "capacity_days": 4})
    records["reviews"] = [{"id": "REV-1", "date": "2026-11-17", **review}]
    return records


def test_import_applies_the_review_changes(tmp_path: Path, empty_workshop: Workshop) -> None:
    book = tiny_book(tmp_path, records=_records({
        "present": ["PER-1", "PER-2"], "decisions": "La boutique à l'essai est confiée à Bruno Lefort.",
        "changes": [{"action_id": "ACN-1", "field": "pilot_id", "old": "PER-1", "new": "PER-2"},
                    {"action_id": "ACN-1", "state": "engagée"}]}))
    s = empty_workshop.store
    import_workbook(book, s, by="analyste")
    action = s.get("actions", "ACN-1")
    assert action["pilot_id"] == "PER-2" and action["state"] == "engagée"
    (entry,) = s.all("journal", kind="décision")
    assert entry["text"] == ("Revue de projet du 17 novembre 2026 : Pilote : Alice Martin → Bruno Lefort"
                             " ; État : à construire → engagée")
    assert entry["date"] == dt.date(2026, 11, 17)
    review = s.get("reviews", "REV-1")
    assert [(c["field"], c["old"], c["new"]) for c in review["changes"]] == [
        ("pilot_id", "PER-1", "PER-2"), ("state", "à construire", "engagée")]
    assert R.reviews_table(s.frames())["changes"].tolist() == [2]
    assert s.history("actions", "ACN-1")[-1]["by"] == "analyste"


def test_present_and_excused_refused_alike_by_import_and_api(tmp_path: Path, empty_workshop: Workshop) -> None:
    book = tiny_book(tmp_path, records=_records({"present": ["PER-1"], "excused": ["PER-1"]}))
    s = empty_workshop.store
    with pytest.raises(ValidationError) as by_import:
        import_workbook(book, s, by="analyste")
    assert s.count("actions") == 0 and s.count("reviews") == 0  # nothing stored
    (problem,) = by_import.value.problems
    assert problem.sheet == "Revues de projet" and problem.record == "REV-1"
    api = Store("sqlite://")
    api.insert("persons", {"id": "PER-1", "name": "Alice", "organisation": "Mairie", "role": "agent"}, by="t")
    with pytest.raises(ValidationError) as by_api:
        R.record_review(api, "2026-11-17", present=["PER-1"], excused=["PER-1"])
    (same,) = by_api.value.problems
    assert (problem.field, problem.value, problem.expected) == (same.field, same.value, same.expected) == (
        "Excusés", "PER-1", "une personne présente ou excusée, pas les deux")


def test_unknown_field_in_the_sheet_refused(tmp_path: Path, empty_workshop: Workshop) -> None:
    book = tiny_book(tmp_path, records=_records({"changes": [{"action_id": "ACN-1", "field": "name", "new": "X"}]}))
    with pytest.raises(ValidationError) as err:
        import_workbook(book, empty_workshop.store, by="analyste")
    assert "un champ modifiable en revue de projet" in err.value.problems[0].expected
    assert empty_workshop.store.count("actions") == 0


def test_round_trip_of_a_recorded_review_is_exact(tmp_path: Path, demo_workshop: Workshop,
                                                  empty_workshop: Workshop) -> None:
    s = demo_workshop.store
    R.record_review(s, **demo.DEMO_REVIEW)
    # changed again after the review: the sheet's newer value must survive the round trip
    s.update("actions", "ACN-13", {"end_date": "2028-09-30"}, by="test")
    import_workbook(export_workbook(s, tmp_path / "r.xlsx"), empty_workshop.store, by="test")
    for kind in ("actions", "journal", "reviews"):
        want = s.frame(kind)
        got = empty_workshop.store.frame(kind)
        pd.testing.assert_frame_equal(got, want, check_dtype=False, obj=kind)
    assert empty_workshop.store.get("actions", "ACN-13")["end_date"] == dt.date(2028, 9, 30)
