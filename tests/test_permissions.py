"""One permission path (issue 15 §3), as a table: role × kind × operation → allowed, or
refused with its French message and nothing changed. Each row runs through the pages'
guard (``access.Guard``); the action sheets' write functions give the same answers
(``toolkit.actions``), and a person named to edit every sheet does so with their own link
(issue 19 §4). The other write functions — RACI proposals, project reviews, merges and
undos, the consultant's reading widget — answer as the table does too (``FUNCTION_TABLE``)."""
from __future__ import annotations

import datetime as dt
from typing import Any, Callable

import pytest

from toolkit import actions as A
from toolkit.access import Access, Guard
from toolkit.core import permissions as P
from toolkit.core.errors import AccessDenied
from toolkit.core.workshop import Workshop

TODAY = dt.date(2026, 11, 23)
PDF = b"%PDF-1.4\n" + b"0" * 100

#: Who, on the demo workshop: PER-17 pilots nothing; PER-04 pilots ACN-01; PER-07 pilots
#: ACN-17, whose sub-action ACN-20 is piloted by PER-10; PER-16 edits every sheet.
WHO: dict[str, str | None] = {"facilitator": None, "consultant": None, "participant": "PER-17",
                              "pilot": "PER-04", "parent_pilot": "PER-07", "sheet_editor": "PER-16"}


def actor(ws: Workshop, who: str) -> P.Actor:
    if who == "facilitator":
        return Access("facilitator")
    if who == "consultant":
        return P.Actor.for_consultant("Claire (consultante)")
    return P.Actor.for_person(ws.store.get("persons", WHO[who]))


ACTOR = {"name": "Club de foot", "category": "association", "power": 1, "interest": 2}
TASK = {"action_id": "ACN-01", "name": "x", "load_days": 1, "start_month": "2026-10", "end_month": "2026-10"}
ENTRY = {"date": "2026-11-20", "text": "Point d'étape"}
REFUSED_OWN = "appartient à une autre personne"

