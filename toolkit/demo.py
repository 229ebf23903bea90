"""The demonstration workshop: Montaurel-sur-Sèvre, a fictitious small town.

Montaurel-sur-Sèvre (3 900 inhabitants, Deux-Sèvres) is in the « Petites villes de
demain » programme with its communauté de communes (Pays de Montaurel). Its project
« Montaurel 2030 » has four axes: commerce of the centre-bourg, housing and public
spaces (OPAH-RU, place du Champ-de-Foire), a projet alimentaire territorial (PAT) carried
with the communauté de communes, and the steering of the programme itself. The workshop
starts on 2026-09-01 with a 12-month horizon (2026-09 … 2027-08).

Every person, organisation and figure is invented; the institutions (Préfecture, ANCT,
Région, Banque des Territoires…) are named by their role only.

Deliberate flaws
----------------
The data is realistic, therefore imperfect. These flaws are put there on purpose so that
the analyses have something to find (also in ``DEMO_FLAWS``; the tests check each one
from the data):

- ``two_a_task`` — TAC-023 (choose the layout of the place du Champ-de-Foire) has two A:
  the maire PER-01 and the adjoint à l'urbanisme PER-03.
- ``no_r_tasks`` — TAC-026 (survey of the buildings rue des Tanneurs, an action with no
  pilot), TAC-043 (rally producers and canteens for the légumerie) and TAC-045 (land
  watch agreement with the SAFER) have nobody who does the work (no R).
- ``overloaded_person`` — PER-02, the cheffe de projet PVD: 15 days a month for the
  project, but her R load (subsidy files, concertation, ORT amendment…) peaks around
  25 days a month in November 2026 (above 15 from October to January).
- ``unmotivated_competence`` — CMP-09 (marchés publics) is required by TAC-018, TAC-022,
  TAC-038 and TAC-041; its only holders at level ≥ 3, the DGS PER-07 and the head of
  finance PER-09, rate their motivation 1 (and the consultant rates it 0).
- ``influential_opponent`` — ACT-42, the hypermarket of the zone des Justices: power 3,
  opposed to the commercial safeguard perimeter, not mobilised.
- ``unmobilised_holder`` — (ACT-25, CMP-11): the SAFER holds « foncier agricole », which
  no project team member masters at the required level 3, and it is not mobilised.
- ``pilot_not_a_action`` — ACN-12 (local sourcing of the central kitchen): its pilot, the
  adjointe PER-05, is A on none of its tasks (the DGS PER-07 approves everything).
- ``isolated_actor`` — ACT-26, the lycée agricole: no relation at all.
- ``broker_actor`` — ACT-33, the Chambre d'agriculture: the only link between the farming
  world (SAFER, AMAP, GAB, légumerie, market producers) and the rest of the network.

Use ``demo_records()`` for the data (fresh dicts at each call, no I/O) and
``build_demo(store)`` to load it into a store.
"""
from __future__ import annotations

from typing import Any

from .core import model

DEMO_START = "2026-09"
DEMO_END = "2027-08"
DEMO_START_DATE = "2026-09-01"
DEMO_HORIZON_MONTHS = 12
TOWN = "Montaurel-sur-Sèvre"
COMMUNE = "Commune de Montaurel-sur-Sèvre"
CC = "Communauté de communes du Pays de Montaurel"

DEMO_FLAWS: dict[str, Any] = {
    "two_a_task": "TAC-023",
    "no_r_tasks": ["TAC-026", "TAC-043", "TAC-045"],
    "overloaded_person": "PER-02",
    "unmotivated_competence": "CMP-09",
    "influential_opponent": "ACT-42",
    "unmobilised_holder": ("ACT-25", "CMP-11"),
    "pilot_not_a_action": "ACN-12",
    "isolated_actor": "ACT-26",
    "broker_actor": "ACT-33",
}


def _rows(fields: str, rows: list[tuple]) -> list[dict[str, Any]]:
    """Turn a table (tuples in the order of the space-separated ``fields``) into dicts."""
    names = fields.split()
    out = []
    for row in rows:
        assert len(row) == len(names), row
        out.append({n: (list(v) if isinstance(v, tuple) else v) for n, v in zip(names, row)})
    return out


def _ids(text: str) -> list[str]:
    return [t for t in text.replace(",", " ").split() if t]


# --- Project ------------------------------------------------------------------------

DEMO_FIRM = "Cabinet Territoires & Dialogues"  # its consultant is PER-30 (ACT-50)
PROJECT = {
    "id": "PRJ",
    "name": "Montaurel 2030 — revitalisation du centre-bourg et projet alimentaire territorial",
    "territory": f"{COMMUNE} et {CC} (Deux-Sèvres)",
    "programme": "Petites villes de demain",
    "start_date": DEMO_START_DATE,
    "horizon_months": DEMO_HORIZON_MONTHS,
    "description": (
        "Convention Petites villes de demain signée avec l'État, valant opération de "
        "revitalisation du territoire (ORT). Feuille de route à 12 mois glissants : "
        "commerce du centre-bourg, habitat dégradé et espaces publics, projet alimentaire "
        "territorial porté avec la communauté de communes, pilotage et financements."
    ),
    # The firm running the workshops, named on the deliverables' covers and footers.
    "firm": DEMO_FIRM,
}

# --- Competences: id, family, name, description -----------------------------------

COMPETENCES = _rows("id family name description", [
    ("CMP-01", "Pilotage de projet", "Conduite de projet",
     "Feuille de route, planning, animation d'équipe, comités, reporting."),
    ("CMP-02", "Pilotage de projet", "Animation de réseau partenarial",
     "Faire travailler ensemble État, cofinanceurs, chambres et associations."),
    ("CMP-03", "Financements", "Montage de dossiers de subvention",
     "FEDER, DSIL, DETR, Fonds vert, appels à projets régionaux : éligibilité, dépôt, suivi."),
    ("CMP-04", "Financements", "Analyse financière et prospective",
     "Plan pluriannuel d'investissement, capacité d'autofinancement, plan d'affaires."),
    ("CMP-05", "Urbanisme et habitat", "Droit de l'urbanisme",
     "PLUi, OAP, autorisations d'urbanisme, droits de préemption."),
    ("CMP-06", "Urbanisme et habitat", "OPAH-RU et habitat dégradé",
     "Opération programmée d'amélioration de l'habitat, RHI-THIRORI, procédures de péril."),
    ("CMP-07", "Urbanisme et habitat", "Aménagement des espaces publics",
     "Programmation, maîtrise d'œuvre, suivi de chantier d'espaces publics."),
    ("CMP-08", "Commerce et économie", "Commerce de centre-ville",
     "Vacance commerciale, boutiques à l'essai, foncière, animation commerciale."),
    ("CMP-09", "Juridique et commande publique", "Marchés publics",
     "Rédaction et passation des marchés, allotissement, critères EGalim."),
    ("CMP-10", "Alimentation et agriculture", "Circuits courts et restauration collective",
     "Approvisionnement local, loi EGalim, logistique, relations producteurs-cantines."),
    ("CMP-11", "Alimentation et agriculture", "Foncier agricole",
     "Veille foncière, transmission des exploitations, installation, conventions SAFER."),
    ("CMP-12", "Alimentation et agriculture", "Diagnostic agricole et alimentaire",
     "Données agricoles, flux alimentaires, enjeux du PAT."),
    ("CMP-13", "Concertation", "Animation de la concertation",
     "Ateliers habitants, balades urbaines, réunions publiques, restitution."),
    ("CMP-14", "Concertation", "Communication",
     "Lettre d'information, site, réseaux sociaux, relations presse."),
    ("CMP-15", "Données et observation", "SIG et données territoriales",
     "Cartographie, fichiers LOVAC et fonciers, observatoires."),
    ("CMP-16", "Urbanisme et habitat", "Patrimoine et architecture",
     "Abords des monuments historiques, avis de l'ABF, matériaux."),
    ("CMP-17", "Transition écologique", "Rénovation énergétique du bâti",
     "Audit énergétique, décret tertiaire, aides à la rénovation."),
    ("CMP-18", "Juridique et commande publique", "Ingénierie juridique",
     "Baux commerciaux, acquisitions, conventions, délibérations, montages (SEM, SAS)."),
])

# --- Actors: id, category, name, power, interest, attitude, mobilised, competences --

