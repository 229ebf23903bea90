"""The French catalogue: every word a person reads comes from here.

Code identifiers are English; the values of closed lists are stored as their French
words (they travel as-is to Excel drop-downs and back), so they live here too.
Change a word here and it changes everywhere.
"""
from __future__ import annotations

# --- Closed lists (stored values) -------------------------------------------------

ACTOR_CATEGORIES: tuple[str, ...] = (
    "élu",
    "équipe projet",
    "service de la collectivité",
    "intercommunalité",
    "État et opérateurs",
    "cofinanceur",
    "chambre consulaire",
    "association",
    "entreprise",
    "habitants",
    "consultant",
)
# Ordered from most to least favourable; the score is used by the analyses.
ATTITUDES: tuple[str, ...] = ("allié", "favorable", "neutre", "réservé", "opposant")
ATTITUDE_SCORES: dict[str, int] = {"allié": 2, "favorable": 1, "neutre": 0, "réservé": -1, "opposant": -2}
RELATION_TYPES: tuple[str, ...] = ("coopération", "financement", "hiérarchie", "information", "conflit")
PROJECT_ROLES: tuple[str, ...] = (
    "élu",
    "directeur de projet",
    "chef de projet",
    "pilote d'action",
    "agent",
    "partenaire",
    "services de l'État",
    "consultant",
)
ASSESSMENT_SOURCES: tuple[str, ...] = ("auto-évaluation", "consultant")
ACTION_STATES: tuple[str, ...] = (
    "à construire",
    "en recherche de pilote",
    "engagée",
    "en cours",
    "achevée",
    "abandonnée",
)
RACI_LETTERS: tuple[str, ...] = ("R", "A", "C", "I")
RACI_MEANINGS: dict[str, str] = {
    "R": "Réalise",
    "A": "Approuve / pilote",
    "C": "Consulté",
    "I": "Informé",
}
RACI_STATUSES: tuple[str, ...] = ("validée", "proposée", "rejetée")
BODY_KINDS: tuple[str, ...] = ("comité de gouvernance", "comité de pilotage", "équipe projet", "comité technique")
MEMBER_ROLES: tuple[str, ...] = ("président", "membre", "animateur", "secrétariat", "invité")
JOURNAL_KINDS: tuple[str, ...] = ("fait", "décision", "point d'attention")
PROGRAMMES: tuple[str, ...] = (
    "Action cœur de ville",
    "Petites villes de demain",
    "Projet alimentaire territorial",
    "Gestion prévisionnelle des emplois et des compétences territoriale",
    "Autre",
)

# The three dimensions of acting competently (Le Boterf), each on a 0–4 scale.
SCALES: dict[str, tuple[str, ...]] = {
    "savoir": ("aucune notion", "notions", "pratique", "maîtrise", "référent"),
    "vouloir": ("pas du tout", "peu", "intéressé", "volontaire", "moteur"),
    "pouvoir": ("impossible", "très limité", "partiel", "disponible", "pleinement disponible et mandaté"),
}
DIMENSIONS: dict[str, str] = {
    "savoir": "Savoir agir (niveau)",
    "vouloir": "Vouloir agir (motivation)",
    "pouvoir": "Pouvoir agir (temps, mandat, légitimité)",
}

# --- Record kinds and their fields ------------------------------------------------

KIND_LABELS: dict[str, str] = {
    "project": "Projet",
    "actors": "Acteurs",
    "relations": "Relations",
    "persons": "Personnes",
    "competences": "Compétences",
    "assessments": "Évaluations",
    "axes": "Axes",
    "actions": "Actions",
    "fundings": "Cofinancements",
    "tasks": "Tâches",
    "requirements": "Compétences requises",
    "raci": "RACI",
    "bodies": "Instances",
    "memberships": "Membres des instances",
    "journal": "Journal des actions",
    "attachments": "Pièces jointes",
    "scenarios": "Scénarios",
}

