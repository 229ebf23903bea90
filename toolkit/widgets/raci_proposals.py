"""The participants' RACI page of step 4, and its section on the facilitator's board.

A participant opens ``ateliers/raci.ipynb`` with their link. For each of *their* actions
(those they pilot or hold a validated letter on, ``raci.actions_of_person``) they see the
tasks with the letters already validated, and propose a letter for a person on a task:

- a proposal is attributed (``proposed_by``) and has the status « proposée »: it changes
  nothing in the matrix until the consultant accepts it (carnet ``04_raci``, or the matrix
  shown to the facilitator on this page), with history;
- the confirmation shows only once the store has committed (``Session.save``); a refusal
  (a task outside their actions, a missing choice) shows in French and nothing changes;
- « Mes propositions » lists their proposals with their outcome (en attente, acceptée,
  rejetée), refreshed every few seconds; a pending one can be withdrawn.

The facilitator opening the page gets the full matrix editor (``RaciMatrix``).

Example (the whole of ``ateliers/raci.ipynb``)::

    from toolkit.widgets.session import open_page
    from toolkit.widgets.raci_proposals import raci_page

    session = open_page("raci")
    if session:
        raci_page(session)
"""
from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets
import pandas as pd

from ..core import formats as F
from ..core import labels as L
from ..core import formats as F
from .. import raci
from ..core.store import Store
from .board import person_label
from .raci_matrix import RaciMatrix
from .choice_search import searchable
from .session import RepeatedTap, Session, StatusLine, choose, saves

P = L.RACI_PAGE
REFRESH_SECONDS = 5

CSS = """<style>
.maillage-raci-action { border: 1px solid #d0d0d0; border-radius: 6px; padding: .5em .7em; margin: .4em 0 .9em 0; }
.maillage-raci-action .widget-dropdown, .maillage-raci-action .widget-text { width: 100% !important; }
.maillage-raci-action .widget-dropdown > select { flex: 1 1 auto; min-width: 0; }
.maillage-raci-task-row { border-bottom: 1px solid #eee; padding: .3em 0; }
.maillage-raci-letters { padding-left: 1em; color: #333; }
.maillage-page.maillage-wide { max-width: none; }
.maillage-raci-mine .maillage-raci-row { border-bottom: 1px solid #eee; padding: .2em 0; flex-wrap: wrap;
  align-items: center; gap: .3em; }
.maillage-raci-mine .maillage-raci-row > .widget-html { flex: 1 1 12em; }
.maillage-raci-mine .maillage-raci-row > .jupyter-button { flex: 0 0 auto; width: auto; min-width: 7em; }
.maillage-raci-action .maillage-warning { border-left: 4px solid #E08A00; background: #FFF6E5; padding: .2em .8em;
  margin: .2em 0 .5em; }
</style>"""


def _e(text: Any) -> str:
    return html.escape("" if text is None or (isinstance(text, float) and pd.isna(text)) else str(text))


def _letters_text(letters: pd.DataFrame, task_id: str, names: dict[str, str]) -> str:
    mine = letters.loc[letters["task_id"] == task_id]
    parts = []
    for letter in raci.LETTERS:
        who = sorted(names.get(p, p) for p in mine.loc[mine["letter"] == letter, "person_id"])
        if who:
            parts.append(f"<b>{letter}</b> : {_e(', '.join(who))}")
    return "<br>".join(parts) or _e(P["letters_none"])


