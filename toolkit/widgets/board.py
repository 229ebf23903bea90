"""The facilitator's board for the projector: sections that refresh live.

A section is a function ``(store, hide_names: bool) -> DataFrame | str | Widget`` with a
French title (a :class:`Section`); the board calls every section on each refresh (every
few seconds) and shows what it returns (a DataFrame as an escaped table, a string as
escaped text, a widget as is). Which sections the board shows is the step registry's: each
step declares its own in ``toolkit.method`` (``board_sections()``), which hands them to
:func:`board_page`::

    def stakeholders_board(store, hide_names):              # in the step's widget module
        return my_analysis(store.frames(["actors"]))      # a DataFrame

    Section("parties_prenantes", "Parties prenantes : acteurs ajoutés", stakeholders_board, order=20)

With ``hide_names`` the section must not show people's names nor let them be guessed:
use ``person_label(store, hide_names)`` (« Personne N », numbered in an order kept secret
per workshop, not the PER order of the printed links sheet) and pass a table showing
people through :func:`for_projection` (rows in pseudonym order, an organisation with
fewer than three of the people shown becomes « autre organisation »).

Here: the facilitator's own sections (participants joined, contributions per step, latest
contributions) and the welcome step's (the profiles filled on the welcome page).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import html
import logging
import re
from dataclasses import dataclass
from typing import Any, Callable, Sequence

import ipywidgets as widgets
import pandas as pd

from ..core import formats as F
from ..core import labels as L
from .. import steps as steps_mod
from ..access import contributions, visits
from ..core.store import Store, new_token

log = logging.getLogger("maillage.board")

SectionFn = Callable[[Store, bool], Any]


@dataclass(frozen=True)
class Section:
    """One section of the board: ``fn(store, hide_names)`` under ``title``, placed by
    ``order`` (then key) among the method's (``toolkit.method.board_sections``)."""

    key: str
    title: str
    fn: SectionFn
    order: int = 50


#: Store meta holding the workshop's secret that orders the board's pseudonyms.
PSEUDONYM_KEY = "board_pseudonym_key"
#: An organisation with fewer people than this among those shown would single them out.
SMALL_GROUP = 3


def pseudonym_key(store: Store) -> bytes:
    """The workshop's secret for the board's pseudonyms (made on first use, kept in the store)."""
    key = store.get_meta(PSEUDONYM_KEY)
    if not key:
        with store.transaction() as c:  # two facilitator pages asking at once keep one key
            store.set_meta(PSEUDONYM_KEY, new_token(), conn=c)
        key = store.get_meta(PSEUDONYM_KEY) or ""
    return key.encode()


def keyed_pseudonyms(ids: Any, key: bytes, prefix: str = "Personne") -> dict[str, str]:
    """Each distinct id → « Personne N », numbered in the order of an HMAC of the id under
    ``key``: the same in every refresh and page of a workshop, unrelated to the ids' order.

    >>> aliases = keyed_pseudonyms(["PER-01", "PER-02", "PER-03"], b"secret")
    >>> sorted(aliases.values())
    ['Personne 1', 'Personne 2', 'Personne 3']
    >>> aliases == keyed_pseudonyms(["PER-03", "PER-01", "PER-02"], b"secret")
    True
    """
    order = sorted(set(ids), key=lambda rid: hmac.new(key, str(rid).encode(), hashlib.sha256).digest())
    return {rid: f"{prefix} {n}" for n, rid in enumerate(order, start=1)}


def person_label(store: Store, hide_names: bool) -> dict[str, str]:
    """Person id → what the board may show: the name, or the workshop's pseudonym."""
    persons = store.all("persons")
    if hide_names:
        return keyed_pseudonyms([p["id"] for p in persons], pseudonym_key(store))
    return {p["id"]: p["name"] for p in persons}


def _alias_number(alias: Any) -> tuple[int, str]:
    found = re.search(r"(\d+)$", str(alias))
    return (int(found.group(1)) if found else 0, str(alias))


