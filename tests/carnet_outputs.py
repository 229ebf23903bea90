"""What a person must never read in a carnet's outputs, found in an executed notebook.

``problems(notebook)`` lists each offence as « cellule N : … »: a traceback, ``NaN``,
``None``, ``True``/``False``, ``<NA>``/``NaT``, a number with a decimal point in a table, a record's identifier in a table,
or a table heading that is an English identifier (``power_mean``, ``name``…).
"""
from __future__ import annotations

import html
import re
from typing import Any

from toolkit.core import model
from toolkit.display import headings

RAW_WORDS = re.compile(r"(?<![\w-])(NaN|nan|None|True|False|<NA>|NaT)(?![\w-])")
DECIMAL_POINT = re.compile(r"(?<![\w.])\d+\.\d+(?![\w.])")
SNAKE = re.compile(r"^[a-z]+(_[a-z0-9]+)+$")
# A record's identifier (PER-01, ACN-08, TAC-062…) where its name should be.
IDENTIFIER = re.compile(r"^(%s)-[A-Za-z0-9]+$" % "|".join(k.prefix for k in model.KINDS.values()))
CELL = re.compile(r"<t([dh])[^>]*>(.*?)</t[dh]>", re.S)
TAG = re.compile(r"<[^>]+>")


def english_words() -> set[str]:
    """Identifiers that must never head a column a person reads."""
    words = set(headings())
    for kind in model.KINDS.values():
        words.update(kind.field_names)
    return words | {"id", "index"}


def _text(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def _html_problems(markup: str, english: set[str]) -> list[str]:
    found = []
    for tag, content in CELL.findall(markup):
        text = html.unescape(TAG.sub("", content)).strip()
        if RAW_WORDS.search(text):
            found.append(f"valeur brute « {text} »")
        elif DECIMAL_POINT.search(text):
            found.append(f"nombre avec un point « {text} »")
        elif IDENTIFIER.match(text):
            found.append(f"identifiant « {text} »")
        elif tag == "h" and (text in english or SNAKE.match(text)):
            found.append(f"en-tête anglais « {text} »")
    return found


def problems(notebook: Any) -> list[str]:
    """Every offence in an executed notebook (``nbformat`` node or plain dict)."""
    english = english_words()
    out = []
    for i, cell in enumerate(notebook["cells"]):
        for output in cell.get("outputs", []):
            kind = output.get("output_type")
            found: list[str] = []
            if kind == "error":
                found.append(f"erreur {output['ename']}: {output['evalue'][:200]}")
            elif kind == "stream":
                text = _text(output.get("text", ""))
                if output.get("name") == "stdout" and RAW_WORDS.search(text):
                    found.append(f"valeur brute dans « {text.strip()[:200]} »")
            elif kind in ("execute_result", "display_data"):
                data = output.get("data", {})
                if "application/vnd.jupyter.widget-view+json" in data or "image/png" in data:
                    continue
                if "text/html" in data:
                    found += _html_problems(_text(data["text/html"]), english)
                elif "text/plain" in data:
                    text = _text(data["text/plain"])
                    if RAW_WORDS.search(text):
                        found.append(f"valeur brute dans « {text.strip()[:200]} »")
            out += [f"cellule {i} : {f}" for f in found]
    return out
