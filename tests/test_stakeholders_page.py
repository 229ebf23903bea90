"""The step 2 participant page (widgets, without a browser) and its board section."""
from __future__ import annotations

import html

import pytest

from toolkit import method
from toolkit.core import labels as L
from toolkit import steps
from toolkit.core.formats import plain
from toolkit.widgets.session import open_page
from toolkit.widgets.stakeholders import STEP, StakeholdersPage, actor_options, board_html, board_section

HOSTILE = "<img src=x onerror=alert(1)>"


def session_of(ws, pid=None):
    steps.set_open(ws.store, STEP, True, by="animateur")
    token = ws.store.get("persons", pid)["token"] if pid else ws.store.facilitator_token()
    return open_page(STEP, query=f"jeton={token}", workshop=ws, show=False)


def fill_actor(form, name, category="association", power=2, interest=3):
    form.inputs["name"].value = name
    form.inputs["category"].value = category
    form.inputs["power"].value = power
    form.inputs["interest"].value = interest


def map_html(page) -> str:
    return html.unescape(page.map.frame.value)


def test_closed_step_refuses_the_page(demo_workshop):
    token = demo_workshop.store.get("persons", "PER-04")["token"]
    assert open_page(STEP, query=f"jeton={token}", workshop=demo_workshop, show=False) is None


def test_step_counts_ratings_as_contributions():
    assert "actor_ratings" in steps.get(STEP).kinds


def test_participant_page_parts(demo_workshop):
    page = StakeholdersPage(session_of(demo_workshop, "PER-04"))
    assert page.rating is not None and page.summary is None
    assert page.add_form.confirm.layout.display == "none"
    n_actors = demo_workshop.store.count("actors")
    assert len(page.rating.actor.options) == n_actors + 1
    assert len(page.relation_form.inputs["source_id"].options) == n_actors + 1
    assert '<iframe sandbox="allow-scripts"' in page.map.frame.value


def test_add_actor_is_attributed_and_shows_on_the_map(demo_workshop):
    page = StakeholdersPage(session_of(demo_workshop, "PER-04"))
    fill_actor(page.add_form, "Office de tourisme du Bocage")
    rid = page.add_form.submit()
    assert rid and page.add_form.status.state == "ok"
    record = demo_workshop.store.get("actors", rid)
    assert record["created_by"] == "PER-04" and record["power"] == 2 and record["mobilised"] is False
    assert page.add_form.inputs["name"].value == ""               # ready for the next one
    assert "Office de tourisme du Bocage" in map_html(page)
    assert rid in {o[1] for o in page.relation_form.inputs["target_id"].options}


def test_ratings_of_a_new_actor_must_be_chosen(demo_workshop):
    store = demo_workshop.store
    before = store.count("actors")
    form = StakeholdersPage(session_of(demo_workshop, "PER-04")).add_form
    assert [form.inputs[n].value for n in ("category", "power", "interest")] == [None, None, None]
    form.inputs["name"].value = "Office de tourisme"
    form.inputs["category"].value = "association"
    assert form.submit() is None and store.count("actors") == before
    assert "Pouvoir (influence)" in html.unescape(form.status.value)
    assert form.inputs["name"].value == "Office de tourisme"       # what was typed is kept


def test_probable_duplicate_needs_an_explicit_confirmation(demo_workshop):
    store = demo_workshop.store
    before = store.count("actors")
    form = StakeholdersPage(session_of(demo_workshop, "PER-04")).add_form
    fill_actor(form, "Conseil régional Nouvelle-Aquitaine", "cofinanceur", 4, 2)
    assert "Région Nouvelle-Aquitaine" in form.warning.value        # warned as soon as typed
    assert form.confirm.layout.display == "flex"
    assert form.submit() is None and store.count("actors") == before
    assert form.status.state == "error"
    form.confirm.click()
    assert store.count("actors") == before + 1
    assert form.confirm.layout.display == "none" and form.warning.value == ""


def test_confirmation_holds_only_for_the_name_warned_about(demo_workshop):
    store = demo_workshop.store
    form = StakeholdersPage(session_of(demo_workshop, "PER-04")).add_form
    fill_actor(form, "Région")
    form._warned_for = None               # as if the warning had not been shown for this name
    assert form.submit(confirmed=True) is None
    assert store.count("actors", name="Région") == 0


def test_hostile_name_is_stored_as_typed_and_escaped_in_the_warning(demo_workshop):
    page = StakeholdersPage(session_of(demo_workshop, "PER-04"))
    fill_actor(page.add_form, HOSTILE)
    rid = page.add_form.submit()
    assert demo_workshop.store.get("actors", rid)["name"] == HOSTILE
    fill_actor(page.add_form, HOSTILE.upper())
    assert HOSTILE.upper() not in page.add_form.warning.value
    assert html.escape(HOSTILE) in page.add_form.warning.value
    # in the map frame, the name only appears escaped twice (srcdoc, then JSON / HTML text)
    assert HOSTILE not in page.map.frame.value
    assert (HOSTILE, rid) in page.rating.actor.options      # a drop-down label is drawn as text


