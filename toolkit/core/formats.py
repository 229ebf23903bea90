"""The one place where numbers, amounts, percentages, days, dates and lists become French.

Carnets, pages, exports, letters, minutes and the report all call these functions, so a
value reads the same everywhere: ``3,5`` not ``3.5``, ``3 583 000 €`` not ``3583000.0``,
``27,8 %`` not ``0.277778``, ``mercredi 11 janvier 2023`` not ``2023-01-11``.

Choices, made once here:

- **Spaces.** The thousands separator is the narrow no-break space (U+202F) and the space
  before a unit (``€``, ``%``, ``j``) is the no-break space (U+00A0), as CLDR and babel give
  them and as French typography wants: « 3 583 » and « 27,8 % » never break across a line.
  :func:`plain` turns them into ordinary spaces where a reader needs them (a CSV, a test).
- **Rounding happens once, here**, half away from zero (``0,05 → 0,1``; babel alone would
  round half to even), on the value the analysis computed: never round before formatting.
  Trailing zeros are dropped (``3`` rather than ``3,0``) unless ``fixed=True``; a value that
  rounds to zero loses its sign (no ``-0``).
- **Missing values** (``None``, ``NaN``, ``NaT``, ``pd.NA``, ``""``) become ``""`` or, with
  ``missing=DASH``, « — » (the report's tables use the dash so an empty cell reads as
  deliberate). No function ever returns ``nan`` or ``None``.
- Plural: French uses the singular below 2 (« 1,5 jour », « 0 tâche »); see :func:`count`.

Examples (``plain`` shows the no-break spaces as ordinary ones):

>>> number(3.5), number(2.0), number(0.04), number(1234.56, 2)
('3,5', '2', '0', '1\u202f234,56')
>>> plain(amount(3583000)), plain(percent(0.278)), plain(days(9.4))
('3 583 000 €', '27,8 %', '9,4 j')
>>> date_long("2023-01-11"), date_written("2026-12-01")
('mercredi 11 janvier 2023', 'le 1er décembre 2026')
>>> join(["a", "b", "c"])
'a, b et c'
"""
from __future__ import annotations

import datetime as dt
import functools
import math
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, Iterable

from babel.dates import format_date
from babel.numbers import format_decimal

from toolkit.core import labels as L

LOCALE = "fr_FR"
NBSP = "\u00a0"      # before a unit: « 27,8 % », « 9,4 j », « 3 583 000 € »
NNBSP = "\u202f"     # between groups of thousands: « 3 583 000 »
DASH = "—"           # a deliberate empty cell


def plain(text: str) -> str:
    """The text with its no-break spaces made ordinary (for CSV, logs and tests).

    >>> plain("3\u202f583\u00a0€")
    '3 583 €'
    """
    return text.replace(NNBSP, " ").replace(NBSP, " ")


def is_missing(value: Any) -> bool:
    """True for None, NaN, NaT, pd.NA and the empty string (no pandas import needed).

    >>> [is_missing(v) for v in (None, float("nan"), "", " ", 0, "x")]
    [True, True, True, True, False, False]
    """
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, float):
        return math.isnan(value)
    try:
        return bool(value != value)   # NaN, NaT and pd.NA are not equal to themselves
    except (TypeError, ValueError):  # pd.NA raises on bool(); arrays are not missing values
        return type(value).__name__ in {"NAType", "NaTType"}


def _decimal(value: Any) -> Decimal:
    try:
        return Decimal(str(value))
    except InvalidOperation as exc:
        raise ValueError(f"{value!r} is not a number") from exc


def is_plural(value: Any, digits: int = 1) -> bool:
    """French agreement by count: plural from 2 on (« 1,5 jour », « 2 jours », « 0 tâche »).

    >>> [is_plural(n) for n in (0, 1, 1.5, 1.96, 2, 12)]
    [False, False, False, True, True, True]

    The value is compared as it is shown (``1,96`` shows as ``2`` with one digit).
    """
    if is_missing(value):
        return False
    return abs(_rounded(value, digits)) >= 2


def _is_bool(value: Any) -> bool:
    return isinstance(value, bool) or type(value).__name__ in {"bool_", "bool"}  # numpy's too


