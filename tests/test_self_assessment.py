"""The self-assessment page (widgets, without a browser) and its board section."""
from __future__ import annotations

import html

from toolkit import method
from toolkit import competences as C
from toolkit.core import labels as L
from toolkit import steps
from toolkit.core.formats import plain
from toolkit.widgets import board as board_mod
from toolkit.widgets.self_assessment import BoardPanel, SelfAssessmentPage, board_section, scale_points
from toolkit.widgets.session import open_page

NEWCOMER = "PER-27"  # no self-assessment in the demo
OTHER = "PER-19"  # neither


def _session(ws, pid):
    steps.set_open(ws.store, "competences", True, by="animateur")
    token = ws.store.get("persons", pid)["token"]
    return open_page("competences", query=f"jeton={token}", workshop=ws, show=False)


def _rate(card, s, v, p):
    card.inputs["savoir"].value = s
    card.inputs["vouloir"].value = v
    card.inputs["pouvoir"].value = p


def _mine(ws, pid):
    return [r for r in ws.store.all("assessments", person_id=pid) if r["source"] == C.SOURCE_SELF]


def test_closed_step_refuses_the_page(demo_workshop):
    token = demo_workshop.store.get("persons", NEWCOMER)["token"]
    assert open_page("competences", query=f"jeton={token}", workshop=demo_workshop, show=False) is None


def test_cards_grouped_by_family_with_labelled_scales(demo_workshop):
    page = SelfAssessmentPage(_session(demo_workshop, NEWCOMER))
    assert len(page.cards) == demo_workshop.store.count("competences")
    card = page.cards["CMP-09"]
    # one button per level (one tap per answer), each level's meaning written above them
    assert [o[1] for o in card.inputs["pouvoir"].options] == [0, 1, 2, 3, 4]
    assert card.inputs["pouvoir"].tooltips == L.SCALES["pouvoir"]
    assert all(f"{i} {w}" in card.inputs["pouvoir"].description for i, w in enumerate(L.SCALES["pouvoir"]))
    assert all(w.value is None and w.index is None for w in card.inputs.values())  # nothing chosen yet
    assert scale_points("savoir")[0] == ("0", 0)
    families = [c.competence_id for c in page.cards.values()]
    assert families.index("CMP-10") < families.index("CMP-08")  # Alimentation before Commerce


def test_saved_once_the_three_levels_are_chosen(demo_workshop):
    page = SelfAssessmentPage(_session(demo_workshop, NEWCOMER))
    card = page.cards["CMP-08"]
    card.inputs["savoir"].value = 3
    card.inputs["vouloir"].value = 4
    assert _mine(demo_workshop, NEWCOMER) == []
    assert card.status.state == "busy" and "Pouvoir agir" in card.status.value
    card.inputs["pouvoir"].value = 1
    rows = _mine(demo_workshop, NEWCOMER)
    assert [(r["competence_id"], r["savoir"], r["vouloir"], r["pouvoir"], r["created_by"]) for r in rows] == [
        ("CMP-08", 3, 4, 1, NEWCOMER)]
    assert card.status.state == "ok" and "Enregistré" in card.status.value
    assert "reste 17" in page.progress.value and "sur 18" in page.progress.value


def test_changed_later_keeps_history(demo_workshop):
    page = SelfAssessmentPage(_session(demo_workshop, NEWCOMER))
    _rate(page.cards["CMP-08"], 3, 4, 1)
    page.cards["CMP-08"].comment.value = "Ancienne commerçante"
    again = SelfAssessmentPage(_session(demo_workshop, NEWCOMER))  # the link reopened
    card = again.cards["CMP-08"]
    assert [card.inputs[d].value for d in C.DIMENSIONS] == [3, 4, 1]
    assert card.comment.value == "Ancienne commerçante"
    card.inputs["pouvoir"].value = 2
    rows = _mine(demo_workshop, NEWCOMER)
    assert len(rows) == 1 and rows[0]["pouvoir"] == 2
    history = demo_workshop.store.history("assessments", rows[0]["id"])
    assert [h["op"] for h in history] == ["insert", "update", "update"]
    assert history[-1]["old"] == {"pouvoir": 1} and history[-1]["new"] == {"pouvoir": 2}


def test_unsetting_a_level_keeps_the_saved_answer(demo_workshop):
    page = SelfAssessmentPage(_session(demo_workshop, NEWCOMER))
    card = page.cards["CMP-01"]
    _rate(card, 2, 2, 2)
    card.inputs["savoir"].value = None
    assert card.status.state == "error"
    assert _mine(demo_workshop, NEWCOMER)[0]["savoir"] == 2


def test_stale_page_is_told_to_reload(demo_workshop):
    first = SelfAssessmentPage(_session(demo_workshop, NEWCOMER))
    _rate(first.cards["CMP-01"], 2, 2, 2)
    second = SelfAssessmentPage(_session(demo_workshop, NEWCOMER))  # a second tab
    second.cards["CMP-01"].inputs["savoir"].value = 3
    first.cards["CMP-01"].inputs["savoir"].value = 1  # the first tab is behind
    assert first.cards["CMP-01"].status.state == "error" and "rechargez" in first.cards["CMP-01"].status.value
    assert _mine(demo_workshop, NEWCOMER)[0]["savoir"] == 3


