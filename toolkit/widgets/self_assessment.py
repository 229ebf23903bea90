"""The self-assessment page of step 3, and its section on the facilitator's board.

A participant opens ``ateliers/competences.ipynb`` with their link. For every competence of
the workshop's referential, grouped by family, they choose three levels on the labelled
scales of ``labels.SCALES`` — *savoir agir*, *vouloir agir*, *pouvoir agir* (Le Boterf) —
and may add a comment; they also say how many days a month they can give the project
(``persons.capacity_days``).

- **Saved as they go**: a competence is written as soon as its three levels are chosen,
  then again at each change (and when the comment is left); nothing waits for a final
  button, so a closed tab loses nothing that was confirmed. Each card says
  "Enregistré à …" only after the store committed (``Session.save``).
- **Returned to and changed later**: reopening the link shows the answers given; a change
  updates the same record, and the store's history keeps the old values.
- **Private**: reads and writes go through the session's guard: a participant reads and
  writes only their own self-assessments (``model.Kind.private_owner``); the source is
  forced to « auto-évaluation », so the consultant's reading is never touched here.

The board section (:func:`board_section`) shows how many have started and completed and
who has completed — counts, not answers — and, when the facilitator ticks the box, each
person's progress and the answers summarised per competence (never one person's ratings).

Example (the whole of ``ateliers/competences.ipynb``)::

    from toolkit.widgets.session import open_page
    from toolkit.widgets.self_assessment import self_assessment_page

    session = open_page("competences")
    if session:
        self_assessment_page(session)
"""
from __future__ import annotations

import html
from typing import Any, Callable

import ipywidgets as widgets
import pandas as pd

from .. import competences as C
from ..core import formats as F
from ..core import labels as L
from ..core.store import Store
from .board import for_projection, person_label
from .session import Session, StatusLine, saves, scale_buttons

S = L.SELF_ASSESSMENT
DIMENSIONS = C.DIMENSIONS

#: Extra styles: one card per competence, readable on a phone; the count of what remains
#: stays at the bottom of the screen.
CARD_CSS = """<style>
.maillage-card { border: 1px solid #d0d0d0; border-radius: 6px; padding: .5em .7em; margin: .4em 0 .8em 0; }
.maillage-card .maillage-cmp-desc { color: #555; margin-bottom: .3em; }
.maillage-card .widget-textarea { width: 100% !important; }
.maillage-self-assessment .maillage-field { height: auto !important; row-gap: .2em; }
.maillage-progress { font-weight: 600; }
.maillage-progress-bar { position: fixed; left: 0; right: 0; bottom: 0; z-index: 50; margin: 0 !important;
  padding: .5em 1em; background: #fff; border-top: 2px solid #1b7837; box-shadow: 0 -2px 6px rgba(0,0,0,.15); }
.maillage-progress-bar p { margin: 0; text-align: center; }
.maillage-self-assessment { padding-bottom: 4.5em; }
.maillage-family { margin-top: 1.2em; border-bottom: 2px solid #1b7837; }
</style>"""


def scale_points(dimension: str) -> list[tuple[str, int]]:
    """The buttons of one dimension: « 0 » … « 4 » (their meaning in ``labels.SCALES``).

    >>> scale_points("vouloir")[:2]
    [('0', 0), ('1', 1)]
    """
    return [(str(i), i) for i in range(len(L.SCALES[dimension]))]


