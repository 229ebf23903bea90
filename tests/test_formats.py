"""The formatting layer: French numbers, amounts, percentages, days, dates and lists."""
from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest

from toolkit.core import formats as F

CASES = [
    (F.number, (3.5,), "3,5"),
    (F.number, (9.44,), "9,4"),
    (F.number, (0.05,), "0,1"),        # half away from zero, not babel's half-even
    (F.number, (0.15,), "0,2"),
    (F.number, (-0.04,), "0"),         # no « -0 »
    (F.number, (2.0,), "2"),
    (F.number, (3583000.0, 0), "3 583 000"),
    (F.amount, (3583000,), "3 583 000 €"),
    (F.amount, (3583000.0,), "3 583 000 €"),
    (F.percent, (0.278,), "27,8 %"),
    (F.percent, (0.277778,), "27,8 %"),
    (F.percent, (1.05, 0), "105 %"),   # an overload is never shown as 100 %
    (F.percent, (1.049,), "104,9 %"),
    (F.days, (9.4,), "9,4 j"),
    (F.days, (3.5,), "3,5 j"),
    (F.date_short, (dt.date(2023, 1, 11),), "11/01/2023"),
    (F.date_long, ("2023-01-11",), "mercredi 11 janvier 2023"),
    (F.date_written, (dt.date(2026, 12, 1),), "le 1er décembre 2026"),
    (F.date_written, (pd.Timestamp("2026-12-02"),), "le 2 décembre 2026"),
    (F.week, ("2023-01-11",), "semaine 2"),
    (F.week, ("2023-01-01",), "semaine 52 de 2022"),
    (F.meeting, ("2023-01-11", "09:00"), "mercredi 11 janvier 2023 à 9 h (semaine 2)"),
    (F.join, (["a", "b", "c"],), "a, b et c"),
    (F.join, (["Martine Gérard", "Céline Kieffer"],), "Martine Gérard et Céline Kieffer"),
    (F.month, ("2024-03-05",), "mars 2024"),
]


@pytest.mark.parametrize("function, args, expected", CASES, ids=[f"{c[0].__name__}{c[1]!r}" for c in CASES])
def test_french_forms(function, args, expected) -> None:
    assert F.plain(function(*args)) == expected


def test_units_and_thousands_never_break_across_a_line() -> None:
    assert F.amount(3583000) == "3\u202f583\u202f000\u00a0€"
    assert F.percent(0.278) == "27,8\u00a0%"
    assert F.days(9.4) == "9,4\u00a0j"


@pytest.mark.parametrize("value", [None, float("nan"), np.nan, pd.NA, pd.NaT, "", "  "])
def test_missing_values_read_empty_or_as_a_dash(value) -> None:
    for function in (F.number, F.amount, F.percent, F.days, F.date_short, F.date_long, F.text):
        assert function(value) == ""
        assert function(value, missing=F.DASH) == "—"


@pytest.mark.parametrize("value, shown", [(0, "0 jour"), (1, "1 jour"), (1.5, "1,5 jour"), (1.96, "2 jours"),
                                          (2, "2 jours"), (9.4, "9,4 jours")])
def test_days_in_words_agree_with_their_count(value, shown) -> None:
    assert F.plain(F.days(value, long=True)) == shown


def test_cells_of_a_frame_read_as_french() -> None:
    row = [np.float64(0.5), np.int64(3), np.bool_(False), True, pd.Timestamp("2023-01-11"), "RAS", math.nan]
    assert [F.text(v) for v in row] == ["0,5", "3", "non", "oui", "11/01/2023", "RAS", ""]


def test_no_decimal_point_ever() -> None:
    for value in (0.1, 1 / 3, 2.675, 1e6 + 0.25, 123456.789):
        for shown in (F.number(value, 2), F.amount(value), F.percent(value), F.days(value)):
            assert "." not in shown and "nan" not in shown.lower()