def test_two_tabs_do_not_duplicate_an_answer(demo_workshop):
    first = SelfAssessmentPage(_session(demo_workshop, NEWCOMER))
    second = SelfAssessmentPage(_session(demo_workshop, NEWCOMER))
    _rate(first.cards["CMP-02"], 1, 1, 1)
    _rate(second.cards["CMP-02"], 2, 2, 2)
    rows = [r for r in _mine(demo_workshop, NEWCOMER) if r["competence_id"] == "CMP-02"]
    assert len(rows) == 1 and rows[0]["savoir"] == 2


def test_capacity_days_saved_and_bad_value_refused(demo_workshop):
    page = SelfAssessmentPage(_session(demo_workshop, NEWCOMER))
    page.days.value = "2,5"
    assert demo_workshop.store.get("persons", NEWCOMER)["capacity_days"] == 2.5
    assert page.days_status.state == "ok"
    page.days.value = "trente"
    assert page.days_status.state == "error" and "entre 0 et 23" in page.days_status.value
    assert page.days.value == "trente"  # what was typed stays
    assert demo_workshop.store.get("persons", NEWCOMER)["capacity_days"] == 2.5


def test_another_person_sees_only_their_own_answers(demo_workshop):
    page = SelfAssessmentPage(_session(demo_workshop, NEWCOMER))
    _rate(page.cards["CMP-08"], 3, 4, 1)
    page.cards["CMP-08"].comment.value = "secret"
    other = SelfAssessmentPage(_session(demo_workshop, OTHER))
    assert all(w.value is None for w in other.cards["CMP-08"].inputs.values())
    assert other.cards["CMP-08"].comment.value == ""
    # and the demo's PER-02, who did self-assess, finds hers and not the consultant's reading
    lea = SelfAssessmentPage(_session(demo_workshop, "PER-02"))
    assert lea.cards["CMP-01"].inputs["pouvoir"].value == 1  # self: 3/4/1 (the consultant said 0)


def test_consultant_reading_is_untouched(demo_workshop):
    lea = SelfAssessmentPage(_session(demo_workshop, "PER-02"))
    lea.cards["CMP-01"].inputs["pouvoir"].value = 2
    rows = demo_workshop.store.all("assessments", person_id="PER-02", competence_id="CMP-01")
    assert sorted((r["source"], r["pouvoir"]) for r in rows) == [("auto-évaluation", 2), ("consultant", 0)]


def test_completing_shows_in_the_consultant_matrix(demo_workshop):
    page = SelfAssessmentPage(_session(demo_workshop, NEWCOMER))
    for i, card in enumerate(page.cards.values()):
        _rate(card, i % 5, 4, 3)
    assert L.SELF_ASSESSMENT["progress_done"].format(total=18) in page.progress.value
    f = demo_workshop.store.frames()
    m = C.matrix(f["assessments"], "savoir", f["persons"], f["competences"])
    assert m.loc[NEWCOMER].notna().all()
    assert C.self_assessment_progress(f["assessments"], f["persons"], f["competences"]).loc[NEWCOMER, "complete"]


def test_board_counts_without_answers_until_asked(demo_workshop):
    page = SelfAssessmentPage(_session(demo_workshop, NEWCOMER))
    _rate(page.cards["CMP-08"], 3, 4, 1)
    page.cards["CMP-08"].comment.value = "commentaire privé"
    panel = board_section(demo_workshop.store, False)
    assert isinstance(panel, BoardPanel) and board_section(demo_workshop.store, True) is panel
    assert "0 auto-évaluation terminée, 29 commencées, sur 30 personnes" in plain(panel.summary.value)
    assert panel.completed.value == f"<p>{html.escape(L.SELF_ASSESSMENT['board_nobody'])}</p>"
    assert panel.people.value == "" and panel.answers.value == ""  # nothing more until asked
    panel.show_answers.value = True
    alias = board_mod.person_label(demo_workshop.store, True)[NEWCOMER]  # keyed, not PER-27's row number
    assert alias in panel.people.value and "Martine" not in panel.people.value  # names hidden
    assert "1 / 18" in panel.people.value and "commentaire privé" not in panel.people.value
    assert "Commerce de centre-ville" in panel.answers.value and "commentaire privé" not in panel.answers.value
    assert alias not in panel.answers.value


def test_board_names_who_has_completed(demo_workshop):
    page = SelfAssessmentPage(_session(demo_workshop, NEWCOMER))
    for card in page.cards.values():
        _rate(card, 1, 1, 1)
    panel = board_section(demo_workshop.store, False)
    assert "1 auto-évaluation terminée" in plain(panel.summary.value)
    assert panel.completed.value == "<p>Terminée par : Martine Guérin.</p>"
    alias = board_mod.person_label(demo_workshop.store, True)[NEWCOMER]
    assert f"Terminée par : {alias}." in board_section(demo_workshop.store, True).completed.value


def test_board_discovers_the_section(demo_workshop):
    sections = {s.key for s in method.board_sections()}
    assert "auto_evaluation" in sections


def test_facilitator_sees_a_note_not_a_form(demo_workshop):
    from toolkit.widgets.self_assessment import self_assessment_page

    session = open_page("competences", query=f"jeton={demo_workshop.store.facilitator_token()}",
                        workshop=demo_workshop, show=False)
    box = self_assessment_page(session)
    assert not any(isinstance(w, SelfAssessmentPage) for w in box.children)
