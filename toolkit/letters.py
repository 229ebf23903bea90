"""Step 7 — mission letters (lettres de mission): one editable Word mandate per person.

The method (DESIGN.md, step 7, and the OPCA guidance behind it) asks for a written
mandate: the perimeter of responsibility, the means, the time allocated (per month and per
action), the success factors, the person's role in each task (validated RACI rows only),
the bodies they sit in and the rhythm of the project review. The letter is a ``.docx``
made from a Word template with Jinja tags (``docxtpl``): the consultant copies the default
template into the workshop (``install_template``), edits its wording in Word or
LibreOffice, and every letter follows. Every sentence about the person agrees with their
civility (``toolkit.core.french``); numbers and dates are French (``toolkit.core.formats``).

Template tags (French names, since the consultant types them)
-------------------------------------------------------------
``projet``        nom, territoire, client (the cadrage's « Client », else the territory),
                  programme (empty for « Autre »), debut, fin (« 1er septembre 2026 »),
                  horizon_mois, description
``personne``      id, nom, civilite, organisation, fonction, role, titre (the role agreed:
                  « directrice de projet »), en_qualite (« en qualité d'agent »),
                  a_l_attention, salutation (« Madame, »; « Madame, Monsieur, » only when
                  the civility is unknown), titulaire (« La titulaire »), jours_par_mois
                  (« 15 jours »), jours_alloues (over the horizon), charge_totale (the
                  person's planned days over the horizon), perimetre, moyens, facteurs
                  (lists of lines typed in the cadrage; empty lists when not set)
``charge_mensuelle``  list of {mois, charge, alloue, ecart, situation}: the person's own
                  load per month of the horizon (workload rule of step 5)
``charge_par_action`` list of {action, role, jours}: the person's days per action
``actions_pilotees``  list of {id, nom, axe, etat, debut, fin}
``taches``        list of {action, tache, lettres, roles, periode, charge (the person's
                  own share of the task's days), charge_tache (the task's whole days)}
``instances``     list of {nom, type (empty when the body is named after it), role, rythme}
``revue``         {instance, rythme, lieu, prochaines} (or None); ``suivi`` the same for
                  the pilots' follow-up in the équipe projet (or None when not a pilot)
``signature``     {nom, titre, motif}: who signs and why (``signatory``);
                  ``signataire`` the same name alone (templates of before)
``date``          the letter's day (« 23 novembre 2026 »); ``legende_raci`` R, A, C, I.

Layout of the default template: tables' header rows repeat on each page and rows never
split across pages; the closing and the signatures are kept together on one page.

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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from .core import formats as F
from .core import french as W
from . import governance as G
from .core import labels as L
from .core import values as V
from . import workload
from .core.errors import MaillageError
from .core.model import fold, handover

TEMPLATE_NAME = "lettre_de_mission.docx"
DEFAULT_TEMPLATE = Path(__file__).resolve().parent / "templates" / TEMPLATE_NAME
WORKSHOP_TEMPLATES = "gabarits"
LETTERS_FOLDER = "lettres"
DIRECTOR_ROLE = V.ROLE_DIRECTOR
OTHER_PROGRAMME = V.PROGRAMME_OTHER  # not named in a letter
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # not allowed in Word's XML


def _text(value: Any) -> str:
    if F.is_missing(value):
        return ""
    return _CONTROL.sub("", str(value))


def _lines(value: Any) -> list[str]:
    """A free-text field typed one point a line, as a list (bullets « - » dropped)."""
    return [line.strip(" -•\t") for line in _text(value).splitlines() if line.strip(" -•\t")]


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


def person_tasks(frames: dict[str, pd.DataFrame], person_id: str,
                 alloc: pd.DataFrame | None = None) -> pd.DataFrame:
    """The tasks of one person with their RACI letters, from validated RACI rows only.

    Returns
    -------
    DataFrame ``action_id, action, task_id, task, letters, start_month, end_month,
    load_days, person_days`` ordered by action then task; ``letters`` joins the person's
    letters on the task in R, A, C, I order (e.g. ``"R, A"``); ``person_days`` is the
    person's own share of the task's days by the workload rule of step 5 (the R's share
    the load, the A's get ``workload.A_SHARE`` of it; C and I carry none).
    """
    columns = ["action_id", "action", "task_id", "task", "letters", "start_month", "end_month", "load_days",
               "person_days"]
    raci = frames.get("raci")
    if raci is None or raci.empty:
        return pd.DataFrame(columns=columns)
    mine = raci[(raci["person_id"] == person_id) & (raci["status"] == V.STATUS_VALIDATED)]
    if mine.empty:
        return pd.DataFrame(columns=columns)
    alloc = workload.allocation(frames) if alloc is None else alloc
    own = alloc[alloc["person_id"] == person_id].groupby("task_id")["days"].sum()
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
        "person_days": letters.index.map(lambda t: float(own.get(t, 0.0))),
    }, columns=columns)
    return out.sort_values(["action_id", "task_id"]).reset_index(drop=True)


def find_persons(frames: dict[str, pd.DataFrame], wanted: list[str]) -> list[str]:
    """Person ids from identifiers or names as typed (``--personne``; case and accents free).

    Raises
    ------
    MaillageError when a text matches nobody, or several persons (give the identifier).
    """
    persons = frames["persons"]
    ids = []
    for text in wanted:
        if text in set(persons["id"]):
            ids.append(text)
            continue
        hits = persons[persons["name"].map(fold) == fold(text)]
        if hits.empty:
            hits = persons[persons["name"].map(fold).str.contains(re.escape(fold(text)), regex=True)]
        if hits.empty:
            raise MaillageError(L.LETTER_MESSAGES["unknown_person"].format(wanted=text))
        if len(hits) > 1:
            names = F.join(f"{n} ({i})" for i, n in zip(hits["id"], hits["name"]))
            raise MaillageError(L.LETTER_MESSAGES["several_persons"].format(wanted=text, names=names))
        ids.append(hits.iloc[0]["id"])
    return ids


# --- Who signs --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Signatory:
    """Who signs a letter, and why (said in the command's output and in the letter's data)."""

    person_id: str | None
    name: str
    title: str
    reason: str


def _person_title(person: pd.Series) -> str:
    """« Directeur général des services » as typed, else the role agreed with the civility."""
    function = _text(person.get("function"))
    return function or _text(W.role_title(person.get("role"), person.get("civility")))


def signatory(frames: dict[str, pd.DataFrame], person_id: str | None = None) -> Signatory:
    """Who signs the mission letters of the workshop (or ``person_id``'s own letter).

    1. The project's ``signatory_id`` (« Signataire des lettres de mission », cadrage).
    2. Else the only person whose role is « directeur de projet ».
    3. Several directors and no choice made: refused, in French (no silent pick). No
       director at all: the signature is left blank to fill in by hand, and ``reason``
       says so (the command prints it).
    The signatory's own letter is signed by the president of the body that holds the
    project review (else the first élu): nobody signs their own mandate.

    Raises
    ------
    MaillageError naming the persons to choose from and where to choose.
    """
    persons = frames["persons"].set_index("id")
    project = frames["project"].iloc[0]
    chosen = project.get("signatory_id")
    M = L.LETTER_MESSAGES
    if not F.is_missing(chosen) and chosen in persons.index:
        sid, key = chosen, "signatory_chosen"
    else:
        directors = frames["persons"][frames["persons"]["role"] == DIRECTOR_ROLE].sort_values("id")
        if len(directors) > 1:
            raise MaillageError(M["signatory_missing"].format(
                directors=F.count(len(directors), L.LETTER_LABELS["director"]), names=F.join(directors["name"])))
        if directors.empty:
            return Signatory(None, "", "", M["signatory_none"])
        sid, key = directors.iloc[0]["id"], "signatory_default"
    civility = persons.loc[sid].get("civility")
    T = L.LETTER_LABELS
    words = {"designated": W.agree(T["designated"], civility=civility), "kept": W.agree(T["kept"], civility=civility),
             "only": W.agree(T["only"].format(role=DIRECTOR_ROLE),
                             T["only_feminine"].format(role=W.feminine(DIRECTOR_ROLE)), civility=civility),
             "name": _text(persons.loc[sid, "name"]), "of_name": W.de(_text(persons.loc[sid, "name"]))}
    if person_id is not None and person_id == sid:
        above = _own_letter_signatory(frames, sid)
        key = "signatory_self" if above is None else "signatory_own"
        sid = sid if above is None else above
    person = persons.loc[sid]
    return Signatory(sid, _text(person["name"]), _person_title(person), M[key].format(**words))


def _own_letter_signatory(frames: dict[str, pd.DataFrame], sid: str) -> str | None:
    members = G.members_table(frames)
    body = G.review_body(frames)
    if body is not None and len(members):
        chairs = members[(members["body_id"] == body["id"]) & (members["role"] == V.MEMBER_CHAIR)
                         & (members["member_type"] == L.GOV_MEMBER_TYPES["person"])
                         & (members["member_id"] != sid)]
        if len(chairs):
            return chairs.iloc[0]["member_id"]
    elected = frames["persons"][(frames["persons"]["role"] == V.ROLE_ELECTED) & (frames["persons"]["id"] != sid)]
    return elected.sort_values("id").iloc[0]["id"] if len(elected) else None


# --- The letter's data ---------------------------------------------------------------------------

def letter_context(frames: dict[str, pd.DataFrame], person_id: str, today: dt.date | None = None,
                   calendar: pd.DataFrame | None = None, members: pd.DataFrame | None = None,
                   alloc: pd.DataFrame | None = None) -> dict[str, Any]:
    """Everything one person's letter says, as the plain dict given to the template.

    Parameters
    ----------
    frames : the workshop's DataFrames.
    person_id : the person.
    today : the letter's date (default: today); the next review dates are those after it.
    calendar, members, alloc : ``governance.meeting_calendar(frames)``,
        ``governance.members_table(frames)`` and ``workload.allocation(frames)`` when
        already computed (many letters).

    Returns
    -------
    dict with the tags listed in this module's docstring.
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
    calendar = G.meeting_calendar(frames) if calendar is None else calendar
    alloc = workload.allocation(frames) if alloc is None else alloc
    axes = dict(zip(frames["axes"]["id"], frames["axes"]["name"])) if "axes" in frames else {}
    actions = frames["actions"]
    piloted = actions[actions["pilot_id"] == person_id].sort_values("id")
    tasks = person_tasks(frames, person_id, alloc)
    bodies = G.person_bodies(frames, person_id, members)
    civility = person.get("civility")
    months = int(project["horizon_months"] or 12)
    capacity = float(person["capacity_days"] or 0)

    def meeting(body: dict[str, Any] | None) -> dict[str, str] | None:
        if body is None:
            return None
        rows = calendar[(calendar["body_id"] == body["id"]) & (calendar["date"] >= today)].head(3)
        return {"instance": _text(body["name"]), "rythme": _rhythm(body["rhythm_weeks"]),
                "lieu": _text(body.get("place")),
                "prochaines": F.join(F.meeting(r.date, r.time if hasattr(r, "time") else None)
                                     for r in rows.itertuples(index=False))}

    load = workload.load_table(frames, alloc=alloc)
    mine = load[load["person_id"] == person_id]
    per_action = tasks.groupby(["action_id", "action"], sort=True).agg(
        days=("person_days", "sum"), letters=("letters", lambda s: ", ".join(
            sorted({x for v in s for x in v.split(", ")}, key=L.RACI_LETTERS.index)))).reset_index()
    sign = signatory(frames, person_id)
    return {
        "projet": {"nom": _text(project["name"]), "territoire": _text(project["territory"]),
                   "client": handover(dict(project))["client"],
                   "programme": "" if project["programme"] == OTHER_PROGRAMME else _text(project["programme"]),
                   "debut": F.date_long(start, weekday=False),
                   "fin": F.date_long(end - dt.timedelta(days=1), weekday=False),
                   "horizon_mois": months, "description": _text(project["description"])},
        "personne": {"id": person_id, "nom": _text(person["name"]), "civilite": _text(civility),
                     "organisation": _text(person["organisation"]), "fonction": _text(person["function"]),
                     "role": _text(person["role"]), "titre": W.role_title(person["role"], civility),
                     "en_qualite": W.capacity(person["role"], civility),
                     "a_l_attention": W.to_attention(_text(person["name"]), civility),
                     "salutation": W.salutation(civility),
                     "titulaire": W.the("titulaire", civility=civility).capitalize(),
                     "jours_par_mois": F.days(capacity, long=True),
                     "jours_alloues": F.days(capacity * months, long=True),
                     "charge_totale": F.days(float(mine["load"].sum()), long=True),
                     "perimetre": _lines(person.get("perimeter")), "moyens": _lines(person.get("means")),
                     "facteurs": _lines(person.get("success_factors"))},
        "charge_mensuelle": [{"mois": F.month(f"{m.month}-01"), "charge": F.days(m.load),
                              "alloue": F.days(m.capacity), "ecart": F.days(m.balance),
                              "situation": _text(m.status)} for m in mine.itertuples(index=False)]
                            if mine["load"].sum() > 0 else [],
        "charge_par_action": [{"action": _text(a.action), "role": a.letters, "jours": F.days(a.days)}
                              for a in per_action.itertuples(index=False)],
        "actions_pilotees": [{"id": a.id, "nom": _text(a.name), "axe": _text(axes.get(a.axis_id, "")),
                              "etat": _text(a.state), "debut": F.date_long(a.start_date, weekday=False),
                              "fin": F.date_long(a.end_date, weekday=False)}
                             for a in piloted.itertuples(index=False)],
        "taches": [{"action": _text(t.action), "tache": _text(t.task), "lettres": t.letters,
                    "roles": ", ".join(L.RACI_MEANINGS[x] for x in t.letters.split(", ")),
                    "periode": f"{F.month_short(t.start_month)} – {F.month_short(t.end_month)}",
                    "charge": F.days(t.person_days), "charge_tache": F.days(t.load_days)}
                   for t in tasks.itertuples(index=False)],
        # the kind unsaid when the body is named after it (« Équipe projet (équipe projet) »)
        "instances": [{"nom": _text(b.body), "type": "" if fold(_text(b.body)) == fold(_text(b.body_kind))
                       else _text(b.body_kind), "role": W.agree(_text(b.role), civility=civility),
                       "rythme": _rhythm(b.rhythm_weeks)} for b in bodies.itertuples(index=False)],
        "revue": meeting(G.review_body(frames)),
        "suivi": meeting(G.follow_up_body(frames)) if len(piloted) else None,
        "signature": {"nom": sign.name, "titre": sign.title, "motif": sign.reason},
        "signataire": sign.name,
        "date": F.date_long(today, weekday=False),
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


def _bullets(doc: Any, loop: str, item: str, none: str | None, intro: str | None = None) -> None:
    """A Jinja-driven bullet list in the template: ``loop`` is ``"x in items"``; ``none`` is
    written instead when the list is empty, ``intro`` before the list when it is not."""
    items = loop.split(" in ", 1)[1]
    doc.add_paragraph(f"{{%p if {items} %}}")
    if intro:
        doc.add_paragraph(intro)
    doc.add_paragraph(f"{{%p for {loop} %}}")
    doc.add_paragraph(item, style="List Bullet")
    doc.add_paragraph("{%p endfor %}")
    if none:
        doc.add_paragraph("{%p else %}")
        doc.add_paragraph(none)
    doc.add_paragraph("{%p endif %}")


def _keep_rows_whole(table: Any, header_rows: int = 1) -> None:
    """Rows never split across pages; the first ``header_rows`` repeat on each page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for i, row in enumerate(table.rows):
        properties = row._tr.get_or_add_trPr()
        properties.append(OxmlElement("w:cantSplit"))
        if i < header_rows:
            header = OxmlElement("w:tblHeader")
            properties.append(header)
            header.set(qn("w:val"), "true")


def _set_widths(table: Any, widths: tuple[float, ...]) -> None:
    """Column widths in cm, for Word (the cells) and LibreOffice (the grid)."""
    from docx.shared import Cm

    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = Cm(width)


def _loop_table(doc: Any, loop: str, headers: tuple[str, ...], cells: tuple[str, ...],
                widths: tuple[float, ...], none: str | None = None, intro: str | None = None) -> None:
    """A table whose middle row repeats for each item (``{%tr for … %}``), its header on
    every page, no row split; ``intro`` before it, ``none`` instead when the list is empty."""
    items = loop.split(" in ", 1)[1]
    doc.add_paragraph(f"{{%p if {items} %}}")
    if intro:
        doc.add_paragraph(intro)
    table = doc.add_table(rows=4, cols=len(headers))
    table.style = "Light Grid Accent 1"
    for cell, text in zip(table.rows[0].cells, headers):
        cell.text = text
    table.rows[1].cells[0].text = f"{{%tr for {loop} %}}"
    for cell, text in zip(table.rows[2].cells, cells):
        cell.text = text
    table.rows[3].cells[0].text = "{%tr endfor %}"
    _set_widths(table, widths)
    _keep_rows_whole(table)
    if none:
        doc.add_paragraph("{%p else %}")
        doc.add_paragraph(none)
    doc.add_paragraph("{%p endif %}")


def _page_footer(paragraph: Any, text: str, of: str) -> None:
    """``text`` then « N sur M » from Word's PAGE and NUMPAGES fields, small and grey."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    def run(words: str = "", element: Any = None) -> None:
        r = paragraph.add_run(words)
        r.font.size, r.font.color.rgb = Pt(8.5), RGBColor(0x59, 0x59, 0x59)
        if element is not None:
            r._r.append(element)

    def field(code: str) -> None:
        # Word's form: each part in its own run, all with the same look (begin, code,
        # separate, the last value, end); a field in one run prints at the body's size.
        for kind in ("begin", code, "separate", "1", "end"):
            if kind in ("begin", "separate", "end"):
                element = OxmlElement("w:fldChar")
                element.set(qn("w:fldCharType"), kind)
                run(element=element)
            elif kind == code:
                element = OxmlElement("w:instrText")
                element.set(qn("xml:space"), "preserve")
                element.text = f" {code} "
                run(element=element)
            else:
                run(kind)

    run(text)
    field("PAGE")
    run(of)
    field("NUMPAGES")


def build_default_template(path: Path) -> Path:
    """Write the default mission-letter template (a .docx with Jinja tags) to ``path``.

    The committed ``toolkit/templates/lettre_de_mission.docx`` is made by this function;
    run it again after changing the wording here (labels ``LETTER_TEMPLATE``):
    ``python -c "from toolkit.letters import *; build_default_template(DEFAULT_TEMPLATE)"``.
    """
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    T = {k: W.hold_quotes(v) if isinstance(v, str) else v
         for k, v in L.LETTER_TEMPLATE.items()}
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Liberation Sans"
    style.font.size = Pt(10.5)
    style.paragraph_format.widow_control = True
    for section in doc.sections:
        section.left_margin = section.right_margin = Cm(2.2)
        _page_footer(section.footer.paragraphs[0], T["footer"], T["footer_of"])
    doc.add_paragraph("{{ projet.client }}").alignment = WD_ALIGN_PARAGRAPH.LEFT  # the cadrage's client
    date = doc.add_paragraph(T["date_line"])
    date.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_heading(T["title"], level=0)
    doc.add_paragraph(T["to"])
    doc.add_paragraph(T["subject"]).runs[0].bold = True
    doc.add_paragraph(T["salutation"])
    doc.add_paragraph(T["intro"])
    doc.add_heading(T["h_perimeter"], level=2)
    _bullets(doc, "p in personne.perimetre", "{{ p }}", T["perimeter_none"], intro=T["perimeter_intro"])
    _bullets(doc, "a in actions_pilotees", T["piloted_item"], T["piloted_none"], intro=T["piloted_intro"])
    doc.add_heading(T["h_time"], level=2)
    doc.add_paragraph(T["time"])
    _bullets(doc, "m in personne.moyens", "{{ m }}", None, intro=T["means_intro"])
    _loop_table(doc, "m in charge_mensuelle", T["load_columns"],
                ("{{ m.mois }}", "{{ m.charge }}", "{{ m.alloue }}", "{{ m.ecart }}", "{{ m.situation }}"),
                (3.6, 3.0, 3.0, 3.0, 4.0), T["load_none"], intro=T["load_intro"])
    _loop_table(doc, "a in charge_par_action", T["per_action_columns"],
                ("{{ a.action }}", "{{ a.role }}", "{{ a.jours }}"), (11.6, 2.5, 2.5), None,
                intro=T["per_action_intro"])
    doc.add_heading(T["h_tasks"], level=2)
    doc.add_paragraph(T["tasks_intro"])
    _loop_table(doc, "t in taches", T["tasks_columns"],
                ("{{ t.action }}", "{{ t.tache }}", "{{ t.lettres }}", "{{ t.periode }}", "{{ t.charge }}"),
                (4.6, 6.0, 1.4, 2.6, 2.0), T["tasks_none"])
    doc.add_paragraph("{{ legende_raci }}").runs[0].italic = True
    doc.add_heading(T["h_success"], level=2)
    _bullets(doc, "f in personne.facteurs", "{{ f }}", T["success_none"], intro=T["success_intro"])
    doc.add_heading(T["h_bodies"], level=2)
    _bullets(doc, "i in instances", T["bodies_item"], T["bodies_none"])
    doc.add_heading(T["h_rhythm"], level=2)
    doc.add_paragraph(T["review"])
    doc.add_paragraph(T["follow_up"])
    closing = doc.add_paragraph(T["closing"])
    closing.paragraph_format.keep_with_next = True
    closing.paragraph_format.space_before = Pt(12)
    # The signatures: one row that never splits, kept with the closing above it.
    table = doc.add_table(rows=1, cols=2)
    for cell, lines in zip(table.rows[0].cells, (T["signature_left"], T["signature_right"])):
        cell.text = ""
        for i, line in enumerate(lines):
            paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
            paragraph.add_run(line).bold = i == 0
            paragraph.paragraph_format.keep_with_next = True
        cell.add_paragraph("")
        cell.add_paragraph("")
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    _set_widths(table, (8.3, 8.3))
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)
    doc.add_paragraph(T["signature_note"]).runs[0].italic = True
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
    unknown = [pid for pid in ids if pid not in set(frames["persons"]["id"])]
    if unknown:
        raise MaillageError(L.MESSAGES["not_found"].format(kind=L.KIND_LABELS["persons"], id=", ".join(unknown)))
    calendar, members = G.meeting_calendar(frames), G.members_table(frames)
    alloc = workload.allocation(frames)
    rendered = []
    for pid in ids:
        context = letter_context(frames, pid, today=today, calendar=calendar, members=members, alloc=alloc)
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
