"""Step 7 — mission letters (lettres de mission): one editable Word document per person.

The method (DESIGN.md, step 7): each person receives a written mandate — the project,
their role, the actions and tasks they take part in with their RACI letters (validated
rows only), the days per month allocated to the project, the bodies they sit in and the
rhythm of the project review. The letter is a ``.docx`` made from a Word template with
Jinja tags (``docxtpl``): the consultant copies the default template into the workshop
(``install_template``), edits its wording in Word or LibreOffice, and every letter follows.

Variables offered to the template (French names, since the consultant types them):

``projet``       nom, territoire, programme, debut, fin, horizon_mois, description
``personne``     id, nom, organisation, fonction, role, jours_par_mois
``actions_pilotees``  list of {id, nom, axe, etat, debut, fin}
``taches``       list of {action, tache, lettres, roles, periode, charge}
``instances``    list of {nom, type, role, rythme}
``revue``        {instance, rythme, prochaines} (or None); ``suivi`` the same for the
                 pilots' follow-up in the équipe projet (or None when not a pilot)
``signataire``   the directeur de projet's name; ``date`` the day of the letter;
``legende_raci`` the meaning of R, A, C, I.

Example
-------
>>> paths = write_letters(ws)  # doctest: +SKIP
>>> paths[0].name  # doctest: +SKIP
'lettre_de_mission_PER-01_catherine-morisset.docx'
"""
from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pandas as pd

from . import governance as G
from . import labels as L
from .errors import MaillageError
from .model import fold

TEMPLATE_NAME = "lettre_de_mission.docx"
DEFAULT_TEMPLATE = Path(__file__).resolve().parent / "templates" / TEMPLATE_NAME
WORKSHOP_TEMPLATES = "gabarits"
LETTERS_FOLDER = "lettres"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # not allowed in Word's XML


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return _CONTROL.sub("", str(value))


def _date(value: Any) -> str:
    day = G._as_date(value)
    return day.strftime("%d/%m/%Y") if day else ""


def _month(value: str) -> str:
    year, month = str(value).split("-")
    return f"{month}/{year}"


def _number(value: float) -> str:
    """French decimal: ``2,5`` and ``3`` (not ``3,0``)."""
    value = float(value or 0)
    return f"{value:g}".replace(".", ",")


def _rhythm(weeks: Any) -> str:
    weeks = int(weeks)
    return L.LETTER_LABELS["rhythm_1"] if weeks == 1 else L.LETTER_LABELS["rhythm"].format(weeks=weeks)


def slug(text: str, max_length: int = 60) -> str:
    """A file-name-safe, accent-free, lower-case form of ``text``.

    >>> slug("Léa Fradin / <Cheffe>")
    'lea-fradin-cheffe'
    """
    out = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    return out[:max_length].rstrip("-") or "sans-nom"


def person_tasks(frames: dict[str, pd.DataFrame], person_id: str) -> pd.DataFrame:
    """The tasks of one person with their RACI letters, from validated RACI rows only.

    Returns
    -------
    DataFrame ``action_id, action, task_id, task, letters, start_month, end_month,
    load_days`` ordered by action then task; ``letters`` joins the person's letters on the
    task in R, A, C, I order (e.g. ``"R, A"``).
    """
    columns = ["action_id", "action", "task_id", "task", "letters", "start_month", "end_month", "load_days"]
    raci = frames.get("raci")
    if raci is None or raci.empty:
        return pd.DataFrame(columns=columns)
    mine = raci[(raci["person_id"] == person_id) & (raci["status"] == "validée")]
    if mine.empty:
        return pd.DataFrame(columns=columns)
    order = {letter: i for i, letter in enumerate(L.RACI_LETTERS)}
    letters = mine.groupby("task_id")["letter"].agg(
        lambda s: ", ".join(sorted(set(s), key=order.__getitem__)))
    tasks = frames["tasks"].set_index("id").loc[letters.index]
    actions = frames["actions"].set_index("id")
    out = pd.DataFrame({
        "action_id": tasks["action_id"].values,
        "action": actions.loc[tasks["action_id"], "name"].values,
        "task_id": letters.index,
        "task": tasks["name"].values,
        "letters": letters.values,
        "start_month": tasks["start_month"].values,
        "end_month": tasks["end_month"].values,
        "load_days": tasks["load_days"].values,
    }, columns=columns)
    return out.sort_values(["action_id", "task_id"]).reset_index(drop=True)


