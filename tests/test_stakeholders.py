"""The stakeholder analysis (step 2): small hand-computed cases, then the demo's flaws."""
from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest

from toolkit.core import labels as L
from toolkit import stakeholders as S
from toolkit.demo import DEMO_FLAWS
from toolkit.core.errors import MaillageError


def actors(*rows: tuple) -> pd.DataFrame:
    """Actors from (id, power, interest, attitude, mobilised[, competences]) tuples."""
    out = []
    for row in rows:
        aid, power, interest, attitude, mobilised, *comps = row
        out.append({"id": aid, "name": f"Acteur {aid}", "category": "association", "power": power,
                    "interest": interest, "attitude": attitude, "mobilised": mobilised,
                    "competences": comps[0] if comps else []})
    return pd.DataFrame(out)


def named(*names: str) -> pd.DataFrame:
    return pd.DataFrame({"id": [f"A{i}" for i in range(len(names))], "name": list(names)})


def bow_tie() -> nx.Graph:
    """Two triangles A-B-C and C-D-E sharing C."""
    return nx.Graph([("A", "B"), ("B", "C"), ("A", "C"), ("C", "D"), ("D", "E"), ("E", "C")])


# --- power / interest grid ------------------------------------------------------------

@pytest.mark.parametrize("power, interest, expected", [
    (4, 4, "manage_closely"),
    (3, 3, "manage_closely"),      # 3 (« fort ») is high on both axes
    (3, 2, "keep_satisfied"),      # 2 (« moyen ») is low
    (4, 0, "keep_satisfied"),
    (2, 3, "keep_informed"),
    (2.99, 4, "keep_informed"),    # a mean just under 3 stays low
    (2, 2, "monitor"),
    (0, 0, "monitor"),
])
def test_quadrant_boundaries(power, interest, expected):
    assert S.quadrant(power, interest) == expected


def test_quadrant_boundary_is_a_parameter():
    assert S.quadrant(2, 2, high_from=2) == "manage_closely"
    assert S.quadrant(3, 3, high_from=4) == "monitor"


def test_grid_gives_strategy_in_french_and_sorts_by_quadrant():
    df = S.power_interest_grid(actors(("low", 0, 1, "neutre", False), ("key", 4, 3, "allié", True),
                                      ("fund", 3, 1, "favorable", True), ("res", 1, 4, "favorable", False)))
    assert df["id"].tolist() == ["key", "fund", "res", "low"]
    assert df["strategy"].tolist() == ["Associer étroitement", "Satisfaire", "Informer", "Surveiller"]


def test_grid_leaves_out_unrated_actors():
    df = actors(("a", 3, 3, "neutre", False), ("b", 3, 3, "neutre", False))
    df.loc[1, "power"] = None
    assert S.power_interest_grid(df)["id"].tolist() == ["a"]


def test_quadrant_summary_counts_all_four_quadrants():
    grid = S.power_interest_grid(actors(("a", 4, 4, "allié", True), ("b", 4, 4, "allié", True),
                                        ("c", 0, 0, "neutre", False)))
    summary = S.quadrant_summary(grid)
    assert summary["count"].to_dict() == {"manage_closely": 2, "keep_satisfied": 0, "keep_informed": 0, "monitor": 1}
    assert summary.loc["manage_closely", "members"] == "Acteur a, Acteur b"


# --- attitude × power -----------------------------------------------------------------

def test_attitude_power_postures():
    df = S.attitude_power(actors(
        ("opp", 3, 1, "opposant", False),      # powerful opponent
        ("res", 4, 2, "réservé", True),        # powerful and reserved: also a risk
        ("weak", 2, 4, "opposant", False),     # opponent without power
        ("ally", 1, 3, "favorable", False),    # support left unused
        ("in", 4, 4, "allié", True),
        ("n", 4, 4, "neutre", False),
    )).set_index("id")
    assert df["posture"].to_dict() == {"opp": "influential_opponent", "res": "influential_opponent",
                                       "weak": "opponent", "ally": "unmobilised_ally",
                                       "in": "mobilised_ally", "n": "neutral"}
    assert df.loc["opp", "posture_label"] == "Opposant influent"
    assert df.loc["res", "posture_label"] == "Réservé influent"
    assert df.loc["opp", "attitude_score"] == -2