FIELD_LABELS: dict[str, str] = {
    # shared
    "id": "Identifiant",
    "name": "Nom",
    "description": "Description",
    "comment": "Commentaire",
    # project
    "territory": "Territoire",
    "programme": "Programme",
    "start_date": "Date de début",
    "end_date": "Date de fin",
    "horizon_months": "Horizon (mois)",
    # actors
    "category": "Catégorie",
    "power": "Pouvoir (influence)",
    "interest": "Intérêt",
    "attitude": "Attitude",
    "mobilised": "Mobilisé",
    "competences": "Compétences apportées",
    # relations
    "source_id": "Acteur source",
    "target_id": "Acteur cible",
    "type": "Type de relation",
    "weight": "Intensité",
    # persons
    "organisation": "Organisation",
    "function": "Fonction",
    "role": "Rôle dans le projet",
    "capacity_days": "Capacité (jours/mois)",
    "in_team": "Équipe projet",
    "actor_id": "Acteur (organisation)",
    "token": "Jeton participant",
    # competences
    "family": "Famille",
    # assessments
    "person_id": "Personne",
    "competence_id": "Compétence",
    "savoir": "Savoir agir",
    "vouloir": "Vouloir agir",
    "pouvoir": "Pouvoir agir",
    "source": "Source",
    "assessed_at": "Date d'évaluation",
    # axes, actions
    "axis_id": "Axe",
    "pilot_id": "Pilote",
    "state": "État",
    "completion": "Avancement (%)",
    "budget_planned": "Budget prévu (€)",
    "budget_committed": "Budget engagé (€)",
    "budget_spent": "Budget dépensé (€)",
    # fundings
    "action_id": "Action",
    "amount": "Montant (€)",
    # tasks
    "load_days": "Charge (jours)",
    "start_month": "Mois de début",
    "end_month": "Mois de fin",
    # requirements
    "task_id": "Tâche",
    "level": "Niveau requis",
    # raci
    "letter": "Lettre",
    "status": "Statut",
    "proposed_by": "Proposé par",
    # bodies, memberships
    "kind": "Type",
    "rhythm_weeks": "Rythme (semaines)",
    "first_date": "Première réunion",
    "body_id": "Instance",
    # journal, attachments
    "date": "Date",
    "text": "Texte",
    "author": "Auteur",
    "filename": "Fichier",
    "path": "Chemin",
    "size": "Taille (octets)",
    "mime": "Type de fichier",
    # scenarios
    "changes": "Modifications",
}

# --- Validation messages (used by model.validate) ----------------------------------

EXPECT = {
    "required": "une valeur (champ obligatoire)",
    "text": "un texte d'au plus {max_length} caractères",
    "int": "un nombre entier",
    "int_range": "un nombre entier entre {min} et {max}",
    "float": "un nombre",
    "float_range": "un nombre entre {min} et {max}",
    "float_min": "un nombre supérieur ou égal à {min}",
    "bool": "oui ou non",
    "date": "une date (AAAA-MM-JJ ou JJ/MM/AAAA)",
    "month": "un mois (AAAA-MM)",
    "choice": "une des valeurs : {choices}",
    "ref": "l'identifiant d'un(e) {kind} existant(e)",
    "refs": "des identifiants de {kind} séparés par des points-virgules",
    "json": "une liste de modifications",
    "unknown_field": "un champ connu ({fields})",
    "id": "un identifiant de 1 à 40 caractères (lettres, chiffres, - _ .)",
    "unique": "un identifiant qui n'existe pas déjà",
    "month_order": "un mois de fin postérieur ou égal au mois de début",
    "date_order": "une date de fin postérieure ou égale à la date de début",
    "distinct": "deux acteurs différents",
    "referenced": "un enregistrement qui n'est plus référencé ({by})",
}