def for_projection(table: pd.DataFrame, person_column: str, organisation_column: str | None = None) -> pd.DataFrame:
    """A table of people made safe for the projector once names are pseudonyms.

    Rows are put in pseudonym order (the row order otherwise follows the PER numbers of
    the printed sheet). An organisation with fewer than :data:`SMALL_GROUP` of the people
    shown becomes « autre organisation »; when those put together are still fewer, the
    organisation column is left out.

    >>> t = pd.DataFrame({"Qui": ["Personne 2", "Personne 1", "Personne 3", "Personne 4"],
    ...                   "Organisation": ["Mairie", "Mairie", "Mairie", "CCAS"]})
    >>> list(for_projection(t, "Qui", "Organisation").columns)
    ['Qui']
    >>> t.loc[4] = ["Personne 5", "CCAS"]; t.loc[5] = ["Personne 6", "Région"]
    >>> for_projection(t, "Qui", "Organisation")["Organisation"].tolist()
    ['Mairie', 'Mairie', 'Mairie', 'autre organisation', 'autre organisation', 'autre organisation']
    """
    out = table.iloc[sorted(range(len(table)), key=lambda i: _alias_number(table[person_column].iloc[i]))]
    out = out.reset_index(drop=True)
    if organisation_column is None or organisation_column not in out.columns or out.empty:
        return out
    orgs = out[organisation_column].fillna("").astype(str)
    sizes = orgs.value_counts()
    small = orgs.map(sizes) < SMALL_GROUP
    if 0 < int(small.sum()) < SMALL_GROUP:
        return out.drop(columns=[organisation_column])
    out[organisation_column] = orgs.where(~small, L.BOARD["other_organisation"])
    return out


def _short_time(at: str | None) -> str:
    if not at:
        return ""
    try:
        return F.clock(dt.datetime.fromisoformat(at).astimezone())
    except ValueError:
        return str(at)


# --- built-in sections ----------------------------------------------------------------


def joined_table(store: Store, hide_names: bool) -> pd.DataFrame:
    """Persons who opened at least one page: first visit, last page, number of pages.

    Returns
    -------
    DataFrame with the French columns of ``labels.BOARD["joined_table"]``, one row per
    participant who joined (the facilitator's visits are not counted); with ``hide_names``,
    made safe by :func:`for_projection` (the organisation column may be left out).
    """
    cols = L.BOARD["joined_table"]
    v = visits(store)
    v = v[v["role"] == "participant"]
    if v.empty:
        return pd.DataFrame(columns=cols)
    names = person_label(store, hide_names)
    orgs = {p["id"]: p["organisation"] for p in store.all("persons")}
    rows = []
    for pid, group in v.groupby("person_id", sort=True):
        rows.append([names.get(pid, pid), orgs.get(pid, ""), _short_time(group["at"].min()),
                     L.STEP_TITLES.get(group["page"].iloc[-1], group["page"].iloc[-1]), len(group)])
    table = pd.DataFrame(rows, columns=cols)
    return for_projection(table, cols[0], cols[1]) if hide_names else table


def joined_section(store: Store, hide_names: bool) -> widgets.Widget | str:
    table = joined_table(store, hide_names)
    text = L.BOARD["joined"].format(joined=F.count(len(table), "personne"), total=store.count("persons"),
                                    verb="ont" if len(table) > 1 else "a")
    return _html(f"<p class='maillage-joined'><strong>{html.escape(text)}</strong></p>" + _table_html(table))


def submissions_table(store: Store) -> pd.DataFrame:
    """Per participant step: participants' writes, distinct contributors, time of the last one."""
    cols = L.BOARD["submissions_table"]
    rows = []
    for step in [steps_mod.get("accueil")] + steps_mod.participant_steps():
        if not step.kinds:
            continue
        c = contributions(store, step.kinds)
        rows.append([step.title, len(c), c["by"].nunique() if len(c) else 0,
                     _short_time(c["at"].max()) if len(c) else ""])
    return pd.DataFrame(rows, columns=cols)


def submissions_section(store: Store, hide_names: bool) -> pd.DataFrame:
    return submissions_table(store)


def latest_section(store: Store, hide_names: bool, limit: int = 8) -> pd.DataFrame:
    """The last participants' writes, newest first (who, which kind, which operation)."""
    kinds = sorted({k for s in steps_mod.STEPS.values() for k in s.kinds})
    c = contributions(store, kinds).tail(limit).iloc[::-1]
    names = person_label(store, hide_names)
    from ..core.model import KINDS

    return pd.DataFrame({
        L.BOARD["latest_table"][0]: [_short_time(a) for a in c["at"]],
        L.BOARD["latest_table"][1]: [names.get(b, b) for b in c["by"]],
        L.BOARD["latest_table"][2]: [KINDS[k].label for k in c["kind"]],
        L.BOARD["latest_table"][3]: [L.BOARD["ops"].get(o, o) for o in c["op"]],
    })