class CompetenceCard(widgets.VBox):
    """One competence: its name, three levels, a comment and a status line.

    ``on_change(card)`` is called when a level changes or the comment is left.
    """

    def __init__(self, competence: dict[str, Any], record: dict[str, Any] | None,
                 on_change: Callable[["CompetenceCard"], Any]) -> None:
        self.competence_id = competence["id"]
        self.name = competence.get("name") or competence["id"]
        self.record_id: str | None = record["id"] if record else None
        self.version: int | None = record["version"] if record else None
        head = widgets.HTML(
            f"<div class='maillage-cmp-name'><strong>{html.escape(self.name)}</strong></div>"
            + (f"<div class='maillage-cmp-desc'>{html.escape(competence['description'])}</div>"
               if competence.get("description") else ""))
        self.inputs: dict[str, widgets.ToggleButtons] = {}
        for d in DIMENSIONS:
            value = record.get(d) if record else None
            # one tap per answer; nothing chosen (None) until the participant taps a level
            w = scale_buttons(L.DIMENSIONS[d], scale_points(d), value, words=L.SCALES[d])
            w.add_class(f"maillage-dim-{d}")
            w.observe(lambda _c: on_change(self), names="value")
            self.inputs[d] = w
        self.comment = widgets.Textarea(value=(record.get("comment") or "") if record else "",
                                        placeholder=S["comment_placeholder"], description=S["comment"],
                                        continuous_update=False, layout=widgets.Layout(width="100%"),
                                        style={"description_width": "initial"})
        self.comment.add_class("maillage-field")
        self.comment.add_class("maillage-comment")
        self.comment.observe(lambda _c: on_change(self), names="value")
        self.status = StatusLine()
        if record:
            self.status.ok(S["already_saved"])
        super().__init__([head, *self.inputs.values(), self.comment, self.status])
        saves(self, autosave=True)  # every change saves: « en attente » while offline
        self.add_class("maillage-card")
        self.add_class(f"maillage-cmp-{self.competence_id}")

    def missing(self) -> list[str]:
        """The dimensions not chosen yet (French names)."""
        return [L.FIELD_LABELS[d] for d, w in self.inputs.items() if w.value is None]

    def values(self) -> dict[str, Any]:
        """What the card holds, as sent to the store."""
        out: dict[str, Any] = {d: w.value for d, w in self.inputs.items()}
        out["comment"] = self.comment.value.strip() or None
        return out