def proposal_warnings(letters: pd.DataFrame, names: dict[str, str], tasks: dict[str, str],
                      task_id: str | None, person_id: str | None, letter: str | None) -> list[str]:
    """What a proposal would break, in French and with names (empty: nothing).

    ``letters``: the validated letters (task_id, person_id, letter); ``names``: person id →
    name; ``tasks``: task id → name. A second A on a task that has one (one A per task),
    a letter the person already holds there, another letter they hold there (it would change).

    >>> held = pd.DataFrame([{"task_id": "T1", "person_id": "P1", "letter": "A"}])
    >>> proposal_warnings(held, {"P1": "Léa", "P2": "Karim"}, {"T1": "Bail"}, "T1", "P2", "A")
    ['La tâche « Bail » a déjà un A (Léa) : un seul A par tâche, sinon personne ne tranche.']
    >>> proposal_warnings(held, {"P1": "Léa"}, {"T1": "Bail"}, "T1", "P1", "A")
    ['Léa est déjà A sur « Bail ».']
    """
    if not (task_id and person_id and letter):
        return []
    here = letters.loc[letters["task_id"] == task_id]
    task, person = tasks.get(task_id, ""), names.get(person_id, "")
    out = []
    if letter in set(here.loc[here["person_id"] == person_id, "letter"]):
        out.append(P["warn_held"].format(person=person, letter=letter, task=task))
    others_a = sorted(names.get(p, "") for p in here.loc[(here["letter"] == "A") & (here["person_id"] != person_id),
                                                        "person_id"])
    if letter == "A" and others_a:
        out.append(P["warn_second_a"].format(task=task, who=", ".join(others_a)))
    return out


