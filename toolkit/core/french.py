"""The French writing layer: civility, agreement, elision, articles and plurals.

Letters, minutes, the report, workbook texts, import messages and pages write sentences
about people; this module makes them read as a consultant writes them. Numbers, dates and
lists are in :mod:`toolkit.core.formats` (``join`` and ``count`` are re-exported here).

- **Civility** (``persons.civility``): « Madame », « Monsieur » or unknown (``None``).
  Every function taking ``civility`` accepts the stored word, a person record (dict) or
  None. Unknown is never guessed from a first name.
- **Agreement** with it: ``agree("directeur", civility=…)`` → « directeur » / « directrice »;
  unknown gives both forms joined by « ou » (never « directeur(trice) »).
- **Elision**: ``de("Isabelle")`` → « d'Isabelle », ``de("Hélène")`` → « d'Hélène », but
  ``de("Hugo")``… h aspiré words (« la hiérarchie », « le haut ») are listed in
  ``vocabulary.ASPIRATED_H``; « de le » → « du », « de les » → « des ».
- **Plural by count**: ``count(3, "tâche")`` → « 3 tâches » (never « tâche(s) »).

>>> agree("directeur", civility="Madame"), agree("chef", civility="Madame"), agree("motivé", civility=None)
('directrice', 'cheffe', 'motivé ou motivée')
>>> de("agent"), de("Hélène Giraud"), de("services de l'État"), de("le comité")
("d'agent", "d'Hélène Giraud", "des services de l'État", 'du comité')
>>> capacity("agent"), capacity("services de l'État", "Madame")
("en qualité d'agent", "en qualité de représentante des services de l'État")
>>> salutation("Madame"), salutation(None)
('Madame,', 'Madame, Monsieur,')
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any, Mapping

from toolkit.core import labels as L
from toolkit.core import values as V
from toolkit.core import vocabulary as W
from toolkit.core.formats import NBSP, count, is_missing, is_plural, join  # noqa: F401  (part of this layer)

FEMININE, MASCULINE = "f", "m"
_VOWELS = set("aeiouyàâäéèêëîïôöûüùœæ")


# --- civility ----------------------------------------------------------------------------

def civility_of(who: Any) -> str | None:
    """The civility as stored (« Madame », « Monsieur ») or None, from a word or a record.

    >>> civility_of("madame"), civility_of({"civility": "Monsieur"}), civility_of(None), civility_of("Mme")
    ('Madame', 'Monsieur', None, 'Madame')
    """
    if isinstance(who, Mapping):
        who = who.get("civility")
    elif hasattr(who, "civility") and not isinstance(who, str):
        who = getattr(who, "civility")
    if is_missing(who):
        return None
    word = _fold(str(who)).rstrip(".")
    for stored, synonyms in W.CIVILITY_SYNONYMS.items():
        if word in synonyms:
            return stored
    return None


def gender(who: Any) -> str | None:
    """``"f"``, ``"m"`` or None (unknown) from a civility or a person record."""
    civility = civility_of(who)
    if civility is None:
        return None
    return FEMININE if civility == V.CIVILITY_MADAME else MASCULINE


def salutation(who: Any) -> str:
    """The letter's opening: « Madame, », « Monsieur, », « Madame, Monsieur, » when unknown."""
    civility = civility_of(who)
    return f"{civility}," if civility else L.FRENCH["salutation_unknown"]


def addressee(name: Any, who: Any = None) -> str:
    """A name with its civility: « Madame Isabelle Carré »; the name alone when unknown.

    >>> addressee("Isabelle Carré", "Madame"), addressee("Ana", None)
    ('Madame Isabelle Carré', 'Ana')
    """
    civility = civility_of(who)
    text = "" if is_missing(name) else str(name).strip()
    return f"{civility} {text}" if civility else text


def to_attention(name: Any, who: Any = None) -> str:
    """« À l'attention de Madame Anne-Sophie Leclerc » / « À l'attention d'Anne-Marie ».

    >>> to_attention("Anne-Marie", None), to_attention("Anne-Marie", "Madame")
    ("À l'attention d'Anne-Marie", "À l'attention de Madame Anne-Marie")
    """
    return L.FRENCH["to_attention"] + " " + de(addressee(name, who))


# --- agreement -----------------------------------------------------------------------------

def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text))
    return "".join(c for c in text if not unicodedata.combining(c)).lower().replace("’", "'").strip()