# (who, kind, operation, record id (update/delete), data, None if allowed else the message)
TABLE: list[tuple[str, str, str, str | None, dict[str, Any], str | None]] = [
    # a participant's own profile, and nobody else's
    ("participant", "persons", P.UPDATE, "PER-17", {"function": "Président"}, None),
    ("participant", "persons", P.UPDATE, "PER-17", {"role": "agent"},
     "Vous ne pouvez pas modifier : Rôle dans le projet (Personnes). Vous pouvez modifier : Fonction, "
     "Capacité (jours/mois)"),
    ("participant", "persons", P.UPDATE, "PER-17", {"edits_all_sheets": True},
     "Vous ne pouvez pas modifier : Modifie toutes les fiches actions (Personnes)"),
    ("participant", "persons", P.UPDATE, "PER-05", {"function": "x"}, REFUSED_OWN),
    ("participant", "persons", P.INSERT, None, {"name": "X", "organisation": "Y", "role": "agent"},
     "Vous ne pouvez pas modifier « Personnes » depuis cette page."),
    ("participant", "persons", P.DELETE, "PER-17", {}, "Vous ne pouvez pas modifier « Personnes » depuis cette page."),
    # private self-assessments, forced to their author
    ("participant", "assessments", P.INSERT, None,
     {"competence_id": "CMP-01", "savoir": 2, "vouloir": 3, "pouvoir": 1}, None),
    ("participant", "assessments", P.INSERT, None,
     {"person_id": "PER-09", "competence_id": "CMP-01", "savoir": 2, "vouloir": 3, "pouvoir": 1},
     "Le champ « Personne » doit vous désigner vous-même (Évaluations)"),
    # the stakeholders' map: anyone adds, only its author changes
    ("participant", "actors", P.INSERT, None, ACTOR, None),
    ("participant", "actors", P.UPDATE, "ACT-01", {"power": 0}, REFUSED_OWN),
    ("participant", "actors", P.INSERT, None, {**ACTOR, "mobilised": True},
     "Vous ne pouvez pas modifier : Mobilisé (Acteurs)"),
    # RACI proposals: on a task of one of their actions (PER-17 holds a letter in ACN-02)
    ("participant", "raci", P.INSERT, None, {"task_id": "TAC-005", "person_id": "PER-17", "letter": "I"}, None),
    ("participant", "raci", P.INSERT, None, {"task_id": "TAC-023", "person_id": "PER-17", "letter": "I"},
     "La tâche TAC-023 ne relève d'aucune de vos actions"),
    ("pilot", "raci", P.INSERT, None, {"task_id": "TAC-001", "person_id": "PER-04", "letter": "C",
                                       "status": "validée"}, None),  # forced back to « proposée »
    # what no participant writes
    ("participant", "tasks", P.INSERT, None, TASK, "Vous ne pouvez pas modifier « Tâches » depuis cette page."),
    ("pilot", "tasks", P.INSERT, None, TASK, "Vous ne pouvez pas modifier « Tâches » depuis cette page."),
    ("sheet_editor", "competences", P.INSERT, None, {"name": "x", "family": "y"},
     "Vous ne pouvez pas modifier « Compétences » depuis cette page."),
    # action sheets: the pilot, the pilot of an action above, the named editors
    ("pilot", "actions", P.UPDATE, "ACN-01", {"state": "en pause"}, None),
    ("pilot", "actions", P.UPDATE, "ACN-01", {"completion": 50, "pilot_id": "PER-10"},
     "Vous ne pouvez pas modifier : Pilote (Actions). Vous pouvez modifier : État, Avancement (%)"),
    ("pilot", "actions", P.UPDATE, "ACN-01", {"priority": "faible"}, "Vous ne pouvez pas modifier : Priorité (Actions)"),
    ("pilot", "actions", P.UPDATE, "ACN-02", {"state": "en pause"},
     "Vous ne pouvez pas modifier la fiche « Foncière de redynamisation commerciale"),
    ("pilot", "actions", P.DELETE, "ACN-01", {}, "Vous ne pouvez pas modifier « Actions » depuis cette page."),
    ("parent_pilot", "actions", P.UPDATE, "ACN-20", {"completion": 5}, None),
    ("parent_pilot", "actions", P.UPDATE, "ACN-19", {"completion": 5}, "la fiche « Plan de financement pluriannuel"),
    ("sheet_editor", "actions", P.UPDATE, "ACN-01", {"state": "bloquée", "completion": 35}, None),
    ("sheet_editor", "actions", P.UPDATE, "ACN-09", {"description": "Relance de la recherche de pilote"}, None),
    ("sheet_editor", "actions", P.UPDATE, "ACN-01", {"pilot_id": "PER-16"}, "Vous ne pouvez pas modifier : Pilote"),
    ("sheet_editor", "actions", P.INSERT, None, {"axis_id": "AXE-1", "name": "Nouvelle action"},
     "Vous ne pouvez pas modifier « Actions » depuis cette page."),
    ("participant", "actions", P.UPDATE, "ACN-01", {"state": "abandonnée"},
     "Vous ne pouvez pas modifier la fiche « Boutique à l'essai rue Nationale » : seuls son pilote"),
    ("pilot", "journal", P.INSERT, None, {"action_id": "ACN-01", **ENTRY}, None),
    ("sheet_editor", "journal", P.INSERT, None, {"action_id": "ACN-12", **ENTRY}, None),
    ("participant", "journal", P.INSERT, None, {"action_id": "ACN-01", **ENTRY}, "la fiche « Boutique à l'essai"),
    ("pilot", "journal", P.UPDATE, "JRN-001", {"text": "réécrit"},  # the journal keeps what was written
     "Sur la fiche « Boutique à l'essai rue Nationale », « Journal des actions » est réservé à l'animateur"),
    ("pilot", "action_steps", P.INSERT, None, {"action_id": "ACN-01", "name": "Inauguration"}, None),
    ("pilot", "action_steps", P.UPDATE, "ETP-06", {"done": True, "done_date": "2026-11-20"}, None),
    ("pilot", "action_steps", P.UPDATE, "ETP-06", {"action_id": "ACN-02"},
     "Vous ne pouvez pas modifier : Action (Étapes des actions)"),
    ("sheet_editor", "action_steps", P.DELETE, "ETP-04", {}, None),
    ("participant", "action_steps", P.DELETE, "ETP-06", {}, "la fiche « Boutique à l'essai"),
    ("pilot", "fundings", P.UPDATE, "FIN-01", {"amount": 25000}, None),
    ("pilot", "fundings", P.DELETE, "FIN-03", {}, "la fiche « Foncière de redynamisation"),
    ("sheet_editor", "fundings", P.INSERT, None, {"action_id": "ACN-02", "actor_id": "ACT-28", "amount": 5000}, None),
    ("pilot", "budget_lines", P.INSERT, None, {"action_id": "ACN-01", "year": 2027, "nature": "investissement",
                                              "amount": 1000},
     "Sur la fiche « Boutique à l'essai rue Nationale », « Budget par année » est réservé à l'animateur"),
    ("sheet_editor", "budget_lines", P.INSERT, None, {"action_id": "ACN-01", "year": 2027,
                                                      "nature": "investissement", "amount": 1000},
     "« Budget par année » est réservé à l'animateur"),
    ("participant", "budget_lines", P.INSERT, None, {"action_id": "ACN-01", "year": 2027,
                                                     "nature": "investissement", "amount": 1000},
     "Vous ne pouvez pas modifier « Budget par année » depuis cette page."),
    # the facilitator (a page) and the consultant (a carnet) write everything
    ("facilitator", "actions", P.UPDATE, "ACN-01", {"pilot_id": "PER-10", "priority": "élevée"}, None),
    ("facilitator", "budget_lines", P.INSERT, None, {"action_id": "ACN-01", "year": 2027,
                                                     "nature": "investissement", "amount": 1000}, None),
    ("facilitator", "persons", P.UPDATE, "PER-13", {"edits_all_sheets": True}, None),
    ("consultant", "tasks", P.INSERT, None, TASK, None),
    ("consultant", "journal", P.DELETE, "JRN-003", {}, None),
]