class SelfAssessmentPage(widgets.VBox):
    """The participant's whole self-assessment: capacity, then one card per competence.

    Parameters
    ----------
    session : a participant's session (``open_page("competences")``).
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self.person_id: str = session.person["id"]  # type: ignore[index]
        competences = sorted(session.records("competences"),
                             key=lambda c: (str(c.get("family") or ""), str(c.get("name") or ""), c["id"]))
        mine = self._my_records()
        self.cards: dict[str, CompetenceCard] = {}
        children: list[widgets.Widget] = [widgets.HTML(CARD_CSS)]
        self.days = widgets.Text(value=_days(session.person.get("capacity_days")),  # type: ignore[union-attr]
                                 description=L.FIELD_LABELS["capacity_days"], continuous_update=False,
                                 placeholder=L.EXPECT["float_range"].format(min="0", max="23"),
                                 layout=widgets.Layout(width="100%"), style={"description_width": "initial"})
        self.days.add_class("maillage-field")
        self.days.add_class("maillage-capacity")
        self.days_status = StatusLine()
        self.days_status.add_class("maillage-capacity-status")
        self.days.observe(lambda _c: self.save_days(), names="value")
        days_box = saves(widgets.VBox([self.days, self.days_status]), autosave=True)
        children += [widgets.HTML(f"<h3>{html.escape(S['capacity_title'])}</h3>"
                                  f"<p>{html.escape(S['capacity_help'])}</p>"), days_box]
        # the count of what remains, fixed at the bottom of the screen (always visible)
        self.progress = widgets.HTML()
        self.progress.add_class("maillage-progress")
        self.progress.add_class("maillage-progress-bar")
        children += [widgets.HTML(f"<h3>{html.escape(S['competences_title'])}</h3>"
                                  f"<p>{html.escape(S['competences_help'])}</p>"), self.progress]
        family = None
        for comp in competences:
            if comp.get("family") != family:
                family = comp.get("family")
                children.append(widgets.HTML(f"<h4 class='maillage-family'>{html.escape(str(family or ''))}</h4>"))
            card = CompetenceCard(comp, mine.get(comp["id"]), self.save)
            self.cards[comp["id"]] = card
            children.append(card)
        if not competences:
            children.append(widgets.HTML(f"<p>{html.escape(S['no_competence'])}</p>"))
        super().__init__(children)
        self.add_class("maillage-self-assessment")
        self._update_progress()

    def _my_records(self) -> dict[str, dict[str, Any]]:
        """The participant's own self-assessments, the latest per competence."""
        rows = [r for r in self.session.records("assessments", person_id=self.person_id)
                if r.get("source") == C.SOURCE_SELF]
        out: dict[str, dict[str, Any]] = {}
        for r in sorted(rows, key=lambda r: (r.get("updated_at") or "", r["id"])):
            out[r["competence_id"]] = r
        return out

    # saving

    def save(self, card: CompetenceCard) -> None:
        """Write the card if its three levels are chosen; say what is missing otherwise."""
        missing = card.missing()
        if missing:
            if card.record_id is None:
                card.status.busy(S["incomplete"].format(missing=", ".join(missing)))
            else:  # an answer cannot be emptied: the store keeps the last complete one
                card.status.error(S["cannot_unset"])
            return
        data = card.values()

        def write() -> dict[str, Any]:
            rid, version = card.record_id, card.version
            if rid is None:  # another tab of the same person may have written it meanwhile
                existing = self._my_records().get(card.competence_id)
                if existing is None:
                    rid = self.session.insert("assessments", {"competence_id": card.competence_id, **data})
                    return {"id": rid, "version": 1}
                rid, version = existing["id"], existing["version"]
            return self.session.update("assessments", rid, data, expected_version=version)

        new = self.session.save(write, card.status)
        if new is not None:
            card.record_id, card.version = new["id"], new["version"]
        self._update_progress()

    def save_days(self) -> None:
        """Write the days per month the person can give the project."""
        value = self.days.value.strip() or None
        self.session.save(lambda: self.session.update("persons", self.person_id, {"capacity_days": value}),
                          self.days_status)

    def _update_progress(self) -> None:
        done = sum(1 for c in self.cards.values() if c.record_id)
        total = len(self.cards)
        text = (S["progress_done"] if total and done == total else S["progress"]).format(
            done=F.count(done, *L.COUNT_WORDS["done"]) if done else S["none_done"], total=total,
            left=F.count(total - done, *L.COUNT_WORDS["competence"]))
        self.progress.value = f"<p role='status'>{html.escape(text)}</p>"


def _days(value: Any) -> str:
    if value is None or value != value:
        return ""
    return f"{float(value):g}"


def self_assessment_page(session: Session) -> widgets.VBox:
    """Display the self-assessment page for this session; returns the page widget."""
    if session.is_facilitator or not session.person:
        return session.show(widgets.HTML(f"<p>{html.escape(S['facilitator'])}</p>"), title=S["title"])
    page = SelfAssessmentPage(session)
    return session.show(page, title=S["title"], intro=S["intro"])


# --- the facilitator's board ------------------------------------------------------------