_ACTORS = [
    ("ACT-01", "élu", "Maire de Montaurel-sur-Sèvre", 4, 4, "allié", True, "CMP-13"),
    ("ACT-02", "élu", "Premier adjoint urbanisme, travaux et habitat", 3, 4, "allié", True, ""),
    ("ACT-03", "élu", "Adjointe au commerce et à la vie économique", 3, 4, "allié", True, "CMP-08"),
    ("ACT-04", "élu", "Adjointe aux affaires scolaires et à la restauration", 2, 3, "favorable", True, ""),
    ("ACT-05", "élu", "Président de la communauté de communes", 4, 2, "favorable", True, ""),
    ("ACT-06", "élu", "Vice-président agriculture et alimentation (CC)", 3, 4, "allié", True, "CMP-12"),
    ("ACT-07", "élu", "Groupe d'opposition municipale « Montaurel Autrement »", 1, 3, "réservé", False, ""),
    ("ACT-08", "équipe projet", "Cheffe de projet Petites villes de demain", 2, 4, "allié", True, "CMP-01 CMP-03"),
    ("ACT-09", "équipe projet", "Chargée de mission PAT (CC)", 2, 4, "allié", True, "CMP-10 CMP-12"),
    ("ACT-10", "service de la collectivité", "Direction générale des services", 3, 3, "favorable", True, "CMP-01 CMP-09"),
    ("ACT-11", "service de la collectivité", "Service urbanisme et foncier", 2, 3, "favorable", True, "CMP-05"),
    ("ACT-12", "service de la collectivité", "Service finances et commande publique", 2, 2, "neutre", True, "CMP-04 CMP-09"),
    ("ACT-13", "service de la collectivité", "Services techniques municipaux", 2, 2, "neutre", True, "CMP-07"),
    ("ACT-14", "service de la collectivité", "Cuisine centrale (restauration scolaire)", 1, 4, "favorable", True, "CMP-10"),
    ("ACT-15", "service de la collectivité", "Service communication", 1, 2, "favorable", True, "CMP-14"),
    ("ACT-16", "intercommunalité", "Communauté de communes du Pays de Montaurel", 4, 3, "favorable", True, "CMP-15"),
    ("ACT-17", "intercommunalité", "Service développement économique (CC)", 2, 4, "allié", True, "CMP-08"),
    ("ACT-18", "intercommunalité", "Syndicat mixte du SCoT et PETR du Bocage", 2, 2, "neutre", False, ""),
    ("ACT-19", "État et opérateurs", "Préfecture des Deux-Sèvres", 4, 2, "favorable", True, ""),
    ("ACT-20", "État et opérateurs", "Sous-préfecture d'arrondissement", 3, 3, "allié", True, ""),
    ("ACT-21", "État et opérateurs", "ANCT — délégation territoriale (référent PVD)", 3, 3, "allié", True, "CMP-01 CMP-03"),
    ("ACT-22", "État et opérateurs", "DDT des Deux-Sèvres", 3, 2, "favorable", True, "CMP-05 CMP-06"),
    ("ACT-23", "État et opérateurs", "DREAL Nouvelle-Aquitaine", 2, 1, "neutre", False, "CMP-17"),
    ("ACT-24", "État et opérateurs", "UDAP — Architecte des Bâtiments de France", 4, 2, "réservé", True, "CMP-16"),
    ("ACT-25", "État et opérateurs", "SAFER Nouvelle-Aquitaine", 3, 1, "neutre", False, "CMP-11"),
    ("ACT-26", "État et opérateurs", "Lycée agricole du Bocage (EPLEFPA)", 1, 2, "neutre", False, "CMP-10"),
    ("ACT-27", "État et opérateurs", "DRAAF Nouvelle-Aquitaine", 3, 2, "favorable", True, "CMP-12"),
    ("ACT-28", "cofinanceur", "Région Nouvelle-Aquitaine", 4, 2, "favorable", True, "CMP-03"),
    ("ACT-29", "cofinanceur", "Département des Deux-Sèvres", 3, 2, "favorable", True, "CMP-03"),
    ("ACT-30", "cofinanceur", "Banque des Territoires", 3, 3, "allié", True, "CMP-04 CMP-18"),
    ("ACT-31", "cofinanceur", "Anah — délégation locale", 3, 2, "favorable", True, "CMP-06"),
    ("ACT-32", "chambre consulaire", "CCI des Deux-Sèvres", 2, 3, "favorable", True, "CMP-08"),
    ("ACT-33", "chambre consulaire", "Chambre d'agriculture", 3, 3, "favorable", True, "CMP-10 CMP-12"),
    ("ACT-34", "chambre consulaire", "Chambre de métiers et de l'artisanat", 2, 2, "neutre", False, ""),
    ("ACT-35", "association", "Union des commerçants « Montaurel Commerces »", 2, 4, "réservé", True, ""),
    ("ACT-36", "association", "AMAP du Pays de Montaurel", 1, 3, "favorable", False, ""),
    ("ACT-37", "association", "Centre social « La Passerelle »", 2, 3, "allié", True, "CMP-13"),
    ("ACT-38", "association", "Groupement des agriculteurs bio (GAB)", 1, 3, "favorable", False, "CMP-10"),
    ("ACT-39", "association", "Épicerie solidaire « Le Panier »", 1, 3, "favorable", False, ""),
    ("ACT-40", "association", "Les Amis du vieux Montaurel (patrimoine)", 1, 3, "réservé", False, "CMP-16"),
    ("ACT-41", "entreprise", "Bailleur social (office public de l'habitat)", 3, 2, "neutre", True, "CMP-06"),
    ("ACT-42", "entreprise", "Hypermarché de la zone commerciale des Justices", 3, 3, "opposant", False, ""),
    ("ACT-43", "entreprise", "Légumerie coopérative du Bocage (SCIC)", 1, 4, "allié", False, "CMP-10"),
    ("ACT-44", "entreprise", "Opérateur OPAH-RU (bureau d'études habitat)", 2, 3, "favorable", True, "CMP-06 CMP-13"),
    ("ACT-45", "entreprise", "Producteurs du marché de plein vent", 1, 3, "favorable", False, ""),
    ("ACT-46", "habitants", "Habitants du centre-bourg", 1, 4, "neutre", False, ""),
    ("ACT-47", "habitants", "Conseil citoyen", 1, 3, "favorable", True, "CMP-13"),
    ("ACT-48", "habitants", "Collectif des riverains du Champ-de-Foire", 2, 4, "opposant", False, ""),
    ("ACT-49", "habitants", "Parents d'élèves des écoles publiques", 1, 3, "favorable", False, ""),
    ("ACT-50", "consultant", "Cabinet Territoires & Dialogues (AMO, animation)", 1, 3, "allié", True, "CMP-01 CMP-13"),
    ("ACT-51", "consultant", "Atelier d'urbanisme et de paysage (plan guide)", 2, 3, "favorable", True, "CMP-05 CMP-07"),
]
_ACTOR_COMMENTS = {
    "ACT-24": "Périmètre délimité des abords de l'église : avis conforme sur la place.",
    "ACT-25": "Sollicitée pour le diagnostic foncier, n'a pas encore répondu.",
    "ACT-26": "Forme de futurs maraîchers ; jamais associé au PAT.",
    "ACT-33": "Seul interlocuteur du projet pour les producteurs.",
    "ACT-42": "Conteste le périmètre de sauvegarde du commerce et le marché du vendredi.",
    "ACT-48": "Pétition contre la suppression de 40 places de stationnement.",
}


def _actors() -> list[dict[str, Any]]:
    out = []
    for aid, cat, name, power, interest, attitude, mobilised, comps in _ACTORS:
        rec = {"id": aid, "name": name, "category": cat, "power": power, "interest": interest,
               "attitude": attitude, "mobilised": mobilised, "competences": _ids(comps)}
        if aid in _ACTOR_COMMENTS:
            rec["comment"] = _ACTOR_COMMENTS[aid]
        out.append(rec)
    return out


# --- Relations: source, target, type, weight, comment -----------------------------

