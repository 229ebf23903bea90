"""The facilitator's management page: open/close steps, participants' links, join sheet,
the persons who edit every action sheet.

Example (the whole of ``ateliers/gestion.ipynb``)::

    from toolkit.widgets.session import open_page
    from toolkit.widgets.manage import manage_page

    session = open_page("gestion", facilitator=True)
    if session:
        manage_page(session)
"""
from __future__ import annotations

import html
import os

import ipywidgets as widgets

from ..core import labels as L
from .. import steps as steps_mod
from ..access import reissue_facilitator_token, reissue_token, revoke_token
from .session import Session, StatusLine


def _server() -> tuple[str, int]:
    """Host and port the page was requested on (Voilà's request environment)."""
    host = os.environ.get("SERVER_NAME") or "127.0.0.1"
    try:
        port = int(os.environ.get("SERVER_PORT") or 8866)
    except ValueError:
        port = 8866
    return host, port


def steps_panel(session: Session) -> widgets.VBox:
    """One toggle per method step: open for participants, or closed."""
    rows = []
    opened = set(steps_mod.open_keys(session.store))
    status = StatusLine()
    for step in steps_mod.participant_steps():
        exists = step.page_exists()
        toggle = widgets.ToggleButton(
            value=step.key in opened, disabled=not exists,
            description=L.MANAGE["step_open"] if step.key in opened else L.MANAGE["step_closed"])
        toggle.add_class(f"maillage-step-toggle-{step.key}")

        def changed(change: dict, step: steps_mod.Step = step, toggle: widgets.ToggleButton = toggle) -> None:
            saved = session.save(lambda: steps_mod.set_open(session.store, step.key, change["new"], by=session.by),
                                 status)
            if saved is None:  # not saved: show the real state again
                toggle.value = step.key in steps_mod.open_keys(session.store)
            toggle.description = L.MANAGE["step_open"] if toggle.value else L.MANAGE["step_closed"]

        toggle.observe(changed, names="value")
        label = f"{step.number}. {step.title}" + ("" if exists else f" {L.MANAGE['step_no_page']}")
        rows.append(widgets.HBox([toggle, widgets.HTML(html.escape(label))]))
    return widgets.VBox(rows + [status])


def tokens_panel(session: Session) -> widgets.VBox:
    """Participants' links, and re-issue or revocation of one person's link."""
    from ..serve import FACILITATOR_PAGE, page_url, write_join_sheet

    host, port = _server()
    table = widgets.HTML()
    status = StatusLine()
    status.add_class("maillage-tokens-status")

    def render() -> None:
        rows = []
        for p in session.store.all("persons"):
            link = page_url(host, port, "accueil.ipynb", p["token"]) if p.get("token") else L.MANAGE["no_link"]
            rows.append(f"<tr><td>{html.escape(p['name'])}</td><td>{html.escape(p['organisation'])}</td>"
                        f"<td><code>{html.escape(link)}</code></td></tr>")
        head = "".join(f"<th>{html.escape(h)}</th>" for h in L.MANAGE["tokens_table"])
        table.value = f"<table><tr>{head}</tr>{''.join(rows)}</table>"

    persons = session.store.all("persons")
    chooser = widgets.Dropdown(options=[(p["name"], p["id"]) for p in persons], description=L.MANAGE["choose_person"],
                               style={"description_width": "initial"})
    reissue = widgets.Button(description=L.MANAGE["reissue"], button_style="warning")
    revoke = widgets.Button(description=L.MANAGE["revoke"], button_style="danger")
    sheet = widgets.Button(description=L.MANAGE["sheet"])
    facilitator = widgets.Button(description=L.MANAGE["facilitator_reissue"], button_style="danger")
    name = {p["id"]: p["name"] for p in persons}

    def do_reissue(_b: widgets.Button) -> None:
        pid = chooser.value
        if session.save(lambda: reissue_token(session.store, pid, by=session.by), status,
                        success=L.MANAGE["reissued"].format(name=name.get(pid, pid))) is not None:
            render()

    def do_revoke(_b: widgets.Button) -> None:
        pid = chooser.value
        session.save(lambda: revoke_token(session.store, pid, by=session.by) or True, status,
                     success=L.MANAGE["revoked"].format(name=name.get(pid, pid)))
        render()

    def do_sheet(_b: widgets.Button) -> None:
        path = session.save(lambda: write_join_sheet(session.workshop, host, port), status, success=" ")
        if path is not None:
            status.ok(L.MANAGE["sheet_written"].format(path=path))

    def do_facilitator(_b: widgets.Button) -> None:
        token = session.save(lambda: reissue_facilitator_token(session.store, by=session.by), status, success=" ")
        if token is not None:
            status.ok(L.MANAGE["facilitator_reissued"].format(url=page_url(host, port, FACILITATOR_PAGE, token)))

    reissue.on_click(do_reissue)
    revoke.on_click(do_revoke)
    sheet.on_click(do_sheet)
    facilitator.on_click(do_facilitator)
    render()
    return widgets.VBox([chooser, widgets.HBox([reissue, revoke]), status, sheet, table,
                         widgets.HTML(f"<h3>{html.escape(L.MANAGE['facilitator_title'])}</h3>"), facilitator])


def sheet_editors_panel(session: Session) -> widgets.VBox:
    """One tick box a person: named to edit every action sheet with their own link (« une
    gestion centralisée »), their writes theirs in the history; the Gestion page stays the
    facilitator's."""
    status = StatusLine()
    status.add_class("maillage-sheet-editors-status")
    rows: list[widgets.Widget] = [widgets.HTML(f"<p>{html.escape(L.MANAGE['sheet_editors_intro'])}</p>")]
    for p in session.store.all("persons"):
        box = widgets.Checkbox(value=bool(p.get("edits_all_sheets")), indent=False,
                               description=f"{p['name']} ({p['organisation']})", layout=widgets.Layout(width="100%"))
        box.add_class(f"maillage-sheet-editor-{p['id']}")

        def changed(change: dict, pid: str = p["id"], name: str = p["name"], box: widgets.Checkbox = box) -> None:
            if getattr(box, "_settling", False):
                return
            message = L.MANAGE["sheet_editor_on" if change["new"] else "sheet_editor_off"].format(name=name)
            if session.save(lambda: session.update("persons", pid, {"edits_all_sheets": change["new"]}), status,
                            success=message) is None:  # not saved: show the real state again
                box._settling = True
                box.value = bool(session.store.get("persons", pid).get("edits_all_sheets"))
                box._settling = False

        box.observe(changed, names="value")
        rows.append(box)
    return widgets.VBox(rows + [status])


def manage_page(session: Session) -> widgets.VBox:
    """Display the management page for a facilitator session."""
    return session.show(
        widgets.HTML(f"<h3>{html.escape(L.MANAGE['steps_title'])}</h3>"), steps_panel(session),
        widgets.HTML(f"<h3>{html.escape(L.MANAGE['tokens_title'])}</h3>"), tokens_panel(session),
        widgets.HTML(f"<h3>{html.escape(L.MANAGE['sheet_editors_title'])}</h3>"), sheet_editors_panel(session),
        title=L.MANAGE["title"])
