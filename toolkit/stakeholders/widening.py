"""« Élargir le tour de table »: the actors outside the project who hold what it lacks."""
from __future__ import annotations

from typing import Any, Iterable

import pandas as pd

from .. import competences
from ..core import labels as L
from ..core import values as V
from .actors import actor_table


def widen_the_table(actors: pd.DataFrame, lacking: Iterable[str],
                    competences: pd.DataFrame | None = None) -> pd.DataFrame:
    """Actors not mobilised yet who hold a competence the project lacks.

    Parameters
    ----------
    actors : the ``actors`` frame, with ``competences`` (list of competence ids held).
    lacking : ids of the competences the project lacks (from the competence analysis;
        ``lacking_competences`` gives an estimate from the workshop's data).
    competences : the ``competences`` frame, to show the competence names (optional).

    Returns
    -------
    DataFrame, one row per (actor, competence): id, name, category, power, attitude,
    competence_id, competence; favourable actors and high power first.

    Notes
    -----
    The method's gap analysis names « l'élargissement du tour de table » as a remedy: a
    stakeholder who has the competence and is not mobilised can be brought in before
    recruiting or buying external expertise.

    Example
    -------
    >>> df = pd.DataFrame([{"id": "S", "name": "SAFER", "power": 3, "interest": 1,
    ...                     "mobilised": False, "competences": ["CMP-11"]}])
    >>> widen_the_table(df, {"CMP-11"})[["id", "competence_id"]].values.tolist()
    [['S', 'CMP-11']]
    """
    lacking = set(lacking)
    base = actor_table(actors)
    held = actors["competences"] if "competences" in actors else pd.Series([[]] * len(actors))
    names = {}
    if competences is not None and len(competences):
        names = dict(zip(competences["id"], competences["name"]))
    rows = []
    for rec, comps in zip(base.to_dict("records"), held.tolist()):
        if rec["mobilised"]:
            continue
        for cid in comps if isinstance(comps, (list, tuple)) else []:
            if cid in lacking:
                rows.append({"id": rec["id"], "name": rec["name"], "category": rec["category"],
                             "power": rec["power"], "attitude": rec["attitude"],
                             "competence_id": cid, "competence": names.get(cid, cid)})
    df = pd.DataFrame(rows, columns=["id", "name", "category", "power", "attitude", "competence_id", "competence"])
    if len(df):
        df = df.assign(_s=-df["attitude"].map(V.ATTITUDE_SCORES))
        df = df.sort_values(["_s", "power", "id", "competence_id"], ascending=[True, False, True, True])
        df = df.drop(columns="_s").reset_index(drop=True)
    return df


def lacking_competences(frames: dict[str, pd.DataFrame], thresholds: Any = None,
                        team_only: bool = True) -> set[str]:
    """Competences required by tasks that no mobilisable member of the project team brings.

    The competence review (``toolkit.competences.lacking_competences``, Le Boterf's
    savoir, vouloir and pouvoir agir, with the consultant's reading preferred to the
    self-assessment) decides; this returns its verdict as a set of ids, restricted by
    default to the project team (``persons.in_team``): a partner who has the competence
    but is not in the team is precisely whom « élargir le tour de table » looks for.

    Parameters
    ----------
    frames : the workshop's frames (``requirements``, ``assessments``, ``persons``).
    thresholds : ``competences.Thresholds`` (default: that module's, 2 on each dimension).
    team_only : count only the project team's members as able to cover a requirement.

    Returns
    -------
    The set of lacking competence ids.

    Example
    -------
    >>> frames = {"requirements": pd.DataFrame([{"task_id": "T", "competence_id": "C1", "level": 3}]),
    ...           "persons": pd.DataFrame([{"id": "P", "in_team": True}]),
    ...           "assessments": pd.DataFrame([{"person_id": "P", "competence_id": "C1",
    ...               "savoir": 2, "vouloir": 4, "pouvoir": 3, "source": "auto-évaluation"}])}
    >>> lacking_competences(frames)
    {'C1'}
    """
    req = frames.get("requirements")
    if req is None or len(req) == 0:
        return set()
    assessments = frames.get("assessments")
    if assessments is None or len(assessments) == 0:
        return set(req["competence_id"])
    persons = frames.get("persons")
    out = competences.lacking_competences(req, assessments, thresholds=thresholds, persons=persons,
                                          team_only=team_only and persons is not None)
    return set(out.index)



def lacking_table(lacking: set[str], competences: pd.DataFrame | None) -> pd.DataFrame:
    """The lacking competences as a table: id, name and family (the id as name when unknown).

    >>> lacking_table({"C1"}, pd.DataFrame([{"id": "C1", "name": "Foncier", "family": "technique"}])).values.tolist()
    [['C1', 'Foncier', 'technique']]
    """
    columns = ["id", "name", "family"]
    if competences is None or len(competences) == 0:
        return pd.DataFrame({"id": sorted(lacking), "name": sorted(lacking), "family": None}, columns=columns)
    known = competences.set_index("id")
    rows = [{"id": c, "name": known.at[c, "name"] if c in known.index else c,
             "family": known.at[c, "family"] if c in known.index and "family" in known else None}
            for c in sorted(lacking)]
    return pd.DataFrame(rows, columns=columns)
