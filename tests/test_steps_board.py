"""Open steps shared through the store; the facilitator board's sections."""
from __future__ import annotations

import ipywidgets as widgets
import pandas as pd

from toolkit import method, steps
from toolkit.access import Access, Guard, identify, record_visit
from toolkit.core.formats import plain
from toolkit.core.store import Store
from toolkit.widgets import board as board_mod
from toolkit.widgets.board import Board
from toolkit.core.workshop import Workshop


def test_steps_opened_and_closed_in_method_order(empty_workshop: Workshop) -> None:
    store = empty_workshop.store
    steps.set_open(store, "raci", True, by="animateur")
    steps.set_open(store, "parties_prenantes", True, by="animateur")
    assert steps.open_keys(store) == ["parties_prenantes", "raci"]
    steps.set_open(store, "raci", False, by="animateur")
    assert [s.key for s in steps.open_steps(store)] == ["parties_prenantes"]
    assert [h["new"]["open"] for h in store.history("meta")] == [["raci"], ["parties_prenantes", "raci"],
                                                                ["parties_prenantes"]]


def test_welcome_and_facilitator_pages_always_open(empty_workshop: Workshop) -> None:
    assert steps.is_open(empty_workshop.store, "accueil") and steps.is_open(empty_workshop.store, "animateur")
    assert not steps.is_open(empty_workshop.store, "competences")


def test_page_by_convention() -> None:
    assert steps.get("parties_prenantes").page == "parties_prenantes.ipynb"
    assert steps.get("accueil").page_exists() and steps.get("animateur").page_exists()


def _participant(ws: Workshop, pid: str) -> Access:
    return identify(ws.store, ws.store.get("persons", pid)["token"])


def test_joined_counts_participants_not_facilitator(demo_workshop: Workshop) -> None:
    store = demo_workshop.store
    for pid in ("PER-02", "PER-05", "PER-02"):
        record_visit(store, _participant(demo_workshop, pid), "accueil")
    record_visit(store, Access("facilitator"), "animateur")
    table = board_mod.joined_table(store, hide_names=False)
    assert len(table) == 2
    assert list(table["Pages ouvertes"]) == [2, 1]
    hidden = board_mod.joined_table(store, hide_names=True)
    names = {p["name"] for p in store.all("persons")}
    assert not names & set(hidden["Personne"]) and set(hidden["Personne"]) <= {f"Personne {i}" for i in range(1, 40)}


def test_submissions_counted_per_step(demo_workshop: Workshop) -> None:
    store = demo_workshop.store
    g5 = Guard(store, _participant(demo_workshop, "PER-05"))
    g6 = Guard(store, _participant(demo_workshop, "PER-06"))
    g5.insert("actors", {"name": "Amicale", "category": "association", "power": 1, "interest": 2})
    g6.insert("actors", {"name": "Club", "category": "association", "power": 1, "interest": 2})
    g5.insert("assessments", {"competence_id": "CMP-01", "savoir": 1, "vouloir": 1, "pouvoir": 1})
    store.insert("actors", {"name": "Par l'animateur", "category": "association", "power": 1, "interest": 1},
                 by="animateur")
    t = board_mod.submissions_table(store).set_index("Étape")
    assert t.loc["Cartographie des parties prenantes", "Contributions"] == 2
    assert t.loc["Cartographie des parties prenantes", "Contributeurs"] == 2
    assert t.loc["Revue des compétences et des motivations", "Contributions"] == 1
    latest = board_mod.latest_section(store, hide_names=True)
    assert len(latest) == 3 and "Personne" in latest.iloc[0]["Qui"]


def test_board_shows_sections_and_hides_names(demo_workshop: Workshop) -> None:
    store = demo_workshop.store
    record_visit(store, _participant(demo_workshop, "PER-02"), "accueil")
    name = store.get("persons", "PER-02")["name"]
    board = Board(store, method.board_sections())
    text = board.boxes["joined"].children[0].value
    assert "1 personne sur" in plain(text) and name in text
    board.hide.value = True  # the switch refreshes at once
    assert name not in board.boxes["joined"].children[0].value