_RELATIONS = [
    # hierarchy
    ("ACT-01", "ACT-10", "hiérarchie", 3, ""),
    ("ACT-01", "ACT-02", "hiérarchie", 2, "Délégation urbanisme, travaux, habitat"),
    ("ACT-01", "ACT-03", "hiérarchie", 2, "Délégation commerce"),
    ("ACT-01", "ACT-04", "hiérarchie", 2, "Délégation affaires scolaires"),
    ("ACT-10", "ACT-08", "hiérarchie", 3, ""),
    ("ACT-10", "ACT-11", "hiérarchie", 3, ""),
    ("ACT-10", "ACT-12", "hiérarchie", 3, ""),
    ("ACT-10", "ACT-13", "hiérarchie", 3, ""),
    ("ACT-10", "ACT-14", "hiérarchie", 2, ""),
    ("ACT-10", "ACT-15", "hiérarchie", 2, ""),
    ("ACT-05", "ACT-06", "hiérarchie", 2, "Délégation agriculture et alimentation"),
    ("ACT-05", "ACT-16", "hiérarchie", 3, ""),
    ("ACT-16", "ACT-17", "hiérarchie", 3, ""),
    ("ACT-16", "ACT-09", "hiérarchie", 3, ""),
    ("ACT-19", "ACT-20", "hiérarchie", 3, ""),
    ("ACT-19", "ACT-22", "hiérarchie", 3, ""),
    ("ACT-19", "ACT-24", "hiérarchie", 1, ""),
    # cooperation
    ("ACT-08", "ACT-09", "coopération", 3, "Articulation PVD et PAT"),
    ("ACT-08", "ACT-17", "coopération", 3, ""),
    ("ACT-08", "ACT-11", "coopération", 3, ""),
    ("ACT-08", "ACT-12", "coopération", 2, ""),
    ("ACT-08", "ACT-15", "coopération", 2, ""),
    ("ACT-08", "ACT-21", "coopération", 3, "Point mensuel avec le référent PVD"),
    ("ACT-08", "ACT-37", "coopération", 2, ""),
    ("ACT-08", "ACT-50", "coopération", 3, ""),
    ("ACT-01", "ACT-05", "coopération", 2, ""),
    ("ACT-02", "ACT-11", "coopération", 3, ""),
    ("ACT-02", "ACT-13", "coopération", 2, ""),
    ("ACT-03", "ACT-17", "coopération", 2, ""),
    ("ACT-03", "ACT-35", "coopération", 2, ""),
    ("ACT-04", "ACT-14", "coopération", 3, ""),
    ("ACT-06", "ACT-09", "coopération", 3, ""),
    ("ACT-06", "ACT-33", "coopération", 2, ""),
    ("ACT-09", "ACT-33", "coopération", 3, "Convention de partenariat PAT"),
    ("ACT-14", "ACT-33", "coopération", 2, "Approvisionnement local"),
    ("ACT-33", "ACT-38", "coopération", 2, ""),
    ("ACT-33", "ACT-43", "coopération", 2, ""),
    ("ACT-33", "ACT-45", "coopération", 2, ""),
    ("ACT-38", "ACT-36", "coopération", 2, ""),
    ("ACT-45", "ACT-36", "coopération", 3, "Paniers hebdomadaires"),
    ("ACT-43", "ACT-38", "coopération", 2, ""),
    ("ACT-17", "ACT-32", "coopération", 3, ""),
    ("ACT-32", "ACT-35", "coopération", 2, ""),
    ("ACT-11", "ACT-22", "coopération", 2, ""),
    ("ACT-11", "ACT-51", "coopération", 3, "Plan guide"),
    ("ACT-11", "ACT-44", "coopération", 3, "Suivi-animation OPAH-RU"),
    ("ACT-44", "ACT-41", "coopération", 1, ""),
    ("ACT-22", "ACT-31", "coopération", 3, "La DDT assure la délégation locale de l'Anah"),
    ("ACT-21", "ACT-20", "coopération", 3, ""),
    ("ACT-37", "ACT-47", "coopération", 3, ""),
    ("ACT-37", "ACT-39", "coopération", 2, ""),
    ("ACT-18", "ACT-16", "coopération", 1, ""),
    # funding (from the funder to the beneficiary)
    ("ACT-19", "ACT-01", "financement", 3, "DSIL et DETR"),
    ("ACT-21", "ACT-08", "financement", 3, "Cofinancement du poste de cheffe de projet"),
    ("ACT-30", "ACT-08", "financement", 2, "Ingénierie"),
    ("ACT-30", "ACT-17", "financement", 2, "Foncière de redynamisation"),
    ("ACT-28", "ACT-01", "financement", 2, ""),
    ("ACT-28", "ACT-09", "financement", 2, "Appel à projets alimentation"),
    ("ACT-29", "ACT-01", "financement", 2, ""),
    ("ACT-31", "ACT-44", "financement", 3, "Suivi-animation OPAH-RU"),
    ("ACT-27", "ACT-09", "financement", 2, "Programme national pour l'alimentation"),
    # information
    ("ACT-09", "ACT-27", "information", 2, ""),
    ("ACT-27", "ACT-19", "information", 1, ""),
    ("ACT-08", "ACT-20", "information", 2, ""),
    ("ACT-15", "ACT-46", "information", 2, "Lettre d'information"),
    ("ACT-47", "ACT-46", "information", 2, ""),
    ("ACT-37", "ACT-49", "information", 1, ""),
    ("ACT-14", "ACT-49", "information", 2, "Commission des menus"),
    ("ACT-17", "ACT-34", "information", 1, ""),
    ("ACT-34", "ACT-35", "information", 1, ""),
    ("ACT-33", "ACT-25", "information", 1, ""),
    ("ACT-23", "ACT-22", "information", 1, ""),
    ("ACT-24", "ACT-40", "information", 1, ""),
    ("ACT-51", "ACT-24", "information", 1, ""),
    ("ACT-29", "ACT-16", "information", 1, ""),
    ("ACT-41", "ACT-01", "information", 1, ""),
    ("ACT-42", "ACT-16", "information", 1, ""),
    # conflict
    ("ACT-42", "ACT-35", "conflit", 3, "Concurrence de la galerie marchande"),
    ("ACT-42", "ACT-01", "conflit", 2, "Recours annoncé contre le périmètre de sauvegarde"),
    ("ACT-48", "ACT-02", "conflit", 3, "Stationnement sur la place"),
    ("ACT-07", "ACT-01", "conflit", 2, ""),
    ("ACT-35", "ACT-02", "conflit", 1, "Durée des travaux"),
    ("ACT-24", "ACT-13", "conflit", 1, "Choix des matériaux"),
]


def _relations() -> list[dict[str, Any]]:
    out = []
    for i, (src, tgt, typ, weight, comment) in enumerate(_RELATIONS, 1):
        rec = {"id": f"REL-{i:03d}", "source_id": src, "target_id": tgt, "type": typ, "weight": weight}
        if comment:
            rec["comment"] = comment
        out.append(rec)
    return out


# --- Persons: id, name, organisation, function, role, capacity, in team, actor ------

PERSONS = _rows("id name organisation function role capacity_days in_team actor_id", [
    ("PER-01", "Catherine Morisset", COMMUNE, "Maire", "élu", 2, True, "ACT-01"),
    ("PER-02", "Léa Fradin", COMMUNE, "Cheffe de projet Petites villes de demain", "chef de projet", 15, True, "ACT-08"),
    ("PER-03", "Didier Chauvet", COMMUNE, "Premier adjoint urbanisme, travaux et habitat", "élu", 2, True, "ACT-02"),
    ("PER-04", "Sandrine Pougnard", COMMUNE, "Adjointe au commerce et à la vie économique", "élu", 1.5, True, "ACT-03"),
    ("PER-05", "Nadia Bensaïd", COMMUNE, "Adjointe aux affaires scolaires et à la restauration", "élu", 1, True, "ACT-04"),
    ("PER-06", "Thierry Bonnin", CC, "Vice-président agriculture et alimentation", "élu", 1.5, True, "ACT-06"),
    ("PER-07", "Philippe Arnaud", COMMUNE, "Directeur général des services, directeur de projet", "directeur de projet", 3, True, "ACT-10"),
    ("PER-08", "Hélène Giraud", COMMUNE, "Responsable urbanisme et foncier", "pilote d'action", 4, True, "ACT-11"),
    ("PER-09", "Karim Haddad", COMMUNE, "Responsable finances et commande publique", "agent", 3, True, "ACT-12"),
    ("PER-10", "Manon Lestang", CC, "Chargée de développement économique", "pilote d'action", 5, True, "ACT-17"),
    ("PER-11", "Patrick Roy", COMMUNE, "Chef de la cuisine centrale", "pilote d'action", 3, True, "ACT-14"),
    ("PER-12", "Élodie Marchais", CC, "Chargée de mission projet alimentaire territorial", "pilote d'action", 10, True, "ACT-09"),
    ("PER-13", "Julie Besnard", COMMUNE, "Chargée de communication", "agent", 2, True, "ACT-15"),
    ("PER-14", "Romain Texier", CC, "Géomaticien (SIG)", "agent", 2, True, "ACT-16"),
    ("PER-15", "Bruno Martineau", COMMUNE, "Directeur des services techniques", "agent", 3, True, "ACT-13"),
    ("PER-16", "Laëtitia Bodin", COMMUNE, "Assistante de gestion du programme (référente PMO)", "agent", 4, True, "ACT-08"),
    ("PER-17", "Gérard Pacaud", CC, "Président de la communauté de communes", "élu", 1, True, "ACT-05"),
    ("PER-18", "Olivier Dumas", "Préfecture des Deux-Sèvres", "Délégué territorial adjoint de l'ANCT, référent PVD", "services de l'État", 1, False, "ACT-21"),
    ("PER-19", "Isabelle Carré", "Sous-préfecture", "Sous-préfète d'arrondissement", "services de l'État", 0.5, False, "ACT-20"),
    ("PER-20", "Anne-Sophie Leclerc", "DDT des Deux-Sèvres", "Chargée d'études habitat et urbanisme", "services de l'État", 1, False, "ACT-22"),
    ("PER-21", "Laurent Sicard", "UDAP des Deux-Sèvres", "Architecte des Bâtiments de France", "services de l'État", 0.5, False, "ACT-24"),
    ("PER-22", "Mathieu Girardeau", "Région Nouvelle-Aquitaine", "Chargé de mission territorial", "partenaire", 0.5, False, "ACT-28"),
    ("PER-23", "Sophie Vrignaud", "Département des Deux-Sèvres", "Chargée d'ingénierie territoriale", "partenaire", 0.5, False, "ACT-29"),
    ("PER-24", "Xavier Tessier", "Banque des Territoires", "Chargé de développement territorial", "partenaire", 0.5, False, "ACT-30"),
    ("PER-25", "Claire Baudouin", "Chambre d'agriculture", "Conseillère circuits courts et restauration collective", "partenaire", 1.5, False, "ACT-33"),
    ("PER-26", "Frédéric Pineau", "CCI des Deux-Sèvres", "Conseiller commerce et centre-ville", "partenaire", 1, False, "ACT-32"),
    ("PER-27", "Martine Guérin", "Montaurel Commerces", "Présidente de l'union des commerçants", "partenaire", 1, False, "ACT-35"),
    ("PER-28", "Fatou Diallo", "Centre social « La Passerelle »", "Directrice", "partenaire", 1, False, "ACT-37"),
    ("PER-29", "Cédric Moreau", "Opérateur OPAH-RU", "Chargé d'opération habitat", "partenaire", 3, False, "ACT-44"),
    ("PER-30", "Antoine Rivière", "Cabinet Territoires & Dialogues", "Consultant, animateur des ateliers", "consultant", 6, False, "ACT-50"),
])

# --- Assessments: per person "competence savoir/vouloir/pouvoir; …" -----------------

