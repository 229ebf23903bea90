"""The participant page of step 2 and its section of the facilitator's board.

A participant opens ``ateliers/parties_prenantes.ipynb`` with their link and can:

- **add an actor** — the name is compared with the actors already there
  (``stakeholders.similar_names``: case, accents, « Région » / « Conseil régional »,
  typing errors); probable duplicates are listed and the participant must confirm
  (« Ajouter quand même ») before a second, possibly duplicate actor is written;
- **give their opinion** on an actor's power, interest and attitude — one rating per
  person and actor (kind ``actor_ratings``, private to its author), changed as often as
  they like, with history;
- **propose a relation** between two actors (type and intensity);
- **see the map**, which every page re-reads every few seconds: an actor or a relation
  added anywhere shows on every phone and on the board within seconds. Only a change of
  the data rebuilds the map; the actors already placed keep their place.

The facilitator's board gets a section with the counts, the participants' ratings
(average and spread, most disputed first) and the same live map.
"""
from __future__ import annotations

import html
import logging
from typing import Any, Callable

import ipywidgets as widgets
import pandas as pd
import sqlalchemy as sa

from ..core import formats as F
from ..core import labels as L
from .. import stakeholders as sh
from .. import steps as steps_mod
from ..access import contributions
from ..core.model import fold, kind
from ..core.store import TABLES, Store
from ..viz import network_map
from .choice_search import searchable
from .session import Form, Session, StatusLine, choose, saves, scale_buttons

log = logging.getLogger("maillage.stakeholders")
P = L.STAKEHOLDER_PAGE
STEP = "parties_prenantes"
REFRESH_SECONDS = 3
MAP_HEIGHT = "min(72vh, 640px)"

#: Styles of this page (fields on a phone: session.PAGE_CSS): the duplicate warning, the
#: map frame. Inline: nothing is fetched.
STAKEHOLDERS_CSS = """<style>
.maillage-stakeholders h3 { margin: 1.3em 0 .3em; padding-bottom: .15em; border-bottom: 2px solid #4E79A7; }
.maillage-stakeholders .maillage-warning { border-left: 4px solid #E08A00; background: #FFF6E5; padding: .2em .8em;
  margin: .2em 0 .5em; }
.maillage-stakeholders .maillage-warning ul { margin: .2em 0; }
.maillage-stakeholders .maillage-map { width: 100%; }
.maillage-stakeholders .maillage-map iframe { box-sizing: border-box; max-width: 100%; }
</style>"""



def data_version(store: Store, kinds: tuple[str, ...] = ("actors", "relations")) -> tuple:
    """A cheap fingerprint of some kinds (count and last change of each): equal means unchanged."""
    with store.reader.connect() as c:
        return tuple(tuple(c.execute(sa.select(sa.func.count(), sa.func.max(TABLES[k].c.updated_at))).one())
                     for k in kinds)


def actor_options(actors: pd.DataFrame) -> list[tuple[str, str]]:
    """(label, id) for drop-downs, by name; the category tells two same-named actors apart.

    ipywidgets draws option labels as text, so a name with markup stays text.
    """
    if actors is None or len(actors) == 0:
        return []
    counts = actors["name"].map(fold).value_counts()
    out = []
    for rec in actors.to_dict("records"):
        label = " ".join(str(rec["name"]).split())
        if counts.get(fold(rec["name"]), 0) > 1:
            label = f"{label} ({rec.get('category') or rec['id']})"
        out.append((label, rec["id"]))
    return sorted(out, key=lambda o: fold(o[0]))


def _set_options(dropdown: widgets.Dropdown, options: list[tuple[str, Any]]) -> None:
    """Replace a drop-down's options, keeping the current choice when it still exists."""
    if list(dropdown.options) == options:
        return
    value = dropdown.value
    dropdown.options = options
    choose(dropdown, value if value in {o[1] for o in options} else None)


# --- add an actor, with the duplicate warning ---------------------------------------