def test_board_refresh_picks_up_new_joins(demo_workshop: Workshop) -> None:
    store = demo_workshop.store
    board = Board(store, method.board_sections())
    assert "0 personne sur" in plain(board.boxes["joined"].children[0].value)
    record_visit(store, _participant(demo_workshop, "PER-03"), "accueil")
    board.refresh()
    assert "1 personne sur" in plain(board.boxes["joined"].children[0].value)


def test_given_sections_plug_in_and_a_failure_at_refresh_is_contained(demo_workshop: Workshop) -> None:
    def essai(store, hide_names):  # noqa: ANN001
        return pd.DataFrame({"x": ["<b>gras</b>"]})

    def casse(store, hide_names):  # noqa: ANN001
        raise RuntimeError("boum")

    board = Board(demo_workshop.store, [*method.board_sections(), board_mod.Section("essai", "Essai", essai, order=99),
                                        board_mod.Section("casse", "Cassée", casse, order=98)])
    assert "&lt;b&gt;gras&lt;/b&gt;" in board.boxes["essai"].children[0].value
    assert "pas pu être calculée : boum" in board.boxes["casse"].children[0].value  # said on the board, in its box
    assert "0 personne sur" in plain(board.boxes["joined"].children[0].value)  # the others still shown


def test_widget_section_shown_as_is(demo_workshop: Workshop) -> None:
    button = widgets.Button(description="ok")
    board = Board(demo_workshop.store, sections=[board_mod.Section("w", "W", lambda s, h: button)])
    assert board.boxes["w"].children[0] is button


# --- names hidden means unidentifiable (issue 17) -------------------------------------


def test_hidden_names_do_not_follow_the_per_order_and_stay_stable(demo_workshop: Workshop) -> None:
    store = demo_workshop.store
    ids = [p["id"] for p in store.all("persons")]
    aliases = board_mod.person_label(store, hide_names=True)
    numbers = [int(aliases[i].split()[-1]) for i in sorted(ids)]
    assert sorted(numbers) == list(range(1, len(ids) + 1))
    assert numbers != list(range(1, len(ids) + 1))  # not row N of the printed sheet
    assert board_mod.person_label(store, hide_names=True) == aliases  # same in every refresh
    other = Store("sqlite://")  # another workshop, same ids: another order
    assert board_mod.keyed_pseudonyms(ids, board_mod.pseudonym_key(other)) != aliases


def test_hidden_names_table_in_pseudonym_order_and_small_organisations_merged(demo_workshop: Workshop) -> None:
    store = demo_workshop.store
    persons = store.all("persons")
    for p in persons:
        record_visit(store, _participant(demo_workshop, p["id"]), "accueil")
    hidden = board_mod.joined_table(store, hide_names=True)
    assert [int(a.split()[-1]) for a in hidden["Personne"]] == list(range(1, len(persons) + 1))
    shown = board_mod.joined_table(store, hide_names=False)
    sizes = shown["Organisation"].value_counts()
    small = set(sizes[sizes < 3].index)
    assert small, "the demo has organisations of one or two people"
    if "Organisation" in hidden:
        assert not small & set(hidden["Organisation"])
        assert "autre organisation" in set(hidden["Organisation"])
        assert hidden["Organisation"].value_counts().min() >= 3


def test_organisation_left_out_when_even_merged_it_would_single_out(demo_workshop: Workshop) -> None:
    store = demo_workshop.store
    persons = store.all("persons")
    orgs = {}
    for p in persons:
        orgs.setdefault(p["organisation"], []).append(p["id"])
    big = max(orgs.values(), key=len)
    assert len(big) >= 3
    lone = next(ids[0] for org, ids in orgs.items() if ids is not big)
    for pid in big[:3] + [lone]:  # three of one organisation and one alone
        record_visit(store, _participant(demo_workshop, pid), "accueil")
    hidden = board_mod.joined_table(store, hide_names=True)
    assert len(hidden) == 4 and "Organisation" not in hidden.columns
    board = Board(store, method.board_sections())
    board.hide.value = True
    lone_org = store.get("persons", lone)["organisation"]
    assert lone_org not in board.boxes["joined"].children[0].value
