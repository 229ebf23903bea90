"""The consultant's RACI editor (step 4): a matrix tasks × persons of one action, a letter
per cell, the action's checks beside it and the participants' proposals to accept or reject.

Every change goes through ``toolkit.raci`` (``set_letter``, ``accept``, ``reject``): written
at once to the store, with history. A refused change shows its French message and the cell
goes back to what the store holds. Every text shown is escaped.

Example
-------
In a carnet::

    from toolkit.widgets.raci_matrix import RaciMatrix
    RaciMatrix(ws.store, by="consultant")
"""
from __future__ import annotations

import html
from typing import Any

import ipywidgets as w
import pandas as pd

from ..core import labels as L
from .. import raci
from ..core.errors import MaillageError
from ..core.permissions import Actor
from ..core.store import Store

W = L.RACI_WIDGET
EMPTY = ""


def _e(text: Any) -> str:
    return html.escape("" if text is None or (isinstance(text, float) and pd.isna(text)) else str(text))


class RaciMatrix:
    """Matrix editor for one action at a time (an action picker switches).

    Parameters
    ----------
    store : the workshop's store.
    by : who edits: the consultant of that name (kept in history), or the page's ``Actor``
        (every change is checked by the rights table, ``toolkit.core.permissions``).
    action_id : the action shown first (default: the first action with tasks).
    """

    def __init__(self, store: Store, by: "str | Actor" = "consultant", action_id: str | None = None) -> None:
        self.store = store
        self.by = by
        self._cells: dict[tuple[str, str], w.Dropdown] = {}
        self._buttons: dict[str, tuple[w.Button, w.Button]] = {}
        self._extra: list[str] = []  # persons added as columns before they hold a letter
        self._busy = False
        frames = store.frames(["actions", "tasks"])
        with_tasks = set(frames["tasks"]["action_id"])
        actions = frames["actions"].loc[frames["actions"]["id"].isin(with_tasks)]
        options = [(f"{a} — {n}", a) for a, n in zip(actions["id"], actions["name"])]
        self.action = w.Dropdown(options=options, description=W["action"],
                                 layout=w.Layout(width="95%"), style={"description_width": "initial"})
        if action_id is not None:
            self.action.value = action_id
        self.person_pick = w.Dropdown(description=W["add_person"], style={"description_width": "initial"})
        self.add_button = w.Button(description=W["add"], icon="plus")
        self.message = w.HTML()
        self.grid = w.GridBox()
        self.findings = w.HTML()
        self.proposals = w.VBox()
        self.widget = w.VBox([
            self.action,
            w.HTML(f"<small>{_e(W['legend'])}</small>"),
            self.grid,
            w.HBox([self.person_pick, self.add_button]),
            self.message,
            w.HTML(f"<h4>{_e(W['findings'])}</h4>"), self.findings,
            w.HTML(f"<h4>{_e(W['proposals'])}</h4>"), self.proposals,
        ])
        self.action.observe(self._on_action, names="value")
        self.add_button.on_click(self._on_add)
        self.refresh()

    # --- display ----------------------------------------------------------------------

    def _repr_mimebundle_(self, **kwargs: Any) -> dict:
        return self.widget._repr_mimebundle_(**kwargs)

    def refresh(self) -> None:
        """Re-read the store and redraw the matrix, the checks and the proposals."""
        frames = self.store.frames(["persons", "actions", "tasks", "raci", "requirements",
                                    "assessments", "competences"])
        self._names = dict(zip(frames["persons"]["id"], frames["persons"]["name"]))
        action_id = self.action.value
        matrix = raci.matrix(frames, action_id)
        people = list(matrix.columns[1:]) + [p for p in self._extra if p not in matrix.columns]
        self._draw_matrix(matrix, people)
        others = [(f"{self._names[p]} ({p})", p) for p in sorted(self._names) if p not in people]
        self.person_pick.options = others
        self._draw_findings(frames, action_id)
        self._draw_proposals(frames, action_id)

    def _draw_matrix(self, matrix: pd.DataFrame, people: list[str]) -> None:
        self._cells = {}
        children: list[w.Widget] = [w.HTML(f"<b>{_e(W['task'])}</b>")]
        children += [w.HTML(f"<b title='{_e(p)}'>{_e(self._names.get(p, p))}</b>") for p in people]
        for task_id, row in matrix.iterrows():
            children.append(w.HTML(f"{_e(task_id)} {_e(row['task'])}"))
            for p in people:
                current = row.get(p, EMPTY) if p in matrix.columns else EMPTY
                options = [EMPTY, *raci.LETTERS] + ([current] if current not in (EMPTY, *raci.LETTERS) else [])
                cell = w.Dropdown(options=options, value=current, layout=w.Layout(width="64px"))
                cell.observe(lambda change, t=task_id, q=p: self._on_cell(change, t, q), names="value")
                self._cells[(task_id, p)] = cell
                children.append(cell)
        self.grid.children = children
        self.grid.layout = w.Layout(grid_template_columns=f"minmax(220px, 3fr) repeat({len(people)}, 72px)",
                                    grid_gap="2px 4px", overflow="auto")

    def _draw_findings(self, frames: dict[str, pd.DataFrame], action_id: str | None) -> None:
        found = raci.check(frames)
        mine = found.loc[found["action_id"] == action_id]
        if mine.empty:
            self.findings.value = f"<p>{_e(W['no_findings'])}</p>"
            return
        items = "".join(f"<li><b>{_e(r.title)}</b> — {_e(r.explanation)}</li>" for r in mine.itertuples())
        self.findings.value = f"<ul>{items}</ul>"

    def _draw_proposals(self, frames: dict[str, pd.DataFrame], action_id: str | None) -> None:
        props = raci.proposals(frames)
        props = props.loc[props["action_id"] == action_id]
        self._buttons = {}
        rows: list[w.Widget] = []
        for r in props.itertuples():
            text = (f"<b>{_e(r.task_id)}</b> {_e(r.task)} : <b>{_e(r.person)}</b> → <b>{_e(r.letter)}</b> "
                    f"({_e(L.RACI_PROPOSAL_COLUMNS['current'])} : {_e(r.current)}) — "
                    f"{_e(L.RACI_PROPOSAL_COLUMNS['proposed_by'])} {_e(r.proposer)}"
                    + (L.RACI_MATRIX["comment"].format(comment=_e(r.comment))
                       if isinstance(r.comment, str) and r.comment else ""))
            ok = w.Button(description=W["accept"], button_style="success", icon="check")
            no = w.Button(description=W["reject"], button_style="danger", icon="times")
            ok.on_click(lambda _b, rid=r.id: self._decide(rid, accept=True))
            no.on_click(lambda _b, rid=r.id: self._decide(rid, accept=False))
            self._buttons[r.id] = (ok, no)
            rows.append(w.HBox([w.HTML(text, layout=w.Layout(width="70%")), ok, no]))
        self.proposals.children = rows or [w.HTML(f"<p>{_e(W['no_proposals'])}</p>")]

    # --- events -----------------------------------------------------------------------

    def _say(self, text: str, error: bool = False) -> None:
        colour = "#b2182b" if error else "#1a7f37"
        self.message.value = f"<p style='color:{colour}'>{_e(text)}</p>"

    def _on_action(self, _change: dict) -> None:
        self._extra = []
        self.message.value = ""
        self.refresh()

    def _on_add(self, _button: Any) -> None:
        if self.person_pick.value and self.person_pick.value not in self._extra:
            self._extra.append(self.person_pick.value)
            self.refresh()

    def _on_cell(self, change: dict, task_id: str, person_id: str) -> None:
        if self._busy:
            return
        letter = change["new"]
        try:
            raci.set_letter(self.store, task_id, person_id, letter, by=self.by)
        except MaillageError as exc:
            self._say(str(exc), error=True)
            self._busy = True
            try:
                change["owner"].value = change["old"]
            finally:
                self._busy = False
            return
        who = self._names.get(person_id, person_id)
        self._say(W["saved"].format(task=task_id, person=who, letter=letter) if letter
                  else W["erased"].format(task=task_id, person=who))
        self._draw_findings(self.store.frames(["persons", "actions", "tasks", "raci", "requirements",
                                               "assessments", "competences"]), self.action.value)

    def _decide(self, raci_id: str, accept: bool) -> None:
        try:
            rec = (raci.accept if accept else raci.reject)(self.store, raci_id, by=self.by)
        except MaillageError as exc:
            self._say(str(exc), error=True)
            self.refresh()
            return
        text = W["accepted" if accept else "rejected"].format(
            task=rec["task_id"], person=self._names.get(rec["person_id"], rec["person_id"]), letter=rec["letter"])
        self.refresh()
        self._say(text)

    # --- for tests and scripts --------------------------------------------------------

    def cell(self, task_id: str, person_id: str) -> w.Dropdown:
        """The dropdown of a cell (KeyError when the person is not a column)."""
        return self._cells[(task_id, person_id)]

    def buttons(self, raci_id: str) -> tuple[w.Button, w.Button]:
        """The (accept, reject) buttons of a pending proposal."""
        return self._buttons[raci_id]
