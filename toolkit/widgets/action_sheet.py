"""The pilots' page (step 8, ``ateliers/fiches_actions.ipynb``): every sheet readable, one's
own sheets editable.

A participant picks an action and reads its sheet (pilot, state, completion, budget and
co-funders, dates, journal, attached files). On the sheets they pilot they may change the
state, completion, committed and spent budget, dates and description, add a journal entry
and attach a file; the facilitator may do all that on every sheet, and also rename the
action, change its axis, pilot and planned budget. Every write goes through
``toolkit.actions`` (rights checked there, history kept by the store) and through
``session.save`` ("saved means saved": the confirmation shows only once committed). The
token is checked again before each write, so a link revoked while the page is open stops
writing.

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
from ..core import model
from ..access import identify
from ..actions import (DEFAULT_LIMITS, PILOT_FIELDS, Editor, add_attachment, add_journal_entry, can_edit,
                       sheet, update_sheet)
from ..core.errors import AccessDenied
from .board import person_label, section
from .choice_search import searchable
from .session import RepeatedTap, Session, StatusLine, field_widget, french_date, saves

CONSULTANT_FIELDS: tuple[str, ...] = ("name", "axis_id", "pilot_id", "budget_planned") + PILOT_FIELDS
SHEET_KINDS = ("actions", "persons", "axes", "actors", "fundings", "journal", "attachments")


def editor_from_token(store: Any, token: str | None) -> Editor:
    """The action-sheet editor a link's token stands for: the facilitator's token is the
    consultant, a participant's token that person; ``AccessDenied`` otherwise."""
    return Editor.from_access(identify(store, token))


def _e(value: Any) -> str:
    from ..report import french_value

    return html.escape(french_value(value) if not isinstance(value, str) else value, quote=True)


def current_editor(session: Session) -> Editor:
    """The editor for a write now: the session's access, its token checked again (a link
    revoked while the page is open is refused, ``AccessDenied``)."""
    token = session.guard.token  # the same check as the framework's Guard before its writes
    if token is not None:
        now = identify(session.store, token)
        if now.role != session.access.role or now.person_id != session.access.person_id:
            raise AccessDenied(L.ACCESS["bad_token"])
    return Editor.from_access(session.access)


def sheet_html(s: dict[str, Any]) -> str:
    """A sheet (``actions.sheet``) as escaped HTML for the page."""
    T = L.SHEET_PAGE
    rows = [(L.FIELD_LABELS["axis_id"], s["axis"]), (L.FIELD_LABELS["pilot_id"], s["pilot"] or T["no_pilot"]),
            (L.FIELD_LABELS["state"], s["state"]), (L.FIELD_LABELS["completion"], f"{s['completion']} %"),
            (L.FIELD_LABELS["budget_planned"], s["budget_planned"]),
            (L.FIELD_LABELS["budget_committed"], s["budget_committed"]),
            (L.FIELD_LABELS["budget_spent"], s["budget_spent"]),
            (T["cofunded"], s["cofunded"]),
            (L.FIELD_LABELS["start_date"], french_date(s["start_date"])),
            (L.FIELD_LABELS["end_date"], french_date(s["end_date"]))]
    out = [f"<h3 class='maillage-sheet-title'>{_e(s['name'])}</h3><table class='maillage-sheet'>"]
    out += [f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in rows]
    out.append("</table>")
    if s.get("description"):
        out.append(f"<p>{_e(s['description'])}</p>")
    if s["fundings"]:
        out.append(f"<h4>{_e(T['fundings'])}</h4><ul>")
        out += [f"<li>{_e(f['actor'])} : {_e(f['amount'])} €</li>" for f in s["fundings"]]
        out.append("</ul>")
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
        frames = self.session.store.frames(SHEET_KINDS)
        self.current = sheet(frames, action_id)
        self.version = int(self.session.store.get("actions", action_id)["version"])
        self.view.value = sheet_html(self.current)
        editor = Editor.from_access(self.session.access)
        if not can_edit(self.current, editor):
            pilot = self.current["pilot"] or L.SHEET_PAGE["no_pilot"]
            self.edit.children = (widgets.HTML(f"<p class='maillage-read-only'>{_e(L.SHEET_PAGE['read_only'].format(pilot=pilot))}</p>"),)
            return
        self.edit.children = (self._sheet_form(), self._journal_form(), self._attachment_form())

    def _refresh_view(self) -> None:
        frames = self.session.store.frames(SHEET_KINDS)
        self.current = sheet(frames, self.selector.value)
        self.version = int(self.session.store.get("actions", self.selector.value)["version"])
        self.view.value = sheet_html(self.current)

    # the three forms

    def _sheet_form(self) -> widgets.VBox:
        kind = model.kind("actions")
        names = CONSULTANT_FIELDS if self.session.is_facilitator else PILOT_FIELDS
        self.sheet_inputs = {n: field_widget(self.session, kind.field(n), self.current.get(n)) for n in names}
        self.sheet_status = StatusLine()
        self.sheet_status.add_class("maillage-status-sheet")
        button = widgets.Button(description=L.SHEET_PAGE["save_sheet"], button_style="primary",
                                layout=widgets.Layout(width="100%"))
        button.add_class("maillage-save")
        button.add_class("maillage-save-sheet")
        button.on_click(lambda _b: self.save_sheet())
        self.sheet_button = button
        return saves(widgets.VBox([widgets.HTML(f"<h4>{_e(L.SHEET_PAGE['edit_sheet'])}</h4>"),
                                   *self.sheet_inputs.values(), button, self.sheet_status]), False, button)

    def _journal_form(self) -> widgets.VBox:
        kind = model.kind("journal")
        self.journal_kind = field_widget(self.session, kind.field("kind"), "fait")
        self.journal_date = field_widget(self.session, kind.field("date"), self.today)
        self.journal_text = field_widget(self.session, kind.field("text"), "")
        self.journal_status = StatusLine()
        self.journal_status.add_class("maillage-status-journal")
        button = widgets.Button(description=L.SHEET_PAGE["add_entry"], button_style="primary",
                                layout=widgets.Layout(width="100%"))
        button.add_class("maillage-save-journal")
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
        self.upload_status = StatusLine()
        self.upload_status.add_class("maillage-status-attachment")
        button = widgets.Button(description=L.SHEET_PAGE["attach"], layout=widgets.Layout(width="100%"))
        button.add_class("maillage-save-attachment")
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


@section("fiches_actions", L.SHEET_PAGE["board_title"], order=80)
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
