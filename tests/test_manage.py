"""The facilitator's management page: steps, links, join sheet."""
from __future__ import annotations

import pytest

from toolkit import steps
from toolkit.access import identify
from toolkit.core.errors import AccessDenied
from toolkit.widgets.manage import steps_panel, tokens_panel
from toolkit.widgets.session import open_page
from toolkit.core.workshop import Workshop


@pytest.fixture
def facilitator(demo_workshop: Workshop):  # noqa: ANN201
    return open_page("gestion", True, query=f"jeton={demo_workshop.store.facilitator_token()}",
                     workshop=demo_workshop, show=False)


def _button(box, description: str):  # noqa: ANN001, ANN202
    stack = [box]
    while stack:
        w = stack.pop()
        if getattr(w, "description", None) == description and hasattr(w, "click"):
            return w
        stack.extend(getattr(w, "children", ()))
    raise LookupError(description)


def test_step_with_a_page_can_be_opened_others_disabled(facilitator, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(steps.Step, "page_exists", lambda self, pages_dir=None: self.key == "competences")
    panel = steps_panel(facilitator)
    toggles = {t.children[0]._dom_classes[0].rsplit("-", 1)[1]: t.children[0] for t in panel.children[:-1]}
    assert not toggles["competences"].disabled and toggles["raci"].disabled
    toggles["competences"].value = True
    assert steps.open_keys(facilitator.store) == ["competences"] and toggles["competences"].description == "ouverte"
    toggles["competences"].value = False
    assert steps.open_keys(facilitator.store) == []


def test_reissue_and_revoke_from_the_page(facilitator) -> None:  # noqa: ANN001
    store = facilitator.store
    panel = tokens_panel(facilitator)
    chooser = panel.children[0]
    chooser.value = "PER-04"
    old = store.get("persons", "PER-04")["token"]
    _button(panel, "Réémettre le lien").click()
    new = store.get("persons", "PER-04")["token"]
    assert new != old and f"jeton={new}" in panel.children[4].value
    with pytest.raises(AccessDenied):
        identify(store, old)
    _button(panel, "Révoquer le lien").click()
    assert store.get("persons", "PER-04")["token"] is None
    assert "révoqué" in panel.children[2].value and "aucun lien" in panel.children[4].value


def test_join_sheet_regenerated_from_the_page(facilitator) -> None:  # noqa: ANN001
    panel = tokens_panel(facilitator)
    _button(panel, "Régénérer la feuille des liens (QR codes)").click()
    sheet = facilitator.workshop.exports_dir / "liens_participants.html"
    assert sheet.exists() and "Feuille des liens écrite" in panel.children[2].value


def test_facilitator_link_reissued_from_the_page(facilitator) -> None:  # noqa: ANN001
    old = facilitator.store.facilitator_token()
    panel = tokens_panel(facilitator)
    _button(panel, "Réémettre le lien de l'animateur").click()
    new = facilitator.store.facilitator_token()
    assert new != old and f"jeton={new}" in panel.children[2].value


def test_sheet_editors_named_from_the_page(facilitator) -> None:  # noqa: ANN001
    """Issue 19 §4: the facilitator names who edits every action sheet; that person keeps
    her participant link (no Gestion page for her), and her writes are hers."""
    from toolkit.widgets.manage import sheet_editors_panel

    store = facilitator.store
    panel = sheet_editors_panel(facilitator)
    boxes = {w._dom_classes[0].rsplit("-", 2)[-2] + "-" + w._dom_classes[0].rsplit("-", 1)[-1]: w
             for w in panel.children if "Checkbox" in type(w).__name__}
    assert boxes["PER-16"].value is True and boxes["PER-13"].value is False  # the demo names one
    boxes["PER-13"].value = True
    assert store.get("persons", "PER-13")["edits_all_sheets"] is True
    assert store.history("persons", "PER-13")[-1]["by"] == "animateur"
    assert "Julie Besnard peut désormais modifier toutes les fiches actions" in panel.children[-1].value
    token = store.get("persons", "PER-13")["token"]
    assert open_page("gestion", True, query=f"jeton={token}", workshop=facilitator.workshop, show=False) is None
    boxes["PER-13"].value = False
    assert store.get("persons", "PER-13")["edits_all_sheets"] is False