def letter_context(frames: dict[str, pd.DataFrame], person_id: str, today: dt.date | None = None,
                   calendar: pd.DataFrame | None = None, members: pd.DataFrame | None = None) -> dict[str, Any]:
    """Everything one person's letter says, as the plain dict given to the template.

    Parameters
    ----------
    frames : the workshop's DataFrames.
    person_id : the person.
    today : the letter's date (default: today); the next review dates are those after it.
    calendar, members : ``governance.meeting_calendar(frames)`` and
        ``governance.members_table(frames)`` when already computed (many letters).

    Returns
    -------
    dict with the variables listed in this module's docstring.
    """
    today = today or dt.date.today()
    persons = frames["persons"].set_index("id")
    if person_id not in persons.index:
        raise MaillageError(L.MESSAGES["not_found"].format(kind=L.KIND_LABELS["persons"], id=person_id))
    person = persons.loc[person_id]
    project = frames["project"].iloc[0] if len(frames.get("project", [])) else None
    if project is None:
        raise MaillageError(L.GOV_MESSAGES["no_project"])
    start, end = G.horizon(frames)
    if calendar is None:
        calendar = G.meeting_calendar(frames)
    axes = dict(zip(frames["axes"]["id"], frames["axes"]["name"])) if "axes" in frames else {}
    actions = frames["actions"]
    piloted = actions[actions["pilot_id"] == person_id].sort_values("id")
    tasks = person_tasks(frames, person_id)
    bodies = G.person_bodies(frames, person_id, members)

    def meeting(body: dict[str, Any] | None) -> dict[str, str] | None:
        if body is None:
            return None
        dates = G.next_meetings(calendar, body["id"], today, 3)
        return {"instance": _text(body["name"]), "rythme": _rhythm(body["rhythm_weeks"]),
                "prochaines": ", ".join(d.strftime("%d/%m/%Y") for d in dates)}

    directors = frames["persons"][frames["persons"]["role"] == "directeur de projet"].sort_values("id")
    return {
        "projet": {"nom": _text(project["name"]), "territoire": _text(project["territory"]),
                   "programme": _text(project["programme"]), "debut": start.strftime("%d/%m/%Y"),
                   "fin": (end - dt.timedelta(days=1)).strftime("%d/%m/%Y"),
                   "horizon_mois": int(project["horizon_months"] or 12),
                   "description": _text(project["description"])},
        "personne": {"id": person_id, "nom": _text(person["name"]), "organisation": _text(person["organisation"]),
                     "fonction": _text(person["function"]), "role": _text(person["role"]),
                     "jours_par_mois": _number(person["capacity_days"])},
        "actions_pilotees": [{"id": a.id, "nom": _text(a.name), "axe": _text(axes.get(a.axis_id, "")),
                              "etat": _text(a.state), "debut": _date(a.start_date), "fin": _date(a.end_date)}
                             for a in piloted.itertuples(index=False)],
        "taches": [{"action": _text(t.action), "tache": _text(t.task), "lettres": t.letters,
                    "roles": ", ".join(L.RACI_MEANINGS[x] for x in t.letters.split(", ")),
                    "periode": f"{_month(t.start_month)} – {_month(t.end_month)}",
                    "charge": _number(t.load_days)} for t in tasks.itertuples(index=False)],
        "instances": [{"nom": _text(b.body), "type": _text(b.body_kind), "role": _text(b.role),
                       "rythme": _rhythm(b.rhythm_weeks)} for b in bodies.itertuples(index=False)],
        "revue": meeting(G.review_body(frames)),
        "suivi": meeting(G.follow_up_body(frames)) if len(piloted) else None,
        "signataire": _text(directors.iloc[0]["name"]) if len(directors) else "",
        "date": today.strftime("%d/%m/%Y"),
        "legende_raci": " — ".join(f"{k} : {v}" for k, v in L.RACI_MEANINGS.items()),
    }