_SELF_ASSESSMENTS = {
    "PER-01": "CMP-01 2/3/1; CMP-02 3/3/1; CMP-13 3/4/2; CMP-14 2/3/2; CMP-04 2/2/1",
    "PER-02": "CMP-01 3/4/1; CMP-02 3/4/1; CMP-03 3/3/1; CMP-13 3/4/1; CMP-04 2/2/1; CMP-07 2/3/1; CMP-14 2/3/1; CMP-08 2/3/1",
    "PER-03": "CMP-05 2/3/2; CMP-06 1/3/2; CMP-07 2/4/2; CMP-16 1/2/2",
    "PER-04": "CMP-08 3/4/2; CMP-13 2/3/2; CMP-14 1/2/1",
    "PER-05": "CMP-10 1/4/1; CMP-13 2/3/1",
    "PER-06": "CMP-11 2/3/1; CMP-12 2/4/1; CMP-10 2/3/1; CMP-02 2/3/1",
    "PER-07": "CMP-01 3/3/1; CMP-09 3/1/1; CMP-04 3/2/1; CMP-18 3/2/1; CMP-05 2/1/1",
    "PER-08": "CMP-05 4/3/2; CMP-06 2/3/2; CMP-15 2/2/2; CMP-18 3/3/2; CMP-11 1/2/1",
    "PER-09": "CMP-09 4/1/1; CMP-04 4/2/1; CMP-03 2/1/1",
    "PER-10": "CMP-08 3/4/3; CMP-04 2/3/2; CMP-18 1/2/2; CMP-02 2/3/2",
    "PER-11": "CMP-10 3/4/2; CMP-09 1/1/1",
    "PER-12": "CMP-12 3/4/3; CMP-10 3/4/3; CMP-13 2/3/3; CMP-11 1/3/2; CMP-03 2/3/2; CMP-02 2/4/3",
    "PER-13": "CMP-14 3/3/1; CMP-13 2/2/1",
    "PER-14": "CMP-15 4/3/2",
    "PER-15": "CMP-07 3/3/2; CMP-09 2/1/1; CMP-17 3/2/1",
    "PER-16": "CMP-01 2/3/3; CMP-03 1/3/2; CMP-04 1/2/2",
    "PER-17": "CMP-01 2/2/1; CMP-04 3/2/1",
    "PER-18": "CMP-01 3/3/1; CMP-03 3/3/1",
    "PER-20": "CMP-05 4/3/1; CMP-06 3/3/1",
    "PER-21": "CMP-16 4/3/1",
    "PER-22": "CMP-03 4/3/1",
    "PER-23": "CMP-03 3/3/1; CMP-04 2/2/1",
    "PER-24": "CMP-04 4/3/1; CMP-18 3/3/1",
    "PER-25": "CMP-10 4/4/1; CMP-12 3/3/1",
    "PER-26": "CMP-08 4/3/1",
    "PER-28": "CMP-13 4/4/1",
    "PER-29": "CMP-06 4/3/2; CMP-13 2/2/2",
    "PER-30": "CMP-01 4/3/2; CMP-13 4/4/2",
}
# The consultant's reading of some self-assessments (kept side by side, not replacing them).
_CONSULTANT_ASSESSMENTS = [
    ("PER-02", "CMP-01", 3, 4, 0, "Aucune marge de temps : plan de charge saturé."),
    ("PER-02", "CMP-03", 2, 3, 0, "Jamais monté de dossier FEDER seule."),
    ("PER-04", "CMP-08", 2, 4, 2, "Expérience de commerçante, pas de management de centre-ville."),
    ("PER-06", "CMP-11", 1, 3, 1, "Connaît les exploitations, pas les outils de maîtrise foncière."),
    ("PER-07", "CMP-09", 3, 0, 1, "Ne souhaite plus porter la commande publique."),
    ("PER-09", "CMP-09", 4, 0, 1, "Demande à être déchargé des marchés (souhait de mobilité)."),
    ("PER-12", "CMP-11", 1, 3, 1, ""),
    ("PER-13", "CMP-14", 3, 2, 1, "Lassitude : communication institutionnelle prioritaire."),
    ("PER-15", "CMP-07", 3, 3, 1, "Chantiers de voirie en parallèle."),
]


def _assessments() -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []

    def add(pid: str, cid: str, s: int, v: int, p: int, source: str, comment: str = "") -> None:
        rec = {"id": f"EVA-{len(out) + 1:03d}", "person_id": pid, "competence_id": cid,
               "savoir": s, "vouloir": v, "pouvoir": p, "source": source}
        if comment:
            rec["comment"] = comment
        out.append(rec)

    for pid, text in _SELF_ASSESSMENTS.items():
        for item in text.split(";"):
            cid, scores = item.split()
            s, v, p = map(int, scores.split("/"))
            add(pid, cid, s, v, p, "auto-évaluation")
    for pid, cid, s, v, p, comment in _CONSULTANT_ASSESSMENTS:
        add(pid, cid, s, v, p, "consultant", comment)
    return out


# --- Axes and actions -----------------------------------------------------------------

AXES = _rows("id name description", [
    ("AXE-1", "Redynamiser le commerce du centre-bourg",
     "Réduire la vacance commerciale (18 % des cellules de la rue Nationale) et animer le centre."),
    ("AXE-2", "Habiter le centre-bourg : habitat et espaces publics",
     "Rénover l'habitat ancien dégradé et requalifier les espaces publics majeurs."),
    ("AXE-3", "Projet alimentaire territorial : manger local et durable",
     "Rapprocher producteurs et consommateurs, atteindre les objectifs EGalim en restauration scolaire."),
    ("AXE-4", "Piloter, financer et associer les habitants",
     "Ingénierie du programme, plan de financement, concertation et observation."),
])

# id, axis, name, pilot, state, completion, planned, committed, spent, start, end
_ACTIONS = [
    ("ACN-01", "AXE-1", "Boutique à l'essai rue Nationale", "PER-04", "en cours", 30,
     45000, 20000, 8000, "2026-06-01", "2027-06-30"),
    ("ACN-02", "AXE-1", "Foncière de redynamisation commerciale (acquisition de quatre cellules vacantes)", "PER-10", "engagée", 10,
     600000, 150000, 0, "2026-09-01", "2027-12-31"),
    ("ACN-03", "AXE-1", "Marché de producteurs du vendredi soir", "PER-04", "en cours", 20,
     12000, 6000, 2500, "2026-09-01", "2027-09-30"),
    ("ACN-04", "AXE-1", "Périmètre de sauvegarde du commerce et droit de préemption commercial", "PER-08", "à construire", 0,
     5000, 0, 0, "2026-11-01", "2027-06-30"),
    ("ACN-05", "AXE-1", "Halle gourmande dans l'ancienne poste", "PER-04", "abandonnée", 10,
     350000, 0, 0, "2025-09-01", "2026-06-30"),
    ("ACN-06", "AXE-2", "Étude pré-opérationnelle d'OPAH-RU", "PER-08", "achevée", 100,
     60000, 60000, 60000, "2025-10-01", "2026-09-30"),
    ("ACN-07", "AXE-2", "OPAH-RU : convention et suivi-animation", "PER-03", "engagée", 15,
     420000, 180000, 0, "2026-09-01", "2031-12-31"),
    ("ACN-08", "AXE-2", "Requalification de la place du Champ-de-Foire", "PER-03", "en cours", 15,
     1200000, 95000, 15000, "2026-03-01", "2028-06-30"),
    ("ACN-09", "AXE-2", "Îlot dégradé de la rue des Tanneurs (RHI-THIRORI)", None, "en recherche de pilote", 0,
     800000, 0, 0, "2026-11-01", "2029-12-31"),
    ("ACN-10", "AXE-2", "Modification du PLUi : plan guide et OAP centre-bourg", "PER-08", "bloquée", 25,
     55000, 40000, 18000, "2026-05-01", "2027-07-31"),
    ("ACN-11", "AXE-3", "Diagnostic agricole et alimentaire partagé", "PER-12", "en pause", 35,
     50000, 45000, 20000, "2026-06-01", "2027-03-31"),
    ("ACN-12", "AXE-3", "Approvisionnement local de la cuisine centrale (objectifs EGalim)", "PER-05", "en cours", 20,
     30000, 10000, 4000, "2026-09-01", "2027-08-31"),
    ("ACN-13", "AXE-3", "Légumerie intercommunale : étude de faisabilité", "PER-06", "à construire", 0,
     40000, 0, 0, "2027-01-01", "2027-12-31"),
    ("ACN-14", "AXE-3", "Stratégie foncière agricole et espace test maraîcher", None, "en recherche de pilote", 0,
     25000, 0, 0, "2027-01-01", "2028-06-30"),
    ("ACN-15", "AXE-3", "Reconnaissance du PAT (niveau 1) par le ministère de l'Agriculture", "PER-06", "engagée", 10,
     3000, 0, 0, "2026-10-01", "2027-06-30"),
    ("ACN-16", "AXE-3", "Éducation alimentaire et lutte contre le gaspillage dans les écoles", "PER-11", "à construire", 0,
     8000, 0, 0, "2027-01-01", "2027-07-31"),
    ("ACN-17", "AXE-4", "Pilotage du programme et avenant à la convention ORT", "PER-07", "en cours", 25,
     180000, 90000, 30000, "2026-01-01", "2028-12-31"),
    ("ACN-18", "AXE-4", "Concertation : balades urbaines et ateliers habitants", "PER-02", "en cours", 20,
     25000, 15000, 6000, "2026-09-01", "2027-06-30"),
    ("ACN-19", "AXE-4", "Plan de financement pluriannuel et dossiers de subvention", "PER-02", "en cours", 15,
     10000, 0, 0, "2026-09-01", "2027-08-31"),
    ("ACN-20", "AXE-4", "Observatoire du centre-bourg (vacance commerciale et logements vacants)", "PER-10", "à construire", 0,
     15000, 0, 0, "2027-02-01", "2027-08-31"),
]


