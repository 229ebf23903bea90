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


# --- serve (access, pages, board, join sheet) ------------------------------------------

# Who wrote a record when it was not a participant (history ``by``).
FACILITATOR_BY = "animateur"

ACCESS = {
    "no_token": "Ce lien est incomplet : il ne contient pas de jeton d'accès. "
    "Ouvrez le lien personnel qui vous a été remis (ou scannez votre QR code).",
    "bad_token": "Ce lien n'est pas (ou plus) valide. Il a peut-être été remplacé par un nouveau : "
    "demandez votre lien à l'animateur de l'atelier.",
    "facilitator_only": "Cette page est réservée à l'animateur de l'atelier. "
    "Revenez à votre page d'accueil avec votre lien personnel.",
    "step_closed": "L'étape « {title} » n'est pas ouverte pour le moment. "
    "L'animateur l'ouvrira au moment voulu ; revenez à votre page d'accueil.",
    "no_workshop": "L'atelier n'est pas disponible sur ce serveur. Prévenez l'animateur.",
    "read_private": "Ces réponses appartiennent à une autre personne : vous ne pouvez pas les lire.",
    "write_kind": "Vous ne pouvez pas modifier « {kind} » depuis cette page.",
    "write_not_owner": "Cet enregistrement ({kind}) appartient à une autre personne : "
    "vous ne pouvez pas le modifier.",
    "write_field": "Vous ne pouvez pas modifier le champ « {field} » ({kind}).",
    "write_owner_field": "Le champ « {field} » doit vous désigner vous-même ({kind}).",
    "refused_title": "Accès refusé",
}

SAVE = {
    "saving": "Enregistrement…",
    "saved": "Enregistré à {time}.",
    "failed": "L'enregistrement a échoué : {error}",
    "failed_unknown": "L'enregistrement a échoué (erreur inattendue). Vos réponses sont conservées "
    "dans la page : réessayez dans un instant, ou prévenez l'animateur.",
    "kept": "Vos réponses sont conservées dans la page : corrigez puis enregistrez à nouveau.",
    "button": "Enregistrer",
}

# The steps of the method (DESIGN.md), as participants see them.
STEP_TITLES: dict[str, str] = {
    "accueil": "Accueil",
    "cadrage": "Cadrage du projet",
    "parties_prenantes": "Cartographie des parties prenantes",
    "competences": "Revue des compétences et des motivations",
    "raci": "Qui fait quoi (matrice RACI)",
    "plan_de_charge": "Plan de charge",
    "ecarts": "Analyse des écarts",
    "gouvernance": "Gouvernance et pilotage",
    "fiches_actions": "Suivi des fiches actions",
    "restitution": "Restitution",
    "animateur": "Tableau de bord de l'animateur",
    "gestion": "Gestion de l'atelier (liens et étapes)",
}

WELCOME = {
    "hello": "Bonjour {name}",
    "you_are": "Vous participez à l'atelier « {project} » ({territory}) en tant que : "
    "{role}, {organisation}.",
    "open_steps": "Étapes ouvertes maintenant",
    "no_open_step": "Aucune étape n'est ouverte pour le moment : l'animateur vous dira quand commencer. "
    "Cette page se met à jour toute seule.",
    "profile_title": "Votre profil",
    "profile_help": "Vérifiez votre fonction et indiquez combien de jours par mois vous pourriez "
    "consacrer au projet. Vous pourrez revenir modifier ces réponses.",
    "facilitator_hello": "Bonjour : vous êtes l'animateur de l'atelier.",
    "facilitator_pages": "Pages de l'animateur",
}