def _snapshot(ws: Workshop, kind: str) -> tuple[Any, int]:
    return ws.store.frame(kind, system=True).to_dict("records"), len(ws.store.history())


def _write(guard: Guard, kind: str, operation: str, record_id: str | None, data: dict[str, Any]) -> Any:
    if operation == P.INSERT:
        return guard.insert(kind, data)
    if operation == P.UPDATE:
        return guard.update(kind, record_id, data)
    return guard.delete(kind, record_id)


@pytest.mark.parametrize("who, kind, operation, record_id, data, refused", TABLE,
                         ids=[f"{w}-{k}-{o}-{r or 'new'}-{i}" for i, (w, k, o, r, _d, _m) in enumerate(TABLE)])
def test_rights_table(demo_workshop: Workshop, who: str, kind: str, operation: str, record_id: str | None,
                      data: dict[str, Any], refused: str | None) -> None:
    ws = demo_workshop
    guard = Guard(ws.store, actor(ws, who))
    record = ws.store.get(kind, record_id) if record_id else None
    assert P.allowed(ws.store, guard.access, operation, kind, data, record=record) is (refused is None)
    before = _snapshot(ws, kind)
    if refused is None:
        result = _write(guard, kind, operation, record_id, data)
        assert _snapshot(ws, kind) != before
        last = ws.store.history()[-1]
        assert last["by"] == guard.access.by and last["op"] == operation
        if operation == P.INSERT and who not in ("facilitator", "consultant"):
            stored = ws.store.get(kind, result)
            for name, value in P.check(ws.store, guard.access, operation, kind, data).items():
                if name in ("person_id", "author", "proposed_by"):  # forced to the writer
                    assert stored[name] == value == WHO[who]
        return
    with pytest.raises(AccessDenied) as err:
        _write(guard, kind, operation, record_id, data)
    assert refused in str(err.value)
    assert _snapshot(ws, kind) == before  # nothing written, not even history


def test_every_rule_names_a_kind_role_and_operations_that_exist() -> None:
    from toolkit.core import model

    for rule in P.RULES:
        assert rule.kind == P.ANY_KIND or rule.kind in model.KINDS
        assert rule.role in P.ROLES and set(rule.operations) <= set(P.OPERATIONS)
        k = model.KINDS.get(rule.kind)
        for name in (rule.fields or ()) + tuple(n for n, _v in rule.forced):
            assert k is not None and k.has(name) and not k.field(name).system, (rule, name)
    for kind in model.KINDS.values():  # a private kind is always written as its owner's
        if kind.private_owner:
            assert P.rules_for(kind.name, P.INSERT)[-1].forced


# --- the action sheets' functions give the table's answers ------------------------------------