# --- the board widget -----------------------------------------------------------------


def _table_html(df: pd.DataFrame) -> str:
    if df.empty:
        return f"<p>{html.escape(L.BOARD['empty'])}</p>"
    return df.to_html(index=False, escape=True, border=0, classes="maillage-table")


def _html(value: str) -> widgets.HTML:
    return widgets.HTML(value)


class Board(widgets.VBox):
    """The sections given (in that order), a switch that hides names, refreshed by :meth:`refresh`.

    Example (in a facilitator page)::

        board = Board(session.store, toolkit.method.board_sections())
        session.show(board)
        session.every(3, board.refresh)
    """

    def __init__(self, store: Store, sections: Sequence[Section]) -> None:
        self.store = store
        self.sections = list(sections)
        self.hide = widgets.Checkbox(value=False, description=L.BOARD["hide_names"], indent=False)
        self.hide.add_class("maillage-hide-names")
        self.hide.observe(lambda _c: self.refresh(), names="value")
        self.clock = widgets.HTML()
        self.clock.add_class("maillage-refreshed")
        self.boxes: dict[str, widgets.Box] = {}
        self._last: dict[str, str] = {}
        children: list[widgets.Widget] = [widgets.HBox([self.hide, self.clock])]
        for s in self.sections:
            box = widgets.VBox([])
            box.add_class(f"maillage-section-{s.key}")
            self.boxes[s.key] = box
            children += [widgets.HTML(f"<h3>{html.escape(s.title)}</h3>"), box]
        super().__init__(children)
        self.add_class("maillage-board")
        self.refresh()

    def render(self, s: Section) -> widgets.Widget | str:
        """One section's content: an HTML string, or a widget from the section."""
        try:
            out = s.fn(self.store, self.hide.value)
        except Exception as exc:
            log.exception(L.LOGS["board_section_failed"], s.key)
            return f"<p class='maillage-error'>{html.escape(L.BOARD['section_error'].format(error=exc))}</p>"
        if isinstance(out, pd.DataFrame):
            return _table_html(out)
        if isinstance(out, widgets.HTML):
            return out.value
        if isinstance(out, widgets.Widget):
            return out
        return f"<p>{html.escape(str(out))}</p>"

    def refresh(self) -> None:
        """Recompute every section; only what changed is sent to the browser."""
        for s in self.sections:
            content = self.render(s)
            box = self.boxes[s.key]
            if isinstance(content, str):
                if self._last.get(s.key) == content:
                    continue
                self._last[s.key] = content
                if box.children and isinstance(box.children[0], widgets.HTML) and not box.children[0]._dom_classes:
                    box.children[0].value = content
                    continue
                new: widgets.Widget = widgets.HTML(content)
            else:
                self._last.pop(s.key, None)
                new = content
            old = box.children
            box.children = [new]
            for w in old:
                if w is not new:
                    w.close()
        self.clock.value = html.escape(L.BOARD["refreshed"].format(time=F.clock()))


# --- the welcome step's own section ---------------------------------------------------


def profiles_section(store: Store, hide_names: bool) -> pd.DataFrame:
    """Profiles updated by participants and the days per month they offer, in total."""
    c = contributions(store, ["persons"])
    done = sorted(set(c["by"])) if len(c) else []
    persons = {p["id"]: p for p in store.all("persons")}
    days = sum(float(persons[p]["capacity_days"] or 0) for p in done if p in persons)
    return pd.DataFrame([[len(done), F.number(days)]], columns=L.BOARD["profiles_table"])


def board_page(session: Any, sections: Sequence[Section], refresh_seconds: float = 3) -> Board:
    """Display the board of ``sections`` (the method's: ``toolkit.method.board_sections()``)
    for a facilitator session, refreshed every ``refresh_seconds``."""
    board = Board(session.store, sections)
    session.show(board, title=L.BOARD["title"])
    session.every(refresh_seconds, board.refresh)
    return board