class BoardPanel(widgets.VBox):
    """Counts of the self-assessment and who has completed it; on request, the detail.

    The detail (ticked by the facilitator) is each person's progress and the answers
    summarised per competence. One panel per store, kept between refreshes so that the
    tick survives.
    """

    def __init__(self) -> None:
        self.summary = widgets.HTML()
        self.completed = widgets.HTML()
        self.show_answers = widgets.Checkbox(value=False, description=S["board_show_answers"], indent=False,
                                             layout=widgets.Layout(width="100%"))
        self.show_answers.add_class("maillage-show-answers")
        self.people = widgets.HTML()
        self.answers = widgets.HTML()
        self._store: Store | None = None
        self._hide = False
        self.show_answers.observe(lambda _c: self.update(self._store, self._hide), names="value")
        super().__init__([self.summary, self.completed, self.show_answers, self.people, self.answers])
        self.add_class("maillage-self-assessment-board")

    def update(self, store: Store | None, hide_names: bool) -> None:
        if store is None:
            return
        self._store, self._hide = store, hide_names
        f = store.frames(["assessments", "persons", "competences"])
        detail = self.show_answers.value
        summary, completed, people, answers = board_tables(f, person_label(store, hide_names), detail)
        if hide_names:  # on the projector: rows not in PER order, no organisation singling anyone out
            people = for_projection(people, S["board_people"][0], S["board_people"][1])
        _set(self.summary, f"<p><strong>{html.escape(summary)}</strong></p>")
        _set(self.completed, f"<p>{html.escape(completed)}</p>")
        _set(self.people, _table(people) if detail else "")
        _set(self.answers, f"<h4>{html.escape(S['board_answers_title'])}</h4>" + _table(answers) if detail else "")


def board_tables(frames: dict[str, pd.DataFrame], names: dict[str, str], with_answers: bool = False
                 ) -> tuple[str, str, pd.DataFrame, pd.DataFrame | None]:
    """What the board shows: counts, who has completed, progress per person, answers per competence.

    Parameters
    ----------
    frames : assessments, persons, competences.
    names : person id → name or pseudonym (``board.person_label``).
    with_answers : also return the answers summarised per competence (coverage, means of
        the self-assessments; never one person's ratings).

    Returns
    -------
    (count sentence, sentence naming who has completed, progress table of those who
    started, answers table or None) — in French.
    """
    a, p, c = frames["assessments"], frames["persons"], frames["competences"]
    prog = C.self_assessment_progress(a, p, c)
    sentence = S["board_count"].format(
        complete=F.count(int(prog["complete"].sum()), *L.COUNT_WORDS["self_assessment_done"]),
        started=F.count(int(prog["started"].sum()), *L.COUNT_WORDS["started"]),
        total=F.count(len(prog), *L.COUNT_WORDS["person"]))
    done = sorted(names.get(pid, pid) for pid in prog.index[prog["complete"]])
    completed = S["board_completed"].format(names=", ".join(done)) if done else S["board_nobody"]
    started = prog[prog["started"]]
    orgs = dict(zip(p["id"], p["organisation"])) if len(p) else {}
    people = pd.DataFrame({
        S["board_people"][0]: [names.get(pid, pid) for pid in started.index],
        S["board_people"][1]: [orgs.get(pid, "") for pid in started.index],
        S["board_people"][2]: [f"{n} / {t}" for n, t in zip(started["answered"], started["total"])],
        S["board_people"][3]: [L.COMPETENCE_YES if x else L.COMPETENCE_NO for x in started["complete"]],
    })
    answers = None
    if with_answers:
        own = a[a["source"] == C.SOURCE_SELF]
        cov = C.coverage(own, c) if len(c) else pd.DataFrame()
        answers = C.readable(cov[["name", "family", "assessed", "holders", *DIMENSIONS]]) if len(cov) \
            else pd.DataFrame()
    return sentence, completed, people, answers


def _set(w: widgets.HTML, value: str) -> None:
    if w.value != value:  # only what changed goes to the browser
        w.value = value


def _table(df: pd.DataFrame | None) -> str:
    if df is None or df.empty:
        return f"<p>{html.escape(L.BOARD['empty'])}</p>"
    return df.to_html(index=False, escape=True, border=0, classes="maillage-table", na_rep="")


_PANELS: dict[str, BoardPanel] = {}


def board_section(store: Store, hide_names: bool) -> widgets.Widget:
    """The board's self-assessment section (counts; answers per competence on request)."""
    panel = _PANELS.get(store.url)
    if panel is None:
        panel = _PANELS[store.url] = BoardPanel()
    panel.update(store, hide_names)
    return panel