BOARD = {
    "title": "Tableau de bord de l'atelier",
    "hide_names": "Masquer les noms (projection)",
    "refreshed": "Mis à jour à {time}",
    "joined_title": "Participants connectés",
    "joined": "{joined} personne(s) sur {total} ont ouvert une page.",
    "joined_table": ["Personne", "Organisation", "Première connexion", "Dernière page", "Pages ouvertes"],
    "submissions_title": "Contributions par étape",
    "submissions_table": ["Étape", "Contributions", "Contributeurs", "Dernière contribution"],
    "latest_title": "Dernières contributions",
    "latest_table": ["Heure", "Qui", "Quoi", "Opération"],
    "ops": {"insert": "ajout", "update": "modification", "delete": "suppression"},
    "section_error": "Cette rubrique n'a pas pu être calculée : {error}",
    "empty": "Rien pour le moment.",
    "profiles_title": "Profils des participants",
    "profiles_table": ["Profils complétés", "Jours par mois proposés (total)"],
}

MANAGE = {
    "title": "Gestion de l'atelier",
    "steps_title": "Étapes ouvertes aux participants",
    "step_open": "ouverte",
    "step_closed": "fermée",
    "step_no_page": "(page pas encore disponible)",
    "tokens_title": "Liens des participants",
    "tokens_table": ["Personne", "Organisation", "Lien"],
    "reissue": "Réémettre le lien",
    "revoke": "Révoquer le lien",
    "reissued": "Nouveau lien de {name} : l'ancien ne fonctionne plus.",
    "revoked": "Le lien de {name} est révoqué : il ne fonctionne plus.",
    "no_link": "(aucun lien : révoqué)",
    "facilitator_title": "Lien de l'animateur",
    "facilitator_reissue": "Réémettre le lien de l'animateur",
    "facilitator_reissued": "Nouveau lien de l'animateur (l'ancien ne fonctionne plus) : {url}",
    "sheet": "Régénérer la feuille des liens (QR codes)",
    "sheet_written": "Feuille des liens écrite : {path}",
    "choose_person": "Personne",
}

JOIN_SHEET = {
    "title": "Liens de l'atelier « {project} »",
    "intro": "Chaque participant scanne son QR code ou tape son lien personnel. "
    "Ce lien est personnel : ne le transmettez pas.",
    "cut": "Découpez selon les pointillés.",
}

SERVE = {
    "workshop": "Atelier : {name}",
    "facilitator_link": "Lien de l'animateur (ne pas diffuser) : {url}",
    "join_sheet": "Feuille des liens à imprimer (un QR code par participant) : {path}",
    "pool": "Noyaux préchauffés : {pool} pour l'accueil, {other} pour chaque autre page "
    "({participants} participants attendus).",
    "stop": "Arrêt : Ctrl+C",
    "participants_help": "nombre de participants attendus (taille des réserves de noyaux préchauffés)",
    "no_pages": "Aucune page d'atelier trouvée dans {path}.",
    "bad_participants": "--participants : un nombre entier entre 0 et 200 est attendu (reçu : {value}).",
}

# --- competences (step 3: revue des compétences et des motivations) ---------------

