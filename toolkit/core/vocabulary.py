"""French words the toolkit reads but never shows: they help it understand what people type.

Name matching (probable duplicate actors), yes/no answers in imported cells, civilities as
typed, and the words starting with an h aspiré (no elision). The words people read are in
``labels``; the stored values of the closed lists in ``values``.

>>> "oui" in YES_WORDS, NAME_SYNONYMS["mairie"]
(True, 'commune')
"""
from __future__ import annotations

from . import values as V

# Cell values read as a yes or a no (imports, forms).
YES_WORDS = {"oui", "o", "vrai", "x", "1", "yes", "true", "y"}
NO_WORDS = {"non", "n", "faux", "0", "no", "false", ""}
# Answers that confirm a question asked on the command line (« Appliquer ? [o/N] »).
CONFIRM_WORDS = {"o", "oui"}

# Probable duplicates among actor names: institutional synonyms (compared accent- and
# case-free), words ignored, and prefixes glued to the next word ("vice-président").
NAME_SYNONYMS: dict[str, str] = {
    "conseil régional": "région",
    "conseil departemental": "département",
    "conseil départemental": "département",
    "conseil général": "département",
    "communauté de communes": "cc",
    "communauté d'agglomération": "ca",
    "agglomération": "ca",
    "communauté urbaine": "cu",
    "établissement public de coopération intercommunale": "epci",
    "intercommunalité": "epci",
    "mairie": "commune",
    "ville": "commune",
    "municipalité": "commune",
    "hôtel de ville": "commune",
    "préfet": "préfecture",
    "sous-préfet": "sous-préfecture",
    "chambre de commerce et d'industrie": "cci",
    "chambre de métiers et de l'artisanat": "cma",
    "chambre des métiers et de l'artisanat": "cma",
    "chambre des métiers": "cma",
    "chambre de métiers": "cma",
    "chambre d'agriculture": "chambre agriculture",
    "direction départementale des territoires et de la mer": "ddtm",
    "direction départementale des territoires": "ddt",
    "direction régionale de l'environnement de l'aménagement et du logement": "dreal",
    "direction régionale de l'alimentation de l'agriculture et de la forêt": "draaf",
    "architecte des bâtiments de france": "abf",
    "unité départementale de l'architecture et du patrimoine": "udap",
    "agence nationale de la cohésion des territoires": "anct",
    "agence nationale de l'habitat": "anah",
    "agence nationale pour la rénovation urbaine": "anru",
    "office public de l'habitat": "oph",
    "caisse des dépôts": "banque des territoires",
    "société d'aménagement foncier et d'établissement rural": "safer",
    "projet alimentaire territorial": "pat",
    "petites villes de demain": "pvd",
    "action cœur de ville": "acv",
}
NAME_STOPWORDS: tuple[str, ...] = (
    "de", "du", "des", "d", "la", "le", "les", "l", "et", "en", "a", "au", "aux", "sur", "sous",
    "pour", "par", "un", "une",
)
NAME_GLUED_PREFIXES: tuple[str, ...] = ("sous", "vice", "co", "ex", "pre")

# Civility words as typed (folded: lower case, no accent, no final dot) → the stored word.
CIVILITY_SYNONYMS: dict[str, set[str]] = {
    V.CIVILITY_MADAME: {"madame", "mme", "mme.", "mrs", "ms", "f"},
    V.CIVILITY_MONSIEUR: {"monsieur", "m", "mr", "h"},
}
# Words starting with an h aspiré (no elision: « la hiérarchie », « le haut »), folded.
ASPIRATED_H: tuple[str, ...] = (
    "hache", "haie", "haine", "hall", "halle", "halte", "hameau", "hamac", "hanche", "handicap", "hangar",
    "hardi", "harcel", "haricot", "harpe", "hasard", "hate", "hausse", "haut", "havre", "heros", "herisson",
    "hernie", "hetre", "hibou", "hierarch", "hockey", "hollande", "homard", "hongr", "honte", "hors", "hotte",
    "houle", "housse", "hublot", "huit", "hurl", "hutte",
)