def _rounded(value: Any, digits: int) -> Decimal:
    if _kept(value):  # plain numbers: the same few values come back again and again
        return _kept_rounded(value, digits)
    return _rounding(value, digits)


def _rounding(value: Any, digits: int) -> Decimal:
    result = _decimal(value).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return result if result != 0 else Decimal(0).quantize(Decimal(1).scaleb(-digits))


# Types whose equal values have the same decimal text (``str``), so that a rounding can be
# kept by value: ``typed=True`` keeps 1 and 1.0 apart all the same. numpy's float64 is
# named, not imported: a page that only fills a form never loads numpy (issue 17).
_KEPT_TYPES = frozenset({float, int})
_KEPT_FOREIGN = frozenset({("numpy", "float64")})


def _kept(value: Any) -> bool:
    kind = type(value)
    return kind in _KEPT_TYPES or (kind.__module__, kind.__name__) in _KEPT_FOREIGN


@functools.lru_cache(maxsize=16384, typed=True)
def _kept_rounded(value: float | int, digits: int) -> Decimal:
    return _rounding(value, digits)


def number(value: Any, digits: int = 1, *, fixed: bool = False, missing: str = "") -> str:
    """A number in French: decimal comma, thin no-break spaces between thousands.

    >>> number(3.5), number(9.44), number(0.05), number(-0.04), number(12), number(True)
    ('3,5', '9,4', '0,1', '0', '12', 'oui')
    >>> number(3, fixed=True), plain(number(3583000.0, 0)), number(None), number(None, missing=DASH)
    ('3,0', '3 583 000', '', '—')
    """
    if is_missing(value):
        return missing
    if _is_bool(value):
        return yes_no(value)
    return _formatted(str(_rounded(value, digits)), digits, fixed)


@functools.lru_cache(maxsize=8192)
def _formatted(rounded: str, digits: int, fixed: bool) -> str:
    """babel's text of a number already rounded (given as its decimal text), kept: babel
    parses the pattern and the locale on every call (~75 µs), and the analyses write the
    same few values tens of thousands of times in their reasons (remedies of each variant)."""
    decimals = ("0" if fixed else "#") * digits
    pattern = "#,##0" + (f".{decimals}" if digits > 0 else "")
    return format_decimal(Decimal(rounded), format=pattern, locale=LOCALE, decimal_quantization=False)


def integer(value: Any, *, missing: str = "") -> str:
    """A whole number (rounded half away from zero).

    >>> integer(2.5), plain(integer(12345))
    ('3', '12 345')
    """
    return number(value, 0, missing=missing)


def amount(value: Any, digits: int = 0, *, missing: str = "") -> str:
    """An amount in euros: ``3 583 000 €`` (cents only when asked).

    >>> plain(amount(3583000)), plain(amount(1234.5, 2)), amount(float("nan"), missing=DASH)
    ('3 583 000 €', '1 234,50 €', '—')
    """
    if is_missing(value):
        return missing
    return number(value, digits, fixed=digits > 0) + NBSP + L.FORMAT_EURO


def percent(ratio: Any, digits: int = 1, *, missing: str = "") -> str:
    """A ratio (0.278) as a percentage: ``27,8 %``; 1.05 reads ``105 %``, never capped.

    >>> plain(percent(0.278)), plain(percent(1.05)), plain(percent(1/3, 0)), percent(None)
    ('27,8 %', '105 %', '33 %', '')
    """
    if is_missing(ratio):
        return missing
    return number(_decimal(ratio) * 100, digits) + NBSP + "%"


def count(value: Any, singular: str, plural: str | None = None, digits: int = 1, *,
          missing: str = "") -> str:
    """A number followed by its noun, agreed by count (never « jour(s) »).

    ``plural`` defaults to the singular plus « s ».

    >>> [plain(count(n, "tâche")) for n in (0, 1, 3)], plain(count(2, "travail", "travaux"))
    (['0 tâche', '1 tâche', '3 tâches'], '2 travaux')
    >>> plain(count(1.5, "jour"))
    '1,5 jour'
    """
    if is_missing(value):
        return missing
    word = (plural or singular + "s") if is_plural(value, digits) else singular
    return number(value, digits) + NBSP + word


