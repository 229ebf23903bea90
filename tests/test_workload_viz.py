"""Pictures of the plan de charge: what they show, and that hostile names stay text."""
from __future__ import annotations

import io

from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from raci_world import build
from toolkit.core import labels as L
from toolkit import workload
from toolkit.viz import workload as vw


def texts(fig: Figure) -> list[str]:
    out = [t.get_text() for ax in fig.axes for t in ax.texts]
    out += [t.get_text() for ax in fig.axes for t in ax.get_yticklabels() + ax.get_xticklabels()]
    out += [ax.get_title() for ax in fig.axes]
    return out


def renders(fig: Figure) -> bool:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=40)
    return buf.getvalue().startswith(b"\x89PNG")


def test_heatmap_frames_each_overloaded_cell(empty_workshop):
    ws = build(empty_workshop, tasks="T1:12:2026-09:2026-09 T2:8:2026-10:2026-10", raci="T1 R=P1; T2 R=P1,P2",
               horizon=3)
    table = workload.load_table(ws.store.frames(), a_share=0)
    fig = vw.heatmap(table)
    frames = [p for p in fig.axes[0].patches if isinstance(p, Rectangle) and not p.get_fill()]
    assert len(frames) == len(workload.overloads(table)) == 2
    assert L.WORKLOAD_PICTURES["heatmap_title"] in texts(fig)
    assert "12,0" in texts(fig) and "12.0" not in texts(fig) and renders(fig)  # a decimal comma


def test_heatmap_limits_persons_to_the_most_loaded(empty_workshop):
    ws = build(empty_workshop, tasks="T1:12:2026-09:2026-09 T2:1:2026-09:2026-09", raci="T1 R=P1; T2 R=P2",
               horizon=1)
    fig = vw.heatmap(workload.load_table(ws.store.frames()), limit=1)
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["Alice Aubert (5 j)"]


def test_heatmap_of_nothing_says_so(empty_workshop):
    fig = vw.heatmap(workload.load_table(empty_workshop.store.frames()))
    assert L.WORKLOAD_PICTURES["empty"] in texts(fig) and renders(fig)


def test_gantt_names_pilots_and_flags_actions_without_pilot(empty_workshop):
    ws = build(empty_workshop, tasks="T1:4:2026-09:2026-10 T2:2:2026-11:2026-11", raci="T1 R=P1 A=P2; T2 A=P2")
    fig = vw.gantt(ws.store.frames())
    assert L.WORKLOAD_PICTURES["pilot"].format(name="Bruno Bedin") in [t.strip() for t in texts(fig)]
    hatched = [p for p in fig.axes[0].patches if p.get_hatch()]
    assert len(hatched) == 1  # T2 has no R
    assert renders(fig)

    ws.store.update("actions", "N1", {"pilot_id": None}, by="test")
    fig = vw.gantt(ws.store.frames())
    assert L.WORKLOAD_PICTURES["no_pilot"] in [t.strip() for t in texts(fig)]


def test_markup_and_dollars_in_names_are_drawn_as_text(empty_workshop):
    people = {"P1": {"name": "$\\frac{1}{0}$ <b>Gras</b>", "capacity_days": 1, "in_team": True},
              "P2": {"name": "=HYPERLINK(\"x\")", "capacity_days": 1, "in_team": True}}
    ws = build(empty_workshop, tasks="T1:4:2026-09:2026-09", raci="T1 R=P1 A=P2", persons=people, horizon=1)
    f = ws.store.frames()
    heat = vw.heatmap(workload.load_table(f))
    gantt = vw.gantt(f)
    assert renders(heat) and renders(gantt)  # mathtext would fail on \frac{1}{0} unescaped
    assert any(r"\$\frac{1}{0}\$ <b>Gras</b>" in t for t in texts(heat))


def test_demo_pictures(demo_workshop):
    f = demo_workshop.store.frames()
    r = workload.analyse(f)
    heat = vw.heatmap(r["table"])
    labels = [t.get_text() for t in heat.axes[0].get_yticklabels()]
    assert labels[0].startswith("Léa Fradin")  # the overloaded cheffe de projet comes first
    gantt = vw.gantt(f)
    flagged = [t for t in texts(gantt) if t.strip() == L.WORKLOAD_PICTURES["no_pilot"]]
    assert len(flagged) == 2  # ACN-09 and ACN-14 are looking for a pilot
