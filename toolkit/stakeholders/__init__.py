"""Step 2 — stakeholder mapping: who is around the table, who weighs, who is missing.

Plain data in, plain data out: every function takes the workshop's DataFrames (as given by
``Store.frame`` / ``Store.frames``) and returns a DataFrame, a dict or a networkx graph.
Nothing here draws, prints or stores (pictures are in ``toolkit.viz``).

The method
----------
- **Power/interest grid** (Mendelow, 1991): each actor is placed by its power (capacity
  to influence the project) and its interest (how much the project affects it or it cares),
  both rated 0–4 in the model. The four quadrants give the engagement strategy: *associer
  étroitement* (high power, high interest), *satisfaire* (high power, low interest),
  *informer* (low power, high interest), *surveiller* (low, low).
  **Boundary**: a rating is *high* from 3 (« fort ») upwards; 0–2 (« nul » to « moyen »)
  is low. On a five-step scale the middle step is not a strong position, so « moyen »
  stays with the low half and the top-right quadrant keeps only the actors rated strong
  on both axes. Averages of several ratings (floats) follow the same rule (2.5 is low).
- **Attitude × power** (the "stakeholder attitude" reading of Mendelow's grid, as in
  Johnson & Scholes' stakeholder mapping): an opponent (or reserved actor) with high power
  is a risk to address first; a favourable actor not yet mobilised is a resource left unused.
- **Relation network** (social network analysis, Wasserman & Faust 1994; Burt's
  structural holes, 1992): typed, weighted relations. Degree (how many actors one is
  linked to), betweenness (how often one lies on the shortest path between two others),
  *passeurs* (articulation points: actors whose removal splits the network, the brokers of
  Burt), isolated actors, and communities (Louvain modularity, Blondel et al. 2008).
- **Élargir le tour de table**: actors who hold a competence the project lacks and are
  not mobilised yet (the remedy named by the method's gap analysis).
- **Probable duplicates** among actor names (case, accents, institutional synonyms such
  as « Région » / « Conseil régional Grand Est », typing errors).

Example
-------
>>> import pandas as pd
>>> actors = pd.DataFrame([
...     {"id": "A", "name": "Région", "category": "cofinanceur", "power": 4, "interest": 1,
...      "attitude": "favorable", "mobilised": True},
...     {"id": "B", "name": "Conseil régional Grand Est", "category": "cofinanceur",
...      "power": 3, "interest": 3, "attitude": "allié", "mobilised": False},
... ])
>>> power_interest_grid(actors)[["id", "quadrant"]].values.tolist()
[['B', 'manage_closely'], ['A', 'keep_satisfied']]
>>> probable_duplicates(actors)[["id_a", "id_b", "reason"]].values.tolist()
[['A', 'B', 'included']]

The step's modules
------------------
``grid`` (power/interest, attitude × power), ``network`` (relation graph and its
metrics), ``algorithms`` (betweenness and Louvain, equal to networkx's), ``widening``
(« élargir le tour de table »), ``matching`` (probable duplicates among names),
``ratings`` (the participants' ratings), ``actors`` (the columns they all read) and
``step`` (``analyse``: everything at once; ``readable``). Every public name is
importable from ``toolkit.stakeholders`` itself.
"""
from __future__ import annotations

from .actors import actor_table, require_columns
from .algorithms import betweenness, louvain
from .grid import HIGH_FROM, attitude_power, influential_opponents, power_interest_grid, quadrant, quadrant_summary
from .grid import unmobilised_allies
from .matching import canonical_tokens, probable_duplicates, similar_names
from .network import BETWEENNESS_EXACT_MAX, BETWEENNESS_SAMPLE, brokers, communities, contact_graph
from .network import isolated_actors, network_metrics, relation_graph
from .ratings import latest_ratings, rated_actors, rating_summary
from .step import analyse, readable
from .widening import lacking_competences, lacking_table, widen_the_table

__all__ = [
    "BETWEENNESS_EXACT_MAX", "BETWEENNESS_SAMPLE", "HIGH_FROM", "actor_table", "analyse", "attitude_power",
    "betweenness", "brokers", "canonical_tokens", "communities", "contact_graph", "readable",
    "influential_opponents", "isolated_actors", "lacking_competences", "lacking_table", "latest_ratings",
    "louvain", "network_metrics", "power_interest_grid", "probable_duplicates", "quadrant", "quadrant_summary",
    "rated_actors", "rating_summary", "relation_graph", "require_columns", "similar_names", "unmobilised_allies",
    "widen_the_table",
]