class ActionCard(widgets.VBox):
    """One action: its tasks with their validated letters, and a form to propose a letter."""

    def __init__(self, page: "RaciProposalPage", action: dict[str, Any], tasks: pd.DataFrame,
                 letters: pd.DataFrame) -> None:
        self.page = page
        self.action_id = action["id"]
        names = page.names
        self.letters = letters
        rows = "".join(
            f"<div class='maillage-raci-task-row'>{_e(P['task_row'].format(name=t.name, start=F.month_short(t.start_month), end=F.month_short(t.end_month), load=F.number(t.load_days)))}"
            f"<div class='maillage-raci-letters'>{_letters_text(letters, t.id, names)}</div></div>"
            for t in tasks.itertuples())
        table = widgets.HTML(f"<div class='maillage-raci-tasks'>{rows}</div>")
        common = dict(layout=widgets.Layout(width="100%"), style={"description_width": "initial"})
        self.task = widgets.Dropdown(options=[(P["choose"], None)] + [(str(t.name), t.id) for t in tasks.itertuples()],
                                     description=P["task"], **common)
        self.person = widgets.Dropdown(options=[(P["choose"], None)] + page.person_options,
                                       description=P["person"], **common)
        self.letter = widgets.Dropdown(options=[(P["choose"], None)] + [(f"{x} – {L.RACI_MEANINGS[x]}", x)
                                                                          for x in raci.LETTERS],
                                       description=P["letter"], **common)
        self.comment = widgets.Text(description=P["comment"], **common)
        for w in (self.task, self.person, self.letter):
            choose(w, None)  # « — à choisir — » shown, not a blank list
        for w, name in ((self.task, "task"), (self.person, "person"), (self.letter, "letter"),
                        (self.comment, "comment")):
            w.add_class(f"maillage-raci-{name}")
            w.add_class("maillage-field")  # label above the list on a phone (page styles)
        self.warning = widgets.HTML()
        self.warning.add_class("maillage-raci-warning")
        for w in (self.task, self.person, self.letter):  # said at once, before « Proposer »
            w.observe(lambda _c: self.check(), names="value")
        self.button = widgets.Button(description=P["propose"], button_style="primary",
                                     layout=widgets.Layout(width="100%"))
        self.button.add_class("maillage-save")
        self.confirm = widgets.Button(description=P["propose_anyway"], button_style="warning",
                                      layout=widgets.Layout(width="100%", display="none"))
        self.confirm.add_class("maillage-raci-confirm")
        self.confirm.on_click(lambda _b: self.submit(confirmed=True))
        self.status = StatusLine()
        self.taps = RepeatedTap()
        self.button.on_click(lambda _b: self.submit())
        self._warned: tuple | None = None
        title = widgets.HTML(f"<h3>{_e(P['action'].format(name=action['name']))}</h3>")
        # tasks and persons: long lists, searched by a few letters on a phone
        super().__init__([title, table, searchable(self.task), searchable(self.person), self.letter, self.warning,
                          self.comment, self.button, self.confirm, self.status])
        saves(self, False, self.button, self.confirm)
        self.add_class("maillage-raci-action")
        self.add_class(f"maillage-raci-{self.action_id}")

    def chosen(self) -> tuple[Any, Any, Any]:
        return self.task.value, self.person.value, self.letter.value

    def check(self) -> list[str]:
        """Show at once what the chosen proposal would break; the participant may change it,
        or confirm it with « Proposer quand même » (the facilitator decides)."""
        warnings = proposal_warnings(self.letters, self.page.names, self.page.task_names, *self.chosen())
        if warnings:
            items = "".join(f"<li>{_e(w)}</li>" for w in warnings)
            self.warning.value = (f"<div class='maillage-warning' role='alert'><ul>{items}</ul>"
                                  f"<p>{_e(P['warn_confirm'])}</p></div>")
            self.confirm.layout.display = "flex"
            self._warned = self.chosen()
        else:
            self.warning.value = ""
            self.confirm.layout.display = "none"
            self._warned = None
        return warnings

    def submit(self, confirmed: bool = False) -> str | None:
        """Propose what is chosen; returns the proposal's id or None (the status says why).

        A proposal that breaks a rule (:func:`proposal_warnings`) is made only when
        confirmed, for this very choice, with the button shown beside the warning."""
        if self.taps.is_repeat(self.chosen()):  # the same tap twice: proposed once
            self.status.ok(self.taps.message)
            return self.taps.result
        if not all(self.chosen()):
            self.status.error(P["missing"])
            return None
        if self.check() and not (confirmed and self._warned == self.chosen()):
            self.status.error(P["warn_check"])
            return None
        session = self.page.session
        task_id, person_id, letter = self.chosen()
        success = P["proposed"].format(time=F.clock(),
                                       person=self.page.names.get(person_id, ""), letter=letter,
                                       task=self.page.task_names.get(task_id, ""))
        self.button.disabled = self.confirm.disabled = True  # one click, one write
        try:
            rid = session.save(lambda: raci.propose(session.store, task_id, person_id, letter,
                                                    proposer_id=session.person["id"],
                                                    comment=self.comment.value or None, by=session.by),
                               self.status, success=success)
        finally:
            self.button.disabled = self.confirm.disabled = False
        if rid is not None:  # the form is cleared for the next proposal
            with self.hold_sync():
                for w in (self.task, self.person, self.letter):
                    choose(w, None)
                self.comment.value = ""
            self.taps.saved(self.chosen(), self.status.text, rid)
            self.page.refresh_mine()
        return rid


