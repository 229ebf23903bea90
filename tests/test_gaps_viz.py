"""Pictures of step 6: they draw, offline, whatever the workshop holds (names escaped)."""
from __future__ import annotations

import io

import pandas as pd
from gaps_world import build
from matplotlib.figure import Figure

from toolkit import gaps, scenarios, workload
from toolkit.viz import gaps as pictures


def texts(fig: Figure) -> list[str]:
    out = []
    for ax in fig.axes:
        out += [t.get_text() for t in ax.get_yticklabels() + ax.get_xticklabels() + ax.texts]
        legend = ax.get_legend()
        if legend:
            out += [t.get_text() for t in legend.get_texts()]
    return out


def renders(fig: Figure) -> bool:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue().startswith(b"\x89PNG")


def test_pictures_of_a_small_workshop(empty_workshop):
    persons = {"P1": {"name": "Alice $x$ Aubert", "capacity_days": 1}, "P3": {"name": "Chloé", "capacity_days": 10,
                                                                           "role": "élu"}}
    frames = build(empty_workshop, tasks="T1:6:2026-09:2026-10", requirements="T1 C1:3", raci="T1 R=P1 A=P3",
                   assessments="P1 C1 2/3/3", persons=persons)
    needs = gaps.competence_needs(frames)
    fig = pictures.competence_chart(needs)
    assert renders(fig) and "Marchés publics" in texts(fig)
    fig = pictures.need_timeline(gaps.competence_gaps(frames), workload.horizon(frames))
    assert renders(fig) and any("6 j" in t for t in texts(fig))
    fig = pictures.capacity_chart(gaps.team_capacity(frames))
    assert renders(fig) and any("1 pers." in t for t in texts(fig))
    table = scenarios.compare(frames, {"Plus de temps": [scenarios.capacity("P1", 5)]})
    fig = pictures.scenario_chart(table)
    assert renders(fig) and "Plus de temps" in texts(fig)


def test_markup_in_names_is_drawn_as_typed(empty_workshop):
    frames = build(empty_workshop, tasks="T1:6:2026-09:2026-10", requirements="T1 C1:3")
    frames["competences"].loc[frames["competences"]["id"] == "C1", "name"] = "Budget $\\frac{1}{2}$"
    fig = pictures.competence_chart(gaps.competence_needs(frames))
    assert "Budget \\$\\frac{1}{2}\\$" in texts(fig)
    assert renders(fig)


def test_nothing_to_draw_says_so(empty_workshop):
    empty = pd.DataFrame()
    for fig in (pictures.competence_chart(empty), pictures.need_timeline(empty, []),
                pictures.capacity_chart(empty), pictures.scenario_chart(empty)):
        assert renders(fig) and any(t.endswith(".") for t in texts(fig))