SHEET_WRITES: dict[str, tuple[str, str, Callable[[Workshop, P.Actor], Any], dict[str, Any]]] = {
    # name: (kind, operation, the write through toolkit.actions, the same write as the table sees it)
    "update_sheet": ("actions", P.UPDATE,
                     lambda ws, e: A.update_sheet(ws.store, "ACN-01", {"state": "en pause"}, e), {"state": "en pause"}),
    "priority": ("actions", P.UPDATE,
                 lambda ws, e: A.update_sheet(ws.store, "ACN-01", {"priority": "faible"}, e), {"priority": "faible"}),
    "journal": ("journal", P.INSERT, lambda ws, e: A.add_journal_entry(ws.store, "ACN-01", "Bail signé.", e,
                                                                        today=TODAY), {"action_id": "ACN-01"}),
    "step": ("action_steps", P.INSERT, lambda ws, e: A.add_step(ws.store, "ACN-01", "Inauguration", e),
             {"action_id": "ACN-01", "name": "Inauguration"}),
    "tick": ("action_steps", P.UPDATE, lambda ws, e: A.check_step(ws.store, "ETP-06", e, today=TODAY),
             {"done": True, "done_date": TODAY}),
    "funding": ("fundings", P.UPDATE, lambda ws, e: A.set_funding(ws.store, "ACN-01", "ACT-30", 25000, e),
                {"amount": 25000}),
    "budget_line": ("budget_lines", P.INSERT,
                    lambda ws, e: A.set_budget_line(ws.store, "ACN-01", 2027, "investissement", 1000, e),
                    {"action_id": "ACN-01", "year": 2027, "nature": "investissement", "amount": 1000}),
    "attachment": ("attachments", P.INSERT, lambda ws, e: A.add_attachment(ws, "ACN-01", "cr.pdf", PDF, e),
                   {"action_id": "ACN-01", "filename": "cr.pdf"}),
    "reattach": ("actions", P.UPDATE, lambda ws, e: A.reattach(ws.store, "ACN-01", "ACN-17", e, today=TODAY),
                 {"parent_id": "ACN-17"}),
}
_RECORDS = {"update_sheet": ("actions", "ACN-01"), "priority": ("actions", "ACN-01"), "tick": ("action_steps", "ETP-06"),
            "funding": ("fundings", "FIN-01"), "reattach": ("actions", "ACN-01")}


@pytest.mark.parametrize("write", list(SHEET_WRITES))
@pytest.mark.parametrize("who", ["facilitator", "consultant", "participant", "pilot", "sheet_editor"])
def test_sheet_functions_follow_the_same_rules(demo_workshop: Workshop, who: str, write: str) -> None:
    ws = demo_workshop
    kind, operation, run, data = SHEET_WRITES[write]
    editor = actor(ws, who)
    record = ws.store.get(*_RECORDS[write]) if write in _RECORDS else None
    expected = P.allowed(ws.store, editor, operation, kind, data, record=record)
    assert expected is (who not in ("participant",) and (who in ("facilitator", "consultant")
                                                         or write not in ("priority", "budget_line", "reattach")))
    before = len(ws.store.history())
    if expected:
        run(ws, editor)
        assert ws.store.history()[-1]["by"] == editor.by
    else:
        with pytest.raises(AccessDenied):
            run(ws, editor)
        assert len(ws.store.history()) == before


def test_a_named_editor_writes_by_her_name_and_loses_the_right_at_once(demo_workshop: Workshop) -> None:
    from toolkit.widgets.history import history_frame

    ws = demo_workshop
    token = ws.store.get("persons", "PER-16")["token"]
    from toolkit.access import identify

    page = Guard(ws.store, identify(ws.store, token), token=token)
    A.update_sheet(ws.store, "ACN-02", {"completion": 15}, page.writer())  # not her action
    last = ws.store.history("actions", "ACN-02")[-1]
    assert last["by"] == "PER-16" and last["by"] != "animateur"
    assert history_frame(ws.store, "actions", "ACN-02").iloc[-1]["by"] == "Laëtitia Bodin"
    # the consultant takes the right back: her next write is refused, the page still open
    Guard(ws.store, Access("facilitator")).update("persons", "PER-16", {"edits_all_sheets": False})
    with pytest.raises(AccessDenied, match="Foncière de redynamisation"):
        A.update_sheet(ws.store, "ACN-02", {"completion": 20}, page.writer())
    assert ws.store.get("actions", "ACN-02")["completion"] == 15


