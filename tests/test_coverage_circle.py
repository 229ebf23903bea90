"""One answer to « who counts for competence coverage » (issue 16, item 7)."""
from __future__ import annotations

from toolkit import competences as C
from toolkit import notebook
from toolkit.core.workshop import Workshop


def test_project_management_rests_on_the_external_consultant(demo_workshop: Workshop) -> None:
    f = demo_workshop.store.frames()
    circles = C.coverage_by_circle(f["requirements"], f["assessments"], f["persons"], f["competences"])
    outside = circles[circles["circle"] == "outside_only"]
    assert set(outside["name"]) == {"Conduite de projet", "OPAH-RU et habitat dégradé"}
    consultant = f["persons"].set_index("id").loc["PER-30"]
    assert consultant["name"] in outside.loc["CMP-01", "outside_holders"] and not consultant["in_team"]
    # the three former answers, reconciled: missing for the team, covered for everyone
    team = C.lacking_competences(f["requirements"], f["assessments"], f["competences"], persons=f["persons"],
                                 team_only=True)
    everyone = C.lacking_competences(f["requirements"], f["assessments"], f["competences"], persons=f["persons"])
    assert set(outside.index) == set(team.index) - set(everyone.index)
    assert set(circles[circles["circle"] == "nobody"].index) == set(everyone.index)


def test_show_coverage_says_the_rule_and_the_finding(demo_workshop: Workshop, monkeypatch) -> None:
    shown = []
    monkeypatch.setattr(notebook, "_display", shown.append)
    notebook.show_coverage(demo_workshop.store.frames())
    text = shown[0].data
    assert "Qui compte" in text and "« Conduite de projet », que couvre Antoine Rivière" in text


def test_without_requirements_the_section_says_what_is_missing(empty_workshop: Workshop, monkeypatch) -> None:
    shown = []
    monkeypatch.setattr(notebook, "_display", shown.append)
    assert notebook.show_coverage(empty_workshop.store.frames()) is None
    assert "Il manque encore" in shown[0].data