def test_influential_opponents_most_powerful_first_and_unmobilised_allies():
    df = actors(("a", 3, 1, "opposant", False), ("b", 4, 1, "opposant", False),
                ("c", 1, 1, "allié", False), ("d", 3, 1, "favorable", False), ("e", 3, 1, "allié", True))
    assert S.influential_opponents(df)["id"].tolist() == ["b", "a"]
    assert S.unmobilised_allies(df)["id"].tolist() == ["d", "c"]


def test_missing_attitude_counts_as_neutral():
    df = actors(("a", 4, 4, None, None))
    out = S.attitude_power(df)
    assert out.loc[0, "attitude"] == "neutre" and out.loc[0, "posture"] == "neutral"
    assert bool(out.loc[0, "mobilised"]) is False


# --- the relation network ---------------------------------------------------------------

def test_relation_graph_keeps_every_relation_and_isolated_actors():
    a = actors(("A", 1, 1, "neutre", True), ("B", 1, 1, "neutre", True), ("Z", 1, 1, "neutre", True))
    r = pd.DataFrame([
        {"id": "R1", "source_id": "A", "target_id": "B", "type": "financement", "weight": 3},
        {"id": "R2", "source_id": "B", "target_id": "A", "type": "conflit", "weight": 1},
    ])
    g = S.relation_graph(a, r)
    assert set(g.nodes) == {"A", "B", "Z"}
    assert g.number_of_edges() == 2
    assert g.edges["A", "B", "R1"] == {"type": "financement", "weight": 3}
    assert g.nodes["A"]["name"] == "Acteur A"
    contact = S.contact_graph(g)
    assert contact.edges["A", "B"]["weight"] == 4
    assert contact.edges["A", "B"]["types"] == ["conflit", "financement"]
    assert S.contact_graph(g, types=["financement"]).edges["A", "B"]["weight"] == 3


def test_relation_to_unknown_actor_is_refused_in_french():
    a = actors(("A", 1, 1, "neutre", True))
    r = pd.DataFrame([{"id": "R1", "source_id": "A", "target_id": "X", "type": "conflit", "weight": 1}])
    with pytest.raises(MaillageError, match="acteur inconnu : X"):
        S.relation_graph(a, r)


def test_bow_tie_centre_is_the_only_broker():
    m = S.network_metrics(bow_tie()).set_index("id")
    assert m.index[0] == "C"
    assert m["broker"].to_dict() == {"C": True, "A": False, "B": False, "D": False, "E": False}
    assert m.loc["C", "cut_off"] == 2          # without C, one triangle's two actors are cut off
    # 4 of the 6 pairs among A, B, D, E go through C: 4 / ((5-1)(5-2)/2) = 2/3
    assert m.loc["C", "betweenness"] == pytest.approx(2 / 3, abs=1e-6)
    assert m.loc["A", "betweenness"] == 0
    assert m.loc["C", "degree"] == 4 and m.loc["A", "degree"] == 2
    assert S.brokers(m.reset_index())["id"].tolist() == ["C"]


def test_path_middle_is_a_broker_cutting_one_actor():
    m = S.network_metrics(nx.Graph([("A", "B"), ("B", "C")])).set_index("id")
    assert m.loc["B", "broker"] and m.loc["B", "cut_off"] == 1
    assert m.loc["B", "betweenness"] == pytest.approx(1.0)


def test_isolate_is_found_and_has_no_community():
    g = bow_tie()
    g.add_node("Z")
    m = S.network_metrics(g).set_index("id")
    assert m.loc["Z", "isolated"] and m.loc["Z", "degree"] == 0 and not m.loc["Z", "broker"]
    assert pd.isna(m.loc["Z", "community"])
    assert S.isolated_actors(m.reset_index())["id"].tolist() == ["Z"]


