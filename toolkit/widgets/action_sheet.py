"""The pilots' page (step 8, ``ateliers/fiches_actions.ipynb``): every sheet readable, one's
own sheets editable.

A participant picks an action and reads its sheet (pilot, state, priority, completion,
budget by year and kind, co-funders and self-funding, dates, steps, sub-actions, journal,
attached files). On the sheets they pilot (or on every sheet, when the consultant named
them to edit them all) they may change the state (« en pause », « bloquée »…), completion,
committed and spent budget, dates and description, tick and add steps, set co-funders'
amounts, add a journal entry and attach a file; the facilitator may do all that on every
sheet, and also rename the action, change its axis, pilot, priority, planned budget and
its lines by year. What is offered follows the rights of ``toolkit.core.permissions``;
every write goes through ``toolkit.actions`` (the same rights checked again there, history
kept by the store) with the writer of the page's guard (``Guard.writer``: link and step
checked again, so a link revoked while the page is open stops writing) and through
``session.save`` ("saved means saved": the confirmation shows only once committed).

Example (the whole of ``ateliers/fiches_actions.ipynb``)::

    from toolkit.widgets.session import open_page
    from toolkit.widgets.action_sheet import action_sheets_page

    session = open_page("fiches_actions")
    if session:
        action_sheets_page(session)
"""
from __future__ import annotations

import datetime as dt
import html
from typing import Any

import ipywidgets as widgets
import pandas as pd

from ..core import formats as F
from ..core import labels as L
from ..core import values as V
from ..core import model
from ..core import permissions as P
from ..access import identify
from ..actions import (DEFAULT_LIMITS, PILOT_FIELDS, Editor, add_attachment, add_journal_entry, add_step,
                       can_edit, check_step, set_budget_line, set_funding, sheet, update_sheet)
from .board import person_label
from .choice_search import searchable
from .session import RepeatedTap, Session, StatusLine, field_widget, french_date, saves

#: The sheet's fields the page offers, in this order, to whoever may set them (the rights
#: say which); the parent is changed by ``actions.reattach`` (its journal entries), not here.
PAGE_FIELDS: tuple[str, ...] = ("name", "axis_id", "pilot_id", "priority", "budget_planned") + PILOT_FIELDS
SHEET_KINDS = ("actions", "persons", "axes", "actors", "fundings", "journal", "attachments", "budget_lines",
               "action_steps")
#: Phone first: a step's tick box and label wrap on a narrow screen, 44 px to tap.
SHEET_CSS = """<style>
.maillage-page .maillage-step-box .widget-checkbox { width: 100%; height: auto; min-height: 44px; }
.maillage-page .maillage-step-box .widget-checkbox label { white-space: normal; height: auto; line-height: 1.35; }
.maillage-page .maillage-sheet-view ul { padding-left: 1.2em; }
.maillage-page .maillage-sheet-view ul.maillage-steps { list-style: none; padding-left: 0; }
.maillage-page .maillage-sheet th { overflow-wrap: normal; }
.maillage-page .maillage-step-new { margin-top: .5em; }
</style>"""


def editor_from_token(store: Any, token: str | None) -> Editor:
    """The action-sheet editor a link's token stands for: the facilitator's token is the
    consultant, a participant's token that person; ``AccessDenied`` otherwise."""
    return Editor.from_access(identify(store, token))


def _e(value: Any) -> str:
    return html.escape(F.text(value, digits=2) if not isinstance(value, str) else value, quote=True)


def current_editor(session: Session) -> Editor:
    """The editor for a write now: the page's guard's writer (its link checked again: one
    revoked while the page is open is refused, ``AccessDenied``; its step still open)."""
    return session.guard.writer()


def _step_line(step: dict[str, Any]) -> str:
    """« ☑ Choix du bureau d'études — faite le 24/09/2026 » (plain text)."""
    T = L.SHEET_DOC
    mark = T["done_mark"] if step["done"] else T["todo_mark"]
    return f"{mark} {_step_label(step)}"


