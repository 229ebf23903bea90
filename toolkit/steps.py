"""The workshop's steps as participants meet them: which page, which records, open or not.

A step is a key (``parties_prenantes``), a French title (``labels.STEP_TITLES``), the page
that serves it (by convention ``ateliers/<key>.ipynb``) and the record kinds its
participants write (counted on the facilitator's board). The facilitator opens and closes
steps during the session; the set of open steps lives in the store's meta
(``open_steps``), so every page — each its own process — sees the same.

A step whose page does not exist yet is listed but cannot be opened for participants.
This is who a step is, read by the store-level code (the write guard, the board's counts,
the open/close switches); what it produces — its analyses, sheets, report sections,
board section and page — is declared once in ``toolkit.method``, the registry on top of
every layer. A new step adds its line here and its declaration there.

Example
-------
>>> from toolkit.core.store import Store
>>> s = Store("sqlite://")
>>> set_open(s, "parties_prenantes", True, by="doc")
['parties_prenantes']
>>> [st.key for st in open_steps(s)]
['parties_prenantes']
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .core import labels as L
from .core.store import TABLES, Store, now

PAGES_DIR = Path(__file__).resolve().parent.parent / "ateliers"
META_KEY = "open_steps"


@dataclass(frozen=True)
class Step:
    """One step of the method as served to participants.

    Parameters
    ----------
    key : identifier, also the page's file name without ``.ipynb``.
    number : order in the method (0 for pages that are not method steps).
    kinds : record kinds its participants write (their writes count as contributions).
    facilitator : a facilitator page (never listed for participants, no open/close).

    Its page's view and what it builds ahead are in ``toolkit.method`` (callables).
    """

    key: str
    number: int
    kinds: tuple[str, ...] = ()
    facilitator: bool = False

    @property
    def title(self) -> str:
        return L.STEP_TITLES.get(self.key, self.key)

    @property
    def page(self) -> str:
        return f"{self.key}.ipynb"

    def page_exists(self, pages_dir: Path = PAGES_DIR) -> bool:
        return (pages_dir / self.page).exists()


STEPS: dict[str, Step] = {}


def register(step: Step) -> Step:
    """Add or replace a step (its parts are declared in ``toolkit.method``)."""
    STEPS[step.key] = step
    return step


for _step in (
    Step("accueil", 0, ("persons",)),
    Step("parties_prenantes", 2, ("actors", "relations", "actor_ratings")),
    Step("competences", 3, ("assessments",)),
    Step("raci", 4, ("raci",)),
    Step("plan_de_charge", 5, ()),
    Step("ecarts", 6, ()),
    Step("gouvernance", 7, ()),
    Step("fiches_actions", 8, ("actions", "journal", "attachments")),
    Step("restitution", 9, ()),
    Step("animateur", 0, (), facilitator=True),
    Step("gestion", 0, (), facilitator=True),
):
    register(_step)


def get(key: str) -> Step:
    """The step called ``key`` (an unregistered key gets a plain step, not an error)."""
    return STEPS.get(key) or Step(key, 99)


def participant_steps() -> list[Step]:
    """Method steps participants may be given (not the welcome nor facilitator pages)."""
    return sorted((s for s in STEPS.values() if not s.facilitator and s.number > 0), key=lambda s: s.number)


def open_keys(store: Store) -> list[str]:
    """Keys of the steps open now."""
    raw = store.get_meta(META_KEY)
    try:
        keys = json.loads(raw) if raw else []
    except ValueError:
        keys = []
    return [k for k in keys if isinstance(k, str)]


def open_steps(store: Store) -> list[Step]:
    """The steps open now, in method order."""
    keys = set(open_keys(store))
    return [s for s in participant_steps() if s.key in keys]


def is_open(store: Store, key: str) -> bool:
    """True for the welcome and facilitator pages, else whether the step is open."""
    step = get(key)
    if step.facilitator or step.number == 0:
        return True
    return key in open_keys(store)


def set_open(store: Store, key: str, opened: bool, by: str) -> list[str]:
    """Open or close a step for participants; returns the open keys. Kept in history."""
    with store.transaction() as c:
        meta = TABLES["meta"]
        row = c.execute(meta.select().where(meta.c.key == META_KEY)).first()
        keys = json.loads(row.value) if row and row.value else []
        old = list(keys)
        if opened and key not in keys:
            keys.append(key)
        if not opened and key in keys:
            keys.remove(key)
        keys = [s.key for s in sorted((get(k) for k in keys), key=lambda s: s.number)]
        store.set_meta(META_KEY, json.dumps(keys), conn=c)
        if keys != old:
            c.execute(TABLES["history"].insert().values(
                kind="meta", record_id=META_KEY, op="update", old={"open": old}, new={"open": keys},
                by=by, at=now()))
    return keys