COMPETENCE_COLUMNS: dict[str, str] = {
    "person_id": "Personne",
    "holder_id": "Seul détenteur",
    "competence_id": "Compétence",
    "name": "Compétence",
    "family": "Famille",
    "organisation": "Organisation",
    "role": "Rôle dans le projet",
    "savoir": "Savoir agir",
    "vouloir": "Vouloir agir",
    "pouvoir": "Pouvoir agir",
    "combined": "Niveau mobilisable (le plus faible des trois)",
    "source": "Source",
    "comment": "Commentaire",
    "assessment_id": "Évaluation",
    "mobilisable": "Mobilisable",
    "assessed": "Personnes évaluées",
    "experts": "Experts (savoir ≥ 3)",
    "best_level": "Meilleur niveau mobilisable",
    "best_holders": "Meilleurs détenteurs mobilisables",
    "holders": "Détenteurs mobilisables",
    "status": "Couverture",
    "required_level": "Niveau requis",
    "gap": "Écart de niveau",
    "reason": "Cause",
    "qualified": "Personnes ayant le niveau",
    "tasks": "Tâches concernées",
    "n_tasks": "Nombre de tâches",
    "task_id": "Tâche",
    "level": "Niveau requis",
    "met": "Satisfaite",
    "margin": "Vouloir − savoir",
    "savoir_self": "Savoir (auto-évaluation)",
    "savoir_consultant": "Savoir (consultant)",
    "savoir_gap": "Écart savoir",
    "vouloir_self": "Vouloir (auto-évaluation)",
    "vouloir_consultant": "Vouloir (consultant)",
    "vouloir_gap": "Écart vouloir",
    "pouvoir_self": "Pouvoir (auto-évaluation)",
    "pouvoir_consultant": "Pouvoir (consultant)",
    "pouvoir_gap": "Écart pouvoir",
    "total_gap": "Écart total (en valeur absolue)",
    "persons": "Personnes",
    "capacity_days": "Capacité (jours/mois)",
    "mobilisable_pairs": "Couples personne-compétence mobilisables",
    "mobilisable_competences": "Compétences mobilisables",
    "answered": "Compétences évaluées",
    "total": "Compétences du référentiel",
    "share": "Part remplie",
    "started": "Commencée",
    "complete": "Terminée",
}
COMPETENCE_STATUSES: dict[str, str] = {
    "uncovered": "non couverte",
    "single": "une seule personne (fragile)",
    "covered": "couverte",
}
COMPETENCE_REASONS: dict[str, str] = {
    "no_level": "personne n'a le niveau requis",
    "unwilling": "les personnes qui ont le niveau ne sont pas motivées",
    "unavailable": "les personnes qui ont le niveau et la motivation manquent de temps ou de mandat",
}
COMPETENCE_SHEETS: dict[str, str] = {
    "coverage": "Couverture",
    "single": "Points de fragilité",
    "training": "Candidats à la formation",
    "reluctant": "Experts peu motivés",
    "gap": "Auto-évaluation vs consultant",
    "teams": "Profil des organisations",
    "lacking": "Compétences manquantes",
    "savoir": "Matrice savoir agir",
    "vouloir": "Matrice vouloir agir",
    "pouvoir": "Matrice pouvoir agir",
    "combined": "Matrice combinée",
}
COMPETENCE_YES = "oui"
COMPETENCE_NO = "non"
COMPETENCE_MESSAGES: dict[str, str] = {
    "missing_columns": "Tableau « {table} » : colonnes manquantes : {columns}. Attendu : les colonnes {expected}.",
    "not_a_table": "Tableau « {table} » : un tableau (DataFrame) était attendu.",
    "bad_threshold": "Seuil de « {dimension} » : valeur {value!r} — attendu : un nombre entier entre 0 et {max}.",
    "bad_dimension": "Dimension {value!r} inconnue — attendu : une des valeurs {expected}.",
    "bad_source": "Source {value!r} inconnue — attendu : une des valeurs {expected}.",
    "team_needs_persons": "Pour ne garder que l'équipe projet, fournissez aussi le tableau des personnes.",
}
HEATMAP_TITLES: dict[str, str] = {
    "savoir": "Savoir agir (niveau)",
    "vouloir": "Vouloir agir (motivation)",
    "pouvoir": "Pouvoir agir (temps, mandat, légitimité)",
    "combined": "Niveau mobilisable : le plus faible des trois",
    "mobilisable": "Compétences mobilisables (savoir, vouloir et pouvoir au seuil)",
}
# Words of the levels for the matrices that are not one of the three scales.
HEATMAP_SCALES: dict[str, tuple[str, ...]] = {
    "combined": ("bloqué", "très fragile", "fragile", "solide", "plein"),
    "mobilisable": ("non mobilisable", "mobilisable"),
}
HEATMAP_MISSING = "case blanche : non évalué"
HEATMAP_ANONYMOUS = " — anonymisé"
HEATMAP_TEAM_TITLE = "Profil des organisations par famille — {dimension}"
PROFILE_TITLE = "Profil de compétences — {person}"
PROFILE_EMPTY = "Aucune compétence évaluée pour l'instant."
PROFILE_MOBILISABLE_MARK = "  ✔ mobilisable"
PROFILE_XLABEL = "Niveau (0 à 4) ; pointillés : seuil de mobilisation"
SELF_ASSESSMENT: dict[str, str | list[str]] = {
    "title": "Auto-évaluation : compétences et motivations",
    "intro": "Pour chaque compétence, situez-vous sur trois échelles : ce que vous savez faire "
    "(savoir agir), votre envie de le faire pour le projet (vouloir agir) et ce que votre temps, "
    "votre mandat et votre position vous permettent (pouvoir agir). Il n'y a pas de bonne réponse ; "
    "vos réponses ne sont visibles que par vous et par l'animateur. Chaque compétence est enregistrée "
    "dès que ses trois niveaux sont choisis : vous pouvez fermer la page et revenir plus tard.",
    "unset": "— à choisir —",
    "comment": "Commentaire (facultatif)",
    "comment_placeholder": "Une précision, un exemple, une condition…",
    "capacity_title": "Votre disponibilité",
    "capacity_help": "Combien de jours par mois pourriez-vous consacrer au projet ? (0 à 23, "
    "par exemple 1,5) — enregistré dès que vous quittez le champ.",
    "competences_title": "Vos compétences",
    "competences_help": "Les compétences sont regroupées par famille. « 0 – aucune notion » est une "
    "réponse : choisissez-la plutôt que de laisser vide.",
    "incomplete": "À compléter : {missing}. La réponse sera enregistrée dès que les trois niveaux "
    "sont choisis.",
    "cannot_unset": "Choisissez un niveau : la réponse enregistrée précédemment est conservée.",
    "already_saved": "Réponse enregistrée.",
    "progress": "Compétences renseignées : {done} sur {total}.",
    "progress_done": "Merci : vous avez renseigné toutes les compétences. Vous pouvez encore modifier "
    "vos réponses.",
    "no_competence": "Le référentiel de compétences n'est pas encore prêt : revenez plus tard.",
    "facilitator": "Cette page est celle des participants : chacun l'ouvre avec son lien personnel. "
    "Le tableau de bord montre l'avancement ; le carnet « 03_competences » montre les résultats.",
    "board_title": "Auto-évaluation des compétences",
    "board_count": "{complete} auto-évaluation(s) terminée(s), {started} commencée(s), sur {total} personnes.",
    "board_people": ["Personne", "Organisation", "Compétences renseignées", "Terminée"],
    "board_show_answers": "Montrer les réponses (synthèse par compétence, sans les noms)",
}

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