def feminine(word: str) -> str:
    """The feminine of a French noun, adjective or participle (one word or a phrase whose
    first word agrees: « directeur de projet » → « directrice de projet »).

    >>> [feminine(w) for w in ("directeur", "animateur", "chef", "élu", "motivé", "chargé de mission",
    ...                         "président", "conseiller", "technicien", "titulaire", "agent")]
    ['directrice', 'animatrice', 'cheffe', 'élue', 'motivée', 'chargée de mission', 'présidente', 'conseillère', 'technicienne', 'titulaire', 'agent']
    """
    head, sep, rest = str(word).partition(" ")
    low = head.lower()
    exceptions = L.FRENCH_FEMININE
    if low in exceptions:
        out = exceptions[low]
    elif low.endswith("teur"):
        out = head[:-4] + "trice"
    elif low.endswith("eur"):
        out = head[:-3] + "euse"
    elif low.endswith("er"):
        out = head[:-2] + "ère"
    elif low.endswith(("ien", "en")):
        out = head + "ne"
    elif low.endswith("el"):
        out = head + "le"
    elif low.endswith("if"):
        out = head[:-2] + "ive"
    elif low.endswith("ef"):
        out = head + "fe"
    elif low.endswith("e"):
        out = head
    else:
        out = head + "e"
    if head[:1].isupper():
        out = out[:1].upper() + out[1:]
    return out + sep + rest


def agree(masculine: str, feminine_form: str | None = None, *, civility: Any = None,
          unknown: str | None = None) -> str:
    """The word agreed with a person's civility.

    ``feminine_form`` defaults to :func:`feminine`; ``unknown`` (default: « m ou f ») is
    used when the civility is not known — give a neutral wording when there is one.

    >>> agree("titulaire", civility="Monsieur"), agree("directeur", civility=None, unknown="direction")
    ('titulaire', 'direction')
    """
    fem = feminine_form or feminine(masculine)
    kind = gender(civility)
    if kind == FEMININE:
        return fem
    if kind == MASCULINE:
        return masculine
    if unknown is not None:
        return unknown
    return masculine if fem == masculine else f"{masculine} {L.FRENCH['or']} {fem}"


def the(noun: str, *, civility: Any = None, feminine_noun: bool | None = None) -> str:
    """The noun with its definite article, elided: « le titulaire », « la titulaire »,
    « l'agent », « l'élue ». The gender comes from the civility (a person's title) or
    from ``feminine_noun`` (a thing); unknown gives « le ou la titulaire ».

    >>> the("titulaire", civility="Madame"), the("titulaire", civility=None), the("agent", civility="Madame")
    ('la titulaire', 'le ou la titulaire', "l'agent")
    >>> the("hiérarchie", feminine_noun=True), the("comité", feminine_noun=False)
    ('la hiérarchie', 'le comité')
    """
    kind = (FEMININE if feminine_noun else MASCULINE) if feminine_noun is not None else gender(civility)
    if kind is None:
        fem = feminine(noun)
        if starts_with_vowel_sound(noun):
            return f"l'{noun}" if fem == noun else f"l'{noun} {L.FRENCH['or']} l'{fem}"
        return f"le {L.FRENCH['or']} la {noun}" if fem == noun else f"le {noun} {L.FRENCH['or']} la {fem}"
    word = feminine(noun) if kind == FEMININE and feminine_noun is None else noun
    if starts_with_vowel_sound(word):
        return f"l'{word}"
    return ("la " if kind == FEMININE else "le ") + word


# --- elision and contraction ----------------------------------------------------------------

def starts_with_vowel_sound(text: Any) -> bool:
    """True before a vowel or a mute h (« Hélène », « habitat »), False before an h aspiré
    (« hiérarchie », « haut ») or a consonant.

    >>> [starts_with_vowel_sound(w) for w in ("Isabelle", "Hélène", "hiérarchie", "Yves", "Didier", "État", "")]
    [True, True, False, True, False, True, False]
    """
    word = _fold(str(text or "")).lstrip("«\"' ")
    if not word:
        return False
    if word[0] == "h":
        first = re.split(r"[^a-z]", word, maxsplit=1)[0]
        return not any(first.startswith(h) for h in W.ASPIRATED_H)
    if word[0] == "y":  # « Yves », « Yannick »: vowel; « yaourt »: rare in our texts
        return True
    return word[0] in _VOWELS


