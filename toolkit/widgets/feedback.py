"""What the consultant's widgets say after a click: a confirmation, or the problems found."""
from __future__ import annotations

import dataclasses
import html

import ipywidgets as widgets

from ..core.errors import MaillageError


def say(target: widgets.HTML, text: str, error: bool = False) -> None:
    """Show ``text`` (escaped, line breaks kept) in ``target``: green when done, red when refused."""
    color = "#a40000" if error else "#1b5e20"
    target.value = f"<div style='color:{color};white-space:pre-line'>{html.escape(text)}</div>"


def refusal(exc: MaillageError, single: bool = False) -> str:
    """A refusal in French: its title and each problem on a line (``single``: one record, so
    without the import's record number)."""
    problems = getattr(exc, "problems", None)
    if not problems:
        return str(exc)
    shown = [dataclasses.replace(p, record=None) for p in problems] if single else problems
    return exc.title + " :\n" + "\n".join(f"– {p}" for p in shown)