# --- gaps, scenarios, staffing (toolkit/gaps.py, scenarios.py, staffing.py) --------

# Remedies the method names, in the order they are preferred when several apply.
REMEDY_KINDS: dict[str, str] = {
    "réaffectation": "Réaffectation",
    "montée en compétences": "Montée en compétences",
    "accompagnement": "Accompagnement au changement",
    "élargissement": "Élargissement du tour de table",
    "expertise externe": "Expertise externe",
    "recrutement": "Recrutement",
}

GAP_COLUMNS: dict[str, str] = {
    "competence_id": "Compétence (id)",
    "competence": "Compétence",
    "family": "Famille",
    "required_level": "Niveau requis",
    "best_level": "Meilleur niveau mobilisable",
    "best_holders": "Titulaires mobilisables au meilleur niveau",
    "gap": "Écart (niveaux)",
    "tasks": "Tâches concernées",
    "first_month": "Besoin à partir de",
    "last_month": "Besoin jusqu'à",
    "months": "Mois de besoin",
    "days": "Jours de tâches concernés",
    "person_id": "Personne (id)",
    "person": "Personne",
    "month": "Mois",
    "load": "Charge (jours)",
    "capacity": "Capacité (jours)",
    "overload": "Surcharge (jours)",
    "idle": "Capacité libre (jours)",
    "overload_months": "Mois en surcharge",
    "remedy": "Remède",
    "candidate_id": "Candidat (id)",
    "candidate": "Candidat",
    "reason": "Raison",
    "cost_days": "Coût (jours)",
    "cost_euros": "Coût (€)",
    "recommended": "Recommandé",
    "target_kind": "Type d'écart",
    "target_id": "Écart (id)",
    "target": "Écart traité",
    "reason_gap": "Cause",
    "balance": "Solde (jours)",
    "persons_over": "Personnes en surcharge",
    "person_overload": "Surcharges individuelles (jours)",
}

