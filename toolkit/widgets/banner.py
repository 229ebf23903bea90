"""The banner on top of every carnet: which workshop it reads, and how far it has got.

Example
-------
>>> from toolkit.core.workshop import Workshop
>>> import tempfile
>>> "Rien n&#x27;est encore rempli" in banner_html(Workshop.create(tempfile.mkdtemp()).summary())
True
"""
from __future__ import annotations

import datetime as dt
import html
from typing import Any

from ..core import labels as L
from ..core.formats import count


def _when(at: str) -> str:
    """A history timestamp (UTC, ISO) read in local time, in French."""
    from ..core.formats import date_long, time_of_day

    moment = dt.datetime.fromisoformat(at).astimezone()
    return f"{date_long(moment.date())} {L.FORMAT_AT} {time_of_day(moment.time().replace(second=0, microsecond=0))}"


def filled_items(counts: dict[str, int]) -> list[str]:
    """« 14 actions », « projet décrit »…: the kinds that hold something, step by step."""
    items = []
    for _step, kinds in L.CARNET_FILLED:
        for kind in kinds:
            n = counts.get(kind, 0)
            if not n:
                continue
            if kind == "project":
                items.append(L.CARNET_BANNER_PROJECT)
            else:
                singular, plural = L.CARNET_COUNT_WORDS[kind]
                items.append(count(n, singular, plural))
    return items


def banner_html(summary: dict[str, Any]) -> str:
    """The banner as a block of HTML (escaped), from ``Workshop.summary()``."""
    e = html.escape
    title = (L.CARNET["banner_title"].format(name=summary["name"]) if summary["name"]
             else L.CARNET["banner_unnamed"])
    change = summary["last_change"]
    changed = (L.CARNET["banner_changed"].format(when=_when(change["at"]), by=change["by"]) if change
               else L.CARNET["banner_never"])
    items = filled_items(summary["counts"])
    filled = L.CARNET["banner_filled"].format(items=", ".join(items)) if items else L.CARNET["banner_empty"]
    return (
        "<div class='maillage-banner' style='border-left:6px solid #1f5f8b;background:#eef4f8;"
        "padding:8px 14px;margin:4px 0 10px 0;font-family:sans-serif'>"
        f"<div style='font-size:1.15em;font-weight:bold'>{e(title)}</div>"
        f"<div>{e(L.CARNET['banner_folder'].format(folder=summary['folder']))}</div>"
        f"<div>{e(changed)}</div>"
        f"<div>{e(filled)}</div>"
        f"<div style='color:#555;font-size:.9em'>{e(L.CARNET['banner_change'])}</div>"
        "</div>")
