"""Probable duplicates among actor names: case, accents, institutional synonyms, typos."""
from __future__ import annotations

import difflib
import functools
import math
import re
from collections import Counter, defaultdict

import pandas as pd

from ..core import labels as L
from ..core import vocabulary as W
from ..core.model import fold
from .actors import require_columns

_PUNCT = re.compile(r"[^\w]+")
_DIGITS = re.compile(r"^\d+$")


@functools.lru_cache(maxsize=8)
def _glued(prefixes: tuple[str, ...]) -> re.Pattern[str]:
    """The pattern of a glued prefix and its hyphen (made once per catalogue)."""
    return re.compile(rf"\b({'|'.join(re.escape(fold(p)) for p in prefixes)})-(?=\w)")


@functools.lru_cache(maxsize=8)
def _stopwords(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(fold(w) for w in words)


def _tokens(text: str) -> list[str]:
    """Folded words of a name, with glued prefixes (« vice-président » is one word)."""
    text = fold(text)
    text = _glued(tuple(W.NAME_GLUED_PREFIXES)).sub(r"\1", text)
    return [t for t in _PUNCT.sub(" ", text.replace("_", " ")).split() if t]


_SYNONYMS: list[tuple[list[str], list[str]]] | None = None


def _synonyms() -> list[tuple[list[str], list[str]]]:
    global _SYNONYMS
    if _SYNONYMS is None:
        pairs = [(_tokens(k), _tokens(v)) for k, v in W.NAME_SYNONYMS.items()]
        _SYNONYMS = sorted(pairs, key=lambda p: -len(p[0]))  # longest phrase first
    return _SYNONYMS


def canonical_tokens(name: str) -> list[str]:
    """The words that identify a name: folded, synonyms replaced, small words dropped.

    Parameters
    ----------
    name : an actor's name as typed.

    Returns
    -------
    List of words (accent-free, lower case), institutional phrases replaced by their
    canonical form from ``vocabulary.NAME_SYNONYMS``.

    Example
    -------
    >>> canonical_tokens("Conseil Régional du Grand-Est")
    ['region', 'grand', 'est']
    >>> canonical_tokens("Vice-président de la CC")
    ['vicepresident', 'cc']
    """
    words = _tokens(name)
    for phrase, replacement in _synonyms():
        if phrase and phrase[0] not in words:  # cannot match (the scan below finds nothing)
            continue
        n = len(phrase)
        i = 0
        while i + n <= len(words):
            if words[i:i + n] == phrase:
                words[i:i + n] = replacement
                i += len(replacement)
            else:
                i += 1
    stop = _stopwords(tuple(W.NAME_STOPWORDS))
    return [w for w in words if w not in stop]


def _edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions and
    transpositions of two neighbours (the usual typing errors) each cost 1."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


def _token_similarity(a: str, b: str) -> float:
    """1 for the same word, 0.8–1 for a probable typing error, else 0."""
    if a == b:
        return 1.0
    # Numbers and short words must match exactly: "Lot 1" is not "Lot 2", "CCI" not "CMA".
    if _DIGITS.match(a) or _DIGITS.match(b) or min(len(a), len(b)) < 5:
        return 0.0
    # difflib's ratio catches dropped letters, the edit distance swapped ones ("bocgae").
    # Prefix-glued words share most letters ("vicepresident" / "president": 0.82), hence
    # the stricter bar for difflib.
    ratio = difflib.SequenceMatcher(None, a, b).ratio()
    edit = 1 - _edit_distance(a, b) / max(len(a), len(b))
    return max(ratio if ratio >= 0.85 else 0.0, edit if edit >= 0.8 else 0.0)


def _covered(a: list[str], b: list[str], w: dict[str, float]) -> float:
    """Weight of the words of ``a`` found in ``b`` (a typo counts for its similarity)."""
    total = 0.0
    bset = set(b)
    for t in set(a):
        if t in bset:
            total += w[t]
        else:
            total += w[t] * max((_token_similarity(t, u) for u in bset), default=0.0)
    return total


def _weights(token_lists: list[list[str]]) -> dict[str, float]:
    """Inverse document frequency: a word shared by many names says little."""
    n = len(token_lists)
    df = Counter(t for tokens in token_lists for t in set(tokens))
    return {t: math.log(1 + n / c) for t, c in df.items()}


def _compare(a: list[str], b: list[str], w: dict[str, float]) -> tuple[float, str] | None:
    """(score, reason) if two canonical names probably designate the same actor."""
    if not a or not b:
        return None
    if set(a) == set(b):
        return 1.0, "synonyms"
    wa, wb = sum(w[t] for t in set(a)), sum(w[t] for t in set(b))
    ca, cb = _covered(a, b, w), _covered(b, a, w)
    na, nb = len(set(a)), len(set(b))
    short_cover = ca / wa if na < nb else cb / wb if nb < na else 0.0
    dice = (ca + cb) / (wa + wb)
    if short_cover >= 0.9:
        return round(max(dice, short_cover * 0.9), 3), "included"
    if dice >= 0.8:
        return round(dice, 3), "similar"
    return None


def _blocks(token_lists: list[list[str]], max_block: int) -> set[tuple[int, int]]:
    """Candidate pairs: names sharing a distinctive word or word start (not all n² pairs)."""
    index: dict[str, list[int]] = defaultdict(list)
    for i, tokens in enumerate(token_lists):
        keys = set()
        for t in tokens:
            keys.add(t)
            if len(t) >= 5 and not _DIGITS.match(t):
                keys.add("~" + t[:4])  # catches a typo after the fourth letter
                keys.add("~~" + t[-4:])  # … or before the last four
        for key in keys:
            index[key].append(i)
    pairs = set()
    for members in index.values():
        if len(members) < 2 or len(members) > max_block:
            continue
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                pairs.add((members[x], members[y]))
    return pairs


def probable_duplicates(actors: pd.DataFrame, threshold: float = 0.8,
                        max_block: int = 60) -> pd.DataFrame:
    """Pairs of actors whose names probably designate the same organisation.

    Parameters
    ----------
    actors : a frame with ``id`` and ``name`` (the ``actors`` frame).
    threshold : minimum similarity (0–1) for two names that do not contain one another.
    max_block : words shared by more names than this are too common to suggest a pair
        (keeps large workshops fast; such words weigh little anyway).

    Returns
    -------
    DataFrame: id_a, name_a, id_b, name_b, score (0–1), reason (key) and reason_label,
    most similar first.

    Notes
    -----
    Names are compared on their *canonical words* (``canonical_tokens``: case, accents,
    punctuation and small words removed, institutional synonyms replaced). Two names match
    when (1) their canonical words are equal (« Mairie de X » / « Commune de X »), or
    (2) every distinctive word of the shorter name is in the longer one (« Région » /
    « Conseil régional Grand Est »), or (3) their weighted word overlap (Dice coefficient,
    words weighted by inverse frequency among the workshop's names, typos tolerated
    when ``difflib``'s ratio is ≥ 0.85 or one minus the relative edit distance
    (transpositions included) is ≥ 0.8, on words of five letters or more) reaches
    ``threshold``. Words common to many names (« Nouvelle-Aquitaine », « Deux-Sèvres »)
    weigh little, so « DREAL Nouvelle-Aquitaine » and « DRAAF Nouvelle-Aquitaine » do not
    match.

    Example
    -------
    >>> df = pd.DataFrame({"id": ["A", "B", "C"],
    ...                    "name": ["Mairie de Montaurel", "commune de montaurel", "SAFER"]})
    >>> probable_duplicates(df)[["id_a", "id_b", "reason"]].values.tolist()
    [['A', 'B', 'synonyms']]
    """
    columns = ["id_a", "name_a", "id_b", "name_b", "score", "reason", "reason_label"]
    require_columns(actors, ("id", "name"), "acteurs")
    ids = actors["id"].astype(str).tolist()
    names = actors["name"].astype(str).tolist()
    token_lists = [canonical_tokens(n) for n in names]
    folded = [" ".join(_tokens(n)) for n in names]
    w = _weights(token_lists)
    rows = []
    for i, j in sorted(_blocks(token_lists, max_block) | _same_folded(folded)):
        if folded[i] == folded[j] and folded[i]:
            found: tuple[float, str] | None = (1.0, "same_name")
        else:
            found = _compare(token_lists[i], token_lists[j], w)
        if found is None or (found[1] == "similar" and found[0] < threshold):
            continue
        a, b = (i, j) if ids[i] <= ids[j] else (j, i)
        rows.append({"id_a": ids[a], "name_a": names[a], "id_b": ids[b], "name_b": names[b],
                     "score": found[0], "reason": found[1], "reason_label": L.DUPLICATE_REASONS[found[1]]})
    df = pd.DataFrame(rows, columns=columns)
    return df.sort_values(["score", "id_a", "id_b"], ascending=[False, True, True]).reset_index(drop=True)


def _same_folded(folded: list[str]) -> set[tuple[int, int]]:
    groups: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(folded):
        if f:
            groups[f].append(i)
    return {(g[x], g[y]) for g in groups.values() for x in range(len(g)) for y in range(x + 1, len(g))}


def similar_names(name: str, actors: pd.DataFrame, threshold: float = 0.8) -> pd.DataFrame:
    """Existing actors whose name probably designates the same organisation as ``name``.

    Used before adding an actor (the participant page warns, the participant decides).

    Parameters
    ----------
    name : the name about to be added.
    actors : the existing actors (``id``, ``name``).

    Returns
    -------
    DataFrame: id, name, score, reason, reason_label (most similar first).

    Example
    -------
    >>> df = pd.DataFrame({"id": ["R"], "name": ["Conseil régional Grand Est"]})
    >>> similar_names("Région", df)["id"].tolist()
    ['R']
    """
    new_id = "\x00nouveau"
    both = pd.concat([pd.DataFrame({"id": [new_id], "name": [name]}),
                      actors[["id", "name"]].astype({"id": str, "name": str})], ignore_index=True)
    pairs = probable_duplicates(both, threshold=threshold, max_block=max(60, len(both)))
    rows = []
    for rec in pairs.to_dict("records"):
        if new_id in (rec["id_a"], rec["id_b"]):
            other = "b" if rec["id_a"] == new_id else "a"
            rows.append({"id": rec[f"id_{other}"], "name": rec[f"name_{other}"], "score": rec["score"],
                         "reason": rec["reason"], "reason_label": rec["reason_label"]})
    return pd.DataFrame(rows, columns=["id", "name", "score", "reason", "reason_label"])