def _actions() -> list[dict[str, Any]]:
    out = []
    for (aid, axis, name, pilot, state, completion, planned, committed, spent,
         start, end) in _ACTIONS:
        rec = {"id": aid, "axis_id": axis, "name": name, "state": state, "completion": completion,
               "budget_planned": planned, "budget_committed": committed, "budget_spent": spent,
               "start_date": start, "end_date": end}
        if pilot:
            rec["pilot_id"] = pilot
        if aid in SUB_ACTIONS:
            rec["parent_id"] = SUB_ACTIONS[aid]
        if aid in PRIORITIES:
            rec["priority"] = PRIORITIES[aid]
        out.append(rec)
    return out


# Issue 19: the observatory is a sub-action of the programme's steering (its dashboards
# feed the reviews); re-attached, it keeps its own pilot and journal.
SUB_ACTIONS = {"ACN-20": "ACN-17"}

# Issue 19 §2: the OPAH-RU operator and the consultant are external providers (paid
# service), the State's services and the other partners' agents partners.
PROVIDERS = ("PER-29", "PER-30")


# Issue 19 §4: « une gestion centralisée » — the programme's PMO assistant, who pilots no
# action, edits every action sheet with her own link.
SHEET_EDITORS = ("PER-16",)


def _affiliation(person: dict[str, Any]) -> str:
    if person["id"] in PROVIDERS:
        return "prestataire"
    return "interne" if person["in_team"] else "partenaire"


# Issue 19 §9: the sheets as the field's tools keep them. ACN-11 is en pause (the Chambre
# d'agriculture's data awaited) with its two co-funders, ACN-10 bloquée (the communauté's
# council has not voted the prescription); priorities of the sheets the élus ranked.
PRIORITIES = {"ACN-01": "élevée", "ACN-07": "élevée", "ACN-08": "élevée", "ACN-11": "moyenne",
              "ACN-10": "élevée", "ACN-03": "moyenne", "ACN-16": "faible", "ACN-20": "faible"}

BUDGET_LINES = _rows("id action_id year nature amount comment", [
    ("BUD-01", "ACN-11", 2026, "fonctionnement", 30000, "Bureau d'études : diagnostic agricole"),
    ("BUD-02", "ACN-11", 2027, "fonctionnement", 20000, "Restitution et plan d'action du PAT"),
    ("BUD-03", "ACN-08", 2026, "investissement", 120000, "Maîtrise d'œuvre"),
    ("BUD-04", "ACN-08", 2027, "investissement", 1050000, "Travaux de la place"),
    ("BUD-05", "ACN-08", 2027, "fonctionnement", 30000, "Concertation et communication du chantier"),
    ("BUD-06", "ACN-01", 2026, "investissement", 15000, "Petits travaux du local"),
    ("BUD-07", "ACN-01", 2027, "fonctionnement", 30000, "Loyer pris en charge et accompagnement"),
])

ACTION_STEPS = _rows("id action_id name order due_date done done_date", [
    ("ETP-01", "ACN-11", "Cahier des charges du diagnostic", 1, "2026-07-15", True, "2026-07-10"),
    ("ETP-02", "ACN-11", "Choix du bureau d'études", 2, "2026-09-30", True, "2026-09-24"),
    ("ETP-03", "ACN-11", "Données de la Chambre d'agriculture transmises", 3, "2026-11-15", False, None),
    ("ETP-04", "ACN-11", "Atelier de restitution avec les producteurs", 4, "2027-02-15", False, None),
    ("ETP-05", "ACN-01", "Convention avec le propriétaire du 12 rue Nationale", 1, "2026-10-31", True, "2026-10-02"),
    ("ETP-06", "ACN-01", "Commerçant à l'essai retenu", 2, "2026-12-15", False, None),
    ("ETP-07", "ACN-01", "Ouverture de la boutique", 3, "2027-01-15", False, None),
])


FUNDINGS = _rows("id action_id actor_id amount comment", [
    ("FIN-01", "ACN-01", "ACT-30", 20000, "Appel à projets commerce de la Banque des Territoires"),
    ("FIN-02", "ACN-01", "ACT-29", 10000, "Fonds départemental de revitalisation"),
    ("FIN-03", "ACN-02", "ACT-30", 150000, "Apport en fonds propres à la foncière"),
    ("FIN-04", "ACN-07", "ACT-31", 180000, "Suivi-animation et aides aux travaux"),
    ("FIN-05", "ACN-07", "ACT-29", 40000, "Abondement départemental des aides"),
    ("FIN-06", "ACN-08", "ACT-19", 320000, "DSIL (État), dossier à déposer"),
    ("FIN-07", "ACN-08", "ACT-28", 150000, "Contrat de territoire régional"),
    ("FIN-08", "ACN-08", "ACT-29", 100000, "Aide aux communes"),
    ("FIN-09", "ACN-11", "ACT-27", 25000, "Programme national pour l'alimentation (État)"),
    ("FIN-10", "ACN-11", "ACT-28", 10000, ""),
    ("FIN-11", "ACN-13", "ACT-28", 20000, "Sous réserve de l'appel à projets"),
    ("FIN-12", "ACN-17", "ACT-21", 45000, "Cofinancement du poste de cheffe de projet (État, ANCT)"),
    ("FIN-13", "ACN-17", "ACT-30", 30000, "Crédits d'ingénierie"),
])

# --- Tasks, their requirements and their RACI --------------------------------------
# id, action, name, load (days), first month, last month,
# requirements "CMP-xx:level …", RACI "R=PER-aa,PER-bb A=… C=… I=…"

