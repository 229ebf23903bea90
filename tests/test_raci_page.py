"""The participants' RACI page (widgets, without a browser) and its board section."""
from __future__ import annotations

import html

from toolkit import method
from toolkit.core import labels as L
from toolkit import raci, steps
from toolkit.widgets.raci_proposals import RaciProposalPage, board_section
from toolkit.widgets.session import open_page

P = L.RACI_PAGE
PILOT = "PER-10"  # Manon Lestang: pilots ACN-02 and ACN-20, letters on ACN-01, ACN-04


def _session(ws, pid):
    steps.set_open(ws.store, "raci", True, by="animateur")
    token = ws.store.get("persons", pid)["token"]
    return open_page("raci", query=f"jeton={token}", workshop=ws, show=False)


def _choose(card, task, person, letter, comment=""):
    card.task.value, card.person.value, card.letter.value, card.comment.value = task, person, letter, comment


def test_closed_step_refuses_the_page(demo_workshop):
    token = demo_workshop.store.get("persons", PILOT)["token"]
    assert open_page("raci", query=f"jeton={token}", workshop=demo_workshop, show=False) is None


def test_cards_for_the_participants_actions_with_validated_letters(demo_workshop):
    page = RaciProposalPage(_session(demo_workshop, PILOT))
    assert list(page.cards) == raci.actions_of_person(demo_workshop.store.frames(), PILOT)
    card = page.cards["ACN-20"]
    assert [o[1] for o in card.task.options] == [None, "TAC-066", "TAC-067"]
    table = card.children[1].value
    assert "<b>R</b> : Romain Texier" in table and "<b>A</b> : Manon Lestang" in table


def test_proposal_saved_attributed_and_listed_as_pending(demo_workshop):
    page = RaciProposalPage(_session(demo_workshop, PILOT))
    card = page.cards["ACN-20"]
    _choose(card, "TAC-067", "PER-20", "C", "Elle publie la lettre d'information.")
    assert card.warning.value == ""  # no rule broken: nothing to confirm
    rid = card.submit()
    rec = demo_workshop.store.get("raci", rid)
    assert (rec["status"], rec["proposed_by"], rec["created_by"], rec["letter"]) == ("proposée", PILOT, PILOT, "C")
    assert card.status.state == "ok" and "Proposition enregistrée" in card.status.value
    assert "Tableau de bord cartographique" in card.status.value and "TAC-" not in card.status.value
    # the form is cleared for the next proposal
    assert (card.task.value, card.person.value, card.letter.value, card.comment.value) == (None, None, None, "")
    listed = page.mine.children[0].children[0].value
    assert "Tableau de bord cartographique" in listed and "en attente" in listed
    assert "TAC-" not in listed and "PER-" not in listed.replace(f"data-id='{rid}'", "")
    assert "C" not in raci.matrix(demo_workshop.store.frames(), "ACN-20").get("PER-20", [])


def test_missing_choice_refused_and_nothing_written(demo_workshop):
    page = RaciProposalPage(_session(demo_workshop, PILOT))
    n = len(demo_workshop.store.history("raci"))
    card = page.cards["ACN-20"]
    _choose(card, "TAC-067", None, "R")
    assert card.submit() is None and card.status.state == "error" and P["missing"] in card.status.value
    assert len(demo_workshop.store.history("raci")) == n


def test_accepted_by_the_consultant_shows_as_accepted(demo_workshop):
    page = RaciProposalPage(_session(demo_workshop, PILOT))
    card = page.cards["ACN-20"]
    _choose(card, "TAC-067", "PER-20", "C")
    rid = card.submit()
    raci.accept(demo_workshop.store, rid, by="animateur")
    page.refresh_mine()
    assert "acceptée" in page.mine.children[0].children[0].value
    assert len(page.mine.children[0].children) == 1  # no withdraw button any more


def test_withdraw_from_the_page(demo_workshop):
    page = RaciProposalPage(_session(demo_workshop, PILOT))
    card = page.cards["ACN-20"]
    _choose(card, "TAC-067", "PER-13", "I")
    rid = card.submit()
    (row,) = [r for r in page.mine.children if f"data-id='{rid}'" in r.children[0].value]
    before = len(page.mine.children)
    row.children[1].click()
    assert not demo_workshop.store.exists("raci", rid)
    assert len(page.mine.children) == before - 1 and "retirée" in page.mine_status.value