class AddActorForm(Form):
    """The actor form. A name close to an existing actor's is not saved by the main button:
    the probable duplicates are listed and a second button, shown only with that list,
    adds the actor anyway (so nobody confirms a warning they have not seen)."""

    FIELDS = ["name", "category", "power", "interest", "attitude", "comment"]

    def __init__(self, session: Session, on_saved: Callable[[str], Any] | None = None) -> None:
        super().__init__(session, "actors", self.FIELDS, clear_on_save=True, on_saved=on_saved,
                         scale_labels={"power": L.SCALE_WORDS, "interest": L.SCALE_WORDS}, button=P["add_button"])
        self.add_class("maillage-add-actor")
        self.warning = widgets.HTML()
        self.warning.add_class("maillage-duplicates")
        self.confirm = widgets.Button(description=P["add_anyway"], button_style="warning",
                                      layout=widgets.Layout(width="100%", display="none"))
        self.confirm.add_class("maillage-add-anyway")
        self.confirm.add_class("maillage-commit")
        self.confirm.on_click(lambda _b: self.submit(confirmed=True))
        self._warned_for: str | None = None
        name = self.inputs["name"]
        name.continuous_update = False  # check when the name is typed, not at each key
        name.observe(lambda _c: self.check_duplicates(), names="value")
        children = list(self.children)
        children.insert(children.index(name) + 1, self.warning)
        children.insert(children.index(self.button) + 1, self.confirm)
        self.children = children

    def check_duplicates(self) -> pd.DataFrame:
        """Show the existing actors the typed name probably designates (none: no warning)."""
        name = (self.inputs["name"].value or "").strip()
        matches = sh.similar_names(name, self.session.frame("actors")) if name else pd.DataFrame()
        if len(matches):
            items = "".join(f"<li>{html.escape(str(r['name']))} <small>({html.escape(r['reason_label'])})</small></li>"
                            for r in matches.to_dict("records"))
            self.warning.value = (f'<div class="maillage-warning" role="alert"><p>{html.escape(P["duplicate_warning"])}</p>'
                                  f"<ul>{items}</ul><p>{html.escape(P['duplicate_confirm'])}</p></div>")
            self.confirm.layout.display = "flex"
            self._warned_for = fold(name)
        else:
            self.warning.value = ""
            self.confirm.layout.display = "none"
            self._warned_for = None
        return matches

    def submit(self, confirmed: bool = False) -> str | None:
        """Save the actor unless it probably exists already and the participant has not
        confirmed (with the « Ajouter quand même » button) for this very name."""
        name = (self.inputs["name"].value or "").strip()
        confirmed = confirmed and bool(name) and self._warned_for == fold(name)
        # checked again now: somebody may have added the same actor a moment ago
        if len(self.check_duplicates()) and not confirmed:
            self.status.error(P["duplicate_check"])
            return None
        typed = self.values()
        rid = super().submit()
        if rid is not None and self.taps.result == rid and self.session.person and not self._rated(rid):
            self._rate_too(rid, typed)
        return rid

    def _rated(self, actor_id: str) -> bool:
        return bool(self.session.records("actor_ratings", person_id=self.session.person["id"], actor_id=actor_id))

    def _rate_too(self, actor_id: str, typed: dict[str, Any]) -> None:
        """The power, interest and attitude typed for a new actor are also the participant's
        own opinion on it: the page does not ask them twice."""
        opinion = {"actor_id": actor_id, "power": typed["power"], "interest": typed["interest"],
                   "attitude": typed.get("attitude") or kind("actors").field("attitude").default}
        added = self.status.text
        if self.session.save(lambda: self.session.insert("actor_ratings", opinion), self.status,
                             success=f"{added} {P['opinion_too']}"):
            self.taps.saved(self.values(), self.status.text, actor_id)


# --- rate an actor ---------------------------------------------------------------------


