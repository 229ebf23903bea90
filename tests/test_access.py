"""Access by token and the per-record rules for participants."""
from __future__ import annotations

import re

import pytest

from toolkit import access
from toolkit.access import Access, Guard, identify
from toolkit.core.errors import AccessDenied
from toolkit.core.workshop import Workshop


def _person(ws: Workshop, pid: str) -> dict:
    return ws.store.get("persons", pid)


def test_participant_token_identifies_the_person(demo_workshop: Workshop) -> None:
    who = identify(demo_workshop.store, _person(demo_workshop, "PER-02")["token"])
    assert who.role == "participant" and who.person_id == "PER-02" and who.by == "PER-02"
    assert "token" not in who.person


def test_facilitator_token_identifies_the_facilitator(demo_workshop: Workshop) -> None:
    who = identify(demo_workshop.store, demo_workshop.store.facilitator_token())
    assert who.is_facilitator and who.by == "animateur" and who.person is None


@pytest.mark.parametrize("token, message", [("", "ne contient pas de jeton"), (None, "ne contient pas de jeton"),
                                            ("inconnu", "n'est pas (ou plus) valide"), ("x" * 500, "valide")])
def test_missing_or_unknown_token_refused_in_french(demo_workshop: Workshop, token, message) -> None:
    with pytest.raises(AccessDenied, match=re.escape(message)):
        identify(demo_workshop.store, token)


def test_participant_refused_on_facilitator_page(demo_workshop: Workshop) -> None:
    who = identify(demo_workshop.store, _person(demo_workshop, "PER-02")["token"])
    with pytest.raises(AccessDenied, match="réservée à l'animateur"):
        access.require(who, facilitator=True)
    access.require(who, facilitator=False)  # no error


def test_reissued_token_revokes_the_old_one(demo_workshop: Workshop) -> None:
    store = demo_workshop.store
    old = _person(demo_workshop, "PER-03")["token"]
    new = access.reissue_token(store, "PER-03", by="animateur")
    assert new != old and identify(store, new).person_id == "PER-03"
    with pytest.raises(AccessDenied):
        identify(store, old)


def test_revoked_token_no_longer_works_and_history_hides_it(demo_workshop: Workshop) -> None:
    store = demo_workshop.store
    old = _person(demo_workshop, "PER-04")["token"]
    access.revoke_token(store, "PER-04", by="animateur")
    with pytest.raises(AccessDenied):
        identify(store, old)
    assert old not in str(store.history("persons", "PER-04"))


def test_facilitator_token_reissued(demo_workshop: Workshop) -> None:
    store = demo_workshop.store
    old = store.facilitator_token()
    new = access.reissue_facilitator_token(store)
    assert identify(store, new).is_facilitator
    with pytest.raises(AccessDenied):
        identify(store, old)
    assert new not in str(store.history("meta")) and old not in str(store.history("meta"))


def test_token_read_from_query_string() -> None:
    assert access.token_from_query("jeton=a%2Bb&theme=dark") == "a+b"
    assert access.token_from_query("autre=1") == ""


def _guard(ws: Workshop, pid: str | None) -> Guard:
    if pid is None:
        return Guard(ws.store, Access("facilitator"))
    person = {k: v for k, v in _person(ws, pid).items() if k != "token"}
    return Guard(ws.store, Access("participant", person))


def test_participant_reads_only_own_private_records(demo_workshop: Workshop) -> None:
    g = _guard(demo_workshop, "PER-07")
    mine = g.records("assessments")
    assert mine and {r["person_id"] for r in mine} == {"PER-07"}
    assert set(g.frame("assessments")["person_id"]) == {"PER-07"}
    other = demo_workshop.store.all("assessments", person_id="PER-09")[0]
    with pytest.raises(AccessDenied, match="autre personne"):
        g.get("assessments", other["id"])
    assert len(_guard(demo_workshop, None).records("assessments")) == demo_workshop.store.count("assessments")


def test_participant_never_sees_tokens(demo_workshop: Workshop) -> None:
    g = _guard(demo_workshop, "PER-07")
    assert all("token" not in r for r in g.records("persons"))
    assert "token" not in g.frame("persons").columns


def test_private_record_is_forced_to_its_author(demo_workshop: Workshop) -> None:
    g = _guard(demo_workshop, "PER-07")
    rid = g.insert("assessments", {"competence_id": "CMP-01", "savoir": 2, "vouloir": 3, "pouvoir": 1})
    rec = demo_workshop.store.get("assessments", rid)
    assert rec["person_id"] == "PER-07" and rec["source"] == "auto-évaluation" and rec["created_by"] == "PER-07"