def test_the_member_rule_lists_the_actions_the_raci_page_offers(demo_workshop: Workshop) -> None:
    """The right to propose (``permissions.actions_of_person``, read in the write's
    transaction) and the actions the RACI page shows (``raci.actions_of_person``) agree."""
    from toolkit import raci

    store = demo_workshop.store
    frames = store.frames()
    for person in store.all("persons"):
        assert P.actions_of_person(store, person["id"]) == set(raci.actions_of_person(frames, person["id"]))
    assert P.actions_of_person(store, "PER-05") == {"ACN-12", "ACN-16"}


# --- the write functions outside the guard give the table's answers too -----------------------

def _propose(task: str, person: str, letter: str) -> Callable[[Workshop, P.Actor, Any], Any]:
    from toolkit import raci

    def propose(ws: Workshop, a: P.Actor, _ctx: Any) -> Any:
        return raci.propose(ws.store, task, person, letter, proposer_id=a.person_id)

    return propose


def _set_letter(task: str, person: str, letter: str | None) -> Callable[[Workshop, P.Actor, Any], Any]:
    from toolkit import raci

    def set_letter(ws: Workshop, a: P.Actor, _ctx: Any) -> Any:
        return raci.set_letter(ws.store, task, person, letter, by=a)

    return set_letter


def _decide(raci_id: str, accept: bool) -> Callable[[Workshop, P.Actor, Any], Any]:
    from toolkit import raci

    def decide(ws: Workshop, a: P.Actor, _ctx: Any) -> Any:
        return (raci.accept if accept else raci.reject)(ws.store, raci_id, by=a)

    decide.__name__ = "accept" if accept else "reject"
    return decide


def _review(ws: Workshop, a: P.Actor, _ctx: Any) -> Any:
    from toolkit import review

    return review.record_review(ws.store, TODAY, ["PER-04"], [], "Mise en pause de la boutique.",
                                [{"action_id": "ACN-01", "state": "en pause"}], by=a)


def _reviews(ws: Workshop, a: P.Actor, _ctx: Any) -> Any:
    from toolkit import review

    return review.record_reviews(ws.store, [{"date": TODAY, "present": ["PER-04"], "decisions": "Rien."}], by=a)


def _merge(ws: Workshop, a: P.Actor, _ctx: Any) -> Any:
    from toolkit import changes

    return changes.merge_records(ws.store, "actors", "ACT-01", "ACT-02", by=a)


def _undo(ws: Workshop, a: P.Actor, seq: int) -> Any:
    from toolkit import changes

    return changes.undo_change(ws.store, seq, by=a)


def _undo_merge(ws: Workshop, a: P.Actor, label: str) -> Any:
    from toolkit import changes

    return changes.undo_merge(ws.store, label, by=a)


def _reading(ws: Workshop, a: P.Actor, _ctx: Any) -> Any:
    """The consultant's reading widget, held by ``a``: it shows a refusal instead of raising."""
    from toolkit.widgets.consultant_reading import ConsultantReading

    reading = ConsultantReading(ws.store, by=a)
    reading.person.value = "PER-02"
    reading.set(next(iter(reading.rows)), savoir=2, vouloir=3, pouvoir=1)
    if not reading.save():
        raise AccessDenied(reading.message.value)


def _consultant_change(ws: Workshop) -> int:
    ws.store.update("actors", "ACT-01", {"power": 1}, by="consultant")
    return ws.store.history("actors", "ACT-01")[-1]["seq"]


def _own_actor(ws: Workshop) -> int:  # PER-17 adds an actor from the stakeholders' page
    rid = Guard(ws.store, P.Actor.for_person(ws.store.get("persons", "PER-17"))).insert("actors", ACTOR)
    return ws.store.history("actors", rid)[-1]["seq"]


def _a_merge(ws: Workshop) -> str:
    from toolkit import changes

    return changes.merge_records(ws.store, "actors", "ACT-01", "ACT-02", by="consultant")