class RatingPanel(widgets.VBox):
    """The participant's own opinion on one actor: power, interest, attitude."""

    DIMENSIONS = ("power", "interest", "attitude")

    def __init__(self, session: Session) -> None:
        self.session = session
        self.person_id = session.person["id"] if session.person else None
        full = {"layout": widgets.Layout(width="100%"), "style": {"description_width": "initial"}}
        self.actor = widgets.Dropdown(options=[(P["choose"], None)], description=P["actor"], **full)
        self.actor.add_class("maillage-rate-actor")
        self.actor.add_class("maillage-field")  # label above the list on a phone
        points = [(str(i), i) for i in range(len(L.SCALE_WORDS))]
        self.inputs = {  # scales: one tap per answer
            "power": scale_buttons(L.FIELD_LABELS["power"], points, words=L.SCALE_WORDS),
            "interest": scale_buttons(L.FIELD_LABELS["interest"], points, words=L.SCALE_WORDS),
            "attitude": widgets.Dropdown(options=[(P["unset"], None)] + [(a, a) for a in L.ATTITUDES],
                                         description=L.FIELD_LABELS["attitude"], **full),
        }
        for name, w in self.inputs.items():
            w.add_class("maillage-field")
            w.add_class(f"maillage-rate-{name}")
        self.button = widgets.Button(description=P["rate_button"], button_style="primary",
                                     layout=widgets.Layout(width="100%"))
        self.button.add_class("maillage-rate-save")
        self.button.on_click(lambda _b: self.save())
        self.status = StatusLine()
        saves(self, False, self.button)
        self.progress = widgets.HTML()
        self.progress.add_class("maillage-rate-progress")
        self.actor.observe(lambda _c: self.load(), names="value")
        self.actor_search = searchable(self.actor)  # 30 actors: a few letters find one
        super().__init__([widgets.HTML(f"<p>{html.escape(P['rate_hint'])}</p>"), self.actor_search,
                          *self.inputs.values(), self.button, self.status, self.progress])
        self.add_class("maillage-rating")
        self.set_actors(session.frame("actors"))

    def mine(self) -> dict[str, dict[str, Any]]:
        """This person's ratings by actor id (their latest, if the same actor was rated twice)."""
        rows = sorted(self.session.records("actor_ratings", person_id=self.person_id), key=lambda r: r["updated_at"])
        return {r["actor_id"]: r for r in rows}

    def set_actors(self, actors: pd.DataFrame) -> None:
        _set_options(self.actor, [(P["choose"], None)] + actor_options(actors))
        self._update_progress(len(actors))

    def load(self) -> None:
        """Show the person's saved opinion on the chosen actor (nothing chosen if none)."""
        record = self.mine().get(self.actor.value) if self.actor.value else None
        for name, w in self.inputs.items():
            if isinstance(w, widgets.Dropdown):
                choose(w, record.get(name) if record else None)
            else:
                w.value = record.get(name) if record else None
        self.status.clear()

    def save(self) -> dict[str, Any] | None:
        actor_id = self.actor.value
        if not actor_id:
            self.status.error(P["choose_actor_first"])
            return None
        data = {name: w.value for name, w in self.inputs.items()}
        if any(v is None for v in data.values()):
            self.status.error(P["rate_missing"])
            return None
        existing = self.mine().get(actor_id)
        if existing and all(existing.get(k) == v for k, v in data.items()):  # a repeated tap: saved already
            self.status.ok(P["opinion_same"])
            return existing

        def write() -> dict[str, Any]:
            if existing:
                return self.session.update("actor_ratings", existing["id"], data,
                                           expected_version=existing["version"])
            rid = self.session.insert("actor_ratings", {"actor_id": actor_id, **data})
            return self.session.get("actor_ratings", rid)

        self.button.disabled = True
        try:
            saved = self.session.save(write, self.status)
        finally:
            self.button.disabled = False
        self._update_progress()
        return saved

    def _update_progress(self, total: int | None = None) -> None:
        total = total if total is not None else len(self.actor.options) - 1
        self.progress.value = f"<p>{html.escape(P['rated_count'].format(n=F.count(len(self.mine()), 'acteur'), total=total))}</p>"


# --- the live map ----------------------------------------------------------------------


class MapPanel(widgets.VBox):
    """The network map in a sandboxed frame, rebuilt only when actors or relations change."""

    def __init__(self, store: Store, legend_open: bool = False, height: str = MAP_HEIGHT) -> None:
        self.store, self.legend_open, self.height = store, legend_open, height
        self.frame = widgets.HTML()
        self.frame.add_class("maillage-map")
        self.version: tuple | None = None
        self.positions: dict[str, tuple[float, float]] = {}
        super().__init__([self.frame])
        self.refresh()

    def refresh(self) -> bool:
        """Rebuild the map if the data changed; returns True when it did."""
        version = data_version(self.store)
        if version == self.version:
            return False
        frames = self.store.frames(["actors", "relations"])
        graph = sh.relation_graph(frames["actors"], frames["relations"])
        self.positions = network_map.layout_positions(graph, previous=self.positions)
        doc = network_map.network_map_html(graph, sh.network_metrics(graph), positions=self.positions,
                                           legend_open=self.legend_open)
        self.frame.value = network_map.map_iframe(doc, height=self.height)
        self.version = version
        return True


# --- the page ------------------------------------------------------------------------


def _summary_html(store: Store, limit: int | None = None) -> str:
    frames = store.frames(["actors", "actor_ratings"])
    summary = sh.rating_summary(frames["actor_ratings"], frames["actors"])
    if summary.empty:
        return f"<p>{html.escape(P['summary_empty'])}</p>"
    cols = ["name", "raters", "power_mean", "power_spread", "interest_mean", "interest_spread", "attitudes"]
    table = sh.readable(summary[cols].head(limit) if limit else summary[cols])
    return table.to_html(index=False, escape=True, border=0, classes="maillage-table maillage-ratings")


