"""The French writing layer, on a table of cases: names starting with a vowel or an h,
one / two / many, women / men / unknown."""
from __future__ import annotations

import pytest

from toolkit.core import french as W
from toolkit.core.formats import plain

WOMAN, MAN, UNKNOWN = "Madame", "Monsieur", None

ELISION = [
    ("Isabelle", "d'Isabelle"), ("Anne-Marie", "d'Anne-Marie"), ("Élodie Marchais", "d'Élodie Marchais"),
    ("Hélène Giraud", "d'Hélène Giraud"), ("Hugo", "d'Hugo"), ("Yves", "d'Yves"),
    ("agent", "d'agent"), ("habitat", "d'habitat"),
    ("hiérarchie", "de hiérarchie"), ("haut comité", "de haut comité"), ("Léa Fradin", "de Léa Fradin"),
    ("le comité de pilotage", "du comité de pilotage"), ("les élus", "des élus"),
    ("la commune", "de la commune"), ("l'État", "de l'État"), ("services de l'État", "des services de l'État"),
]


@pytest.mark.parametrize("text, expected", ELISION)
def test_de_elides_before_a_vowel_or_mute_h(text: str, expected: str) -> None:
    assert W.de(text) == expected


@pytest.mark.parametrize("text, expected", [("Isabelle", "qu'Isabelle"), ("elle", "qu'elle"),
                                            ("Hélène", "qu'Hélène"), ("Didier", "que Didier")])
def test_que_elides(text: str, expected: str) -> None:
    assert W.que(text) == expected


AGREEMENT = [
    # word, woman, man, unknown
    ("directeur", "directrice", "directeur", "directeur ou directrice"),
    ("directeur de projet", "directrice de projet", "directeur de projet",
     "directeur de projet ou directrice de projet"),
    ("chef de projet", "cheffe de projet", "chef de projet", "chef de projet ou cheffe de projet"),
    ("motivé", "motivée", "motivé", "motivé ou motivée"),
    ("élu", "élue", "élu", "élu ou élue"),
    ("titulaire", "titulaire", "titulaire", "titulaire"),
    ("animateur", "animatrice", "animateur", "animateur ou animatrice"),
    ("chargé d'études", "chargée d'études", "chargé d'études", "chargé d'études ou chargée d'études"),
    ("conseiller", "conseillère", "conseiller", "conseiller ou conseillère"),
]


@pytest.mark.parametrize("masculine, woman, man, unknown", AGREEMENT)
def test_agreement_with_civility(masculine: str, woman: str, man: str, unknown: str) -> None:
    assert W.agree(masculine, civility=WOMAN) == woman
    assert W.agree(masculine, civility={"civility": MAN}) == man
    assert W.agree(masculine, civility=UNKNOWN) == unknown
    for text in (woman, man, unknown):
        assert "(" not in text


@pytest.mark.parametrize("civility, expected", [(WOMAN, "la titulaire"), (MAN, "le titulaire"),
                                                (UNKNOWN, "le ou la titulaire")])
def test_article_agrees(civility, expected) -> None:
    assert W.the("titulaire", civility=civility) == expected


@pytest.mark.parametrize("role, civility, expected", [
    ("agent", UNKNOWN, "en qualité d'agent"),
    ("agent", WOMAN, "en qualité d'agent"),
    ("élu", WOMAN, "en qualité d'élue"),
    ("directeur de projet", WOMAN, "en qualité de directrice de projet"),
    ("directeur de projet", MAN, "en qualité de directeur de projet"),
    ("services de l'État", MAN, "en qualité de représentant des services de l'État"),
    ("services de l'État", WOMAN, "en qualité de représentante des services de l'État"),
    ("pilote d'action", UNKNOWN, "en qualité de pilote d'action"),
])
def test_capacity_phrase(role, civility, expected) -> None:
    assert W.capacity(role, civility) == expected


@pytest.mark.parametrize("name, civility, opening, attention", [
    ("Isabelle Carré", WOMAN, "Madame,", "À l'attention de Madame Isabelle Carré"),
    ("Olivier Dumas", MAN, "Monsieur,", "À l'attention de Monsieur Olivier Dumas"),
    ("Anne-Marie", UNKNOWN, "Madame, Monsieur,", "À l'attention d'Anne-Marie"),
    ("Hélène", UNKNOWN, "Madame, Monsieur,", "À l'attention d'Hélène"),
])
def test_salutation_and_addressee(name, civility, opening, attention) -> None:
    assert W.salutation(civility) == opening
    assert W.to_attention(name, civility) == attention


@pytest.mark.parametrize("n, expected", [(0, "0 tâche"), (1, "1 tâche"), (2, "2 tâches"), (12, "12 tâches"),
                                         (1.5, "1,5 tâche")])
def test_plural_by_count(n, expected) -> None:
    assert plain(W.count(n, "tâche")) == expected


@pytest.mark.parametrize("names, expected", [
    (["Martine Gérard"], "Martine Gérard"),
    (["Martine Gérard", "Céline Kieffer"], "Martine Gérard et Céline Kieffer"),
    (["A", "B", "C"], "A, B et C"),
])
def test_lists_with_et(names, expected) -> None:
    assert W.join(names) == expected


@pytest.mark.parametrize("typed, stored", [("Mme", WOMAN), ("madame", WOMAN), ("M.", MAN), ("Monsieur", MAN),
                                           ("", None), (None, None), ("Dr", None)])
def test_civility_words(typed, stored) -> None:
    assert W.civility_of(typed) == stored