def days(value: Any, digits: int = 1, *, long: bool = False, missing: str = "") -> str:
    """Days of work: ``9,4 j``, or in words ``9,4 jours`` (``long=True``) for sentences.

    >>> plain(days(9.4)), plain(days(9.4, long=True)), plain(days(1, long=True)), plain(days(0.5))
    ('9,4 j', '9,4 jours', '1 jour', '0,5 j')
    """
    if is_missing(value):
        return missing
    if long:
        return count(value, L.FORMAT_DAY, L.FORMAT_DAYS, digits)
    return number(value, digits) + NBSP + L.FORMAT_DAY_SHORT


def yes_no(value: Any, *, missing: str = "") -> str:
    """A boolean as « oui » / « non ».

    >>> yes_no(True), yes_no(False), yes_no(None)
    ('oui', 'non', '')
    """
    if is_missing(value):
        return missing
    return L.FORMAT_YES if bool(value) else L.FORMAT_NO


# --- dates -----------------------------------------------------------------------------

def as_date(value: Any) -> dt.date | None:
    """A date from a date, datetime, pandas Timestamp or ISO / French text; None if missing.

    >>> as_date("2023-01-11"), as_date("11/01/2023"), as_date(None)
    (datetime.date(2023, 1, 11), datetime.date(2023, 1, 11), None)
    """
    if is_missing(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if hasattr(value, "to_pydatetime"):
        return value.to_pydatetime().date()
    text = str(value).strip()[:10]
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"{value!r} is not a date")


def date_short(value: Any, *, missing: str = "") -> str:
    """``11/01/2023`` (tables, where space is short).

    >>> date_short(dt.date(2023, 1, 11)), date_short(None, missing=DASH)
    ('11/01/2023', '—')
    """
    day = as_date(value)
    return missing if day is None else format_date(day, "dd/MM/yyyy", locale=LOCALE)


def date_long(value: Any, *, weekday: bool = True, missing: str = "") -> str:
    """``mercredi 11 janvier 2023``; the first of the month is « 1er ».

    >>> date_long("2023-01-11"), date_long("2026-12-01", weekday=False)
    ('mercredi 11 janvier 2023', '1er décembre 2026')
    """
    day = as_date(value)
    if day is None:
        return missing
    first = L.FORMAT_FIRST if day.day == 1 else str(day.day)
    text = f"{first} {format_date(day, 'MMMM yyyy', locale=LOCALE)}"
    return f"{weekday_name(day)} {text}" if weekday else text


def date_written(value: Any, *, weekday: bool = False, missing: str = "") -> str:
    """A date inside a sentence: ``le 1er décembre 2026`` (``le mardi 1er décembre 2026``).

    >>> date_written("2026-12-01"), date_written("2023-01-11", weekday=True)
    ('le 1er décembre 2026', 'le mercredi 11 janvier 2023')
    """
    day = as_date(value)
    if day is None:
        return missing
    return f"{L.FORMAT_THE} {date_long(day, weekday=weekday)}"


def weekday_name(value: Any, *, missing: str = "") -> str:
    """The day of the week: ``mercredi``.

    >>> weekday_name("2023-01-11")
    'mercredi'
    """
    day = as_date(value)
    return missing if day is None else format_date(day, "EEEE", locale=LOCALE)


def month(value: Any, *, missing: str = "") -> str:
    """A month: ``janvier 2023`` (loads per month, calendars), from a date or ``AAAA-MM``.

    >>> month("2023-01-11"), month("2026-09"), month(None, missing=DASH)
    ('janvier 2023', 'septembre 2026', '—')
    """
    day = _month_day(value)
    return missing if day is None else format_date(day, "MMMM yyyy", locale=LOCALE)


def month_runs(months: Iterable[Any]) -> str:
    """Months as a consultant writes them: runs of consecutive months ``octobre–janvier``,
    joined in a sentence (no year: the months of one workshop's horizon).

    >>> month_runs(["2027-03", "2027-04", "2027-06"]), month_runs(["2026-10", "2026-11", "2026-12", "2027-01"])
    ('mars–avril et juin', 'octobre–janvier')
    >>> month_runs([])
    ''
    """
    numbers = sorted({n for n in map(_month_number, months) if n is not None})
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n - runs[-1][-1] == 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    names = [_month_name(r[0] % 12 + 1) if len(r) == 1 else _month_name(r[0] % 12 + 1) + "–" + _month_name(r[-1] % 12 + 1)
             for r in runs]
    return join(names)


