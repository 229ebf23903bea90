"""Pictures of the competence review: heat maps and person profiles."""
from __future__ import annotations

import io

import numpy as np
import pandas as pd

from toolkit import competences as C
from toolkit.core import labels as L
from toolkit.viz.heatmap import competence_heatmap, heatmap, team_heatmap
from toolkit.viz.profiles import person_profile_chart


def _big(n_persons: int = 60, n_comps: int = 40):
    rng = np.random.default_rng(3)
    persons = pd.DataFrame({"id": [f"P{i:02d}" for i in range(n_persons)],
                            "name": [f"Prénom Nom {i}" for i in range(n_persons)]})
    families = ["Pilotage", "Financements", "Habitat", "Alimentation", "Concertation"]
    comps = pd.DataFrame({"id": [f"C{i:02d}" for i in range(n_comps)],
                          "name": [f"Compétence au nom plutôt long numéro {i}" for i in range(n_comps)],
                          "family": [families[i % 5] for i in range(n_comps)]})
    m = pd.DataFrame(rng.integers(0, 5, (n_persons, n_comps)).astype(float), index=persons["id"],
                     columns=comps.sort_values(["family", "id"])["id"])
    m.iloc[::7, ::3] = np.nan
    return m, persons, comps


def _png(fig) -> bytes:  # noqa: ANN001
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=50)
    return buf.getvalue()


def test_heatmap_60_by_40_is_readable(tmp_path):
    m, persons, comps = _big()
    fig = competence_heatmap(m, persons, comps, "savoir")
    ax = fig.axes[0]
    assert len(ax.get_yticklabels()) == 60 and len(ax.get_xticklabels()) == 40
    width, height = fig.get_size_inches()
    # about a quarter of an inch per cell: 8-point labels do not overlap
    assert height / 60 >= 0.25 and width / 40 >= 0.25 and height < 25 and width < 25
    assert all(t.get_fontsize() >= 8 for t in ax.get_yticklabels())
    assert _png(fig)[:4] == b"\x89PNG"


def test_heatmap_colour_scale_carries_the_french_words():
    m, persons, comps = _big(5, 4)
    for dim in ("savoir", "vouloir", "pouvoir"):
        fig = competence_heatmap(m, persons, comps, dim)
        bar = fig.axes[-1]
        words = [t.get_text() for t in bar.get_yticklabels()]
        assert words == [f"{i} — {w}" for i, w in enumerate(L.SCALES[dim])]
        assert fig.get_suptitle() == L.HEATMAP_TITLES[dim]
    mob = competence_heatmap(m.clip(upper=1), persons, comps, "mobilisable")
    assert [t.get_text() for t in mob.axes[-1].get_yticklabels()] == list(L.HEATMAP_SCALES["mobilisable"])


def test_heatmap_families_on_top():
    m, persons, comps = _big(3, 10)
    fig = competence_heatmap(m, persons, comps)
    names = {t.get_text() for ax in fig.axes[0].child_axes for t in ax.get_xticklabels()}
    assert {"Pilotage", "Financements", "Habitat", "Alimentation", "Concertation"} <= names


def test_anonymised_heatmap_shows_no_name():
    m, persons, comps = _big(6, 3)
    fig = competence_heatmap(m, persons, comps, anonymise=True)
    rows = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert rows == [f"Personne {i}" for i in range(1, 7)]
    assert L.HEATMAP_ANONYMOUS in fig.get_suptitle()
    assert not any("Prénom" in t.get_text() for ax in fig.axes for t in ax.texts + ax.get_yticklabels())


def test_hostile_names_are_drawn_as_typed():
    persons = pd.DataFrame({"id": ["P1", "P2"], "name": ["<b>Gras</b>", "Coût $\\frac{a}{b}$"]})
    comps = pd.DataFrame({"id": ["C1"], "name": ["$x^2$ et 100 $"], "family": ["F"]})
    m = pd.DataFrame([[1.0], [2.0]], index=["P1", "P2"], columns=["C1"])
    fig = competence_heatmap(m, persons, comps)
    _png(fig)  # mathtext would raise on an unbalanced or odd formula
    rows = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert rows[0] == "<b>Gras</b>" and rows[1] == r"Coût \$\\frac{a}{b}\$"


def test_demo_heatmaps_and_team_profile(demo_workshop):
    f = demo_workshop.store.frames()
    a, p, c = f["assessments"], f["persons"], f["competences"]
    for dim in ("savoir", "combined", "mobilisable"):
        fig = competence_heatmap(C.matrix(a, dim, p, c), p, c, dim)
        assert len(fig.axes[0].get_yticklabels()) == len(p)
    fig = team_heatmap(C.team_matrix(a, p, c, "combined"), "combined")
    assert "Profil des organisations" in fig.get_suptitle()
    assert _png(fig)[:4] == b"\x89PNG"


def test_empty_matrix_still_draws():
    fig = heatmap(pd.DataFrame(dtype=float), "savoir")
    assert _png(fig)[:4] == b"\x89PNG"


def test_person_profile_bars_and_mark(demo_workshop):
    f = demo_workshop.store.frames()
    prof = C.person_profile(f["assessments"], "PER-12", f["competences"])
    fig = person_profile_chart(prof, "Élodie Marchais", C.Thresholds().as_dict())
    ax = fig.axes[0]
    assert len(ax.patches) == 3 * len(prof)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    marked = [lbl for lbl in labels if L.PROFILE_MOBILISABLE_MARK in lbl]
    assert len(marked) == int(prof["mobilisable"].sum()) and len(marked) < len(labels)
    assert ax.get_xlim()[1] >= 4


def test_person_profile_when_nothing_assessed():
    fig = person_profile_chart(pd.DataFrame(columns=["savoir", "vouloir", "pouvoir"]), "Personne 3")
    assert any(t.get_text() == L.PROFILE_EMPTY for t in fig.axes[0].texts)
    assert _png(fig)[:4] == b"\x89PNG"
