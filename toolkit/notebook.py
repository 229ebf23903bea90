"""What a consultant's carnet calls first: the workshop it reads, shown in a banner.

``maillage carnets --atelier DOSSIER`` (and ``maillage servir``, and the tests) set
``MAILLAGE_ATELIER``. Without it a carnet shows a chooser (the workshops found on this
computer, or a new one) and stops there: it never falls back to the demo silently.

Sections of a carnet check what they need with ``requires``: on a workshop that does not
hold it yet they say, in French, what is missing and which step fills it, instead of failing.
"""
from __future__ import annotations

import html
import os
from pathlib import Path
from typing import Any, Mapping

import pandas as pd

from .core import labels as L
from .core import model
from .core.errors import MaillageError
from .core.workshop import ENV_FOLDER, Workshop

REPO_ROOT = Path(__file__).resolve().parent.parent
DEMO_FOLDER = REPO_ROOT / ".demo"


class NoWorkshopChosen(MaillageError):
    """Raised by ``current_workshop`` after showing the chooser: the carnet stops there."""


def _display(obj: Any) -> None:
    from IPython.display import display

    display(obj)


def _html(text: str) -> Any:
    from IPython.display import HTML

    return HTML(text)


def _stop_quietly() -> None:
    """In IPython, show ``NoWorkshopChosen`` as its French message, without a traceback."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with Jupyter
        return
    shell = get_ipython()
    if shell is None:
        return

    def handler(_shell: Any, _etype: type, value: BaseException, _tb: Any, tb_offset: Any = None) -> None:
        _display(_html(f"<p style='color:#a40000;font-weight:bold'>{html.escape(str(value))}</p>"))

    shell.set_custom_exc((NoWorkshopChosen,), handler)


def current_workshop(banner: bool = True) -> Workshop:
    """The workshop named by ``MAILLAGE_ATELIER``, shown in a banner.

    Without it: shows the workshop chooser and raises ``NoWorkshopChosen`` (shown as one
    French sentence in a carnet), so that nothing below runs on a workshop nobody chose.
    """
    if os.environ.get(ENV_FOLDER):
        ws = Workshop.current()
        from .display import use_names_of

        use_names_of(ws.store)  # tables name records rather than show their identifiers
        if banner:
            show_banner(ws)
        return ws
    from .widgets.chooser import WorkshopChooser

    _display(WorkshopChooser(demo=DEMO_FOLDER))
    _stop_quietly()
    raise NoWorkshopChosen(L.CARNET["no_workshop_stop"])


def show_banner(ws: Workshop) -> None:
    """Display the workshop's banner (name, folder, last change, what is filled in)."""
    from .widgets.banner import banner_html

    _display(_html(banner_html(ws.summary())))


def _size(source: Any, kind: str) -> int:
    if isinstance(source, Mapping):
        frame = source.get(kind)
        return 0 if frame is None else len(frame)
    store = getattr(source, "store", source)
    return store.count(kind)


def missing_message(kinds: list[str]) -> str:
    """« Il manque encore : acteurs, relations. Acteurs se remplit à l'étape 2 (…). »"""
    what = ", ".join(model.KINDS[k].label.lower() for k in kinds)
    sources: dict[str, list[str]] = {}
    for k in kinds:
        sources.setdefault(L.CARNET_SOURCES[k], []).append(model.KINDS[k].label)
    said = " ".join(L.CARNET["missing_one"].format(kind=" et ".join(names), source=source)
                    for source, names in sources.items())
    return L.CARNET["missing"].format(what=what, sources=said)


def requires(source: Any, *kinds: str, show: bool = True) -> bool:
    """True when every kind holds at least one record; else say what is missing (and False).

    ``source`` is the carnet's frames (``store.frames()``), a store or a workshop.
    """
    missing = [k for k in kinds if _size(source, k) == 0]
    if missing and show:
        _display(_html("<div class='maillage-missing' style='border-left:4px solid #c77700;"
                       "background:#fff6e5;padding:6px 12px;margin:4px 0'>"
                       f"{html.escape(missing_message(missing))}</div>"))
    return not missing


def nothing_to_show(frame: pd.DataFrame | None, message: str | None = None) -> bool:
    """True (and a French sentence shown) when a result table is empty."""
    if frame is None or len(frame) == 0:
        _display(_html(f"<p><em>{html.escape(message or L.CARNET['nothing'])}</em></p>"))
        return True
    return False


def show_coverage(frames: Mapping[str, pd.DataFrame], thresholds: Any = None) -> pd.DataFrame | None:
    """Who covers each required competence (``competences.coverage_by_circle``), the same
    in every carnet: the rule, the dependency on outside people it finds, then the table."""
    from . import competences as C
    from .core import formats
    from .display import table

    if not requires(frames, "requirements", "assessments", "persons"):
        return None
    circles = C.coverage_by_circle(frames["requirements"], frames["assessments"], frames["persons"],
                                   frames.get("competences"), thresholds)
    outside = circles[circles["circle"] == "outside_only"]
    nobody = circles[circles["circle"] == "nobody"]
    said = [L.COVERAGE_RULE]
    said.append(L.COVERAGE_FINDING.format(items=formats.join(
        L.COVERAGE_FINDING_ITEM.format(name=r.name, holders=r.outside_holders) for r in outside.itertuples()))
        if len(outside) else L.COVERAGE_NO_DEPENDENCY)
    if len(nobody):
        said.append(L.COVERAGE_LACKING.format(items=formats.join(L.QUOTED.format(text=n) for n in nobody["name"])))
    _display(_html("".join(f"<p>{html.escape(s)}</p>" for s in said)))
    shown = circles.assign(circle=circles["circle"].map(L.COVERAGE_CIRCLES),
                           reason=circles["reason"].map(lambda r: L.COMPETENCE_REASONS.get(r, "") if isinstance(r, str) else ""))
    _display(table(shown.reset_index(drop=True)))
    return circles