def _join_particle(particle: str, text: str) -> str:
    """``particle`` before ``text``, elided (« d' », « l' », « qu' ») before a vowel sound."""
    text = str(text).strip()
    if starts_with_vowel_sound(text) and not text.startswith(("le ", "la ", "les ", "l'", "L'")):
        return f"{particle[:-1]}'{text}"
    return f"{particle} {text}"


def _contracted(text: str, with_le: str, with_les: str) -> str | None:
    """``text`` after « de » / « à » when its article contracts (le → du/au, les → des/aux)."""
    low = text.lower()
    if low.startswith("le ") and not starts_with_vowel_sound(text[3:]):
        return f"{with_le} {text[3:]}"
    if low.startswith("les "):
        return f"{with_les} {text[4:]}"
    return None


def de(text: Any) -> str:
    """« de » before ``text``: « d'Isabelle », « de Léa », « du comité » (de le), « des
    services » (de les), « de la commune », « de l'État ».

    >>> de("Isabelle"), de("Léa Fradin"), de("les habitants"), de("la commune"), de("l'État"), de("huit")
    ("d'Isabelle", 'de Léa Fradin', 'des habitants', 'de la commune', "de l'État", 'de huit')
    """
    text = str(text).strip()
    if text.lower().startswith(("services ", "élus ")):  # a plural title used without article
        return "des " + text
    return _contracted(text, "du", "des") or _join_particle("de", text)


def que(text: Any) -> str:
    """« que » before ``text``: « qu'Isabelle », « que Léa ».

    >>> que("elle"), que("Léa")
    ("qu'elle", 'que Léa')
    """
    return _join_particle("que", text)


def to(text: Any) -> str:
    """« à » before ``text``: « au comité » (à le), « aux élus » (à les), « à l'équipe ».

    >>> to("le comité"), to("les élus"), to("l'équipe projet"), to("Léa")
    ('au comité', 'aux élus', "à l'équipe projet", 'à Léa')
    """
    text = str(text).strip()
    return _contracted(text, "au", "aux") or "à " + text


# --- roles ------------------------------------------------------------------------------------

def role_title(role: Any, who: Any = None) -> str:
    """A project role (stored value) as a title agreed with the civility: « directrice de
    projet », « élue », « représentant des services de l'État ».

    >>> role_title("directeur de projet", "Madame"), role_title("élu", None), role_title("pilote d'action", "Madame")
    ('directrice de projet', 'élu ou élue', "pilote d'action")
    """
    if is_missing(role):
        return ""
    masculine = L.FRENCH_ROLE_TITLES.get(str(role), str(role))
    return agree(masculine, civility=who)


def capacity(role: Any, who: Any = None) -> str:
    """« en qualité de directrice de projet », « en qualité d'agent ».

    >>> capacity("élu", "Monsieur"), capacity("agent", None)
    ("en qualité d'élu", "en qualité d'agent")
    """
    return L.FRENCH["in_capacity"] + " " + de(role_title(role, who))


def word(value: Any, singular: str, plural: str | None = None) -> str:
    """The noun alone agreed with a count: ``word(3, "tâche")`` → « tâches »."""
    return (plural or singular + "s") if is_plural(value) else singular


# --- typography ---------------------------------------------------------------------------

def hold_quotes(text: str) -> str:
    """French quotes held to what they quote by no-break spaces, so that a line never
    starts with a lone « » » (the mission letter's template).

    >>> hold_quotes("le « Plan d'action » du projet") == "le «\u00a0Plan d'action\u00a0» du projet"
    True
    """
    return text.replace("« ", "«" + NBSP).replace(" »", NBSP + "»")


# --- record kinds in sentences -------------------------------------------------------------

def one_of_kind(kind: str) -> dict[str, str]:
    """Words to say « the identifier of an existing <kind> » with the right gender.

    Returns ``of_one`` (« d'une personne », « d'un acteur ») and ``e`` (the feminine ending
    of an adjective after it, « » or « e »), for message templates of the catalogue.

    >>> one_of_kind("persons"), one_of_kind("actors")["of_one"]
    ({'of_one': "d'une personne", 'e': 'e'}, "d'un acteur")
    """
    noun, gender = L.KIND_NOUNS.get(kind, (L.KIND_LABELS.get(kind, kind).lower(), MASCULINE))
    feminine_noun = gender == FEMININE
    return {"of_one": f"d'{'une' if feminine_noun else 'un'} {noun}", "e": "e" if feminine_noun else ""}