GAP_REASONS: dict[str, str] = {
    "no_holder": "personne n'atteint le niveau {level} dans l'équipe",
    "holders_not_mobilisable": "les titulaires du niveau {level} ({holders}) ne sont pas mobilisables (vouloir ou pouvoir insuffisant)",
    "training": "{person} est au niveau {current} en « {competence} » (un niveau en dessous du niveau {level} requis) "
                "et se dit motivé(e) ({vouloir}/4) : {days:g} jours de formation et de tutorat estimés",
    "coaching": "{person} a le niveau {current} en « {competence} » mais {why} : accompagnement "
                "au changement (clarifier le mandat, libérer du temps, lettre de mission) estimé à {days:g} jours",
    "coaching_vouloir": "sa motivation est faible ({vouloir}/4)",
    "coaching_pouvoir": "son pouvoir d'agir est limité ({pouvoir}/4)",
    "widening": "{actor} ({category}) apporte « {competence} » et n'est pas encore mobilisé : "
                "l'associer au tour de table (niveau à confirmer avec lui)",
    "expertise": "besoin ponctuel et spécialisé ({days:g} jours sur {months} mois) : {days:g} jours d'expertise "
                 "externe à {rate:g} € par jour",
    "recruitment": "besoin durable ({months} mois, {days:g} jours) au-delà de la capacité disponible : un recrutement "
                   "de {months} mois à {monthly:g} € par mois",
    "reassign_competence": "{person} a le niveau {current} en « {competence} » et la motivation ({vouloir}/4) ; "
                           "son pouvoir d'agir est noté {pouvoir}/4 mais le plan de charge lui laisse {idle:g} jours "
                           "libres sur les mois du besoin : lui confier ces tâches par une lettre de mission",
    "reassign_load": "{person} peut reprendre « {task} » ({days:g} j) : niveau requis atteint, mobilisable, "
                     "{idle:g} jours libres sur les mois de la tâche",
    "recruit_capacity": "surcharge globale de l'équipe {months} mois sur {horizon} ({days:g} jours au total) : "
                        "un renfort durable de {monthly:g} € par mois",
    "expertise_capacity": "surcharge ponctuelle de {person} ({days:g} jours sur {months} mois) sans personne "
                          "pour la reprendre : renfort externe à {rate:g} € par jour",
}

SCENARIO_OPS: dict[str, str] = {
    "abandon": "Abandon d'une action (ses tâches sortent du plan)",
    "budget": "Nouveau budget prévu d'une action",
    "financement_obtenu": "Cofinancement obtenu",
    "financement_refuse": "Cofinancement refusé",
    "recrutement": "Recrutement d'une personne",
    "elargissement": "Élargissement du tour de table (un acteur mobilisé)",
    "depart": "Départ d'une personne",
    "capacite": "Nouvelle capacité d'une personne",
    "report": "Report d'une tâche ou d'une action",
    "affectation": "Affectation d'une personne à une tâche",
    "retrait": "Retrait d'une personne d'une tâche",
}
# Consequences of a refused co-funding.
FUNDING_CONSEQUENCES: tuple[str, ...] = ("autofinancement", "réduction", "abandon")