class RaciProposalPage(widgets.VBox):
    """The participant's page: a card per action, then their proposals and what became of them."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.person_id = session.person["id"]
        frames = session.store.frames(["persons", "actions", "tasks", "raci"])
        persons = frames["persons"]
        self.names = dict(zip(persons["id"], persons["name"]))
        self.task_names = dict(zip(frames["tasks"]["id"], frames["tasks"]["name"]))
        self.person_options = [(f"{n} ({o})", p) for p, n, o in sorted(
            zip(persons["id"], persons["name"], persons["organisation"]), key=lambda x: (str(x[1]), x[0]))]
        mine = raci.actions_of_person(frames, self.person_id)
        actions = frames["actions"].set_index("id")
        letters = raci.letter_rows(frames)
        self.cards: dict[str, ActionCard] = {}
        for aid in mine:
            tasks = frames["tasks"].loc[frames["tasks"]["action_id"] == aid].sort_values("id")
            if len(tasks):
                self.cards[aid] = ActionCard(self, {"id": aid, "name": actions.at[aid, "name"]}, tasks, letters)
        self.mine = widgets.VBox()
        self.mine.add_class("maillage-raci-mine")
        self.mine_status = StatusLine()
        mine_box = saves(widgets.VBox([self.mine, self.mine_status]))
        body: list[widgets.Widget] = [widgets.HTML(CSS)]
        body += list(self.cards.values()) or [widgets.HTML(f"<p>{_e(P['no_action'])}</p>")]
        body += [widgets.HTML(f"<h3>{_e(P['mine'])}</h3>"), mine_box]
        super().__init__(body)
        self._shown: tuple | None = None
        self.refresh_mine()

    def refresh_mine(self) -> None:
        """Redraw « Mes propositions » if anything changed (called after a proposal and
        every few seconds, so that the consultant's decisions appear without reloading)."""
        rows = sorted((r for r in self.session.store.all("raci", proposed_by=self.person_id)),
                      key=lambda r: r["created_at"], reverse=True)
        key = tuple((r["id"], r["status"], r["version"]) for r in rows)
        if key == self._shown:
            return
        self._shown = key
        items: list[widgets.Widget] = []
        for r in rows:
            shown = L.RACI_STATUS_SHOWN.get(r["status"], r["status"])
            text = widgets.HTML(
                f"<span class='maillage-raci-proposal maillage-raci-{_e(r['status'])}' data-id='{_e(r['id'])}'>"
                f"{_e(self.task_names.get(r['task_id'], ''))} : <b>{_e(self.names.get(r['person_id'], ''))}</b> → "
                f"<b>{_e(r['letter'])}</b> — <i>{_e(shown)}</i></span>")
            row: list[widgets.Widget] = [text]
            if r["status"] == raci.PROPOSED:
                button = widgets.Button(description=P["withdraw"])
                button.add_class("maillage-raci-withdraw")
                button.add_class("maillage-commit")
                button.on_click(lambda _b, rid=r["id"]: self.withdraw(rid))
                row.append(button)
            box = widgets.HBox(row)
            box.add_class("maillage-raci-row")
            items.append(box)
        self.mine.children = items or [widgets.HTML(f"<p>{_e(P['mine_none'])}</p>")]

    def withdraw(self, raci_id: str) -> None:
        done = self.session.save(lambda: raci.withdraw(self.session.store, raci_id, self.person_id,
                                                       by=self.session.by) or True,
                                 self.mine_status, success=P["withdrawn"])
        if done:
            self.refresh_mine()


def raci_page(session: Session) -> widgets.VBox:
    """Display the RACI page for this session; returns the page widget."""
    if session.is_facilitator or not session.person:
        # The matrix needs the screen's width, not the phone column of participant pages.
        page = session.show(widgets.HTML(CSS + f"<p>{_e(P['facilitator'])}</p>"),
                            RaciMatrix(session.store, by=session.access).widget, title=P["title"])
        page.add_class("maillage-wide")
        return page
    page = RaciProposalPage(session)
    session.every(REFRESH_SECONDS, page.refresh_mine)
    return session.show(page, title=P["title"], intro=P["intro"])


# --- the facilitator's board ------------------------------------------------------------

def board_section(store: Store, hide_names: bool) -> pd.DataFrame | str:
    """The latest participants' proposals (20 at most, newest first) with their outcome;
    names replaced by pseudonyms when ``hide_names``."""
    rows = [r for r in store.all("raci") if r.get("proposed_by")]
    if not rows:
        return P["board_none"]
    rows = sorted(rows, key=lambda r: r["created_at"], reverse=True)[:20]
    who = person_label(store, hide_names)
    df = pd.DataFrame([{"task_id": r["task_id"], "person": who.get(r["person_id"], r["person_id"]),
                        "letter": r["letter"], "proposer": who.get(r["proposed_by"], r["proposed_by"]),
                        "status": L.RACI_STATUS_SHOWN.get(r["status"], r["status"])} for r in rows])
    return df.rename(columns=L.RACI_BOARD_COLUMNS)