def _step_label(step: dict[str, Any]) -> str:
    T = L.SHEET_DOC
    when = (T["done_on"].format(date=french_date(step["done_date"])) if step["done"] and step["done_date"]
            else T["due"].format(date=french_date(step["due_date"])) if step["due_date"] else "")
    return step["name"] + (f" — {when}" if when else "")


def _list(items: list[str], css: str = "") -> str:
    return f"<ul class='{css}'>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"


def sheet_html(s: dict[str, Any]) -> str:
    """A sheet (``actions.sheet``) as escaped HTML for the page (dates JJ/MM/AAAA)."""
    T, D = L.SHEET_PAGE, L.SHEET_DOC
    rows = [(L.FIELD_LABELS["axis_id"], s["axis"])]
    if s.get("parent"):
        rows.append((L.FIELD_LABELS["parent_id"], s["parent"]))
    rows += [(L.FIELD_LABELS["pilot_id"], s["pilot"] or T["no_pilot"]),
             (L.FIELD_LABELS["state"], s["state"]), (L.FIELD_LABELS["priority"], s.get("priority") or D["not_set"]),
             (L.FIELD_LABELS["completion"], f"{s['completion']} %"),
             (L.FIELD_LABELS["budget_planned"], F.amount(s["budget_planned"])),
             (L.FIELD_LABELS["budget_committed"], F.amount(s["budget_committed"])),
             (L.FIELD_LABELS["budget_spent"], F.amount(s["budget_spent"])),
             (L.FIELD_LABELS["start_date"], french_date(s["start_date"])),
             (L.FIELD_LABELS["end_date"], french_date(s["end_date"]))]
    out = [f"<h3 class='maillage-sheet-title'>{_e(s['name'])}</h3><table class='maillage-sheet'>"]
    out += [f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in rows]
    out.append("</table>")
    if s.get("description"):
        out.append(f"<p>{_e(s['description'])}</p>")
    # the budget by year and kind: one line a year, readable on a phone (no wide table)
    out.append(f"<h4>{_e(T['budget_by_year'])}</h4>")
    if s["budget_by_year"]:
        out.append(_list([f"<strong>{b['year']}</strong> : {_e(F.amount(b['total']))} — " + _e(", ".join(
            f"{n} {F.amount(b[n])}" for n in L.BUDGET_NATURES)) for b in s["budget_by_year"]], "maillage-budget"))
    else:
        out.append(f"<p class='maillage-empty'>{_e(D['no_budget_lines'])}</p>")
    # co-funders, and what the authority funds itself
    out.append(f"<h4>{_e(D['funding'])}</h4>")
    lines = [f"{_e(f['actor'])} : {_e(F.amount(f['amount']))}" for f in s["fundings"]]
    share = f" ({F.percent(s['aid_share'], 0)} {D['of_budget']})" if s["aid_share"] is not None else ""
    lines.append(f"<strong>{_e(D['aid_total'])}</strong> : {_e(F.amount(s['aid']) + share)}")
    lines.append(f"<strong>{_e(D['self_funded'])}</strong> : {_e(F.amount(s['self_funded']))}")
    out.append(_list(lines, "maillage-fundings"))
    # steps as a checklist
    if s["steps"]:
        done = F.count(s["steps_done"], D["done_one"], D["done_many"])
        out.append(f"<h4>{_e(D['steps'].format(done=done, total=len(s['steps'])))}</h4>")
        out.append(_list([_e(_step_line(e)) for e in s["steps"]], "maillage-steps"))
    else:
        out.append(f"<h4>{_e(D['steps_title'])}</h4><p class='maillage-empty'>{_e(D['no_steps'])}</p>")
    if s.get("sub_actions"):
        out.append(f"<h4>{_e(D['sub_actions'])}</h4>")
        out.append(_list([f"{_e(c['name'])} — {_e(c['state'])}, {c['completion']} %" for c in s["sub_actions"]]))
    out.append(f"<h4>{_e(T['journal'])}</h4>")
    if s["journal"]:
        out.append("<ul class='maillage-journal'>")
        out += [f"<li><strong>{_e(french_date(j['date']))}</strong> — {_e(j['kind'])}"
                f"{' (' + _e(j['author']) + ')' if j['author'] else ''} : {_e(j['text'])}</li>" for j in s["journal"]]
        out.append("</ul>")
    else:
        out.append(f"<p class='maillage-empty'>{_e(T['no_journal'])}</p>")
    if s["attachments"]:
        out.append(f"<h4>{_e(T['attachments'])}</h4><ul class='maillage-attachments'>")
        out += [f"<li>{_e(a['filename'])} ({_e(F.file_size(a['size']))})</li>" for a in s["attachments"]]
        out.append("</ul>")
    return "".join(out)