REVIEWS = "Vous ne pouvez pas modifier « Revues de projet » depuis cette page."
# (who, the write, what it sets up first, the table's question (operation, kind, data, record id or
#  None), None if allowed else the message)
FUNCTION_TABLE: list[tuple[str, Callable[..., Any], Callable[[Workshop], Any] | None,
                           tuple[str, str, dict[str, Any], str | None], str | None]] = [
    # raci.propose: the member rule (a task of one of my actions), always « proposée »
    ("participant", _propose("TAC-005", "PER-17", "I"), None,
     (P.INSERT, "raci", {"task_id": "TAC-005", "person_id": "PER-17", "letter": "I"}, None), None),
    ("participant", _propose("TAC-023", "PER-17", "R"), None,
     (P.INSERT, "raci", {"task_id": "TAC-023", "person_id": "PER-17", "letter": "R"}, None),
     "La tâche TAC-023 ne relève d'aucune de vos actions"),
    ("pilot", _propose("TAC-001", "PER-10", "C"), None,
     (P.INSERT, "raci", {"task_id": "TAC-001", "person_id": "PER-10", "letter": "C"}, None), None),
    ("pilot", _propose("TAC-023", "PER-10", "C"), None,
     (P.INSERT, "raci", {"task_id": "TAC-023", "person_id": "PER-10", "letter": "C"}, None),
     "La tâche TAC-023 ne relève d'aucune de vos actions"),
    # the matrix itself (carnet 04, the RACI page): the consultant's and the facilitator's decisions
    ("consultant", _set_letter("TAC-023", "PER-17", "R"), None,
     (P.INSERT, "raci", {"task_id": "TAC-023", "person_id": "PER-17", "letter": "R", "status": "validée"}, None),
     None),
    ("facilitator", _set_letter("TAC-005", "PER-10", "A"), None, (P.UPDATE, "raci", {"letter": "A"}, "RAC-018"),
     None),
    ("consultant", _set_letter("TAC-005", "PER-10", None), None, (P.DELETE, "raci", {}, "RAC-018"), None),
    ("participant", _set_letter("TAC-023", "PER-17", "R"), None,
     (P.INSERT, "raci", {"task_id": "TAC-023", "person_id": "PER-17", "letter": "R", "status": "validée"}, None),
     "La tâche TAC-023 ne relève d'aucune de vos actions"),
    ("pilot", _set_letter("TAC-005", "PER-10", None), None, (P.DELETE, "raci", {}, "RAC-018"), REFUSED_OWN),
    ("participant", _set_letter("TAC-005", "PER-10", "C"), None, (P.UPDATE, "raci", {"letter": "C"}, "RAC-018"),
     REFUSED_OWN),
    ("consultant", _decide("RAC-259", True), None, (P.UPDATE, "raci", {"status": "validée"}, "RAC-259"), None),
    ("facilitator", _decide("RAC-259", True), None, (P.UPDATE, "raci", {"status": "validée"}, "RAC-259"), None),
    ("participant", _decide("RAC-259", True), None, (P.UPDATE, "raci", {"status": "validée"}, "RAC-259"),
     REFUSED_OWN),
    ("consultant", _decide("RAC-258", False), None, (P.UPDATE, "raci", {"status": "rejetée"}, "RAC-258"), None),
    ("facilitator", _decide("RAC-258", False), None, (P.UPDATE, "raci", {"status": "rejetée"}, "RAC-258"), None),
    ("sheet_editor", _decide("RAC-258", False), None, (P.UPDATE, "raci", {"status": "rejetée"}, "RAC-258"),
     REFUSED_OWN),
    # a project review: the consultant's (a carnet) or the facilitator's (a page), nobody else's
    ("consultant", _review, None, (P.INSERT, "reviews", {}, None), None),
    ("facilitator", _review, None, (P.INSERT, "reviews", {}, None), None),
    ("pilot", _review, None, (P.INSERT, "reviews", {}, None), REVIEWS),  # even on a sheet of theirs
    ("sheet_editor", _review, None, (P.INSERT, "reviews", {}, None), REVIEWS),
    ("consultant", _reviews, None, (P.INSERT, "reviews", {}, None), None),
    ("participant", _reviews, None, (P.INSERT, "reviews", {}, None), REVIEWS),
    # merging two records, undoing a change or a merge
    ("consultant", _merge, None, (P.DELETE, "actors", {}, "ACT-02"), None),
    ("participant", _merge, None, (P.DELETE, "actors", {}, "ACT-02"), "Cet enregistrement (Acteurs) appartient"),
    ("consultant", _undo, _consultant_change, (P.UPDATE, "actors", {"power": 0}, "ACT-01"), None),
    ("participant", _undo, _consultant_change, (P.UPDATE, "actors", {"power": 0}, "ACT-01"),
     "Cet enregistrement (Acteurs) appartient"),
    ("participant", _undo, _own_actor, (P.DELETE, "actors", {}, None), None),  # their own addition: theirs to undo
    ("consultant", _undo_merge, _a_merge, (P.INSERT, "actors", {"id": "ACT-02", "mobilised": True}, None), None),
    ("sheet_editor", _undo_merge, _a_merge, (P.INSERT, "actors", {"id": "ACT-02", "mobilised": True}, None),
     "Vous ne pouvez pas modifier : Mobilisé (Acteurs)"),  # the merged actor, brought back first
    # the consultant's reading of a person's competences (carnet 03)
    ("consultant", _reading, None, (P.INSERT, "assessments", {"person_id": "PER-02", "source": "consultant"}, None),
     None),
    ("participant", _reading, None,
     (P.INSERT, "assessments", {"person_id": "PER-02", "source": "consultant"}, None), "(Évaluations)"),
]
WATCHED = ("actions", "journal", "reviews", "actors", "relations", "actor_ratings", "memberships", "raci",
           "assessments")