def test_participant_cannot_write_for_someone_else(demo_workshop: Workshop) -> None:
    g = _guard(demo_workshop, "PER-07")
    before = demo_workshop.store.count("assessments")
    with pytest.raises(AccessDenied, match="vous désigner"):
        g.insert("assessments", {"person_id": "PER-09", "competence_id": "CMP-01",
                                 "savoir": 2, "vouloir": 3, "pouvoir": 1})
    other = demo_workshop.store.all("assessments", person_id="PER-09")[0]
    with pytest.raises(AccessDenied, match="appartient à une autre personne"):
        g.update("assessments", other["id"], {"savoir": 0})
    with pytest.raises(AccessDenied):
        g.delete("assessments", other["id"])
    assert demo_workshop.store.count("assessments") == before
    assert demo_workshop.store.get("assessments", other["id"])["savoir"] == other["savoir"]


def test_consultant_assessment_of_a_participant_is_neither_shown_nor_changed(demo_workshop: Workshop) -> None:
    store = demo_workshop.store
    rid = store.insert("assessments", {"person_id": "PER-07", "competence_id": "CMP-02", "savoir": 1,
                                       "vouloir": 1, "pouvoir": 1, "source": "consultant"}, by="consultant")
    g = _guard(demo_workshop, "PER-07")
    assert rid not in {r["id"] for r in g.records("assessments")}
    assert set(g.frame("assessments")["source"]) == {"auto-évaluation"}
    with pytest.raises(AccessDenied, match="autre personne"):
        g.get("assessments", rid)
    with pytest.raises(AccessDenied):
        g.update("assessments", rid, {"savoir": 4})
    with pytest.raises(AccessDenied):
        g.delete("assessments", rid)
    kept = store.get("assessments", rid)
    assert (kept["savoir"], kept["source"], kept["version"]) == (1, "consultant", 1)


def test_accepted_raci_proposal_no_longer_changed_by_its_author(demo_workshop: Workshop) -> None:
    g = _guard(demo_workshop, "PER-05")  # TAC-037 is a task of ACN-12, one of her actions
    rid = g.insert("raci", {"task_id": "TAC-037", "person_id": "PER-05", "letter": "R"})
    g.update("raci", rid, {"letter": "C"})  # still pending: the author may change it
    demo_workshop.store.update("raci", rid, {"status": "validée"}, by="consultant")
    with pytest.raises(AccessDenied):
        g.update("raci", rid, {"letter": "A"})
    with pytest.raises(AccessDenied):
        g.delete("raci", rid)
    rec = demo_workshop.store.get("raci", rid)
    assert (rec["letter"], rec["status"]) == ("C", "validée")


def test_shared_record_attributed_to_participant(demo_workshop: Workshop) -> None:
    g = _guard(demo_workshop, "PER-05")
    aid = g.insert("actors", {"name": "Association des commerçants", "category": "association",
                              "power": 2, "interest": 4})
    assert demo_workshop.store.get("actors", aid)["created_by"] == "PER-05"
    assert demo_workshop.store.history("actors", aid)[0]["by"] == "PER-05"


def test_shared_record_changed_only_by_its_creator(demo_workshop: Workshop) -> None:
    aid = _guard(demo_workshop, "PER-05").insert(
        "actors", {"name": "Club de foot", "category": "association", "power": 1, "interest": 1})
    with pytest.raises(AccessDenied, match="autre personne"):
        _guard(demo_workshop, "PER-06").update("actors", aid, {"power": 4})
    _guard(demo_workshop, "PER-05").update("actors", aid, {"power": 2})
    assert demo_workshop.store.get("actors", aid)["power"] == 2


def test_raci_proposal_forced_to_proposed_status(demo_workshop: Workshop) -> None:
    g = _guard(demo_workshop, "PER-05")
    rid = g.insert("raci", {"task_id": "TAC-037", "person_id": "PER-05", "letter": "R", "status": "validée"})
    rec = demo_workshop.store.get("raci", rid)
    assert rec["status"] == "proposée" and rec["proposed_by"] == "PER-05"


def test_participant_edits_only_allowed_fields_of_own_profile(demo_workshop: Workshop) -> None:
    g = _guard(demo_workshop, "PER-05")
    g.update("persons", "PER-05", {"function": "Adjointe", "capacity_days": "2,5"})
    assert demo_workshop.store.get("persons", "PER-05")["capacity_days"] == 2.5
    with pytest.raises(AccessDenied, match="Rôle dans le projet"):
        g.update("persons", "PER-05", {"role": "élu"})
    with pytest.raises(AccessDenied, match="Jeton"):
        g.update("persons", "PER-05", {"token": "volé"})
    with pytest.raises(AccessDenied):
        g.update("persons", "PER-06", {"function": "x"})


def test_read_only_kind_refused_for_participants(demo_workshop: Workshop) -> None:
    with pytest.raises(AccessDenied, match="Tâches"):
        _guard(demo_workshop, "PER-05").insert("tasks", {"action_id": "ACN-12", "name": "x", "load_days": 1,
                                                        "start_month": "2026-10", "end_month": "2026-10"})