SCENARIO_PARAMS: dict[str, str] = {
    "op": "opération",
    "action": "action",
    "tache": "tâche",
    "personne": "personne",
    "acteur": "acteur",
    "financement": "cofinancement",
    "montant": "montant (€)",
    "consequence": "conséquence",
    "nom": "nom",
    "organisation": "organisation",
    "fonction": "fonction",
    "role": "rôle dans le projet",
    "capacite": "capacité (jours/mois)",
    "jours": "capacité (jours/mois)",
    "competences": "compétences",
    "motivation": "motivation (vouloir, 0 à 4)",
    "cout_mensuel": "coût mensuel (€)",
    "mois": "nombre de mois",
    "lettre": "lettre RACI",
}

SCENARIO_EXPECT: dict[str, str] = {
    "change": "une modification : un dictionnaire avec une clé « op »",
    "op": "une des opérations : {ops}",
    "unknown_param": "un paramètre connu de l'opération « {op} » ({params})",
    "ref": "l'identifiant d'un(e) {kind} existant(e) dans l'atelier ou le scénario",
    "task_or_action": "une tâche ou une action (l'une des deux)",
    "competences": "un dictionnaire compétence → niveau (1 à 4) ou [savoir, vouloir, pouvoir]",
    "months": "un nombre entier de mois entre 1 et 36",
    "name_unique": "un nom de scénario qui n'existe pas déjà",
    "scenario": "le nom ou l'identifiant d'un scénario de l'atelier",
    "already_left": "une personne encore présente dans le scénario",
    "assignment": "une affectation existante de cette personne sur cette tâche",
}

SCENARIO_MESSAGES: dict[str, str] = {
    "invalid": "Scénario refusé",
    "change": "modification n° {n} ({op})",
    "reference": "Référence",
    "recruit_organisation": "Recrutement (scénario)",
    "recruit_function": "Personne recrutée",
    "widening_name": "Représentant(e) de {actor}",
    "not_found": "Scénario introuvable : {name}",
}

# Rows of the side-by-side comparison of scenarios.
SCENARIO_INDICATORS: dict[str, str] = {
    "tasks": "Tâches dans le plan",
    "tasks_without_r": "Tâches sans personne qui réalise (R)",
    "competence_gaps": "Compétences en écart",
    "gap_days": "Jours de tâches sans compétence mobilisable",
    "overloaded_persons": "Personnes en surcharge",
    "overload_days": "Jours de surcharge",
    "overloaded_months": "Mois où l'équipe est en surcharge globale",
    "budget": "Budget prévu des actions (€)",
    "fundings": "Cofinancements (€)",
    "own_share": "Reste à charge (€)",
    "recruitment_cost": "Coût des recrutements du scénario (€)",
    "remedy_cost": "Coût estimé des remèdes aux écarts restants (€)",
    "total_cost": "Coût total estimé (€)",
}