def _state(ws: Workshop) -> tuple[Any, int]:
    return {k: ws.store.frame(k, system=True).to_dict("records") for k in WATCHED}, len(ws.store.history())


@pytest.mark.parametrize("who, write, setup, question, refused", FUNCTION_TABLE,
                         ids=[f"{w}-{f.__name__.strip('_')}-{i}" for i, (w, f, _s, _q, _m) in enumerate(FUNCTION_TABLE)])
def test_write_functions_follow_the_table(demo_workshop: Workshop, who: str, write: Callable[..., Any],
                                          setup: Callable[[Workshop], Any] | None,
                                          question: tuple[str, str, dict[str, Any], str | None],
                                          refused: str | None) -> None:
    ws = demo_workshop
    ctx = setup(ws) if setup else None
    writer = actor(ws, who)
    operation, kind, data, record_id = question
    if operation == P.DELETE and record_id is None:  # the record the setup created
        record_id = ws.store.history()[-1]["record_id"]
    record = ws.store.get(kind, record_id) if record_id else None
    assert P.allowed(ws.store, writer, operation, kind, data, record=record) is (refused is None)
    before = _state(ws)
    if refused is None:
        write(ws, writer, ctx)
        assert _state(ws) != before
        assert writer.by in ws.store.history()[-1]["by"]  # a merge's label names who merged
        return
    with pytest.raises(AccessDenied) as err:
        write(ws, writer, ctx)
    assert refused in str(err.value)
    assert _state(ws) == before  # nothing written, not even history


def test_a_participant_proposes_but_does_not_decide_the_matrix(demo_workshop: Workshop) -> None:
    """The table forces « proposée » on a participant's RACI writes: a letter set or a proposal
    accepted or rejected through ``raci``'s decisions is refused in French (not written as a
    proposal), even on a task of their action or on their own proposal; nothing changes."""
    from toolkit import raci

    ws = demo_workshop
    member = actor(ws, "participant")  # PER-17 holds a letter in ACN-02, so TAC-005 is theirs
    own = raci.propose(ws.store, "TAC-005", "PER-17", "I", proposer_id="PER-17")
    before = _state(ws)
    for write in (lambda: raci.set_letter(ws.store, "TAC-005", "PER-17", "R", by=member),
                  lambda: raci.accept(ws.store, own, by=member),
                  lambda: raci.reject(ws.store, own, by=member)):
        with pytest.raises(AccessDenied, match="proposer une lettre, pas la valider"):
            write()
        assert _state(ws) == before


def test_the_consultant_decides_without_the_participants_forced_values(demo_workshop: Workshop) -> None:
    """The consultant's letter is « validée » with no proposer (the participant's rule does not
    apply to them), their accepted proposal keeps its proposer; both are theirs in history."""
    from toolkit import raci

    ws = demo_workshop
    rid = raci.set_letter(ws.store, "TAC-005", "PER-17", "c", by="Claire (consultante)")
    row = ws.store.get("raci", rid)
    assert (row["letter"], row["status"], row.get("proposed_by")) == ("C", "validée", None)
    assert ws.store.history("raci", rid)[-1]["by"] == "Claire (consultante)"
    accepted = raci.accept(ws.store, "RAC-259", by=Access("facilitator"))
    assert (accepted["status"], accepted["proposed_by"]) == ("validée", "PER-12")
    assert ws.store.history("raci", "RAC-259")[-1]["by"] == Access("facilitator").by