_TASKS = [
    # ACN-01 Boutique à l'essai
    ("TAC-001", "ACN-01", "Conventionner avec le propriétaire du local du 12 rue Nationale", 3, "2026-09", "2026-10",
     "CMP-18:2", "R=PER-02 A=PER-04 C=PER-09 I=PER-01"),
    ("TAC-002", "ACN-01", "Lancer l'appel à candidatures et sélectionner le commerçant", 6, "2026-10", "2026-12",
     "CMP-08:3 CMP-14:2", "R=PER-10,PER-02 A=PER-04 C=PER-26,PER-27 I=PER-01"),
    ("TAC-003", "ACN-01", "Accompagner le commerçant à l'essai (suivi mensuel)", 6, "2027-01", "2027-06",
     "CMP-08:2", "R=PER-26 A=PER-04 C=PER-10 I=PER-02"),
    ("TAC-004", "ACN-01", "Petits travaux d'aménagement du local", 3, "2026-11", "2026-12",
     "CMP-07:2", "R=PER-15 A=PER-03 C=PER-04"),
    # ACN-02 Foncière
    ("TAC-005", "ACN-02", "Étude de marché et choix des cellules à acquérir", 8, "2026-09", "2026-11",
     "CMP-08:3 CMP-15:2", "R=PER-10 A=PER-04 C=PER-26,PER-30 I=PER-02"),
    ("TAC-006", "ACN-02", "Plan d'affaires de la foncière avec la Banque des Territoires", 8, "2026-11", "2027-02",
     "CMP-04:3 CMP-18:3", "R=PER-02 A=PER-10 C=PER-24,PER-09 I=PER-17"),
    ("TAC-007", "ACN-02", "Négocier l'acquisition des quatre cellules vacantes", 8, "2027-02", "2027-06",
     "CMP-18:3 CMP-08:2", "R=PER-10 A=PER-01 C=PER-08,PER-24 I=PER-02"),
    ("TAC-008", "ACN-02", "Délibérations et constitution de la société foncière", 4, "2027-05", "2027-07",
     "CMP-18:3", "R=PER-07 A=PER-10 C=PER-24 I=PER-17"),
    # ACN-03 Marché de producteurs
    ("TAC-009", "ACN-03", "Appel aux producteurs locaux pour le marché du vendredi soir", 5, "2027-01", "2027-04",
     "CMP-10:2", "R=PER-25,PER-12 A=PER-04 C=PER-27 I=PER-06"),
    ("TAC-010", "ACN-03", "Règlement du marché et arrêté municipal", 2, "2027-03", "2027-04",
     "CMP-18:2", "R=PER-16 A=PER-04 C=PER-09"),
    ("TAC-011", "ACN-03", "Logistique des soirées (branchements, barnums, sécurité)", 5, "2027-04", "2027-08",
     "CMP-07:1", "R=PER-15 A=PER-04 C=PER-27 I=PER-13"),
    ("TAC-012", "ACN-03", "Communication et animations des soirées", 5, "2027-04", "2027-08",
     "CMP-14:2", "R=PER-13 A=PER-04 I=PER-01"),
    # ACN-04 Périmètre de sauvegarde
    ("TAC-013", "ACN-04", "Diagnostic de la vacance et des linéaires commerciaux à protéger", 6, "2026-11", "2027-01",
     "CMP-08:2 CMP-15:2", "R=PER-10,PER-14 A=PER-08 C=PER-26"),
    ("TAC-014", "ACN-04", "Délibération instituant le périmètre de sauvegarde", 3, "2027-02", "2027-03",
     "CMP-05:3 CMP-18:2", "R=PER-08 A=PER-03 C=PER-20 I=PER-01"),
    ("TAC-015", "ACN-04", "Modalités de préemption et budget de portage", 4, "2027-03", "2027-05",
     "CMP-04:2 CMP-18:3", "R=PER-09 A=PER-08 C=PER-24"),
    # ACN-06 Étude pré-opérationnelle OPAH-RU
    ("TAC-016", "ACN-06", "Restitution de l'étude pré-opérationnelle en comité de pilotage", 2, "2026-09", "2026-09",
     "CMP-06:3", "R=PER-29 A=PER-08 C=PER-20 I=PER-03"),
    # ACN-07 OPAH-RU
    ("TAC-017", "ACN-07", "Rédiger la convention d'OPAH-RU avec l'Anah et les partenaires", 6, "2026-09", "2026-11",
     "CMP-06:3 CMP-03:2", "R=PER-08,PER-20 A=PER-03 C=PER-29 I=PER-17"),
    ("TAC-018", "ACN-07", "Consultation pour le marché de suivi-animation", 5, "2026-09", "2026-10",
     "CMP-09:3", "R=PER-09 A=PER-07 C=PER-08"),
    ("TAC-019", "ACN-07", "Lancement public et permanences habitat", 10, "2027-01", "2027-08",
     "CMP-06:2 CMP-13:2", "R=PER-29 A=PER-03 C=PER-28 I=PER-13"),
    ("TAC-020", "ACN-07", "Règlement des aides communales aux façades", 3, "2026-12", "2027-02",
     "CMP-04:2 CMP-16:1", "R=PER-09 A=PER-03 C=PER-21"),
    # ACN-08 Place du Champ-de-Foire
    ("TAC-021", "ACN-08", "Programme et concertation préalable sur les usages de la place", 12, "2026-09", "2026-11",
     "CMP-13:3 CMP-07:2", "R=PER-02,PER-30 A=PER-03 C=PER-21,PER-28 I=PER-01"),
    ("TAC-022", "ACN-08", "Consultation de maîtrise d'œuvre", 6, "2026-11", "2027-01",
     "CMP-09:3 CMP-07:2", "R=PER-09,PER-15 A=PER-03 C=PER-21"),
    ("TAC-023", "ACN-08", "Choisir le scénario d'aménagement (stationnement, marché, arbres)", 4, "2027-03", "2027-04",
     "CMP-07:3 CMP-16:2", "R=PER-15 A=PER-01,PER-03 C=PER-21 I=PER-27"),
    ("TAC-024", "ACN-08", "Dossiers de subvention DSIL et Fonds vert", 5, "2027-02", "2027-03",
     "CMP-03:3", "R=PER-02 A=PER-07 C=PER-19 I=PER-03"),
    ("TAC-025", "ACN-08", "Avant-projet et avis de l'Architecte des Bâtiments de France", 4, "2027-05", "2027-07",
     "CMP-16:3 CMP-05:2", "R=PER-15 A=PER-03 C=PER-21"),
    # ACN-09 Îlot rue des Tanneurs (no pilot)
    ("TAC-026", "ACN-09", "Enquête sur l'état des immeubles et des propriétaires", 6, "2026-11", "2027-02",
     "CMP-06:3 CMP-15:2", "A=PER-07 C=PER-29,PER-20 I=PER-03"),
    ("TAC-027", "ACN-09", "Étude de calibrage RHI-THIRORI", 8, "2027-03", "2027-07",
     "CMP-06:4 CMP-04:3", "R=PER-29 A=PER-07 C=PER-20,PER-24"),
    ("TAC-028", "ACN-09", "Arrêtés de mise en sécurité des immeubles menaçant ruine", 2, "2026-10", "2026-12",
     "CMP-18:3 CMP-05:2", "R=PER-08 A=PER-01 I=PER-19"),
    # ACN-10 PLUi
    ("TAC-029", "ACN-10", "Plan guide du centre-bourg avec le bureau d'études", 10, "2026-09", "2027-01",
     "CMP-07:3 CMP-05:3", "R=PER-08 A=PER-03 C=PER-21,PER-20"),
    ("TAC-030", "ACN-10", "Rédiger l'orientation d'aménagement et de programmation", 6, "2027-01", "2027-03",
     "CMP-05:3", "R=PER-08 A=PER-03 C=PER-20,PER-14"),
    ("TAC-031", "ACN-10", "Enquête publique et approbation de la modification", 4, "2027-04", "2027-07",
     "CMP-05:2 CMP-13:2", "R=PER-16 A=PER-08 C=PER-20 I=PER-17,PER-01"),
    ("TAC-032", "ACN-10", "Cartographie des secteurs de projet", 3, "2026-10", "2026-12",
     "CMP-15:3", "R=PER-14 A=PER-08"),
    # ACN-11 Diagnostic agricole et alimentaire
    ("TAC-033", "ACN-11", "Recueil des données agricoles et alimentaires", 6, "2026-09", "2026-11",
     "CMP-12:3 CMP-15:2", "R=PER-12 A=PER-06 C=PER-25,PER-14"),
    ("TAC-034", "ACN-11", "Entretiens avec les producteurs et la distribution", 8, "2026-10", "2027-01",
     "CMP-12:2 CMP-10:2", "R=PER-12 A=PER-06 C=PER-25"),
    ("TAC-035", "ACN-11", "Ateliers de partage du diagnostic", 4, "2027-01", "2027-02",
     "CMP-13:3", "R=PER-30 A=PER-12 C=PER-28,PER-25 I=PER-17"),
    ("TAC-036", "ACN-11", "Synthèse du diagnostic et enjeux du PAT", 5, "2027-02", "2027-03",
     "CMP-12:3", "R=PER-12 A=PER-06"),
    # ACN-12 Cuisine centrale (pilot PER-05 is A nowhere)
    ("TAC-037", "ACN-12", "État des lieux des achats (part durable et bio)", 4, "2026-09", "2026-10",
     "CMP-10:2 CMP-04:2", "R=PER-11 A=PER-07 C=PER-25 I=PER-05"),
    ("TAC-038", "ACN-12", "Allotissement et nouveau marché de denrées alimentaires", 8, "2026-11", "2027-03",
     "CMP-09:4 CMP-10:3", "R=PER-09,PER-11 A=PER-07 C=PER-25 I=PER-05"),
    ("TAC-039", "ACN-12", "Formation de l'équipe de cuisine aux produits bruts et de saison", 4, "2027-01", "2027-02",
     "CMP-10:2", "R=PER-11 A=PER-07 C=PER-25 I=PER-05"),
    ("TAC-040", "ACN-12", "Plan alimentaire et menus intégrant les produits locaux", 3, "2027-03", "2027-06",
     "CMP-10:2", "R=PER-11 A=PER-07 C=PER-25 I=PER-05"),
    # ACN-13 Légumerie
    ("TAC-041", "ACN-13", "Cahier des charges de l'étude de faisabilité", 3, "2027-01", "2027-02",
     "CMP-10:2 CMP-09:2", "R=PER-12 A=PER-06 C=PER-25,PER-09"),
    ("TAC-042", "ACN-13", "Recherche de financements pour l'étude", 3, "2027-02", "2027-04",
     "CMP-03:3", "R=PER-02 A=PER-06 C=PER-22,PER-23"),
    ("TAC-043", "ACN-13", "Mobiliser les producteurs et les cantines clientes", 4, "2027-03", "2027-06",
     "CMP-10:3 CMP-13:2", "A=PER-06 C=PER-25 I=PER-11"),
    # ACN-14 Foncier agricole (no pilot)
    ("TAC-044", "ACN-14", "Repérer les terres libérables (départs en retraite)", 6, "2027-01", "2027-04",
     "CMP-11:3 CMP-15:2", "R=PER-12 A=PER-06 C=PER-25"),
    ("TAC-045", "ACN-14", "Convention de veille foncière avec la SAFER", 3, "2027-03", "2027-05",
     "CMP-11:3 CMP-18:2", "A=PER-06 C=PER-08 I=PER-17"),
    ("TAC-046", "ACN-14", "Projet d'espace test agricole maraîcher", 5, "2027-05", "2027-08",
     "CMP-11:2 CMP-10:2", "R=PER-12 A=PER-06 C=PER-25 I=PER-17"),
    # ACN-15 Reconnaissance du PAT
    ("TAC-047", "ACN-15", "Dossier de reconnaissance du PAT pour la DRAAF", 5, "2026-10", "2026-12",
     "CMP-03:2 CMP-12:2", "R=PER-12 A=PER-06 C=PER-25"),
    ("TAC-048", "ACN-15", "Délibération communautaire d'engagement dans le PAT", 2, "2026-11", "2026-12",
     "", "R=PER-16 A=PER-17 I=PER-06"),
    ("TAC-049", "ACN-15", "Installer le comité de pilotage du PAT", 3, "2027-01", "2027-02",
     "CMP-02:2 CMP-13:2", "R=PER-12 A=PER-06 C=PER-25,PER-28"),
    # ACN-16 Éducation alimentaire
    ("TAC-050", "ACN-16", "Pesées du gaspillage dans les restaurants scolaires", 3, "2027-03", "2027-05",
     "CMP-10:1", "R=PER-11 A=PER-05"),
    ("TAC-051", "ACN-16", "Animations « du champ à l'assiette » avec le centre social", 3, "2027-04", "2027-06",
     "CMP-13:2 CMP-10:1", "R=PER-28 A=PER-11 C=PER-12 I=PER-05"),
    ("TAC-052", "ACN-16", "Rencontre avec les parents d'élèves et la commission des menus", 2, "2027-05", "2027-06",
     "", "R=PER-11 A=PER-05 I=PER-13"),
    # ACN-17 Pilotage
    ("TAC-053", "ACN-17", "Préparer et animer les revues de projet (toutes les 8 semaines)", 24, "2026-09", "2027-08",
     "CMP-01:3", "R=PER-02,PER-16 A=PER-07 C=PER-18 I=PER-01,PER-17"),
    ("TAC-054", "ACN-17", "Avenant à la convention ORT intégrant le PAT", 9, "2026-10", "2026-12",
     "CMP-05:2 CMP-18:3", "R=PER-02 A=PER-07 C=PER-18,PER-20 I=PER-19"),
    ("TAC-055", "ACN-17", "Tableau de bord et remontées à l'ANCT", 6, "2026-09", "2027-08",
     "CMP-01:2 CMP-15:1", "R=PER-16 A=PER-02 I=PER-18"),
    ("TAC-056", "ACN-17", "Lettres de mission des pilotes d'action", 3, "2026-09", "2026-10",
     "CMP-01:3", "R=PER-02 A=PER-07 C=PER-01"),
    # ACN-18 Concertation
    ("TAC-057", "ACN-18", "Balades urbaines et diagnostic en marchant", 4, "2026-09", "2026-10",
     "CMP-13:3", "R=PER-02,PER-28 A=PER-01 C=PER-21"),
    ("TAC-058", "ACN-18", "Ateliers habitants « le centre-bourg de demain »", 18, "2026-11", "2027-01",
     "CMP-13:3 CMP-14:2", "R=PER-02,PER-30 A=PER-01 C=PER-28"),
    ("TAC-059", "ACN-18", "Lettre d'information et site « Montaurel 2030 »", 6, "2026-10", "2027-08",
     "CMP-14:3", "R=PER-13 A=PER-02 I=PER-01"),
    ("TAC-060", "ACN-18", "Restitution publique du programme", 3, "2027-06", "2027-06",
     "CMP-13:2 CMP-14:2", "R=PER-02 A=PER-01 C=PER-13"),
    # ACN-19 Financements
    ("TAC-061", "ACN-19", "Maquette financière pluriannuelle 2026-2030", 12, "2026-09", "2026-11",
     "CMP-04:3", "R=PER-02 A=PER-07 C=PER-09,PER-23,PER-22 I=PER-01"),
    ("TAC-062", "ACN-19", "Dossiers FEDER (volet territorial)", 20, "2026-10", "2027-01",
     "CMP-03:4", "R=PER-02 A=PER-07 C=PER-22 I=PER-09"),
    ("TAC-063", "ACN-19", "Dossiers DSIL et DETR", 12, "2026-11", "2027-01",
     "CMP-03:3", "R=PER-02 A=PER-07 C=PER-19"),
    ("TAC-064", "ACN-19", "Demande de cofinancement de l'ingénierie (ANCT, Banque des Territoires)", 3, "2027-01", "2027-02",
     "CMP-03:2", "R=PER-02 A=PER-07 C=PER-24,PER-18"),
    ("TAC-065", "ACN-19", "Suivi des versements et des justificatifs de dépenses", 6, "2027-02", "2027-08",
     "CMP-04:2", "R=PER-09 A=PER-02 I=PER-07"),
    # ACN-20 Observatoire
    ("TAC-066", "ACN-20", "Recenser les cellules commerciales et les logements vacants (LOVAC)", 4, "2027-02", "2027-03",
     "CMP-15:3", "R=PER-14 A=PER-10 C=PER-20"),
    ("TAC-067", "ACN-20", "Tableau de bord cartographique de l'observatoire", 6, "2027-04", "2027-08",
     "CMP-15:3 CMP-14:1", "R=PER-14 A=PER-10 C=PER-13"),
]

