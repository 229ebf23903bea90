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

# --- stakeholders (step 2: cartographie des parties prenantes) --------------------

# Mendelow's power/interest grid: quadrant key → engagement strategy, and what it means.
QUADRANTS: dict[str, str] = {
    "manage_closely": "Associer étroitement",
    "keep_satisfied": "Satisfaire",
    "keep_informed": "Informer",
    "monitor": "Surveiller",
}
QUADRANT_HINTS: dict[str, str] = {
    "manage_closely": "Pouvoir fort, intérêt fort : acteurs clés, à associer aux décisions.",
    "keep_satisfied": "Pouvoir fort, intérêt faible : à consulter et tenir satisfaits, sans les lasser.",
    "keep_informed": "Pouvoir faible, intérêt fort : à informer régulièrement, relais possibles.",
    "monitor": "Pouvoir faible, intérêt faible : à surveiller, effort minimal.",
}
GRID_AXES: dict[str, str] = {"power": "Pouvoir (influence)", "interest": "Intérêt pour le projet"}
SCALE_WORDS: tuple[str, ...] = ("nul", "faible", "moyen", "fort", "très fort")

# Attitude crossed with power: the flags the analysis raises.
POSTURES: dict[str, str] = {
    "influential_opponent": "Opposant influent",
    "influential_reserved": "Réservé influent",
    "unmobilised_ally": "Allié non mobilisé",
    "mobilised_ally": "Allié mobilisé",
    "opponent": "Opposant peu influent",
    "neutral": "Neutre",
}
# Relations that go one way (from the funder, the superior, the sender); the others are mutual.
DIRECTED_RELATION_TYPES: tuple[str, ...] = ("financement", "hiérarchie", "information")

# Probable duplicates among actor names: institutional synonyms (compared accent- and
# case-free), words ignored, and prefixes glued to the next word ("vice-président").
NAME_SYNONYMS: dict[str, str] = {
    "conseil régional": "région",
    "conseil departemental": "département",
    "conseil départemental": "département",
    "conseil général": "département",
    "communauté de communes": "cc",
    "communauté d'agglomération": "ca",
    "agglomération": "ca",
    "communauté urbaine": "cu",
    "établissement public de coopération intercommunale": "epci",
    "intercommunalité": "epci",
    "mairie": "commune",
    "ville": "commune",
    "municipalité": "commune",
    "hôtel de ville": "commune",
    "préfet": "préfecture",
    "sous-préfet": "sous-préfecture",
    "chambre de commerce et d'industrie": "cci",
    "chambre de métiers et de l'artisanat": "cma",
    "chambre des métiers et de l'artisanat": "cma",
    "chambre des métiers": "cma",
    "chambre de métiers": "cma",
    "chambre d'agriculture": "chambre agriculture",
    "direction départementale des territoires et de la mer": "ddtm",
    "direction départementale des territoires": "ddt",
    "direction régionale de l'environnement de l'aménagement et du logement": "dreal",
    "direction régionale de l'alimentation de l'agriculture et de la forêt": "draaf",
    "architecte des bâtiments de france": "abf",
    "unité départementale de l'architecture et du patrimoine": "udap",
    "agence nationale de la cohésion des territoires": "anct",
    "agence nationale de l'habitat": "anah",
    "agence nationale pour la rénovation urbaine": "anru",
    "office public de l'habitat": "oph",
    "caisse des dépôts": "banque des territoires",
    "société d'aménagement foncier et d'établissement rural": "safer",
    "projet alimentaire territorial": "pat",
    "petites villes de demain": "pvd",
    "action cœur de ville": "acv",
}
NAME_STOPWORDS: tuple[str, ...] = (
    "de", "du", "des", "d", "la", "le", "les", "l", "et", "en", "a", "au", "aux", "sur", "sous",
    "pour", "par", "un", "une",
)
NAME_GLUED_PREFIXES: tuple[str, ...] = ("sous", "vice", "co", "ex", "pre")
DUPLICATE_REASONS: dict[str, str] = {
    "same_name": "même nom (casse, accents ou ponctuation près)",
    "synonyms": "même institution sous deux appellations",
    "included": "l'un des noms est contenu dans l'autre",
    "similar": "noms très proches (faute de frappe ?)",
}

# Column headings of the stakeholder tables, as shown in carnets and exports.
STAKEHOLDER_COLUMNS: dict[str, str] = {
    "id": "Identifiant",
    "name": "Nom",
    "category": "Catégorie",
    "power": "Pouvoir",
    "interest": "Intérêt",
    "attitude": "Attitude",
    "attitude_score": "Score d'attitude",
    "mobilised": "Mobilisé",
    "quadrant": "Quadrant",
    "strategy": "Stratégie",
    "posture": "Posture",
    "posture_label": "Constat",
    "degree": "Relations (nombre d'acteurs liés)",
    "strength": "Intensité cumulée",
    "betweenness": "Intermédiarité",
    "broker": "Passeur",
    "cut_off": "Acteurs coupés du réseau sans lui",
    "isolated": "Isolé",
    "community": "Communauté",
    "size": "Taille",
    "members": "Membres",
    "hub": "Acteur le plus central",
    "competence_id": "Compétence (id)",
    "competence": "Compétence manquante",
    "family": "Famille",
    "id_a": "Acteur A",
    "name_a": "Nom A",
    "id_b": "Acteur B",
    "name_b": "Nom B",
    "score": "Ressemblance",
    "reason": "Motif",
    "count": "Nombre",
    "hint": "Signification",
    "raters": "Nombre d'avis",
    "mean": "Moyenne",
    "spread": "Écart (max − min)",
    "std": "Écart type",
    "dimension": "Critère",
}

STAKEHOLDER_MESSAGES: dict[str, str] = {
    "grid_title": "Matrice pouvoir / intérêt (Mendelow)",
    "grid_more": "+ {n} autres",
    "grid_mobilised": "mobilisé",
    "grid_not_mobilised": "non mobilisé",
    "map_title": "Carte des acteurs et de leurs relations",
    "map_legend": "Légende",
    "map_categories": "Catégories d'acteurs",
    "map_relations": "Types de relations",
    "map_size": "Taille du disque : pouvoir (0 à 4)",
    "map_search": "Chercher un acteur…",
    "map_loading": "Placement des acteurs…",
    "map_empty": "Aucun acteur pour l'instant.",
    "tooltip": "{name}\nCatégorie : {category}\nPouvoir : {power} · Intérêt : {interest}\n"
               "Attitude : {attitude}\nMobilisé : {mobilised}",
    "edge_tooltip": "{type} (intensité {weight})",
    "yes": "oui",
    "no": "non",
    "unknown_actor": "acteur inconnu : {id}",
    "missing_columns": "Tableau « {table} » : colonnes manquantes ({columns}).",
    "map_key_actors": "Étiquettes en gras : acteurs clés (passeurs, pouvoir fort)",
    "map_dashed_border": "Contour pointillé : acteur non mobilisé",
    "map_hint": "Survolez un acteur pour le détail ; molette ou pincement pour zoomer.",
    "grid_legend_attitude": "Attitude",
    "grid_legend_mobilised": "Disque plein : mobilisé ; disque vide : non mobilisé",
    "iframe_title": "Carte interactive des acteurs",
}