# --- Template -----------------------------------------------------------------------------

def template_path(ws: Any) -> Path:
    """The template used for ``ws``: the workshop's own copy if any, else the default one."""
    own = Path(ws.folder) / WORKSHOP_TEMPLATES / TEMPLATE_NAME
    return own if own.exists() else DEFAULT_TEMPLATE


def install_template(ws: Any) -> Path:
    """Copy the default template into the workshop (``gabarits/``) so the consultant can edit
    it; an existing copy is kept. Returns the copy's path."""
    own = Path(ws.folder) / WORKSHOP_TEMPLATES / TEMPLATE_NAME
    if not own.exists():
        own.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(DEFAULT_TEMPLATE, own)
    return own


def _bullets(doc: Any, loop: str, item: str, none: str, intro: str | None = None) -> None:
    """A Jinja-driven bullet list in the template: ``loop`` is ``"x in items"``; ``none`` is
    written instead when the list is empty, ``intro`` before the list when it is not."""
    items = loop.split(" in ", 1)[1]
    doc.add_paragraph(f"{{%p if {items} %}}")
    if intro:
        doc.add_paragraph(intro)
    doc.add_paragraph(f"{{%p for {loop} %}}")
    doc.add_paragraph(item, style="List Bullet")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p else %}")
    doc.add_paragraph(none)
    doc.add_paragraph("{%p endif %}")

def build_default_template(path: Path) -> Path:
    """Write the default mission-letter template (a .docx with Jinja tags) to ``path``.

    The committed ``toolkit/templates/lettre_de_mission.docx`` is made by this function;
    run it again after changing the wording here (labels ``LETTER_TEMPLATE``).
    """
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    T = L.LETTER_TEMPLATE
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Liberation Sans"
    style.font.size = Pt(10.5)
    for section in doc.sections:
        section.left_margin = section.right_margin = Cm(2.2)
    doc.add_paragraph("{{ projet.territoire }}").alignment = WD_ALIGN_PARAGRAPH.LEFT
    date = doc.add_paragraph(T["date_line"])
    date.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_heading(T["title"], level=0)
    doc.add_paragraph(T["to"])
    doc.add_paragraph(T["subject"]).runs[0].bold = True
    doc.add_paragraph(T["salutation"])
    doc.add_paragraph(T["intro"])
    doc.add_heading(T["h_time"], level=2)
    doc.add_paragraph(T["time"])
    doc.add_heading(T["h_piloted"], level=2)
    _bullets(doc, "a in actions_pilotees", T["piloted_item"], T["piloted_none"], intro=T["piloted_intro"])
    doc.add_heading(T["h_tasks"], level=2)
    doc.add_paragraph(T["tasks_intro"])
    headers = T["tasks_columns"]
    table = doc.add_table(rows=4, cols=len(headers))
    table.style = "Light Grid Accent 1"
    for cell, text in zip(table.rows[0].cells, headers):
        cell.text = text
    table.rows[1].cells[0].text = "{%tr for t in taches %}"
    for cell, text in zip(table.rows[2].cells, ("{{ t.action }}", "{{ t.tache }}", "{{ t.lettres }}",
                                                "{{ t.periode }}", "{{ t.charge }}")):
        cell.text = text
    table.rows[3].cells[0].text = "{%tr endfor %}"
    table.autofit = False
    for row in table.rows:  # Word reads widths from the cells, LibreOffice from the grid
        for cell, width in zip(row.cells, (3.8, 6.6, 1.6, 2.6, 2.0)):
            cell.width = Cm(width)
    doc.add_paragraph("{%p if not taches %}")
    doc.add_paragraph(T["tasks_none"])
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{{ legende_raci }}").runs[0].italic = True
    doc.add_heading(T["h_bodies"], level=2)
    _bullets(doc, "i in instances", T["bodies_item"], T["bodies_none"])
    doc.add_heading(T["h_rhythm"], level=2)
    doc.add_paragraph(T["review"])
    doc.add_paragraph(T["follow_up"])
    doc.add_paragraph(T["closing"])
    doc.add_paragraph(T["signature"])
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