# Proposals made by participants during the workshop, not yet validated:
# task, person, letter, proposed by, comment.
_PROPOSALS = [
    ("TAC-066", "PER-26", "R", "PER-10", "La CCI tient un fichier des locaux vacants : lui confier le recensement commercial."),
    ("TAC-044", "PER-14", "R", "PER-12", "Croiser les déclarations PAC et le cadastre sous SIG."),
]


# Issue 19: the programme's three phases; a task belongs to the phase it starts in.
PHASES = _rows("id name order start_date end_date description", [
    ("PHA-1", "Diagnostic et lancement", 1, "2026-09-01", "2026-12-31",
     "Études, diagnostics partagés et premières actions visibles."),
    ("PHA-2", "Montage des opérations", 2, "2027-01-01", "2027-04-30",
     "Conventions, plans de financement, dossiers de subvention."),
    ("PHA-3", "Mise en œuvre", 3, "2027-05-01", "2027-08-31",
     "Travaux, acquisitions et animations."),
])


def _phase_of(start_month: str) -> str:
    for phase in PHASES:
        if phase["start_date"][:7] <= start_month <= phase["end_date"][:7]:
            return phase["id"]
    raise ValueError(start_month)  # every demo task starts within the horizon


def _tasks() -> list[dict[str, Any]]:
    return [{"id": tid, "action_id": aid, "name": name, "load_days": load,
             "start_month": start, "end_month": end, "phase_id": _phase_of(start)}
            for tid, aid, name, load, start, end, _req, _raci in _TASKS]


def _requirements() -> list[dict[str, Any]]:
    out = []
    for tid, *_rest, req, _raci in _TASKS:
        for item in req.split():
            cid, level = item.split(":")
            out.append({"id": f"REQ-{len(out) + 1:03d}", "task_id": tid,
                        "competence_id": cid, "level": int(level)})
    return out


# Issue 19 §3: days entered per person on a task (``raci.days``; the equal split is the
# rule elsewhere, and the workload plan and the staffing both honour what is entered).
# The vacancy survey: the manager of the town centre does most of it, the planner helps.
RACI_DAYS: dict[tuple[str, str], float] = {("TAC-013", "PER-10"): 4.0, ("TAC-013", "PER-14"): 1.5}


def _raci() -> list[dict[str, Any]]:
    out = []
    for tid, *_rest, raci in _TASKS:
        for group in raci.split():
            letter, people = group.split("=")
            for pid in _ids(people):
                out.append({"id": f"RAC-{len(out) + 1:03d}", "task_id": tid, "person_id": pid,
                            "letter": letter, "status": "validée",
                            **({"days": RACI_DAYS[tid, pid]} if (tid, pid) in RACI_DAYS else {})})
    for tid, pid, letter, by, comment in _PROPOSALS:
        out.append({"id": f"RAC-{len(out) + 1:03d}", "task_id": tid, "person_id": pid,
                    "letter": letter, "status": "proposée", "proposed_by": by, "comment": comment})
    return out


# --- Governance -------------------------------------------------------------------

BODIES = _rows("id name kind rhythm_weeks first_date description", [
    ("INS-01", "Comité de gouvernance Montaurel 2030", "comité de gouvernance", 8, "2026-09-22",
     "Les élus arbitrent ; revue de projet toutes les 8 semaines."),
    ("INS-02", "Comité de pilotage Petites villes de demain", "comité de pilotage", 16, "2026-10-13",
     "Élus, État et cofinanceurs : avancement, financements, avenants."),
    ("INS-03", "Équipe projet", "équipe projet", 2, "2026-09-08",
     "Suivi des pilotes d'action tous les quinze jours."),
    ("INS-04", "Comité technique du projet alimentaire territorial", "comité technique", 6, "2026-10-06",
     "Techniciens de la CC, de la commune et des partenaires agricoles."),
])

# body: "who:role …" where who is a person or an actor id
_MEMBERS = {
    "INS-01": "PER-01:président PER-03 PER-04 PER-05 PER-06 PER-17 PER-07 PER-02:animateur",
    "INS-02": ("PER-01:président PER-17 PER-19 PER-18 PER-22 PER-23 PER-24 PER-20 PER-07 "
               "PER-21:invité PER-02:animateur PER-16:secrétariat ACT-31 ACT-32 ACT-33"),
    "INS-03": ("PER-02:animateur PER-07 PER-08 PER-09 PER-10 PER-12 PER-13 PER-15 "
               "PER-16:secrétariat PER-30:invité"),
    "INS-04": "PER-06:président PER-12:animateur PER-11 PER-14 PER-25 PER-05 PER-28 ACT-27:invité",
}


def _memberships() -> list[dict[str, Any]]:
    out = []
    for body, text in _MEMBERS.items():
        for item in text.split():
            who, _, role = item.partition(":")
            rec = {"id": f"MEM-{len(out) + 1:03d}", "body_id": body, "role": role or "membre"}
            rec["person_id" if who.startswith("PER") else "actor_id"] = who
            out.append(rec)
    return out