def test_two_cliques_joined_by_one_link_make_two_communities():
    g = nx.complete_graph(["A", "B", "C", "D"])
    g.add_edges_from(nx.complete_graph(["W", "X", "Y", "Z"]).edges)
    g.add_edge("D", "W")
    m = S.network_metrics(g)
    groups = m.groupby("community")["id"].apply(set).to_dict()
    assert sorted(map(sorted, groups.values())) == [["A", "B", "C", "D"], ["W", "X", "Y", "Z"]]
    c = S.communities(m)
    assert c["size"].tolist() == [4, 4]
    # the bridge ends D and W are both brokers and each community's hub
    assert set(c["hub"]) == {"D", "W"}
    assert set(S.brokers(m)["id"]) == {"D", "W"}
    assert S.brokers(m)["cut_off"].tolist() == [3, 3]


def test_weights_sum_into_strength():
    m = S.network_metrics(nx.Graph([("A", "B", {"weight": 3}), ("B", "C", {"weight": 1})])).set_index("id")
    assert m["strength"].to_dict() == {"A": 3, "B": 4, "C": 1}


def test_empty_network():
    m = S.network_metrics(nx.Graph())
    assert len(m) == 0 and "broker" in m.columns
    assert len(S.communities(m)) == 0


# --- élargir le tour de table ------------------------------------------------------------

def test_widen_the_table_keeps_unmobilised_holders_of_lacking_competences():
    a = actors(("safer", 3, 1, "neutre", False, ["C11", "C02"]),
               ("in", 3, 3, "allié", True, ["C11"]),            # already mobilised
               ("other", 1, 1, "favorable", False, ["C02"]),    # holds nothing lacking
               ("fan", 1, 2, "allié", False, ["C11"]))
    comps = pd.DataFrame({"id": ["C11", "C02"], "name": ["Foncier agricole", "Animation"]})
    out = S.widen_the_table(a, {"C11"}, comps)
    assert out[["id", "competence_id", "competence"]].values.tolist() == [
        ["fan", "C11", "Foncier agricole"],      # allies first
        ["safer", "C11", "Foncier agricole"],
    ]
    assert len(S.widen_the_table(a, set())) == 0


def test_lacking_competences_uses_team_motivation_and_consultant_reading():
    req = [{"task_id": "T1", "competence_id": c, "level": lvl} for c, lvl in
           [("C1", 3), ("C1", 2), ("C2", 2), ("C3", 2), ("C4", 2)]]
    frames = {
        "requirements": pd.DataFrame(req),
        "persons": pd.DataFrame([{"id": "P", "in_team": True}, {"id": "Q", "in_team": False}]),
        "assessments": pd.DataFrame([
            # C1 needed at 3: P is at 3 by himself, 2 for the consultant → lacking
            {"person_id": "P", "competence_id": "C1", "savoir": 3, "vouloir": 3, "pouvoir": 2, "source": "auto-évaluation"},
            {"person_id": "P", "competence_id": "C1", "savoir": 2, "vouloir": 3, "pouvoir": 2, "source": "consultant"},
            # C2: able but unwilling → lacking
            {"person_id": "P", "competence_id": "C2", "savoir": 4, "vouloir": 1, "pouvoir": 2, "source": "auto-évaluation"},
            # C3: only someone outside the project team → lacking for the team
            {"person_id": "Q", "competence_id": "C3", "savoir": 4, "vouloir": 4, "pouvoir": 4, "source": "auto-évaluation"},
            # C4: able, willing, available → covered
            {"person_id": "P", "competence_id": "C4", "savoir": 2, "vouloir": 2, "pouvoir": 2, "source": "auto-évaluation"},
        ]),
    }
    assert S.lacking_competences(frames) == {"C1", "C2", "C3"}
    assert S.lacking_competences(frames, team_only=False) == {"C1", "C2"}
    assert S.lacking_competences({"requirements": pd.DataFrame()}) == set()


# --- probable duplicates -------------------------------------------------------------------

def pairs(df: pd.DataFrame) -> set[tuple[str, str]]:
    return {(a, b) for a, b in zip(df["name_a"], df["name_b"])} | {(b, a) for a, b in zip(df["name_a"], df["name_b"])}