# --- Rendering ------------------------------------------------------------------------------

def render_letter(template: bytes, context: dict[str, Any]) -> bytes:
    """One letter: the template rendered with ``context`` (every value XML-escaped).

    Raises
    ------
    MaillageError naming the template's problem in French (a broken tag, an unknown
    variable, a file that is not a Word document).
    """
    import jinja2
    from docxtpl import DocxTemplate

    try:
        doc = DocxTemplate(io.BytesIO(template))
        env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
        doc.render(context, jinja_env=env, autoescape=True)
        out = io.BytesIO()
        doc.save(out)
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise MaillageError(L.LETTER_MESSAGES["not_docx"].format(error=exc)) from exc
    except jinja2.TemplateSyntaxError as exc:
        raise MaillageError(L.LETTER_MESSAGES["bad_tag"].format(error=exc.message)) from exc
    except jinja2.UndefinedError as exc:
        raise MaillageError(L.LETTER_MESSAGES["unknown_variable"].format(error=exc.message)) from exc
    except jinja2.TemplateError as exc:
        raise MaillageError(L.LETTER_MESSAGES["bad_tag"].format(error=exc)) from exc
    return out.getvalue()


def write_letters(ws: Any, folder: Path | None = None, template: Path | None = None,
                  person_ids: list[str] | None = None, today: dt.date | None = None) -> list[Path]:
    """Write one mission letter per person into ``exports/lettres/`` (or ``folder``).

    Parameters
    ----------
    ws : the workshop.
    folder : where to write (created if needed); existing letters are replaced.
    template : a .docx template (default: ``template_path(ws)``).
    person_ids : only these persons (default: every person of the workshop).
    today : the date written on the letters.

    Returns
    -------
    The paths written, in person order. Nothing is written if the template is broken
    (the first letter is rendered before any file is touched).
    """
    frames = ws.store.frames()
    template = Path(template) if template else template_path(ws)
    if not template.exists():
        raise MaillageError(L.LETTER_MESSAGES["no_template"].format(path=template))
    data = template.read_bytes()
    folder = Path(folder) if folder else Path(ws.exports_dir) / LETTERS_FOLDER
    ids = person_ids if person_ids is not None else list(frames["persons"]["id"])
    calendar, members = G.meeting_calendar(frames), G.members_table(frames)
    rendered = []
    for pid in ids:
        context = letter_context(frames, pid, today=today, calendar=calendar, members=members)
        name = f"lettre_de_mission_{pid}_{slug(context['personne']['nom'])}.docx"  # ids are file-safe (model.ID_RE)
        rendered.append((name, render_letter(data, context)))
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, content in rendered:
        path = folder / name
        path.write_bytes(content)
        paths.append(path)
    return paths


def letter_text(path: Path) -> dict[str, Any]:
    """Read a letter back: its paragraphs and the rows of its tasks table (for checks).

    Returns
    -------
    ``{"paragraphs": [str], "tasks": [[cell, …], …]}`` — ``tasks`` without the header row.
    """
    from docx import Document

    doc = Document(str(path))
    rows: list[list[str]] = []
    for table in doc.tables:
        cells = [[c.text for c in row.cells] for row in table.rows]
        if cells and cells[0] == list(L.LETTER_TEMPLATE["tasks_columns"]):
            rows.extend(cells[1:])
    return {"paragraphs": [p.text for p in doc.paragraphs], "tasks": rows}