JOURNAL = _rows("id action_id date kind text author", [
    ("JRN-001", "ACN-01", "2026-09-15", "fait",
     "Visite du local du 12 rue Nationale avec le propriétaire : accord de principe pour un bail dérogatoire de 24 mois.", "PER-02"),
    ("JRN-002", "ACN-01", "2026-10-02", "décision",
     "Le conseil municipal prend en charge 50 % du loyer pendant six mois.", "PER-04"),
    ("JRN-003", "ACN-05", "2026-06-30", "décision",
     "Halle gourmande abandonnée : réhabilitation de l'ancienne poste estimée à 1,1 M€, aucun exploitant identifié.", "PER-01"),
    ("JRN-004", "ACN-07", "2026-09-29", "fait",
     "Restitution de l'étude pré-opérationnelle : 64 logements vacants dégradés repérés dans le périmètre.", "PER-08"),
    ("JRN-005", "ACN-08", "2026-09-24", "point d'attention",
     "L'ABF demande le maintien des tilleuls et un calepinage en pierre calcaire : surcoût à chiffrer.", "PER-03"),
    ("JRN-006", "ACN-08", "2026-10-08", "fait",
     "Balade urbaine sur la place : 38 participants, forte inquiétude des riverains sur le stationnement.", "PER-02"),
    ("JRN-007", "ACN-11", "2026-09-30", "fait",
     "Convention signée avec la Chambre d'agriculture pour l'accès aux données et aux producteurs.", "PER-12"),
    ("JRN-008", "ACN-11", "2026-10-20", "point d'attention",
     "La SAFER n'a pas répondu : pas de données sur les transmissions d'exploitations à venir.", "PER-12"),
    ("JRN-009", "ACN-12", "2026-10-05", "fait",
     "Achats 2025 : 31 % de produits durables et de qualité dont 9 % bio (objectif EGalim : 50 % dont 20 % bio).", "PER-11"),
    ("JRN-010", "ACN-12", "2026-10-12", "point d'attention",
     "Le marché de denrées actuel échoit en août 2027 : l'allotissement doit être prêt en mars.", "PER-09"),
    ("JRN-011", "ACN-17", "2026-09-08", "décision",
     "Le DGS assure la direction de projet ; la cheffe de projet anime l'équipe projet tous les quinze jours.", "PER-07"),
    ("JRN-012", "ACN-17", "2026-09-22", "fait",
     "Premier comité de gouvernance : feuille de route à 12 mois validée.", "PER-02"),
    ("JRN-013", "ACN-19", "2026-10-15", "point d'attention",
     "Date limite de dépôt des dossiers FEDER : 31 janvier 2027.", "PER-02"),
    ("JRN-014", "ACN-11", "2026-11-04", "décision",
     "Diagnostic mis en pause : la Chambre d'agriculture n'a pas transmis ses données d'exploitations ; "
     "reprise dès leur réception.", "PER-12"),
    ("JRN-015", "ACN-10", "2026-11-06", "point d'attention",
     "Bloquée : le conseil communautaire n'a pas encore prescrit la modification du PLUi.", "PER-08"),
])


# --- Participants' ratings of contested actors (step 2, during the workshop) --------
# actor: "person power/interest/attitude; …" — the group disagrees on some of them.

_RATINGS = {
    "ACT-42": "PER-02 4/3/opposant; PER-04 3/4/opposant; PER-10 2/3/réservé; PER-27 4/4/opposant; PER-01 3/3/opposant",
    "ACT-24": "PER-02 4/2/réservé; PER-03 4/3/opposant; PER-08 3/2/neutre; PER-15 4/3/réservé",
    "ACT-35": "PER-04 2/4/favorable; PER-10 3/4/réservé; PER-27 3/4/allié; PER-02 2/3/réservé",
    "ACT-25": "PER-12 3/1/neutre; PER-06 4/2/favorable; PER-08 2/1/neutre",
    "ACT-48": "PER-03 3/4/opposant; PER-02 1/4/opposant; PER-01 2/4/réservé",
}


def _actor_ratings() -> list[dict[str, Any]]:
    out = []
    for actor, text in _RATINGS.items():
        for item in text.split(";"):
            person, scores = item.split()
            power, interest, attitude = scores.split("/")
            out.append({"id": f"NOT-{len(out) + 1:03d}", "actor_id": actor, "person_id": person,
                        "power": int(power), "interest": int(interest), "attitude": attitude})
    return out


# --- Issue 18: civilities, mandates, meeting places, signatory, a recorded review ------

CIVILITIES = {pid: "Madame" for pid in _ids(
    "PER-01 PER-02 PER-04 PER-05 PER-08 PER-10 PER-12 PER-13 PER-16 PER-19 PER-20 PER-23 PER-25 PER-27 PER-28")}
CIVILITIES.update({pid: "Monsieur" for pid in _ids(
    "PER-03 PER-06 PER-07 PER-09 PER-11 PER-14 PER-15 PER-17 PER-18 PER-21 PER-22 PER-24 PER-26 PER-29 PER-30")})

# The written mandate of three persons (the others' letters say what is still to be set).
MANDATES = {
    "PER-02": {
        "perimeter": "Animation de l'équipe projet et du calendrier des instances\n"
        "Montage des dossiers de subvention et suivi des conventions\nConcertation avec les habitants",
        "means": "15 jours par mois, un poste de travail en mairie et un véhicule de service\n"
        "L'appui de la référente PMO pour le suivi administratif",
        "success_factors": "Un arbitrage des élus à chaque comité de gouvernance\n"
        "Une charge ramenée sous sa capacité d'ici le premier trimestre 2027",
    },
    "PER-07": {
        "perimeter": "Direction du projet et arbitrages entre services\nAvenant à la convention ORT",
        "means": "3 jours par mois et la délégation de signature du maire pour les marchés du projet",
        "success_factors": "Des pilotes d'action désignés pour chaque action engagée",
    },
    "PER-12": {
        "perimeter": "Projet alimentaire territorial : diagnostic partagé et reconnaissance du PAT",
        "means": "10 jours par mois ; budget d'études de l'action ACN-11",
        "success_factors": "L'accès aux données de la Chambre d'agriculture et de la SAFER",
    },
}

# Where and at what time the bodies meet (the .ics events carry them).
MEETINGS = {
    "INS-01": {"place": "Mairie de Montaurel-sur-Sèvre, salle du conseil", "start_time": "18:30", "duration_minutes": 120},
    "INS-02": {"place": "Sous-préfecture, salle Marianne", "start_time": "14:30", "duration_minutes": 150},
    "INS-03": {"place": "Mairie, bureau du projet", "start_time": "09:00", "duration_minutes": 90},
    "INS-04": {"place": "Communauté de communes, salle des commissions", "start_time": "10:00",
               "duration_minutes": 120},
}
# The mission letters are signed by the directeur de projet (his own by the maire).
SIGNATORY = "PER-07"

# A project review as it would be recorded on 17 November 2026 (``review.record_review``
# arguments): the demo's store holds none, so that the dashboard starts from scratch;
# tests and the minutes' example record it.
DEMO_REVIEW: dict[str, Any] = {
    "date": "2026-11-17",
    "body_id": "INS-01",
    "present": _ids("PER-01 PER-03 PER-04 PER-06 PER-07 PER-02"),
    "excused": _ids("PER-05 PER-17"),
    "decisions": "La stratégie foncière agricole est confiée à Élodie Marchais, qui en devient pilote.\n"
    "La légumerie intercommunale est repoussée : étude de faisabilité au second semestre 2027.\n"
    "Le dossier FEDER est déposé avant le 31 janvier 2027.",
    "changes": [{"action_id": "ACN-14", "pilot_id": "PER-12", "state": "engagée"},
                {"action_id": "ACN-13", "start_date": "2027-07-01", "end_date": "2028-06-30"}],
}


# --- Public API -------------------------------------------------------------------

def demo_records() -> dict[str, list[dict[str, Any]]]:
    """The demo workshop, kind by kind (every kind of ``model.KIND_ORDER``).

    Returns fresh plain dicts at each call (callers may modify them); values are as a
    form or a workbook would give them, ready for ``model.validate``. Persons carry no
    ``token``: the store makes them.
    """
    data = {
        "project": [{**PROJECT, "signatory_id": SIGNATORY}],
        "competences": [dict(r) for r in COMPETENCES],
        "actors": _actors(),
        "relations": _relations(),
        "persons": [{**r, "civility": CIVILITIES.get(r["id"]), **MANDATES.get(r["id"], {}),
                     "affiliation": _affiliation(r), "edits_all_sheets": r["id"] in SHEET_EDITORS} for r in PERSONS],
        "assessments": _assessments(),
        "axes": [dict(r) for r in AXES],
        "actions": _actions(),
        "fundings": [{k: v for k, v in r.items() if v != ""} for r in FUNDINGS],
        "budget_lines": [dict(r) for r in BUDGET_LINES],
        "action_steps": [{k: v for k, v in r.items() if v is not None} for r in ACTION_STEPS],
        "phases": [dict(r) for r in PHASES],
        "tasks": _tasks(),
        "requirements": _requirements(),
        "raci": _raci(),
        "bodies": [{**r, **MEETINGS.get(r["id"], {})} for r in BODIES],
        "memberships": _memberships(),
        "journal": [dict(r) for r in JOURNAL],
        "attachments": [],
        "scenarios": [],
        "actor_ratings": _actor_ratings(),
        "reviews": [],
    }
    return {kind: data[kind] for kind in model.KIND_ORDER}


def build_demo(store: Any, by: str = "démo") -> None:
    """Insert the demo workshop into ``store``, one transaction per kind, in reference order."""
    records = demo_records()
    # the project names its signatory, a person inserted after it
    pending = {kind: {r["id"] for r in rows if r.get("id")} for kind, rows in records.items()}
    for kind in model.KIND_ORDER:
        store.insert_many(kind, records[kind], by=by, pending=pending)