@pytest.mark.parametrize("a, b, reason", [
    ("Région Grand Est", "région grand-est", "same_name"),
    ("Épicerie solidaire", "EPICERIE  SOLIDAIRE", "same_name"),
    ("Région", "Conseil régional Grand Est", "included"),
    ("Conseil régional Grand Est", "Région Grand Est", "synonyms"),
    ("Mairie de Montaurel", "Commune de Montaurel", "synonyms"),
    ("CCI des Deux-Sèvres", "Chambre de commerce et d'industrie des Deux-Sèvres", "synonyms"),
    ("Chambre d'agriculture", "Chambre d'agriculure", "similar"),
    ("Hypermarché des Justices", "Hypermarché de la zone commerciale des Justices", "included"),
    ("Légumerie coopérative du Bocage", "Legumerie cooperative du Bocgae", "similar"),
])
def test_probable_duplicates_found(a, b, reason):
    df = S.probable_duplicates(named(a, b, "SAFER", "Lycée agricole"))
    assert len(df) == 1
    assert (df.loc[0, "name_a"], df.loc[0, "name_b"]) in {(a, b), (b, a)}
    assert df.loc[0, "reason"] == reason
    assert df.loc[0, "reason_label"] == L.DUPLICATE_REASONS[reason]
    assert 0.8 <= df.loc[0, "score"] <= 1


@pytest.mark.parametrize("a, b", [
    ("DREAL Nouvelle-Aquitaine", "DRAAF Nouvelle-Aquitaine"),
    ("DDT des Deux-Sèvres", "CCI des Deux-Sèvres"),
    ("Lot 1", "Lot 2"),
    ("Président de la communauté de communes", "Vice-président de la communauté de communes"),
    ("Préfecture", "Sous-préfecture"),
    ("Chambre d'agriculture", "Chambre de métiers et de l'artisanat"),
])
def test_distinct_names_are_not_duplicates(a, b):
    assert len(S.probable_duplicates(named(a, b, "SAFER Nouvelle-Aquitaine", "Département des Deux-Sèvres"))) == 0


def test_canonical_tokens():
    assert S.canonical_tokens("Conseil Régional du Grand-Est") == ["region", "grand", "est"]
    assert S.canonical_tokens("  La Mairie ") == ["commune"]
    assert S.canonical_tokens("Vice-Président") == ["vicepresident"]
    assert S.canonical_tokens("<img src=x onerror=alert(1)>") == ["img", "src", "x", "onerror", "alert", "1"]


def test_similar_names_warns_before_adding():
    existing = named("Conseil régional Nouvelle-Aquitaine", "SAFER Nouvelle-Aquitaine", "DREAL Nouvelle-Aquitaine")
    found = S.similar_names("Région Nouvelle Aquitaine", existing)
    assert found["id"].tolist() == ["A0"]
    assert found.loc[0, "reason"] == "synonyms"
    assert len(S.similar_names("Lycée agricole", existing)) == 0


def test_no_duplicates_among_the_demo_actors(demo_workshop):
    assert len(S.probable_duplicates(demo_workshop.store.frame("actors"))) == 0


# --- on the demo workshop: the deliberate flaws are found -----------------------------------

@pytest.fixture
def demo_result(demo_workshop):
    return S.analyse(demo_workshop.store.frames())


def test_demo_influential_opponent(demo_result):
    opponents = demo_result["influential_opponents"]
    assert DEMO_FLAWS["influential_opponent"] in set(opponents["id"])
    row = opponents.set_index("id").loc[DEMO_FLAWS["influential_opponent"]]
    assert row["attitude"] == "opposant" and not row["mobilised"]


def test_demo_isolated_actor(demo_result):
    assert demo_result["isolated"]["id"].tolist() == [DEMO_FLAWS["isolated_actor"]]


def test_demo_broker_is_the_most_critical(demo_result):
    top = demo_result["brokers"].iloc[0]
    assert top["id"] == DEMO_FLAWS["broker_actor"]
    assert top["cut_off"] == 5   # SAFER, AMAP, GAB, légumerie, market producers


