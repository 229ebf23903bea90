"""The consultant's reading of a person's competences (carnet 03): a form per person.

For the person chosen by name, one row per competence of the referential: their
self-assessment (read only), and the consultant's savoir / vouloir / pouvoir picked on the
method's scales, with a comment. « Enregistrer » writes assessments of source « consultant »
(new or updated, with history); the self-assessment is never changed.
"""
from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets

from ..core import formats as F
from ..core import labels as L
from ..core import values as V
from ..core import permissions as P
from ..core.errors import MaillageError, ValidationError
from ..core.store import Store
from . import look
from .editor import UNSET

SOURCE = V.SOURCE_CONSULTANT
SELF = V.SOURCE_SELF
DIMENSIONS = ("savoir", "vouloir", "pouvoir")


class ConsultantReading:
    """Read and record the consultant's assessment of one person, competence by competence."""

    def __init__(self, store: Store, by: str = "consultant") -> None:
        self.store, self.by = store, by
        persons = store.all("persons")
        self.person = widgets.Dropdown(options=[UNSET] + [(p["name"], p["id"]) for p in persons],
                                       description=L.READING["person"], style={"description_width": "10em"},
                                       layout=widgets.Layout(width="95%"))
        self.rows: dict[str, dict[str, widgets.Widget]] = {}
        self.grid = widgets.VBox()
        self.save_button = widgets.Button(layout=widgets.Layout(width="auto"), description=L.READING["save"], button_style="primary")
        self.message = look.html()
        self.person.observe(lambda _c: self.draw(), names="value")
        self.save_button.on_click(lambda _b: self.save())
        self.widget = widgets.VBox([look.html(f"<p>{html.escape(L.READING['help'])}</p>"), self.person,
                                    self.grid, self.save_button, self.message])
        self.draw()

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)

    def _own(self, source: str) -> dict[str, dict[str, Any]]:
        return {a["competence_id"]: a for a in self.store.all("assessments", person_id=self.person.value,
                                                              source=source)}

    def draw(self) -> None:
        """The rows of the chosen person: self-assessment beside the consultant's inputs."""
        self.rows = {}
        self.message.value = ""
        if not self.person.value:
            self.grid.children = []
            return
        mine, theirs = self._own(SOURCE), self._own(SELF)
        e = html.escape
        head = look.html("<div style='display:flex;font-weight:bold'><span style='width:30%'>"
                         f"{e(L.READING['competence'])}</span><span style='width:20%'>{e(L.READING['self'])}</span>"
                         f"<span>{e(L.READING['consultant'])}</span></div>")
        lines = [head]
        for c in self.store.all("competences"):
            own = theirs.get(c["id"])
            said = (" / ".join(f"{L.DIMENSIONS.get(d, d)[:1].upper()} {own[d]}" for d in DIMENSIONS)
                    if own else L.READING["not_self_assessed"])
            current = mine.get(c["id"], {})
            inputs: dict[str, widgets.Widget] = {}
            for d in DIMENSIONS:
                options = [UNSET] + [(f"{n} — {word}", n) for n, word in enumerate(L.SCALES[d])]
                inputs[d] = widgets.Dropdown(options=options, value="" if current.get(d) is None else current.get(d), description=L.DIMENSIONS.get(d, d),
                                             style={"description_width": "7em"}, layout=widgets.Layout(width="22em"))
            inputs["comment"] = widgets.Text(value=current.get("comment") or "", placeholder=L.READING["comment"],
                                             layout=widgets.Layout(width="95%"))
            self.rows[c["id"]] = inputs
            lines.append(widgets.HBox([
                look.html(f"<div style='width:18em'><b>{e(c['name'])}</b><br><small>{e(c['family'])}</small></div>"),
                look.html(f"<div style='width:12em'>{e(said)}</div>"),
                widgets.VBox([inputs["savoir"], inputs["vouloir"], inputs["pouvoir"], inputs["comment"]]),
            ]))
        self.grid.children = lines

    def set(self, competence_id: str, **values: Any) -> None:
        """Pick values in a competence's row (``savoir=3``, ``comment="…"``)."""
        for key, value in values.items():
            self.rows[competence_id][key].value = value

    def save(self) -> int:
        """Write the rows the consultant filled in (all three dimensions); how many were written."""
        mine = self._own(SOURCE)
        todo = []
        for cid, inputs in self.rows.items():
            values = {d: (None if inputs[d].value == "" else inputs[d].value) for d in DIMENSIONS}
            comment = inputs["comment"].value.strip()
            if all(v is None for v in values.values()) and not comment:
                continue
            if any(v is None for v in values.values()):
                self.message.value = f"<p style='color:#a40000'>{html.escape(L.READING['incomplete'])}</p>"
                return 0
            todo.append((cid, {**values, "comment": comment or None}))
        written = 0
        try:
            with self.store.transaction() as tx:
                for cid, values in todo:
                    old = mine.get(cid)
                    if old is None:
                        P.insert(self.store, P.Actor.of(self.by), "assessments",
                                 {"person_id": self.person.value, "competence_id": cid, "source": SOURCE, **values},
                                 conn=tx)
                        written += 1
                    elif any(old.get(k) != v for k, v in values.items()):
                        P.update(self.store, P.Actor.of(self.by), "assessments", old["id"], values, conn=tx)
                        written += 1
        except (ValidationError, MaillageError) as exc:
            self.message.value = f"<p style='color:#a40000'>{html.escape(str(exc))}</p>"
            return 0
        self.message.value = f"<p style='color:#1b5e20'>{html.escape(L.READING['saved'].format(count=F.count(written, *L.COUNT_WORDS['competence_changed'])))}</p>"
        return written