def _label(a: pd.Series, persons: dict[str, str]) -> str:
    pilot = persons.get(a["pilot_id"], L.SHEET_PAGE["no_pilot"]) if isinstance(a["pilot_id"], str) else L.SHEET_PAGE["no_pilot"]
    return f"{a['name']} ({pilot})"


def _button(description: str, css: str, primary: bool = True) -> widgets.Button:
    button = widgets.Button(description=description, button_style="primary" if primary else "",
                            layout=widgets.Layout(width="100%"))
    button.add_class(css)
    return button


def _status(css: str) -> StatusLine:
    status = StatusLine()
    status.add_class(css)
    return status


class ActionSheets(widgets.VBox):
    """Choose a sheet, read it, and edit it when allowed (see the module's docstring)."""

    def __init__(self, session: Session, today: dt.date | None = None) -> None:
        self.session, self._today = session, today
        frames = session.store.frames(["actions", "persons"])
        persons = dict(zip(frames["persons"]["id"], frames["persons"]["name"]))
        actions = frames["actions"]
        mine = actions[actions["pilot_id"] == session.access.person_id]["id"].tolist()
        self.mine = mine
        options = [(_label(a, persons), a["id"]) for _i, a in actions.iterrows()]
        self.selector = widgets.Dropdown(options=options, value=(mine or [options[0][1]] if options else [None])[0],
                                         description=L.SHEET_PAGE["choose"], layout=widgets.Layout(width="100%"),
                                         style={"description_width": "initial"})
        self.selector.add_class("maillage-field")  # full width on a phone (the page's styles)
        self.selector.add_class("maillage-sheet-choice")
        self.view = widgets.HTML()
        self.view.add_class("maillage-sheet-view")
        self.edit = widgets.VBox()
        self.selector.observe(lambda _c: self.show(), "value")
        children: list[widgets.Widget] = [searchable(self.selector), self.view, self.edit]  # many sheets: searched
        if not session.is_facilitator:
            text = (L.SHEET_PAGE["yours"].format(n=F.count(len(mine), "action")) if mine else L.SHEET_PAGE["none_yours"])
            if session.store.get("persons", session.access.person_id).get("edits_all_sheets"):
                text = L.SHEET_PAGE["all_sheets"] + (" " + text if mine else "")
            children.insert(0, widgets.HTML(f"<p class='maillage-mine'>{_e(text)}</p>"))
        super().__init__(children)
        self.show()

    @property
    def today(self) -> dt.date:
        return self._today or dt.date.today()

    # reading

    def show(self) -> None:
        """Show the chosen sheet, and its forms when this session may edit it."""
        action_id = self.selector.value
        if action_id is None:
            self.view.value = f"<p>{_e(L.SHEET_PAGE['no_action'])}</p>"
            self.edit.children = ()
            return
        self._refresh_view()
        store, who = self.session.store, self.session.access
        record = store.get("actions", action_id)
        if not can_edit(store, record, who):
            pilot = self.current["pilot"] or L.SHEET_PAGE["no_pilot"]
            self.edit.children = (widgets.HTML(f"<p class='maillage-read-only'>{_e(L.SHEET_PAGE['read_only'].format(pilot=pilot))}</p>"),)
            return
        forms = [self._sheet_form(record), self._steps_form(), self._funding_form()]
        if P.allowed(store, who, P.INSERT, "budget_lines", {"action_id": action_id}):
            forms.append(self._budget_form())
        self.edit.children = (*forms, self._journal_form(), self._attachment_form())

    def _refresh_view(self) -> None:
        frames = self.session.store.frames(SHEET_KINDS)
        self.current = sheet(frames, self.selector.value)
        self.version = int(self.session.store.get("actions", self.selector.value)["version"])
        self.view.value = SHEET_CSS + sheet_html(self.current)  # the page's few styles travel with it

    # the forms

    def _sheet_form(self, record: dict[str, Any]) -> widgets.VBox:
        kind = model.kind("actions")
        settable = P.settable_fields(self.session.store, self.session.access, P.UPDATE, "actions", record)
        names = [n for n in PAGE_FIELDS if n in settable]
        self.sheet_inputs = {n: field_widget(self.session, kind.field(n), self.current.get(n)) for n in names}
        self.sheet_status = _status("maillage-status-sheet")
        button = _button(L.SHEET_PAGE["save_sheet"], "maillage-save-sheet")
        button.add_class("maillage-save")
        button.on_click(lambda _b: self.save_sheet())
        self.sheet_button = button
        return saves(widgets.VBox([widgets.HTML(f"<h4>{_e(L.SHEET_PAGE['edit_sheet'])}</h4>"),
                                   *self.sheet_inputs.values(), button, self.sheet_status]), False, button)

    def _steps_form(self) -> widgets.VBox:
        """The checklist: one tick box a step (ticked: done today), and a new step."""
        self.step_boxes: dict[str, widgets.Checkbox] = {}
        self.steps_list = widgets.VBox()
        self.steps_list.add_class("maillage-step-box")
        self._fill_steps()
        kind = model.kind("action_steps")
        self.step_name = field_widget(self.session, kind.field("name"), "")
        self.step_name.description = L.SHEET_PAGE["step_name"]
        self.step_name.add_class("maillage-step-new")
        self.step_due = field_widget(self.session, kind.field("due_date"), None)
        self.steps_status = _status("maillage-status-steps")
        button = _button(L.SHEET_PAGE["add_step"], "maillage-save-step", primary=False)
        button.on_click(lambda _b: self.new_step())
        return saves(widgets.VBox([widgets.HTML(f"<h4>{_e(L.SHEET_PAGE['steps'])}</h4>"), self.steps_list,
                                   self.step_name, self.step_due, button, self.steps_status]), True, button)

    def _fill_steps(self) -> None:
        boxes = []
        for step in self.current["steps"]:
            box = widgets.Checkbox(value=step["done"], description=_step_label(step), indent=False,
                                   layout=widgets.Layout(width="100%"))
            box.add_class("maillage-step")
            box.observe(lambda c, sid=step["id"]: self.tick(sid, c["new"]), "value")
            self.step_boxes[step["id"]] = box
            boxes.append(box)
        self.steps_list.children = boxes or [widgets.HTML(f"<p class='maillage-empty'>{_e(L.SHEET_DOC['no_steps'])}</p>")]

    def _funding_form(self) -> widgets.VBox:
        kind = model.kind("fundings")
        self.funder = field_widget(self.session, kind.field("actor_id"), None)
        self.funder.description = L.SHEET_PAGE["funder"]
        self.funding_amount = field_widget(self.session, kind.field("amount"), None)
        self.funding_status = _status("maillage-status-funding")
        button = _button(L.SHEET_PAGE["save_funding"], "maillage-save-funding", primary=False)
        button.on_click(lambda _b: self.save_funding())
        return saves(widgets.VBox([widgets.HTML(f"<h4>{_e(L.SHEET_PAGE['funding'])}</h4>"), self.funder,
                                   self.funding_amount, button, self.funding_status]), False, button)

    def _budget_form(self) -> widgets.VBox:
        kind = model.kind("budget_lines")
        self.budget_year = field_widget(self.session, kind.field("year"), self.today.year)
        self.budget_nature = field_widget(self.session, kind.field("nature"), V.NATURE_INVESTMENT)
        self.budget_amount = field_widget(self.session, kind.field("amount"), None)
        self.budget_status = _status("maillage-status-budget")
        button = _button(L.SHEET_PAGE["save_budget"], "maillage-save-budget", primary=False)
        button.on_click(lambda _b: self.save_budget_line())
        return saves(widgets.VBox([widgets.HTML(f"<h4>{_e(L.SHEET_PAGE['budget_line'])}</h4>"), self.budget_year,
                                   self.budget_nature, self.budget_amount, button, self.budget_status]), False, button)

    def _journal_form(self) -> widgets.VBox:
        kind = model.kind("journal")
        self.journal_kind = field_widget(self.session, kind.field("kind"), V.JOURNAL_FACT)
        self.journal_date = field_widget(self.session, kind.field("date"), self.today)
        self.journal_text = field_widget(self.session, kind.field("text"), "")
        self.journal_status = _status("maillage-status-journal")
        button = _button(L.SHEET_PAGE["add_entry"], "maillage-save-journal")
        button.on_click(lambda _b: self.add_entry())
        self.journal_taps = RepeatedTap()
        return saves(widgets.VBox([widgets.HTML(f"<h4>{_e(L.SHEET_PAGE['new_entry'])}</h4>"), self.journal_kind,
                                   self.journal_date, self.journal_text, button, self.journal_status]),
                     False, button)

    def _attachment_form(self) -> widgets.VBox:
        accept = ",".join(f".{e}" for e in DEFAULT_LIMITS.extensions)
        self.upload = widgets.FileUpload(accept=accept, multiple=False, description=L.SHEET_PAGE["choose_file"],
                                         layout=widgets.Layout(width="100%"))
        self.upload.add_class("maillage-upload")
        self.upload_status = _status("maillage-status-attachment")
        button = _button(L.SHEET_PAGE["attach"], "maillage-save-attachment", primary=False)
        button.on_click(lambda _b: self.attach())

        limits = L.SHEET_PAGE["limits"].format(max=F.file_size(DEFAULT_LIMITS.max_bytes),
                                               types=", ".join(DEFAULT_LIMITS.extensions))
        return saves(widgets.VBox([widgets.HTML(f"<h4>{_e(L.SHEET_PAGE['attachments'])}</h4><p>{_e(limits)}</p>"),
                                   self.upload, button, self.upload_status]), False, button)

    # the writes

    def save_sheet(self) -> dict[str, Any] | None:
        """Save the changed fields of the sheet (nothing typed is lost on a refusal)."""
        changes = {}
        for name, w in self.sheet_inputs.items():
            value = w.value
            if isinstance(value, str) and not value.strip():
                value = None
            shown = self.current.get(name)
            if _differs(value, shown):
                changes[name] = value
        if not changes:
            self.sheet_status.ok(L.SHEET_PAGE["nothing_changed"])
            return None
        action_id, version = self.selector.value, self.version
        result = self.session.save(
            lambda: update_sheet(self.session.store, action_id, changes, current_editor(self.session),
                                 expected_version=version), self.sheet_status)
        if result is not None:
            self._refresh_view()
        return result

    def tick(self, step_id: str, done: bool) -> dict[str, Any] | None:
        """Tick (done today) or untick a step; refused, the box shows the stored state again."""
        if getattr(self, "_settling", False):
            return None
        result = self.session.save(
            lambda: check_step(self.session.store, step_id, current_editor(self.session), done=done,
                               today=self.today), self.steps_status)
        self._refresh_view()
        box = self.step_boxes.get(step_id)
        step = next((e for e in self.current["steps"] if e["id"] == step_id), None)
        if box is not None and step is not None:
            self._settling = True  # showing the stored state is not a new tick
            try:
                box.value, box.description = step["done"], _step_label(step)
            finally:
                self._settling = False
        return result

    def new_step(self) -> str | None:
        """Add the typed step at the end of the checklist."""
        action_id, name, due = self.selector.value, self.step_name.value, self.step_due.value
        result = self.session.save(
            lambda: add_step(self.session.store, action_id, name, current_editor(self.session),
                             due_date=due or None), self.steps_status)
        if result is not None:
            self.step_name.value, self.step_due.value = "", ""
            self._refresh_view()
            self._fill_steps()
        return result

    def save_funding(self) -> str | None:
        """Set the chosen co-funder's amount on this sheet (a new co-funder, or a new amount)."""
        action_id, actor_id, amount = self.selector.value, self.funder.value, self.funding_amount.value
        result = self.session.save(
            lambda: set_funding(self.session.store, action_id, actor_id, amount, current_editor(self.session)),
            self.funding_status)
        if result is not None:
            self.funding_amount.value = ""
            self._refresh_view()
        return result

    def save_budget_line(self) -> str | None:
        """Set the planned amount of one year and kind (the facilitator's)."""
        action_id = self.selector.value
        year, nature, amount = self.budget_year.value, self.budget_nature.value, self.budget_amount.value
        result = self.session.save(
            lambda: set_budget_line(self.session.store, action_id, year, nature, amount,
                                    current_editor(self.session)), self.budget_status)
        if result is not None:
            self.budget_amount.value = ""
            self._refresh_view()
        return result

    def add_entry(self) -> str | None:
        action_id = self.selector.value
        kind, date, text = self.journal_kind.value, self.journal_date.value, self.journal_text.value
        if self.journal_taps.is_repeat((action_id, kind, date, text)):  # the same tap twice: one entry
            self.journal_status.ok(self.journal_taps.message)
            return self.journal_taps.result
        result = self.session.save(
            lambda: add_journal_entry(self.session.store, action_id, text, current_editor(self.session),
                                      kind=kind, date=date or None, today=self.today), self.journal_status)
        if result is not None:
            self.journal_text.value = ""
            self.journal_taps.saved((action_id, kind, date, ""), self.journal_status.text, result)
            self._refresh_view()
        return result

    def attach(self, name: str | None = None, content: bytes | None = None) -> str | None:
        """Attach the uploaded file (or ``name``/``content`` given directly)."""
        if content is None:
            files = list(self.upload.value or ())
            if not files:
                self.upload_status.error(L.SHEET_PAGE["no_file"])
                return None
            name, content = files[0]["name"], bytes(files[0]["content"])
        action_id = self.selector.value
        result = self.session.save(
            lambda: add_attachment(self.session.workshop, action_id, name or "", content,
                                   current_editor(self.session)), self.upload_status)
        if result is not None:
            self.upload.value = ()
            self._refresh_view()
        return result


