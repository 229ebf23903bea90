"""The page framework: open_page, saved means saved, forms built from the model."""
from __future__ import annotations

import asyncio

import ipywidgets as widgets
import pytest

from toolkit import method, steps
from toolkit.access import visits
from toolkit.widgets import admission
from toolkit.widgets import session as session_mod
from toolkit.widgets.session import Form, Session, StatusLine, open_page
from toolkit.core.workshop import Workshop


def _token(ws: Workshop, pid: str) -> str:
    return ws.store.get("persons", pid)["token"]


def _open(ws: Workshop, step: str, token: str, facilitator: bool = False) -> Session | None:
    return open_page(step, facilitator, query=f"jeton={token}", workshop=ws, show=False)


def test_participant_opens_welcome_page(demo_workshop: Workshop) -> None:
    s = _open(demo_workshop, "accueil", _token(demo_workshop, "PER-02"))
    assert s is not None and s.person["id"] == "PER-02" and not s.is_facilitator and s.by == "PER-02"
    assert "token" not in s.person


def test_refused_without_token_and_nothing_recorded(demo_workshop: Workshop) -> None:
    assert open_page("accueil", query="", workshop=demo_workshop, show=False) is None
    assert _open(demo_workshop, "accueil", "faux") is None
    assert visits(demo_workshop.store).empty


def test_participant_refused_on_facilitator_page(demo_workshop: Workshop) -> None:
    token = _token(demo_workshop, "PER-02")
    assert _open(demo_workshop, "animateur", token, facilitator=True) is None
    assert _open(demo_workshop, "gestion", token) is None  # a facilitator step, even without the flag
    assert _open(demo_workshop, "animateur", demo_workshop.store.facilitator_token(), True).is_facilitator


def test_closed_step_refused_to_participants_until_opened(demo_workshop: Workshop) -> None:
    token = _token(demo_workshop, "PER-02")
    assert _open(demo_workshop, "parties_prenantes", token) is None
    steps.set_open(demo_workshop.store, "parties_prenantes", True, by="animateur")
    assert _open(demo_workshop, "parties_prenantes", token) is not None


def test_refusal_is_escaped_french_text() -> None:
    html = session_mod.refusal("<script>alert(1)</script>").data
    assert "Accès refusé" in html and "<script>alert" not in html and "&lt;script&gt;" in html


def test_visit_recorded_on_open(demo_workshop: Workshop) -> None:
    _open(demo_workshop, "accueil", _token(demo_workshop, "PER-02"))
    v = visits(demo_workshop.store)
    assert list(v["person_id"]) == ["PER-02"] and list(v["page"]) == ["accueil"]


