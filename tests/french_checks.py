"""What French written by a machine looks like, for the tests of every text a client reads
(letters, minutes, report, workbook texts, import messages): « tâche(s) », « motivé(e) »,
« de agent » (no elision), a decimal point in a number (« 9.4 jours »)."""
from __future__ import annotations

import re

MACHINE_FRENCH = ["(s)", "(e)", "(es)", "(trice)", "(la)", "(ne)", "Le (la)", "d'un(e)"]
DE_BEFORE_VOWEL = re.compile(r"\b(de|que|le|la) (?=[AEIOUYÉÈÊaeiouyéèêàâîôûH][a-zéèêàç])")
DECIMAL_POINT = re.compile(r"\d\.\d")
# Words after which « de », « le »… stay whole (h aspiré, « huit »).
NOT_ELIDED = ("hiérarch", "haut", "hall", "huit")


def machine_french(text: str) -> list[str]:
    """Every piece of ``text`` a consultant would not write (empty: it reads as French)."""
    found = [w for w in MACHINE_FRENCH if w in text]
    found += [m.group(0) for m in DE_BEFORE_VOWEL.finditer(text)
              if not text[m.end():].lower().startswith(NOT_ELIDED)]
    found += DECIMAL_POINT.findall(text)
    return found
