"""The search field over long drop-downs (actors, persons, tasks on phones)."""
from __future__ import annotations

import ipywidgets as widgets

from toolkit.core import labels as L
from toolkit.core.workshop import Workshop
from toolkit.widgets.choice_search import HIDDEN, SEARCH_FROM, SHOWN, searchable
from toolkit.widgets.session import Form, open_page

NAMES = ["Conseil départemental", "Élus de la communauté", "Association des parents", "CAF",
         "Mission locale", "Pôle emploi", "Centre social", "Maison de santé", "Office du tourisme",
         "Élue référente enfance"]


def _dropdown(n: int = len(NAMES)) -> widgets.Dropdown:
    return widgets.Dropdown(options=[("— à choisir —", None)] + [(name, f"ACT-{i}") for i, name in enumerate(NAMES[:n])])


def _shown(box) -> list[str]:  # noqa: ANN001
    return [b.description for b in box.buttons if HIDDEN not in b._dom_classes]


def test_typing_lists_the_matches_ignoring_case_and_accents() -> None:
    d = _dropdown()
    box = searchable(d)
    assert HIDDEN not in box.search._dom_classes and box.buttons == []  # 10 choices: searched, no button yet
    box.search.value = "ELU"
    assert _shown(box) == ["Élus de la communauté", "Élue référente enfance"] and len(box.buttons) == SHOWN
    assert len(d.options) == 11 and d.value is None  # the drop-down is untouched until a tap
    box.search.value = "zzz"
    assert _shown(box) == [] and "« zzz »" in box.note.value
    box.search.value = "e"  # more matches than buttons: said
    assert len(_shown(box)) == SHOWN and f"{SHOWN} choix sur" in box.note.value
    box.search.value = ""
    assert _shown(box) == [] and box.note.value == "" and HIDDEN in box.note._dom_classes  # takes no room


def test_a_tap_chooses_and_the_page_hears_one_change() -> None:
    d = _dropdown()
    box = searchable(d)
    changes: list[object] = []
    d.observe(lambda c: changes.append(c["new"]), names="value")
    box.search.value = "mission"
    assert changes == []
    box.buttons[0].click()
    assert d.value == "ACT-4" and changes == ["ACT-4"] and box.search.value == "" and _shown(box) == []


def test_a_refreshed_list_is_searched_and_a_short_one_has_no_field() -> None:
    d = _dropdown(SEARCH_FROM)
    box = searchable(d)
    assert HIDDEN in box.search._dom_classes
    d.options = list(_dropdown().options) + [("Élu nouveau", "ACT-99")]  # the page refreshed its list
    assert HIDDEN not in box.search._dom_classes
    box.search.value = "nouveau"
    assert _shown(box) == ["Élu nouveau"]
    d.options = list(_dropdown().options)  # refreshed while searching: the new list is searched
    assert _shown(box) == [] and "« nouveau »" in box.note.value
    d.options = list(_dropdown(3).options)
    assert HIDDEN in box.search._dom_classes and box.search.value == ""


def test_form_fields_searched_and_texts_from_the_catalogue(demo_workshop: Workshop) -> None:
    token = demo_workshop.store.facilitator_token()
    session = open_page("accueil", query=f"jeton={token}", workshop=demo_workshop, show=False)
    form = Form(session, "relations", ["source_id", "target_id", "type"], search=("source_id", "target_id"))
    boxes = [c for c in form.children if hasattr(c, "search")]
    assert [b.dropdown for b in boxes] == [form.inputs["source_id"], form.inputs["target_id"]]
    assert boxes[0].search.placeholder == L.CHOICE_SEARCH["placeholder"]
    assert HIDDEN not in boxes[0].search._dom_classes  # the demo's actors: a long list
    name = demo_workshop.store.get("actors", "ACT-26")["name"]
    boxes[0].search.value = name
    assert name in _shown(boxes[0])
    boxes[0].pick(_shown(boxes[0]).index(name))
    assert form.inputs["source_id"].value == "ACT-26"