def _month_number(value: Any) -> int | None:
    """``AAAA-MM`` (or a date) as year × 12 + month − 1, without parsing a date when it
    need not (thousands of spans in a large workshop's remedies)."""
    text = str(value)
    if len(text) == 7 and text[4] == "-" and text[:4].isdigit() and text[5:].isdigit():
        return int(text[:4]) * 12 + int(text[5:]) - 1
    day = as_date(value)
    return None if day is None else day.year * 12 + day.month - 1


@functools.lru_cache(maxsize=12)
def _month_name(number: int) -> str:
    """The name of month ``number`` (1–12), « mars » (babel's date formatting is slow:
    the remedies of a large workshop write hundreds of month spans)."""
    return format_date(dt.date(2000, number, 1), "MMMM", locale=LOCALE)


def estimate(value: Any) -> float | None:
    """An estimated amount as a consultant writes it: to the 50 € under 10 000 €, to the
    100 € under 100 000 €, to the 1 000 € above (half up); ``None`` stays ``None``.

    >>> estimate(171.82), estimate(2250), estimate(14850), estimate(54321), estimate(123456), estimate(None)
    (150.0, 2250.0, 14900.0, 54300.0, 123000.0, None)
    """
    if is_missing(value):
        return None
    size = abs(float(value))
    step = 50 if size < 10000 else 100 if size < 100000 else 1000
    return float((_decimal(value) / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step)


def month_short(value: Any, *, missing: str = "") -> str:
    """A month in a table or a period: ``09/2026``, from a date or ``AAAA-MM``.

    >>> month_short("2026-09"), month_short("2027-01-15")
    ('09/2026', '01/2027')
    """
    day = _month_day(value)
    return missing if day is None else format_date(day, "MM/yyyy", locale=LOCALE)


def is_stored_month(value: Any) -> bool:
    """Whether ``value`` is a month as the store keeps it, ``AAAA-MM`` (shown ``09/2026``).

    >>> is_stored_month("2026-09"), is_stored_month("2026-2030"), is_stored_month(None)
    (True, False, False)
    """
    return isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}", value.strip()) is not None


def _month_day(value: Any) -> dt.date | None:
    """The first day of a month given as ``AAAA-MM`` (a stored month), or any date."""
    if is_stored_month(value):
        return dt.date(int(value[:4]), int(value[5:7]), 1)
    return as_date(value)


def iso_week(value: Any) -> tuple[int, int] | None:
    """The ISO year and week number: ``(2023, 2)`` for Wednesday 11 January 2023.

    >>> iso_week("2023-01-11"), iso_week("2027-01-01"), iso_week(None)
    ((2023, 2), (2026, 53), None)
    """
    day = as_date(value)
    if day is None:
        return None
    year, week_number, _ = day.isocalendar()
    return year, week_number


def week(value: Any, *, missing: str = "") -> str:
    """``semaine 2``; the ISO year is added when it is not the date's year (« semaine 53 de 2026 »).

    >>> week("2023-01-11"), week("2027-01-01")
    ('semaine 2', 'semaine 53 de 2026')
    """
    day = as_date(value)
    if day is None:
        return missing
    year, week_number = iso_week(day)  # type: ignore[misc]
    text = L.FORMAT_WEEK.format(week=week_number)
    return text if year == day.year else L.FORMAT_WEEK_OF_YEAR.format(week=week_number, year=year)


def date_compact(value: Any, *, missing: str = "") -> str:
    """A date in a list of dates: short weekday, short date and ISO week, ``mar. 12/01/2027 (S2)``.

    >>> date_compact("2027-01-12"), date_compact("2027-01-01")
    ('mar. 12/01/2027 (S2)', 'ven. 01/01/2027 (S53)')
    """
    day = as_date(value)
    if day is None:
        return missing
    return f"{format_date(day, 'EEE', locale=LOCALE)} {date_short(day)} (S{iso_week(day)[1]})"  # type: ignore[index]