MESSAGES = {
    "invalid_record": "Enregistrement refusé ({kind})",
    "not_found": "{kind} introuvable : {id}",
    "conflict": "{kind} {id} a été modifié entre-temps par {by} ; rechargez avant d'enregistrer.",
    "still_referenced": "{kind} {id} est encore utilisé par : {by}",
    "no_workshop": "Aucun atelier dans le dossier {path} (fichier atelier.json absent). "
    "Créez-le avec « maillage creer --atelier {path} ».",
    "workshop_exists": "Le dossier {path} contient déjà un atelier.",
    "newer_schema": "Ce magasin a été écrit par une version plus récente de Maillage "
    "(schéma {found}, cette version connaît {known}). Mettez Maillage à jour.",
}

YES_WORDS = {"oui", "o", "vrai", "x", "1", "yes", "true", "y"}
NO_WORDS = {"non", "n", "faux", "0", "no", "false", ""}

# --- raci (étape 4 : organigramme des tâches et des responsabilités) ---------------

RACI_CHECKS: dict[str, str] = {
    "no_a": "Aucun A",
    "several_a": "Plusieurs A",
    "no_r": "Aucun R",
    "a_not_in_team": "A hors de l'équipe projet",
    "r_lacks_competence": "R sans la compétence requise",
    "too_many_ci": "Trop de C et de I",
    "doublon": "Doublon",
    "no_capacity": "Responsabilités sans capacité",
    "pilot_not_a": "Pilote qui n'approuve aucune tâche",
}
RACI_EXPLAIN: dict[str, str] = {
    "no_a": "Personne n'approuve ni ne pilote la tâche « {task} » : il faut exactement un A.",
    "several_a": "{n} personnes approuvent la tâche « {task} » ({persons}) : il faut exactement "
    "un A, sinon personne ne tranche.",
    "no_r": "Personne ne réalise la tâche « {task} » ({load:g} jours) : il faut au moins un R.",
    "a_not_in_team": "{persons} approuve la tâche « {task} » sans faire partie de l'équipe projet : "
    "l'approbation doit rester dans l'équipe (ou intégrer la personne à l'équipe).",
    "r_lacks_competence": "{persons} réalise la tâche « {task} », qui demande « {competence} » au "
    "niveau {required} ; niveau retenu : {level}.",
    "too_many_ci": "{n} personnes consultées ou informées sur la tâche « {task} » (seuil : {limit}) : "
    "risque de réunions en trop ; regroupez les I dans une diffusion.",
    "doublon": "{persons} réalisent tous la tâche « {task} » avec la même compétence « {competence} » "
    "(niveau requis {required}) : doublon probable, une seule personne suffirait.",
    "no_capacity": "{persons} a {n} responsabilité(s) (R ou A) mais aucune capacité déclarée "
    "pour le projet (0 jour par mois).",
    "pilot_not_a": "{persons}, pilote de l'action « {action} », n'est A sur aucune de ses "
    "{n} tâche(s) : l'action est pilotée par quelqu'un qui n'approuve rien.",
}
RACI_LEVEL_NONE = "aucune évaluation"
RACI_LEVEL_SHOWN = "{level} ({source})"
RACI_FINDING_COLUMNS: dict[str, str] = {
    "check": "Code du contrôle",
    "title": "Contrôle",
    "action_id": "Action",
    "task_id": "Tâche",
    "task": "Intitulé de la tâche",
    "person_ids": "Personnes",
    "persons": "Noms",
    "competence_id": "Compétence",
    "explanation": "Explication",
    "count": "Nombre",
}
# The columns a reader needs (the explanation names the task and the persons).
RACI_BRIEF_COLUMNS: tuple[str, ...] = ("title", "action_id", "task_id", "explanation")
RACI_PROPOSAL_COLUMNS: dict[str, str] = {
    "id": "Proposition",
    "action_id": "Action",
    "task_id": "Tâche",
    "task": "Intitulé de la tâche",
    "person_id": "Personne",
    "person": "Nom",
    "letter": "Lettre proposée",
    "current": "Lettre actuelle",
    "proposed_by": "Proposé par",
    "proposer": "Nom du proposant",
    "comment": "Commentaire",
}
RACI_NO_LETTER = "—"
RACI_ERRORS: dict[str, str] = {
    "letter": "Lettre RACI refusée",
    "letter_expected": "une des lettres {letters} (ou vide pour effacer la case)",
    "not_proposal": "La ligne RACI {id} n'est pas une proposition en attente (statut : {status}).",
    "not_your_action": "La tâche {task} ne relève d'aucune de vos actions : vous ne pouvez pas y "
    "proposer de lettre.",
    "unknown_task": "Tâche introuvable : {task}",
    "unknown_person": "Personne introuvable : {person}",
    "unknown_action": "Action introuvable : {action}",
}
RACI_WIDGET: dict[str, str] = {
    "action": "Action",
    "add_person": "Ajouter une personne",
    "add": "Ajouter",
    "task": "Tâche",
    "saved": "Enregistré : {task} / {person} → {letter}",
    "erased": "Effacé : {task} / {person}",
    "findings": "Contrôles de cette action",
    "no_findings": "Aucun constat sur cette action.",
    "proposals": "Propositions des participants",
    "no_proposals": "Aucune proposition en attente.",
    "accept": "Accepter",
    "reject": "Rejeter",
    "accepted": "Proposition acceptée : {task} / {person} → {letter}",
    "rejected": "Proposition rejetée : {task} / {person} → {letter}",
    "legend": "R : réalise · A : approuve / pilote (un seul par tâche) · C : consulté · I : informé",
}