def _differs(typed: Any, shown: Any) -> bool:
    """Whether a typed value differs from the stored one (``"30"`` vs 30, ``""`` vs None)."""
    if typed is None or shown is None or (isinstance(shown, float) and shown != shown):
        return not (typed is None and (shown is None or (isinstance(shown, float) and shown != shown)))
    if isinstance(shown, dt.date):
        try:
            return model.parse_date(typed) != shown
        except ValueError:
            return True
    if isinstance(shown, (int, float)) and not isinstance(shown, bool):
        try:
            return float(str(typed).replace(",", ".").replace(" ", "").replace("\u202f", "")) != float(shown)
        except ValueError:
            return True
    return str(typed).strip() != str(shown)


def action_sheets_page(session: Session, today: dt.date | None = None) -> ActionSheets:
    """Display the action sheets page for this session; returns the sheets widget."""
    sheets = ActionSheets(session, today=today)
    session.show(sheets, title=L.SHEET_PAGE["title"], intro=L.SHEET_PAGE["intro"])
    return sheets


def latest_entries(store: Any, hide_names: bool) -> pd.DataFrame:
    """The facilitator's board: the ten latest journal entries written on the sheets."""
    journal = store.frame("journal", system=True)
    cols = L.SHEET_PAGE["board_columns"]
    if journal.empty:
        return pd.DataFrame(columns=cols)
    names = person_label(store, hide_names)
    actions = {a["id"]: a["name"] for a in store.all("actions")}
    latest = journal.sort_values("created_at", ascending=False).head(10)
    return pd.DataFrame([[r.date, actions.get(r.action_id, r.action_id), r.kind, r.text[:120],
                          names.get(r.author, "") if isinstance(r.author, str) else ""]
                         for r in latest.itertuples(index=False)], columns=cols)