class StakeholdersPage(widgets.VBox):
    """The whole page: add an actor, give one's opinion, propose a relation, the map."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.map = MapPanel(session.store)
        self.add_form = AddActorForm(session, on_saved=lambda _rid: self.refresh())
        self.relation_form = Form(session, "relations", ["source_id", "target_id", "type", "weight", "comment"],
                                  clear_on_save=True, on_saved=lambda _rid: self.refresh(),
                                  scale_labels={"weight": L.RELATION_WEIGHT_WORDS}, button=P["relation_button"],
                                  search=("source_id", "target_id"))
        self.relation_form.add_class("maillage-add-relation")
        self.rating = RatingPanel(session) if session.person else None
        self.summary = widgets.HTML() if session.is_facilitator else None

        def part(title: str, hint: str | None, body: widgets.Widget, key: str) -> widgets.VBox:
            head = [widgets.HTML(f"<h3>{html.escape(title)}</h3>")]
            if hint:
                head.append(widgets.HTML(f"<p>{html.escape(hint)}</p>"))
            box = widgets.VBox(head + [body])
            box.add_class(f"maillage-part-{key}")
            return box

        parts = [widgets.HTML(STAKEHOLDERS_CSS), part(P["add_title"], P["add_hint"], self.add_form, "add")]
        if self.rating is not None:
            parts.append(part(P["rate_title"], None, self.rating, "rate"))
        if self.summary is not None:
            parts.append(part(P["summary_title"], None, self.summary, "summary"))
        parts.append(part(P["relation_title"], P["relation_hint"], self.relation_form, "relation"))
        parts.append(part(P["map_title"], P["map_hint"], self.map, "map"))
        super().__init__(parts)
        self.add_class("maillage-stakeholders")
        self._actors_version: tuple | None = None
        self.refresh(force=True)

    def refresh(self, force: bool = False) -> None:
        """Re-read the store: the map, the actor lists of the forms, the summary."""
        changed = self.map.refresh()
        if changed or force:
            actors = self.session.frame("actors")
            options = actor_options(actors)
            for name in ("source_id", "target_id"):
                _set_options(self.relation_form.inputs[name], [("—", None)] + options)
            if self.rating is not None:
                self.rating.set_actors(actors)
        if self.summary is not None:
            value = _summary_html(self.session.store)
            if value != self.summary.value:
                self.summary.value = value


def stakeholders_page(session: Session, refresh_seconds: float = REFRESH_SECONDS) -> StakeholdersPage:
    """Display the step 2 page for ``session`` and keep it live."""
    page = StakeholdersPage(session)
    session.show(page, title=P["title"], intro=P["intro"])
    session.every(refresh_seconds, page.refresh)
    return page


# --- the facilitator's board --------------------------------------------------------------

_BOARD_STATE: dict[str, dict[str, Any]] = {}


def board_html(store: Store) -> str:
    """Counts, the most disputed ratings and the live map (cached until the data changes)."""
    version = data_version(store, ("actors", "relations", "actor_ratings"))
    state = _BOARD_STATE.setdefault(store.url, {"version": None, "value": "", "positions": {}})
    if state["version"] == version:
        return state["value"]
    frames = store.frames(["actors", "relations", "actor_ratings"])
    added = contributions(store, ["actors"])
    ratings = sh.latest_ratings(frames["actor_ratings"])
    counts = P["board_counts"].format(
        actors=len(frames["actors"]), added=int((added["op"] == "insert").sum()) if len(added) else 0,
        relations=len(frames["relations"]), ratings=len(ratings),
        raters=F.count(ratings["person_id"].nunique() if len(ratings) else 0, "participant"))
    graph = sh.relation_graph(frames["actors"], frames["relations"])
    state["positions"] = network_map.layout_positions(graph, previous=state["positions"])
    doc = network_map.network_map_html(graph, sh.network_metrics(graph), positions=state["positions"])
    value = (f"<p class='maillage-stakeholder-counts'>{html.escape(counts)}</p>"
             f"<h4>{html.escape(P['summary_title'])}</h4>{_summary_html(store, limit=10)}"
             f"{network_map.map_iframe(doc, height=560)}")
    state.update(version=version, value=value)
    return value


def board_section(store: Store, hide_names: bool) -> widgets.HTML:
    """Board section of step 2. Actors are organisations: no person's name is shown."""
    return widgets.HTML(board_html(store))