def test_query_string_from_the_request_helper_when_preheated(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    monkeypatch.setenv("VOILA_PREHEAT", "True")
    monkeypatch.delenv("QUERY_STRING", raising=False)  # until the visitor comes, absent

    def arrives() -> bool:
        os.environ["QUERY_STRING"] = "jeton=frais"
        return True

    monkeypatch.setattr(admission, "wait_for_request", arrives)
    assert admission.read_query_string() == "jeton=frais"


def test_query_string_asked_again_when_helper_could_not_connect(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    monkeypatch.setenv("VOILA_PREHEAT", "True")
    monkeypatch.delenv("QUERY_STRING", raising=False)
    monkeypatch.setattr(admission.time, "sleep", lambda s: None)
    calls = []

    def helper() -> bool:  # first call: the server could not be reached
        calls.append(1)
        if len(calls) == 2:
            os.environ["QUERY_STRING"] = "jeton=arrive"
        return len(calls) == 2

    monkeypatch.setattr(admission, "wait_for_request", helper)
    assert admission.read_query_string() == "jeton=arrive" and len(calls) == 2


def test_query_string_from_environment_when_not_preheated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VOILA_PREHEAT", "False")
    monkeypatch.setenv("QUERY_STRING", "jeton=abc")
    assert admission.read_query_string() == "jeton=abc"


def test_link_carries_the_token(demo_workshop: Workshop) -> None:
    token = _token(demo_workshop, "PER-02")
    assert _open(demo_workshop, "accueil", token).link("parties_prenantes") == f"parties_prenantes.ipynb?jeton={token}"


def test_confirmation_only_after_the_write_returned(demo_workshop: Workshop) -> None:
    s = _open(demo_workshop, "accueil", _token(demo_workshop, "PER-02"))
    status = StatusLine()
    seen = []

    def write() -> str:
        seen.append(status.state)  # while writing, not confirmed yet
        return s.update("persons", "PER-02", {"function": "Cheffe de projet"})["id"]

    assert s.save(write, status) == "PER-02"
    assert seen == ["busy"] and status.state == "ok" and "Enregistré" in status.value


def test_failed_write_says_so(demo_workshop: Workshop) -> None:
    s = _open(demo_workshop, "accueil", _token(demo_workshop, "PER-02"))
    status = StatusLine()

    def boom() -> None:
        raise OSError("disque plein")

    assert s.save(boom, status) is None
    assert status.state == "error" and "échoué" in status.value and "conservées" in status.value


def test_form_prefilled_from_store_and_saves(demo_workshop: Workshop) -> None:
    s = _open(demo_workshop, "accueil", _token(demo_workshop, "PER-02"))
    form = Form(s, "persons", ["function", "capacity_days"], record_id="PER-02")
    assert form.inputs["capacity_days"].value == "15"
    form.inputs["capacity_days"].value = "12,5"
    assert form.submit() == "PER-02"
    assert demo_workshop.store.get("persons", "PER-02")["capacity_days"] == 12.5
    assert form.status.state == "ok"
    again = Form(s, "persons", ["function", "capacity_days"], record_id="PER-02")  # a reload
    assert again.inputs["capacity_days"].value == "12.5"


def test_invalid_input_refused_in_french_and_kept(demo_workshop: Workshop) -> None:
    s = _open(demo_workshop, "accueil", _token(demo_workshop, "PER-02"))
    form = Form(s, "persons", ["function", "capacity_days"], record_id="PER-02")
    form.inputs["capacity_days"].value = "trente"
    assert form.submit() is None
    assert form.status.state == "error" and "Capacité" in form.status.value and "entre 0 et 23" in form.status.value
    assert form.inputs["capacity_days"].value == "trente"
    assert demo_workshop.store.get("persons", "PER-02")["capacity_days"] == 15


def test_add_form_clears_after_save_and_attributes(demo_workshop: Workshop) -> None:
    s = _open(demo_workshop, "accueil", _token(demo_workshop, "PER-05"))
    form = Form(s, "actors", ["name", "category", "power", "interest"], clear_on_save=True)
    form.inputs["name"].value = "<b>Amicale</b>"
    form.inputs["category"].value = "association"
    form.inputs["power"].value, form.inputs["interest"].value = 2, 3
    rid = form.submit()
    assert demo_workshop.store.get("actors", rid)["created_by"] == "PER-05"
    assert form.inputs["name"].value == "" and form.inputs["power"].value is None


def test_required_scale_starts_unset_and_is_refused_untouched(demo_workshop: Workshop) -> None:
    from toolkit.core import labels as L
    from toolkit.core.model import kind

    s = _open(demo_workshop, "accueil", _token(demo_workshop, "PER-05"))
    form = Form(s, "actors", ["name", "category", "power", "interest"], clear_on_save=True)
    assert form.inputs["category"].value is None and form.inputs["category"].options[0] == (L.SAVE["unset"], None)
    for name in ("power", "interest"):  # a scale is a row of buttons: none is chosen yet
        assert isinstance(form.inputs[name], widgets.ToggleButtons)
        assert form.inputs[name].value is None and form.inputs[name].index is None
        assert [o[1] for o in form.inputs[name].options] == [0, 1, 2, 3, 4]
    before = demo_workshop.store.count("actors")
    form.inputs["name"].value = "Amicale laïque"
    form.inputs["category"].value = "association"
    form.inputs["interest"].value = 4
    assert form.submit() is None
    assert form.status.state == "error" and "Pouvoir" in form.status.value
    assert demo_workshop.store.count("actors") == before
    # a required scale that already holds a value offers no empty choice to fall back to
    rated = session_mod.field_widget(s, kind("actors").field("power"), 3)
    assert rated.value == 3 and None not in [o[1] for o in rated.options]


def test_field_widgets_follow_the_model(demo_workshop: Workshop) -> None:
    from toolkit.core import labels as L
    from toolkit.core.model import kind

    s = _open(demo_workshop, "accueil", demo_workshop.store.facilitator_token())
    w = session_mod.field_widget(s, kind("assessments").field("savoir"), 2, labels=L.SCALES["savoir"])
    assert w.value == 2 and w.options[4] == ("4", 4) and w.tooltips[4] == "référent"
    assert w.description.endswith("3 maîtrise · 4 référent")
    ref = session_mod.field_widget(s, kind("relations").field("source_id"))
    names = [o[0] for o in ref.options]
    assert names[0] == "—" and demo_workshop.store.get("actors", "ACT-26")["name"] in names
    assert len(names) == demo_workshop.store.count("actors") + 1


@pytest.fixture
def page_loop():  # noqa: ANN201
    """An event loop for a page's live refresh tasks (in a kernel, the kernel's loop; here a
    fresh one, since an earlier ``asyncio.run`` in the test session leaves no current loop)."""
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    yield loop
    for task in asyncio.all_tasks(loop):
        task.cancel()
    loop.run_until_complete(asyncio.sleep(0))  # let the cancelled refreshes end cleanly
    loop.close()
    asyncio.set_event_loop(None)


def test_step_opens_inside_the_welcome_page_and_back(demo_workshop: Workshop, page_loop) -> None:  # noqa: ANN001
    from toolkit.access import visits
    from toolkit.widgets.welcome import welcome_page

    s = _open(demo_workshop, "accueil", _token(demo_workshop, "PER-05"))
    menu = welcome_page(s, method.views(), refresh_seconds=3600).menu
    assert [c for c in menu.children if "maillage-no-step" in getattr(c, "value", "")]  # nothing open yet
    steps.set_open(demo_workshop.store, "raci", True, by="animateur")
    menu.refresh()
    [button] = menu.children
    assert button.description.endswith(steps.get("raci").title) and "maillage-step-raci" in button._dom_classes

    inside = menu.open_step("raci")
    assert inside is not None and inside.step == "raci" and inside.by == "PER-05"
    host = menu.stage.children[1]
    assert host.children and "maillage-page" in host.children[0]._dom_classes  # drawn in place, not displayed
    assert menu.home.layout.display == "none" and menu.stage.layout.display is None
    assert "raci" in set(visits(demo_workshop.store).query("person_id == 'PER-05'")["page"])

    menu.close_step()
    assert menu.home.layout.display is None and menu.stage.layout.display == "none" and menu.current is None
    steps.set_open(demo_workshop.store, "raci", False, by="animateur")
    assert menu.open_step("raci") is None  # closed meanwhile: a refusal, not the step
    assert "maillage-refus" in menu.stage.children[1].children[0].value


def test_welcome_page_shares_layouts_and_styles(demo_workshop: Workshop, page_loop) -> None:  # noqa: ANN001
    """Each widget model is one more message when 30 people open the page at once: the
    welcome page had 43 (27 layouts and styles); shared looks keep it under 20."""
    from collections import Counter

    from ipywidgets.widgets.widget import _instances as live  # every model of the kernel, by id

    from toolkit.widgets import look
    from toolkit.widgets.welcome import welcome_page

    look.preload()  # done by a preheated kernel before its visitor comes
    shared = {name: w.get_state() for name, w in (("plain", look.layout()), ("full", look.layout(width="100%")))}
    before = set(live)
    page = welcome_page(_open(demo_workshop, "accueil", _token(demo_workshop, "PER-05")), method.views(),
                        refresh_seconds=3600)
    made = Counter(type(live[k]).__name__ for k in set(live) - before)
    assert made["Layout"] == 2, made  # only the two boxes shown and hidden have their own
    assert not any(name.endswith("Style") for name in made), made
    assert sum(made.values()) < 20, made
    steps.set_open(demo_workshop.store, "competences", True, by="animateur")
    page.menu.refresh()
    page.menu.open_step("competences")
    page.menu.close_step()
    assert {name: w.get_state() for name, w in (("plain", look.layout()), ("full", look.layout(width="100%")))} \
        == shared  # showing and hiding never went through a shared layout


@pytest.mark.parametrize("preheat", ["True", "False"])
def test_pages_load_neither_voila_server_side_nor_analysis_libraries(preheat: str) -> None:
    """A kernel waiting with the welcome page holds only what the page needs (issue 17):
    no Voilà server side (its query-string helper drags jupyter_server and jsonschema in)
    and no pandas, numpy, networkx, pyvis, matplotlib, scipy before a step is opened."""
    import os
    import subprocess
    import sys

    heavy = ["voila.utils", "jsonschema", "jupyter_server", "pandas", "numpy", "networkx", "pyvis",
             "matplotlib", "scipy"]
    code = (f"import sys, toolkit.widgets.welcome; print([m for m in {heavy!r} if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "VOILA_PREHEAT": preheat}).stdout.strip()
    assert out == "[]"


def _live_ids() -> set[str]:
    from ipywidgets.widgets.widget import _instances

    return set(_instances)


def test_welcome_page_built_ahead_is_filled_in_for_its_visitor(demo_workshop: Workshop, page_loop) -> None:  # noqa: ANN001
    """A preheated kernel builds the page before the visitor comes; when they come, it
    creates no new model: it fills in their name and profile (updates only)."""
    from toolkit.widgets import look
    from toolkit.widgets.welcome import WelcomeAhead, welcome_page

    look.preload()
    ahead = WelcomeAhead(method.views())
    before = _live_ids()
    person = demo_workshop.store.get("persons", "PER-05")
    page = welcome_page(_open(demo_workshop, "accueil", person["token"]), method.views(), refresh_seconds=3600,
                        ahead=ahead)
    assert page is ahead.frame and _live_ids() == before  # nothing created on arrival
    assert person["name"] in page.children[0].value and person["organisation"] in ahead.who.value
    assert ahead.profile.inputs["function"].value == person["function"]
    ahead.profile.inputs["function"].value = "Directrice générale des services"
    assert ahead.profile.submit() == "PER-05" and ahead.profile.status.state == "ok"
    assert demo_workshop.store.get("persons", "PER-05")["function"] == "Directrice générale des services"


@pytest.mark.parametrize("who", ["faux", "facilitator"])
def test_widgets_built_ahead_are_closed_for_a_refused_visitor_or_the_facilitator(
        demo_workshop: Workshop, page_loop, who: str) -> None:  # noqa: ANN001
    from toolkit.widgets import look
    from toolkit.method import step_page

    look.preload()
    before = _live_ids()
    token = demo_workshop.store.facilitator_token() if who == "facilitator" else who
    session = step_page("accueil", query=f"jeton={token}", workshop=demo_workshop)
    from ipywidgets.widgets.widget import _instances

    left = {type(_instances[k]).__name__ for k in _live_ids() - before}
    if who == "faux":  # refused: nothing of the page built ahead can be read
        assert session is None and left == set()
    else:  # the facilitator's own page only: its frame, the links, nothing of the participant's
        assert session is not None and session.is_facilitator and left <= {"PageFrame", "HTML"}


def test_rehearsal_writes_nothing_and_leaves_nothing_to_compile_on_arrival(
        demo_workshop: Workshop, page_loop) -> None:  # noqa: ANN001
    """A preheated kernel rehearses an arrival while it waits: when its visitor comes,
    SQLAlchemy has no statement left to compile (10-15 ms a page saved in front of the
    room), and the rehearsal left no visit and no history."""
    from toolkit.widgets.welcome import WelcomeAhead, welcome_page

    store = demo_workshop.store
    history = len(store.history())
    session_mod.rehearse(store, "accueil")
    assert visits(store).empty and len(store.history()) == history
    caches = store.reader._compiled_cache, store.writer._compiled_cache
    compiled = [set(c) for c in caches]
    page = welcome_page(_open(demo_workshop, "accueil", _token(demo_workshop, "PER-05")), method.views(),
                        refresh_seconds=3600, ahead=WelcomeAhead(method.views()))
    assert [set(c) for c in caches] == compiled
    assert list(visits(store)["person_id"]) == ["PER-05"]
    # the page's text form, sent with it on display, does not walk the page (nor carry it)
    assert repr(page) == "PageFrame()"


def test_preheated_page_rehearses_before_waiting_for_its_visitor(
        demo_workshop: Workshop, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    token = _token(demo_workshop, "PER-02")
    monkeypatch.setattr(admission, "preheated", lambda: True)
    monkeypatch.setattr(admission, "rehearse", lambda store, step: calls.append(f"rehearse {step}"))
    monkeypatch.setattr(admission, "read_query_string", lambda: calls.append("wait") or f"jeton={token}")
    assert open_page("accueil", workshop=demo_workshop, show=False).person["id"] == "PER-02"
    assert calls == ["rehearse accueil", "wait"]


def test_failed_rehearsal_keeps_nobody_out(demo_workshop: Workshop, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(store, step) -> None:  # noqa: ANN001
        raise RuntimeError("base verrouillée")

    token = _token(demo_workshop, "PER-02")
    monkeypatch.setattr(admission, "preheated", lambda: True)
    monkeypatch.setattr(admission, "rehearse", fail)
    monkeypatch.setattr(admission, "read_query_string", lambda: f"jeton={token}")
    assert open_page("accueil", workshop=demo_workshop, show=False).person["id"] == "PER-02"
    assert list(visits(demo_workshop.store)["person_id"]) == ["PER-02"]


def test_template_texts_are_the_catalogue_s() -> None:
    """The Voilà template speaks before any kernel does (loading, lost connection, errors):
    it holds a copy of these French texts, which must stay those of ``labels``."""
    import html as html_mod
    from pathlib import Path

    from toolkit.core import labels as L
    from toolkit.serve import TEMPLATE

    folder = Path(session_mod.__file__).parents[1] / "jupyter_data" / "voila" / "templates" / TEMPLATE
    connection = (folder / "connection.html.j2").read_text(encoding="utf-8")
    for key, text in L.CONNECTION.items():
        assert f'{key}: "{text}"' in connection, key
    error = html_mod.unescape((folder / "error.html").read_text(encoding="utf-8"))
    for key, text in L.ERROR_PAGE.items():
        assert text in error, key
    # the page's template and its loading screen (Voilà's lab template imports it by name)
    index = "".join((folder / name).read_text(encoding="utf-8") for name in ("index.html.j2", "spinner.macro.html.j2"))
    assert L.CONNECTION["loading"] in index and "Running" not in index
    import re

    remote = re.findall(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", index + connection + error)
    assert not remote  # nothing fetched from elsewhere


def test_status_line_always_reaches_the_browser(demo_workshop: Workshop) -> None:
    """The same text written twice is a new value: it replaces « En attente de connexion… »
    set by the page while offline, even when the kernel's text did not change."""
    line = StatusLine()
    line.ok("Réponse enregistrée.")
    first = line.value
    line.ok("Réponse enregistrée.")
    assert line.value != first and line.text == "Réponse enregistrée."


def test_double_tap_on_a_cleared_form_is_no_failure(demo_workshop: Workshop) -> None:
    s = _open(demo_workshop, "accueil", _token(demo_workshop, "PER-05"))
    form = Form(s, "actors", ["name", "category", "power", "interest"], clear_on_save=True)
    before = demo_workshop.store.count("actors")
    form.inputs["name"].value = "Comité des fêtes"
    form.inputs["category"].value = "association"
    form.inputs["power"].value, form.inputs["interest"].value = 1, 2
    rid = form.submit()
    assert form.submit() == rid  # the second tap, on the form the first one cleared
    assert form.status.state == "ok" and "Enregistré à" in form.status.text
    assert demo_workshop.store.count("actors") == before + 1
    assert "maillage-saves" in form._dom_classes and "maillage-commit" in form.button._dom_classes


def test_conflict_names_who_changed_it(demo_workshop: Workshop) -> None:
    s = _open(demo_workshop, "accueil", _token(demo_workshop, "PER-05"))
    other = demo_workshop.store.get("persons", "PER-04")
    version = demo_workshop.store.get("persons", "PER-05")["version"]
    demo_workshop.store.update("persons", "PER-05", {"function": "Élue"}, by="PER-04")
    line = StatusLine()
    s.save(lambda: s.update("persons", "PER-05", {"function": "Maire"}, expected_version=version), line)
    assert line.state == "error" and other["name"] in line.text
    assert "PER-" not in line.text and "Personne" not in line.text.split(" par ")[0][-12:]