def time_of_day(value: Any, *, missing: str = "") -> str:
    """``14 h 30``, ``9 h`` (French time of a meeting); accepts ``"14:30"`` or a time.

    >>> plain(time_of_day("14:30")), plain(time_of_day(dt.time(9, 0))), time_of_day(None)
    ('14 h 30', '9 h', '')
    """
    if is_missing(value):
        return missing
    moment = value if isinstance(value, dt.time) else dt.time.fromisoformat(str(value).strip())
    hours = f"{moment.hour}{NBSP}h"
    return hours if moment.minute == 0 else f"{hours}{NBSP}{moment.minute:02d}"


def moment(value: Any, *, missing: str = "") -> str:
    """When something happened (history, last served): ``01/12/2026 à 22 h 39``, in local time,
    from a datetime or ISO 8601 text (a naive one is taken as local time).

    >>> plain(moment("2026-12-01T22:39:05")), moment(None, missing=DASH)
    ('01/12/2026 à 22 h 39', '—')
    """
    if is_missing(value):
        return missing
    when = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value).strip())
    when = when.astimezone()
    return f"{date_short(when.date())} {L.FORMAT_AT} {time_of_day(when.time().replace(second=0, microsecond=0))}"


def clock(value: dt.datetime | None = None) -> str:
    """A time to the second, for « saved at … » lines: ``14:03:27`` (now when not given).

    >>> clock(dt.datetime(2026, 12, 1, 14, 3, 27))
    '14:03:27'
    """
    return (value or dt.datetime.now()).strftime("%H:%M:%S")


def meeting(value: Any, at: Any = None, *, missing: str = "") -> str:
    """A meeting's date as everyone should see it: weekday, date and ISO week (and time).

    >>> meeting("2023-01-11")
    'mercredi 11 janvier 2023 (semaine 2)'
    >>> plain(meeting("2023-01-11", "14:30"))
    'mercredi 11 janvier 2023 à 14 h 30 (semaine 2)'
    """
    day = as_date(value)
    if day is None:
        return missing
    hour = time_of_day(at)
    text = date_long(day) + (f" {L.FORMAT_AT} {hour}" if hour else "")
    return f"{text} ({week(day)})"


# --- lists and cells ------------------------------------------------------------------

def join(items: Iterable[Any], last: str | None = None) -> str:
    """A list in a sentence: ``a, b et c`` (``last="ou"`` for a choice); empty items skipped.

    >>> join(["a", "b", "c"]), join(["Martine Gérard", "Céline Kieffer"]), join(["a"]), join([])
    ('a, b et c', 'Martine Gérard et Céline Kieffer', 'a', '')
    >>> join(["lundi", None, "mardi"], last="ou")
    'lundi ou mardi'
    """
    words = [str(item).strip() for item in items if not is_missing(item)]
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} {last or L.FORMAT_AND} {words[-1]}"


def text(value: Any, digits: int = 1, *, missing: str = "") -> str:
    """Any cell value as a reader sees it: numbers in French, dates short, booleans in words.

    >>> text(3.5), text(True), text(dt.date(2023, 1, 11)), text(None, missing=DASH), text("RAS")
    ('3,5', 'oui', '11/01/2023', '—', 'RAS')
    >>> text(["a", "b"])
    'a, b'
    """
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(text(item, digits) for item in value if not is_missing(item)) or missing
    if is_missing(value):
        return missing
    if _is_bool(value):
        return yes_no(bool(value))
    if isinstance(value, (dt.date, dt.datetime)) or hasattr(value, "to_pydatetime"):
        return date_short(value)
    if isinstance(value, (int, float, Decimal)) or type(value).__module__ == "numpy":
        return number(value, digits)
    return str(value)


def file_size(n: int) -> str:
    """A file's size as a French reader expects it (binary units, as file managers count).

    >>> file_size(10 * 1024 * 1024), file_size(12 * 1024), file_size(250)
    ('10,0 Mo', '12 Ko', '250 octets')
    """
    if n >= 1024 * 1024:
        return f"{number(n / 1024 / 1024, fixed=True)} Mo"
    return f"{integer(round(n / 1024))} Ko" if n >= 1024 else f"{integer(n)} octets"