STAFFING_COLUMNS: dict[str, str] = {
    "task_id": "Tâche (id)",
    "task": "Tâche",
    "person_id": "Personne (id)",
    "person": "Personne",
    "letter": "Lettre",
    "days": "Jours",
    "status": "Statut",
    "reason": "Explication",
    "uncovered": "Non couvert",
    "amount": "Quantité",
    "months": "Mois",
    "what": "Ce qui manque",
    "action_id": "Action",
    "competence_id": "Compétence",
    "locked": "Verrouillé",
    "load": "Charge (jours)",
    "capacity": "Capacité (jours)",
    "month": "Mois",
}
STAFFING_STATUSES: dict[str, str] = {
    "kept": "conservée",
    "new": "proposée",
    "locked": "verrouillée",
    "dropped": "retirée",
}
STAFFING_UNCOVERED: dict[str, str] = {
    "days": "jours à réaliser",
    "competence": "compétence requise",
    "no_r": "personne qui réalise (R)",
    "no_a": "personne qui approuve (A)",
    "overload": "surcharge imposée",
}
STAFFING_REASONS: dict[str, str] = {
    "level": "niveau {level} en « {competence} » (requis {required})",
    "motivation": "motivation {vouloir}/4",
    "days": "{days:g} j sur {months}",
    "no_days_others": "aucun jour attribué : d'autres personnes mieux placées font la tâche (garder ce R ?)",
    "no_days_full": "aucun jour attribué : plus de capacité libre sur ces mois",
    "kept": "affectation existante conservée",
    "new": "nouvelle proposition",
    "locked": "verrouillée par le consultant",
    "only": "seul(e) candidat(e) au niveau requis",
    "pilot": "pilote de l'action",
    "a_kept": "approbation existante conservée",
    "a_sibling": "approuve déjà d'autres tâches de l'action",
    "a_role": "{role} de l'équipe projet",
    "dropped": "affectation retirée par l'optimisation (reprise par une personne mieux placée)",
    "uncovered_days": "{amount:g} j non couverts : capacité épuisée des candidats ({who}) sur {months}",
    "uncovered_days_nobody": "{amount:g} j non couverts : personne ne peut la réaliser (voir les écarts de compétences)",
    "uncovered_competence": "personne n'atteint le niveau {required} en « {competence} » parmi les candidats disponibles",
    "uncovered_no_r": "aucune personne disponible pour réaliser la tâche",
    "uncovered_no_a": "aucune personne de l'équipe projet pour approuver la tâche",
    "uncovered_overload": "{person} dépasse sa capacité de {amount:g} j en {month} : "
                          "affectations conservées ou verrouillées au-delà de ce qu'elle peut faire",
}
STAFFING_SOLVER: dict[str, str] = {
    "optimal": "solution optimale (solveur HiGHS)",
    "time_limit": "meilleure solution trouvée dans le temps imparti (solveur HiGHS, écart relatif {gap:.1%})",
    "greedy": "solution gloutonne retenue (le solveur n'a pas fait mieux dans le temps imparti)",
    "greedy_only": "affectation gloutonne (sans solveur)",
}
STAFFING_EXPECT: dict[str, str] = {
    "lock_letter": "R ou A",
    "lock_two_a": "une seule personne verrouillée en A par tâche",
    "lock_ref": "l'identifiant d'un(e) {kind} existant(e)",
    "lock": "un verrou : tâche, personne, lettre (R ou A) et oui/non",
}
STAFFING_MESSAGES: dict[str, str] = {
    "invalid_locks": "Verrous refusés",
}
GAP_TEAM = "Équipe projet (ensemble)"
GAP_TARGETS: dict[str, str] = {"competence": "Compétence", "capacity": "Capacité"}
GAP_PICTURES: dict[str, str] = {
    "competence_title": "Compétences requises par les tâches et meilleur niveau mobilisable",
    "timeline_title": "Quand manquent les compétences (mois des tâches concernées)",
    "capacity_title": "Charge de l'équipe et capacité, mois par mois",
    "met": "niveau mobilisable suffisant",
    "short": "niveau mobilisable insuffisant",
    "required": "niveau requis",
    "days_months": "{days:g} j, {first} → {last}",
    "gap_label": "{days:g} j (requis {required}, mobilisable {best})",
    "load": "charge",
    "capacity": "capacité",
    "days": "jours",
    "persons_over": "{n} pers.\n+{days:.1f} j",
    "scenario_counts": "Ce qui reste à couvrir",
    "scenario_costs": "Coûts ajoutés par le scénario (k€)",
    "own_share": "reste à charge\n{value}",
    "keuros": "milliers d'euros",
    "no_need": "Aucune compétence requise par les tâches.",
    "no_gap": "Aucun écart de compétence.",
    "no_load": "Rien à afficher : aucune charge sur l'horizon.",
    "no_scenario": "Aucun scénario à comparer.",
}
