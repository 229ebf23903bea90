"""A table a person can read, from any analysis DataFrame: what the carnets show.

French headings (from the catalogues of every step), names instead of identifiers, numbers,
dates and yes/no through ``toolkit.core.formats`` (rounding happens there, once), no row index,
and never ``NaN``, ``None``, ``True`` or ``False``: an empty cell reads « — ».

Example
-------
>>> import pandas as pd
>>> t = readable_frame(pd.DataFrame({"person_id": ["P1"], "load_days": [9.44], "in_team": [True],
...                                  "comment": [None]}),
...                    {"persons": pd.DataFrame({"id": ["P1"], "name": ["Martine Gérard"]})})
>>> t.columns.tolist()
['Personne', 'Charge (jours)', 'Équipe projet', 'Commentaire']
>>> t.iloc[0].tolist()
['Martine Gérard', '9,4', 'oui', '—']
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Mapping

import pandas as pd

from .core import formats
from .core import labels as L
from .core import model


@lru_cache(maxsize=1)
def headings() -> dict[str, str]:
    """Every English column name the analyses use, with its French heading.

    Read from the label catalogues (``FIELD_LABELS`` and each step's ``*_COLUMNS``), so a
    heading changed there changes here; the first catalogue naming a column wins.
    """
    out: dict[str, str] = {}
    for name in sorted(vars(L)):
        if name.endswith("_COLUMNS") and isinstance(getattr(L, name), dict):
            for key, value in getattr(L, name).items():
                if isinstance(key, str) and isinstance(value, str):
                    out.setdefault(key, value)
    for key, value in L.FIELD_LABELS.items():
        out[key] = value  # the model's own words come first
    return out


def _ref_kinds() -> dict[str, str]:
    """Field name → kind it points to (``person_id`` → ``persons``…), over every kind."""
    refs: dict[str, str] = {}
    for kind_name in model.KIND_ORDER:
        for f, target in model.references(kind_name):
            if f.type == "ref":
                refs.setdefault(f.name, target)
    return refs


# Where tables find names for identifiers the analyses leave in (set by the carnet's
# ``notebook.current_workshop``): a store, read at each table so that names follow edits.
_NAMES_SOURCE: list[Any] = []
IDENTIFIER = re.compile(r"^([A-Z]{2,4})-[A-Za-z0-9]+$")


def use_names_of(store: Any) -> None:
    """Tables shown from now on name the records of ``store`` (instead of their identifiers)."""
    _NAMES_SOURCE[:] = [store]


def _items(value: Any) -> list[Any]:
    """A cell's items: a list's, or those of a text the analyses joined (« TAC-018, TAC-022 »)."""
    if isinstance(value, (list, tuple)):
        return list(value)
    if isinstance(value, str) and ", " in value:
        return value.split(", ")
    return [value]


def _kinds_of_ids(values: list[Any]) -> set[str] | None:
    """The kinds whose identifiers fill a column (every value, or every item of its lists), else None."""
    prefixes = {k.prefix: k.name for k in model.KINDS.values()}
    found: set[str] = set()
    for v in values:
        for item in _items(v):
            if formats.is_missing(item):
                continue
            m = IDENTIFIER.match(item) if isinstance(item, str) else None
            if not m or m.group(1) not in prefixes:
                return None
            found.add(prefixes[m.group(1)])
    return found or None


def _names_from_source(kind: str) -> dict[str, str]:
    if not _NAMES_SOURCE or not model.KINDS[kind].has("name"):
        return {}
    try:
        return {r["id"]: r["name"] for r in _NAMES_SOURCE[0].all(kind)}
    except Exception:  # a closed or unreachable store: identifiers stay
        return {}


def names(frames: Mapping[str, pd.DataFrame] | None, kind: str) -> dict[str, str]:
    """Identifier → name of the records of ``kind`` (empty without frames or names)."""
    return {str(k): str(v) for k, v in model.names(frames, kind).items()}


# Columns holding a month (``AAAA-MM``): shown « septembre 2026 ».
MONTHS = ("start_month", "end_month", "first_month", "last_month", "month")


# Columns holding a history timestamp (UTC, ISO 8601 text): shown as a local date and time.
MOMENTS = ("at", "created_at", "updated_at")


def name_identifiers(df: pd.DataFrame, frames: Mapping[str, pd.DataFrame] | None = None) -> pd.DataFrame:
    """``df`` with its columns of identifiers (one, or a list « TAC-018, TAC-022 ») showing the
    records' names; such a column is left out when the names are already beside it, or when
    its records have no name (a RACI line's id: nothing to read).

    >>> frames = {"competences": pd.DataFrame({"id": ["CMP-09"], "name": ["Marchés publics"]})}
    >>> name_identifiers(pd.DataFrame({"c": ["CMP-09"], "n": [4]}), frames).to_dict("records")
    [{'c': 'Marchés publics', 'n': 4}]
    """
    df = df.copy()
    for position in range(df.shape[1] - 1, -1, -1):  # identifiers left under French headings
        values = list(df.iloc[:, position])
        kinds = _kinds_of_ids(values)
        if kinds is None:
            continue
        if not any(model.KINDS[k].has("name") for k in kinds):  # a RACI line's id: nothing to read
            df = df.drop(columns=df.columns[position])
            continue
        lookup: dict[str, str] = {}
        for kind in kinds:
            lookup.update(names(frames, kind) or _names_from_source(kind))
        if not lookup:
            continue

        def named(v: Any) -> Any:
            if isinstance(v, (list, tuple)):
                return [lookup.get(i, i) for i in v]
            if isinstance(v, str):
                return ", ".join(lookup.get(i, i) for i in v.split(", "))
            return v

        shown = [named(v) for v in values]
        others = [list(df.iloc[:, i]) for i in range(df.shape[1]) if i != position]
        if shown in others:  # the names are already beside: the identifiers say nothing more
            df = df.drop(columns=df.columns[position])
        else:
            df.iloc[:, position] = pd.Series(shown, index=df.index, dtype=object)
    return df


def readable_frame(frame: pd.DataFrame, frames: Mapping[str, pd.DataFrame] | None = None,
                   digits: int = 1) -> pd.DataFrame:
    """``frame`` as French text: headings, names for identifiers, formatted values.

    A named or non-default index becomes a first column; identifier columns (``person_id``…)
    show the record's name when ``frames`` hold it, and are dropped when the frame already
    has the name beside them (``task`` next to ``task_id``).
    """
    df = frame.copy()
    if df.index.name is not None or isinstance(df.index, pd.MultiIndex) or not isinstance(df.index, pd.RangeIndex):
        df = df.reset_index()
        if "index" in df.columns and frame.index.name is None:
            df = df.rename(columns={"index": ""})
    df = df.loc[:, ~pd.Index(df.columns).duplicated()]  # a heading shown twice says nothing more
    refs = _ref_kinds()
    for column in list(df.columns):
        if not isinstance(column, str):
            continue
        if column == "id" and "name" in df.columns:
            df = df.drop(columns=column)
            continue
        if column in MONTHS:
            df[column] = [formats.month(v, missing=formats.DASH) for v in df[column]]
            continue
        if column in MOMENTS:
            df[column] = [formats.moment(v, missing=formats.DASH) for v in df[column]]
            continue
        kind = refs.get(column)
        if kind is None:
            continue
        base = column[:-3] if column.endswith("_id") else None
        if base and base in df.columns:
            df = df.drop(columns=column)
            continue
        lookup = names(frames, kind)
        if lookup:
            df[column] = [lookup.get(str(v), v) if not formats.is_missing(v) else v for v in df[column]]
    df = name_identifiers(df, frames)
    table = headings()
    # by position: two analyses' columns may share a French heading (« Action »)
    out = pd.DataFrame({i: [_cell(v, digits) for v in df.iloc[:, i]] for i in range(df.shape[1])})
    out.columns = [table.get(c, c) if isinstance(c, str) else formats.text(c) for c in df.columns]
    return out


def _cell(value: Any, digits: int) -> str:
    """One cell as French text; a stored month (``2026-09``) under a French heading reads
    ``09/2026``, as in the workbook."""
    if formats.is_stored_month(value):
        return formats.month_short(value)
    return formats.text(value, digits, missing=formats.DASH)


def table(frame: pd.DataFrame, frames: Mapping[str, pd.DataFrame] | None = None, digits: int = 1,
          empty: str | None = None) -> Any:
    """The readable table to show in a carnet (a pandas ``Styler`` without the row index).

    An empty frame shows one French sentence (``empty``, or « Aucune donnée pour l'instant. »).
    """
    from IPython.display import HTML
    import html

    if frame is None or len(frame) == 0:
        return HTML(f"<p><em>{html.escape(empty or L.CARNET['nothing'])}</em></p>")
    out = readable_frame(frame, frames, digits)
    # Text reads from the left, figures line up on the right (pandas puts everything right).
    numeric = [i for i, column in enumerate(out.columns)
               if all(v == formats.DASH or _FIGURE.fullmatch(v) for v in out[column])]
    styles = [{"selector": "th, td", "props": "text-align: left; vertical-align: top;"}]
    styles += [{"selector": f".col{i}", "props": "text-align: right;"} for i in numeric]
    return out.style.hide(axis="index").set_table_styles(styles)


#: A cell that is a figure once written in French: « 12 », « 3,5 », « 45 000 € », « 30 % ».
_FIGURE = re.compile(r"[-−]?[\d\u202f\u00a0 ]+(,\d+)?(\u00a0?(€|%|j))?")