def test_rating_needs_three_answers_then_is_saved_and_changed_with_history(demo_workshop):
    store = demo_workshop.store
    rating = StakeholdersPage(session_of(demo_workshop, "PER-13")).rating
    assert rating.save() is None and rating.status.state == "error"   # no actor chosen
    rating.actor.value = "ACT-33"
    rating.inputs["power"].value = 3
    assert rating.save() is None and "pouvoir, l'intérêt et l'attitude" in html.unescape(rating.status.value)
    assert store.count("actor_ratings", person_id="PER-13") == 0
    rating.inputs["interest"].value = 4
    rating.inputs["attitude"].value = "allié"
    saved = rating.save()
    assert (saved["actor_id"], saved["person_id"], saved["created_by"]) == ("ACT-33", "PER-13", "PER-13")
    assert "1 acteur sur" in plain(rating.progress.value)
    # reopened later: the answer is there, and a change is an update kept in history
    again = StakeholdersPage(session_of(demo_workshop, "PER-13")).rating
    again.actor.value = "ACT-33"
    assert [w.value for w in again.inputs.values()] == [3, 4, "allié"]
    again.inputs["power"].value = 2
    again.save()
    rows = store.all("actor_ratings", person_id="PER-13")
    assert len(rows) == 1 and rows[0]["power"] == 2
    assert [h["op"] for h in store.history("actor_ratings", rows[0]["id"])] == ["insert", "update"]


def test_ratings_are_private_to_their_author(demo_workshop):
    mine = StakeholdersPage(session_of(demo_workshop, "PER-04")).rating.mine()
    assert set(mine) == {"ACT-42", "ACT-35"}                 # the demo ratings of PER-04 only
    assert all(r["person_id"] == "PER-04" for r in mine.values())


def test_relation_between_two_actors(demo_workshop):
    store = demo_workshop.store
    form = StakeholdersPage(session_of(demo_workshop, "PER-12")).relation_form
    form.inputs["source_id"].value = "ACT-26"
    form.inputs["target_id"].value = "ACT-26"
    form.inputs["type"].value = "coopération"
    assert form.submit() is None and "deux acteurs différents" in html.unescape(form.status.value)
    form.inputs["target_id"].value = "ACT-09"
    form.inputs["weight"].value = 2
    rid = form.submit()
    rel = store.get("relations", rid)
    assert (rel["source_id"], rel["target_id"], rel["weight"], rel["created_by"]) == ("ACT-26", "ACT-09", 2, "PER-12")


def test_map_follows_other_participants_and_keeps_its_layout(demo_workshop):
    page = StakeholdersPage(session_of(demo_workshop, "PER-04"))
    before = dict(page.map.positions)
    assert page.map.refresh() is False                       # nothing changed: nothing rebuilt
    other = session_of(demo_workshop, "PER-10")
    rid = other.insert("actors", {"name": "Cinéma associatif", "category": "association", "power": 1, "interest": 2})
    page.refresh()                                           # what session.every does every 3 s
    assert "Cinéma associatif" in map_html(page)
    assert all(page.map.positions[k] == before[k] for k in before)
    assert rid in {o[1] for o in page.rating.actor.options}


def test_facilitator_sees_average_and_spread(demo_workshop):
    page = StakeholdersPage(session_of(demo_workshop))
    assert page.rating is None
    text = html.unescape(page.summary.value)
    assert "Hypermarché de la zone commerciale des Justices" in text
    assert L.STAKEHOLDER_COLUMNS["power_spread"] in text and "réservé ×1, opposant ×4" in text


def test_board_section_is_registered_and_cached(demo_workshop):
    keys = [s.key for s in method.board_sections()]
    assert STEP in keys
    value = board_section(demo_workshop.store, hide_names=True).value
    counts = html.unescape(value.split("</p>")[0])
    assert f"{demo_workshop.store.count('actors')} acteurs (0 ajoutés par les participants)" in counts
    assert "19 avis donnés par 10 participants" in plain(counts)     # the demo ratings: 10 persons
    assert '<iframe sandbox="allow-scripts"' in value
    assert board_html(demo_workshop.store) is board_html(demo_workshop.store)   # unchanged: not rebuilt
    demo_workshop.store.insert("actors", {"name": HOSTILE, "category": "habitants", "power": 1, "interest": 1},
                               by="PER-02")
    value = board_section(demo_workshop.store, hide_names=False).value
    assert HOSTILE not in value


@pytest.mark.parametrize("names, expected", [
    (["Mairie", "mairie"], ["Mairie (élu)", "mairie (élu)"]),
    (["B", "a"], ["a", "B"]),
])
def test_actor_options_sorted_and_told_apart(names, expected):
    import pandas as pd
    df = pd.DataFrame({"id": [f"A{i}" for i in range(len(names))], "name": names, "category": "élu"})
    assert [o[0] for o in actor_options(df)] == expected


def test_power_and_interest_asked_once_when_adding(demo_workshop):
    """The power and interest typed for a new actor are also the participant's opinion on
    it: the rating panel shows them, nothing is asked twice; a double tap adds once."""
    page = StakeholdersPage(session_of(demo_workshop, "PER-04"))
    before = demo_workshop.store.count("actors")
    fill_actor(page.add_form, "Maison de l'emploi du Bocage", power=4, interest=1)
    rid = page.add_form.submit()
    assert page.add_form.submit() == rid and page.add_form.status.state == "ok"  # the second tap
    assert demo_workshop.store.count("actors") == before + 1
    (mine,) = demo_workshop.store.all("actor_ratings", actor_id=rid)
    assert (mine["person_id"], mine["power"], mine["interest"]) == ("PER-04", 4, 1)
    page.rating.actor.value = rid
    assert (page.rating.inputs["power"].value, page.rating.inputs["interest"].value) == (4, 1)
    assert html.escape(L.STAKEHOLDER_PAGE["opinion_too"]) in page.add_form.status.value