def test_journal_through_the_guard_follows_the_sheet_rules(demo_workshop: Workshop) -> None:
    """The rules are one table (toolkit.core.permissions), not patched in by other modules:
    the pilot of ACN-12 (PER-05) writes its journal through the page's guard as through
    ``actions.add_journal_entry``, her id forced as author; someone else is refused."""
    assert not hasattr(access, "set_rule") and not hasattr(access, "PARTICIPANT_RULES")
    jid = _guard(demo_workshop, "PER-05").insert("journal", {"action_id": "ACN-12", "date": "2026-11-20",
                                                             "text": "Réunion cuisine centrale", "author": None})
    assert demo_workshop.store.get("journal", jid)["author"] == "PER-05"
    before = demo_workshop.store.count("journal")
    with pytest.raises(AccessDenied, match="Approvisionnement local de la cuisine centrale"):
        _guard(demo_workshop, "PER-17").insert("journal", {"action_id": "ACN-12", "date": "2026-11-20",
                                                           "text": "Intrusion"})
    assert demo_workshop.store.count("journal") == before


def test_visits_recorded(demo_workshop: Workshop) -> None:
    who = identify(demo_workshop.store, _person(demo_workshop, "PER-02")["token"])
    access.record_visit(demo_workshop.store, who, "accueil")
    access.record_visit(demo_workshop.store, Access("facilitator"), "animateur")
    v = access.visits(demo_workshop.store)
    assert list(v["person_id"].fillna("")) == ["PER-02", ""] and list(v["role"]) == ["participant", "facilitator"]


def test_link_revoked_while_page_open_stops_writing(demo_workshop: Workshop) -> None:
    token = _person(demo_workshop, "PER-05")["token"]
    g = Guard(demo_workshop.store, identify(demo_workshop.store, token), token=token)
    g.update("persons", "PER-05", {"function": "avant"})
    access.reissue_token(demo_workshop.store, "PER-05", by="animateur")
    with pytest.raises(AccessDenied, match="valide"):
        g.update("persons", "PER-05", {"function": "après"})
    assert demo_workshop.store.get("persons", "PER-05")["function"] == "avant"


# --- steps closed while a page is open (issue 17) -------------------------------------


def test_step_closed_since_the_page_opened_refuses_every_write(demo_workshop: Workshop) -> None:
    from toolkit import steps

    store = demo_workshop.store
    steps.set_open(store, "parties_prenantes", True, by="animateur")
    token = _person(demo_workshop, "PER-02")["token"]
    page = Guard(store, identify(store, token), token=token, step="parties_prenantes")
    kept = page.insert("actors", {"name": "Association des commerçants", "category": "association",
                                  "power": 2, "interest": 3})
    steps.set_open(store, "parties_prenantes", False, by="animateur")  # on the Gestion page
    before = store.count("actors")
    for write in (lambda: page.insert("actors", {"name": "Club de foot", "category": "association",
                                                        "power": 1, "interest": 2}),
                  lambda: page.update("actors", kept, {"comment": "tard"}),
                  lambda: page.delete("actors", kept)):
        with pytest.raises(AccessDenied, match="« Cartographie des parties prenantes » vient d'être fermée par l'animateur"):
            write()
    assert store.count("actors") == before and store.get("actors", kept).get("comment") != "tard"
    steps.set_open(store, "parties_prenantes", True, by="animateur")  # reopened: writes again
    page.update("actors", kept, {"comment": "rouvert"})
    assert store.get("actors", kept)["comment"] == "rouvert"


def test_facilitator_and_always_open_pages_write_whatever_the_steps(demo_workshop: Workshop) -> None:
    from toolkit import steps

    store = demo_workshop.store
    assert steps.open_keys(store) == [] or steps.set_open(store, "parties_prenantes", False, by="animateur") == []
    Guard(store, Access("facilitator"), step="parties_prenantes").insert(
        "actors", {"name": "Préfecture", "category": "État et opérateurs", "power": 4, "interest": 2})
    token = _person(demo_workshop, "PER-02")["token"]
    welcome = Guard(store, identify(store, token), token=token, step="accueil")  # never closed
    welcome.update("persons", "PER-02", {"function": "Cheffe de projet"})
    assert store.get("persons", "PER-02")["function"] == "Cheffe de projet"


def test_a_save_into_a_closed_step_shows_the_refusal_and_writes_nothing(demo_workshop: Workshop) -> None:
    """Pages writing through a domain function (RACI proposals, action sheets) get it too:
    ``Session.save`` checks before running the write."""
    from toolkit import steps
    from toolkit.widgets.session import StatusLine, open_page

    store = demo_workshop.store
    steps.set_open(store, "raci", True, by="animateur")
    token = _person(demo_workshop, "PER-02")["token"]
    session = open_page("raci", query=f"jeton={token}", workshop=demo_workshop, show=False)
    assert session is not None
    steps.set_open(store, "raci", False, by="animateur")
    ran, status = [], StatusLine()
    assert session.save(lambda: ran.append(1), status) is None
    import html

    shown = html.unescape(status.value)
    assert ran == [] and "vient d'être fermée par l'animateur" in shown and "« Qui fait quoi" in shown
    assert "maillage-error" in status._dom_classes