def test_participant_without_action_is_told_so(demo_workshop):
    demo_workshop.store.insert("persons", {"id": "PER-99", "name": "Nouvelle venue", "organisation": "Commune",
                                           "role": "agent"}, by="animateur")
    page = RaciProposalPage(_session(demo_workshop, "PER-99"))
    assert page.cards == {} and html.escape(P["no_action"]) in page.children[1].value
    assert html.escape(P["mine_none"]) in page.mine.children[0].value


def test_board_section_lists_proposals_and_hides_names(demo_workshop):
    assert "raci" in {s.key for s in method.board_sections()}
    df = board_section(demo_workshop.store, hide_names=False)
    assert set(df["Tâche"]) == {"TAC-044", "TAC-066"}
    assert "Romain Texier" in set(df["Personne"]) and set(df["Suite"]) == {"en attente"}
    hidden = board_section(demo_workshop.store, hide_names=True)
    names = set(demo_workshop.store.frame("persons")["name"])
    assert not names & (set(hidden["Personne"]) | set(hidden["Proposé par"]))


def test_hostile_comment_and_names_are_escaped(demo_workshop):
    demo_workshop.store.update("persons", "PER-13", {"name": "<img src=x onerror=alert(1)>"}, by="test")
    page = RaciProposalPage(_session(demo_workshop, PILOT))
    card = page.cards["ACN-20"]
    _choose(card, "TAC-067", "PER-13", "I")  # (she is already C there)
    card.submit()
    shown = page.mine.children[0].children[0].value + card.status.value
    assert "<img" not in shown and "&lt;img" in shown


def test_facilitator_gets_the_matrix_editor_full_width(demo_workshop):
    from toolkit.widgets.raci_proposals import raci_page

    token = demo_workshop.store.facilitator_token()
    session = open_page("raci", query=f"jeton={token}", workshop=demo_workshop, show=False)
    page = raci_page(session)
    assert "maillage-wide" in page._dom_classes
    grids = [w for w in page.children if hasattr(w, "children") and any(
        getattr(c, "layout", None) is not None and c.__class__.__name__ == "GridBox" for c in w.children)]
    assert grids, "the matrix editor is on the facilitator's page"


def test_rule_broken_said_at_once_then_confirmed_or_changed(demo_workshop):
    """A second A on a task that has one, or a letter the person already holds: the page
    says so as soon as it is chosen, names people and tasks (no identifier), and proposes
    only once confirmed for that very choice; changing the choice takes the warning away."""
    page = RaciProposalPage(_session(demo_workshop, PILOT))
    card = page.cards["ACN-20"]
    n = len(demo_workshop.store.history("raci"))
    _choose(card, "TAC-067", "PER-13", "C")  # Julie Besnard is already C there
    assert "Julie Besnard est déjà C" in card.warning.value and "TAC-" not in card.warning.value
    assert card.confirm.layout.display == "flex"
    assert card.submit() is None and card.status.state == "error"
    assert len(demo_workshop.store.history("raci")) == n
    card.letter.value = "I"  # changed: nothing broken any more
    assert card.warning.value == "" and card.confirm.layout.display == "none"

    a_holder = [r for r in demo_workshop.store.all("raci", task_id="TAC-066") if r["letter"] == "A"
                and r["status"] == "validée"][0]["person_id"]
    _choose(card, "TAC-066", "PER-20", "A")  # a second A
    name = demo_workshop.store.get("persons", a_holder)["name"]
    assert "a déjà un A" in card.warning.value and name in card.warning.value
    assert card.submit() is None
    assert len(demo_workshop.store.history("raci")) == n
    rid = card.submit(confirmed=True)  # « Proposer quand même », shown with the warning
    assert demo_workshop.store.get("raci", rid)["letter"] == "A"
    assert card.letter.value is None and card.warning.value == ""


def test_double_tap_proposes_once_and_says_it_once_more(demo_workshop):
    page = RaciProposalPage(_session(demo_workshop, PILOT))
    card = page.cards["ACN-20"]
    _choose(card, "TAC-067", "PER-20", "I")
    rid = card.submit()
    again = card.submit()  # the second tap of a double tap, on the cleared form
    assert again == rid and card.status.state == "ok" and "Proposition enregistrée" in card.status.value
