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

# --- excel (templates, import, export) -----------------------------------------------

EXCEL_SHEETS: dict[str, str] = {
    "instructions": "Instructions",
    "lists": "Listes",
    "cover": "Couverture",
}

EXCEL_TEXT: dict[str, str] = {
    # template: instructions sheet
    "template_title": "Gabarit d'import Maillage",
    "example_title": "Exemple rempli : atelier de démonstration (Montaurel-sur-Sèvre)",
    "how_title": "Comment remplir ce classeur",
    "columns_title": "Les colonnes, feuille par feuille",
    "col_sheet": "Feuille",
    "col_column": "Colonne",
    "col_required": "Obligatoire",
    "col_expected": "Valeur attendue",
    "yes": "oui",
    "no": "non",
    "id_hint": "vide : Maillage en crée un ; à remplir si une autre feuille y fait référence",
    "project_id_hint": "inutile : le projet est toujours PRJ (un seul projet par atelier)",
    "refs_hint": "séparés par des points-virgules, par exemple CMP-01; CMP-03",
    "json_hint": "une liste au format JSON, par exemple [] (laisser vide si aucune)",
    "list_error_title": "Valeur hors liste",
    "list_error": "Choisissez une valeur dans la liste déroulante.",
    "ref_error_title": "Identifiant inconnu",
    "ref_error": "Cet identifiant n'est pas dans la feuille « {sheet} ». "
    "Continuez seulement s'il existe déjà dans l'atelier.",
    "number_error_title": "Nombre attendu",
    "prompt_title": "{label}",
    # export
    "cover_title": "Maillage — classeur de restitution",
    "cover_project": "Projet",
    "cover_territory": "Territoire",
    "cover_programme": "Programme",
    "cover_start": "Début et horizon",
    "cover_horizon": "{start} — {months} mois",
    "cover_date": "Date de l'export",
    "cover_pseudonymised": "Diffusion",
    "cover_pseudonymised_text": "Les noms des personnes sont remplacés par des pseudonymes stables "
    "(Personne 1, Personne 2…).",
    "cover_contents": "Sommaire",
    "cover_rows": "Lignes",
    "cover_description": "Contenu",
    "cover_data_note": "Les feuilles de données (de « Projet » à « Scénarios ») sont au format du "
    "gabarit d'import : ce classeur peut être réimporté dans un nouvel atelier "
    "(maillage importer FICHIER.xlsx --atelier DOSSIER).",
    "cover_no_project": "(projet non renseigné)",
    "records_description": "Données de l'atelier : {kind} (format du gabarit d'import)",
    "back_to_cover": "← Sommaire",
    # progress
    "progress_read": "Lecture de la feuille « {sheet} »",
    "progress_check": "Vérification des références",
    "progress_write": "Enregistrement : {kind}",
    "progress_sheet": "Feuille « {sheet} »",
    "progress_save": "Écriture du fichier",
    "progress_done": "Terminé",
    "progress_data": "Feuilles de données",
    # command line
    "templates_written": "Gabarits écrits : {paths}",
    "import_done": "Import terminé : {count} enregistrements ajoutés à l'atelier {folder}.",
    "import_refused": "Import refusé : rien n'a été enregistré dans l'atelier.",
    "import_more": "… et {count} autres problèmes (option --tous pour tout afficher).",
    "export_done": "Classeur de restitution écrit : {path}",
}

# The instructions sheet of the import template, one paragraph a line.
EXCEL_INSTRUCTIONS: tuple[str, ...] = (
    "Une feuille par type d'enregistrement, dans l'ordre où il faut les remplir : une ligne par "
    "enregistrement à partir de la ligne 2, la ligne 1 porte les en-têtes.",
    "Ne renommez ni les feuilles ni les colonnes, n'en ajoutez pas : une colonne inconnue est refusée "
    "plutôt que perdue en silence. L'ordre des colonnes est libre.",
    "Identifiant : laissez vide pour que Maillage en crée un ; remplissez-le (lettres, chiffres, - _ .) "
    "dès qu'une autre feuille doit y faire référence (ex. ACT-01, PER-02, TAC-023).",
    "Références : choisissez l'identifiant dans la liste déroulante (il vient de la feuille visée) ; un "
    "identifiant déjà présent dans l'atelier est accepté aussi. Plusieurs identifiants : séparez-les par "
    "des points-virgules.",
    "Listes fermées (catégories, attitudes, rôles, lettres RACI, états…) : choisissez dans la liste "
    "déroulante ; majuscules, accents manquants et espaces en trop sont tolérés.",
    "Dates : JJ/MM/AAAA (ou une date Excel) ; mois : AAAA-MM ; oui/non pour les cases à cocher ; "
    "nombres avec une virgule ou un point.",
    "Pas de formule (copiez puis « Collage spécial › Valeurs ») et pas de cellule fusionnée : elles "
    "sont refusées.",
    "L'import est tout ou rien : si un seul problème est trouvé, rien n'est enregistré et chaque "
    "problème est listé avec sa feuille, sa ligne, sa colonne, la valeur lue et ce qui était attendu.",
    "L'import ajoute des enregistrements à l'atelier : un identifiant qui existe déjà dans l'atelier "
    "est refusé (rien n'est remplacé ni mis à jour). Le projet ne s'importe qu'une fois.",
    "Commande : maillage importer FICHIER.xlsx --atelier DOSSIER (ou, depuis un carnet, "
    "toolkit.excel.import_workbook).",
)

# What the importer expected, when a workbook is refused.
EXCEL_EXPECT: dict[str, str] = {
    "workbook": "un classeur Excel .xlsx (enregistré depuis Excel ou LibreOffice au format .xlsx)",
    "missing_file": "un fichier existant",
    "sheet": "une feuille nommée « {sheet} », comme dans le gabarit",
    "column": "une colonne « {header} » en ligne 1",
    "extra_column": "uniquement les colonnes du gabarit ({headers})",
    "duplicate_column": "une seule colonne « {header} »",
    "headerless": "un en-tête en ligne 1 au-dessus de toute valeur",
    "formula": "une valeur saisie, pas une formule (copiez puis « Collage spécial › Valeurs »)",
    "error_value": "une valeur, pas une erreur de formule",
    "merged": "des cellules non fusionnées (défusionnez {ref})",
    "duplicate_id": "un identifiant unique dans la feuille (déjà utilisé ligne {row})",
    "existing_id": "un identifiant absent de l'atelier (l'import ajoute, il ne remplace pas)",
    "reference": "l'identifiant d'un(e) {kind} de la feuille « {sheet} » ou déjà dans l'atelier",
    "json": "une liste au format JSON, par exemple []",
    "project_once": "un seul projet (une seule ligne remplie)",
    "project_exists": "aucun projet : l'atelier en a déjà un",
}

EXCEL_FIELDS: dict[str, str] = {
    "file": "Fichier",
    "sheet": "Feuille",
    "header": "En-tête",
}