def test_demo_unmobilised_holder(demo_result):
    aid, cid = DEMO_FLAWS["unmobilised_holder"]
    assert cid in demo_result["lacking"]
    lacking = demo_result["lacking_table"].set_index("id")
    assert lacking.loc[cid, "name"] == "Foncier agricole"
    widen = demo_result["widen"]
    assert (aid, cid) in set(zip(widen["id"], widen["competence_id"]))
    assert not demo_result["grid"].set_index("id").loc[aid, "mobilised"]


def test_demo_every_actor_is_on_the_grid_once(demo_workshop, demo_result):
    assert sorted(demo_result["grid"]["id"]) == sorted(demo_workshop.store.frame("actors")["id"])
    assert demo_result["quadrants"]["count"].sum() == len(demo_result["grid"])


def test_readable_uses_french_headings():
    out = S.readable(S.power_interest_grid(actors(("a", 4, 4, "allié", True))))
    assert "Stratégie" in out.columns and "Mobilisé" in out.columns and "quadrant" not in out.columns
    assert out["Mobilisé"].tolist() == ["oui"]


# --- participants' ratings --------------------------------------------------------------

def test_rating_summary_average_spread_and_latest_per_person():
    a = actors(("H", 3, 3, "opposant", False), ("S", 3, 1, "neutre", False), ("Z", 1, 1, "neutre", False))
    r = pd.DataFrame([
        {"actor_id": "H", "person_id": "P1", "power": 4, "interest": 3, "attitude": "opposant", "updated_at": "1"},
        {"actor_id": "H", "person_id": "P2", "power": 2, "interest": 4, "attitude": "réservé", "updated_at": "2"},
        {"actor_id": "H", "person_id": "P3", "power": 3, "interest": 2, "attitude": "allié", "updated_at": "3"},
        {"actor_id": "S", "person_id": "P1", "power": 0, "interest": 1, "attitude": "neutre", "updated_at": "4"},
        {"actor_id": "S", "person_id": "P1", "power": 3, "interest": 1, "attitude": "neutre", "updated_at": "5"},
    ])
    out = S.rating_summary(r, a).set_index("id")
    assert list(out.index) == ["H", "S"]            # the disputed actor first; Z unrated
    h = out.loc["H"]
    assert (h["raters"], h["power_mean"], h["power_spread"]) == (3, 3.0, 2)
    assert (h["interest_mean"], h["interest_spread"]) == (3.0, 2)
    assert h["attitude_mean"] == pytest.approx((-2 - 1 + 2) / 3, abs=0.05) and h["attitude_spread"] == 4
    assert h["attitudes"] == "allié ×1, réservé ×1, opposant ×1"
    assert h["disagreement"] == 4
    s = out.loc["S"]                                 # P1 changed their mind: the latest counts
    assert (s["raters"], s["power_mean"], s["power_spread"]) == (1, 3.0, 0)


def test_rating_summary_empty():
    assert len(S.rating_summary(pd.DataFrame(), actors(("A", 1, 1, "neutre", False)))) == 0


def test_rated_actors_feed_the_grid():
    a = actors(("H", 3, 3, "opposant", False), ("Z", 1, 1, "neutre", False))
    summary = pd.DataFrame([{"id": "H", "power_mean": 2.6, "interest_mean": 3.0, "attitude_mean": -1.5}])
    out = S.rated_actors(a, summary).set_index("id")
    assert out.loc["H", "power"] == 2.6 and out.loc["H", "attitude"] == "réservé"
    assert out.loc["Z", "power"] == 1 and out.loc["Z", "attitude"] == "neutre"
    grid = S.power_interest_grid(out.reset_index()).set_index("id")
    assert grid.loc["H", "quadrant"] == "keep_informed"   # 2.6 is below the boundary of 3


def test_demo_ratings_show_the_disputed_actors(demo_result):
    ratings = demo_result["ratings"]
    assert set(ratings["id"]) == {"ACT-42", "ACT-24", "ACT-35", "ACT-25", "ACT-48"}
    assert ratings.iloc[0]["id"] == "ACT-35"         # allies and reserved voices side by side
    assert ratings.set_index("id").loc["ACT-42", "raters"] == 5