# --- workload (étape 5 : plan de charge) --------------------------------------------

WORKLOAD_STATUS: dict[str, str] = {
    "over": "surcharge",
    "idle": "sous-emploi",
    "ok": "équilibré",
    "none": "sans capacité",
}
WORKLOAD_COLUMNS: dict[str, str] = {
    "person_id": "Personne",
    "person": "Nom",
    "month": "Mois",
    "load": "Charge (jours)",
    "capacity": "Capacité (jours)",
    "balance": "Marge (jours)",
    "ratio": "Taux de charge",
    "status": "Situation",
    "overload": "Dépassement (jours)",
    "idle": "Capacité libre (jours)",
    "persons_over": "Personnes en surcharge",
    "names_over": "Qui",
    "at_risk": "Mois à risque",
    "action_id": "Action",
    "action": "Intitulé de l'action",
    "pilot": "Pilote",
    "tasks": "Tâches",
    "tasks_without_r": "Tâches sans R",
    "load_days": "Charge totale (jours)",
    "staffed_days": "Charge attribuée à un R (jours)",
    "staffing_rate": "Taux de staffing",
    "days_at_risk": "Jours portés par des personnes en surcharge",
    "idle_months": "Mois en sous-emploi",
    "unassigned": "Non attribué",
    "later": "Mois {first} à {last} (moyenne mensuelle)",
}
WORKLOAD_YES_NO: dict[bool, str] = {True: "oui", False: "non"}
WORKLOAD_PERCENT = "{value:.0f} %"
WORKLOAD_ERRORS: dict[str, str] = {
    "share": "Part de l'approbateur (A) refusée : {value!r} ; attendu : un nombre entre 0 et 1 (0,1 = 10 %).",
    "fraction": "Seuil de sous-emploi refusé : {value!r} ; attendu : un nombre entre 0 et 1 (0,5 = la moitié).",
    "detail": "Nombre de mois détaillés refusé : {value!r} ; attendu : un nombre entier d'au moins 1.",
}
WORKLOAD_PICTURES: dict[str, str] = {
    "heatmap_title": "Plan de charge : jours par personne et par mois (rouge : au-delà de la capacité)",
    "ratio": "Charge / capacité",
    "gantt_title": "Calendrier des actions et de leurs pilotes",
    "no_pilot": "sans pilote",
    "pilot": "pilote : {name}",
    "task_without_r": "tâche sans R (hachurée)",
    "empty": "Rien à afficher : aucune charge sur l'horizon.",
    "month": "Mois",
}
