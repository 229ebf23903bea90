"""Readable tables: French headings, names instead of identifiers, French values."""
from __future__ import annotations

import pandas as pd

from toolkit import display
from toolkit.core.workshop import Workshop


def test_identifiers_left_under_french_headings_become_names(demo_workshop: Workshop) -> None:
    display.use_names_of(demo_workshop.store)
    person = demo_workshop.store.get("persons", "PER-02")["name"]
    frame = pd.DataFrame({"Personne": ["PER-02"], "Tâches concernées": ["TAC-001, TAC-002"],
                          "Cible": ["CMP-01"], "Ligne": ["RAC-001"], "Jours": [9.44]})
    out = display.readable_frame(frame)
    assert out.columns.tolist() == ["Personne", "Tâches concernées", "Cible", "Jours"]  # a RACI line id says nothing
    row = out.iloc[0].tolist()
    assert row[0] == person and row[2] == "Conduite de projet" and row[3] == "9,4"
    assert "TAC-" not in row[1] and ", " in row[1]


def test_an_identifier_column_beside_the_names_is_dropped(demo_workshop: Workshop) -> None:
    display.use_names_of(demo_workshop.store)
    frame = pd.DataFrame({"Nom": ["Léa Fradin"], "x": [True]}, index=pd.Index(["PER-02"], name="Personne"))
    out = display.readable_frame(frame)
    assert out.columns.tolist() == ["Nom", "x"] and out.iloc[0].tolist() == ["Léa Fradin", "oui"]


def test_months_moments_and_missing_values_read_as_french() -> None:
    frame = pd.DataFrame({"start_month": ["2026-09"], "at": ["2026-12-01T22:39:48.849661+00:00"],
                          "comment": [float("nan")], "in_team": [False]})
    row = display.readable_frame(frame).iloc[0].tolist()
    assert row[0] == "septembre 2026"
    assert row[1][:13] in ("01/12/2026 à ", "02/12/2026 à ")  # local time of 22:39 UTC
    assert row[2:] == ["—", "non"]
