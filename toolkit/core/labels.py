"""The French catalogue: every word a person reads comes from here.

Code identifiers are English. The values of closed lists are stored as their French words
(they travel as-is to Excel drop-downs and back): they are named constants in
``toolkit/core/values.py``, whose tuples this module re-exports. Words the toolkit reads but
never shows (name synonyms, yes/no words, h aspiré) are in ``toolkit/core/vocabulary.py``.
Change a word here and it changes everywhere.
"""
from __future__ import annotations

# --- Closed lists (stored values) -------------------------------------------------

# The stored values are named constants in toolkit/core/values.py; the tuples are re-exported
# here because they are also the words the drop-downs and tables show.
from .values import (  # noqa: E402,F401  (re-exported: the words of the drop-downs)
    ACTION_PRIORITIES, ACTION_STATES, ACTOR_CATEGORIES, AFFILIATIONS, ASSESSMENT_SOURCES, ATTITUDES,
    BODY_KINDS, BUDGET_NATURES, CIVILITIES, FUNDING_CONSEQUENCES, JOURNAL_KINDS, MEMBER_ROLES, PROGRAMMES,
    PROJECT_ROLES, RACI_LETTERS, RACI_STATUSES, RELATION_TYPES,
)
from . import values as _V  # noqa: E402

RACI_MEANINGS: dict[str, str] = {
    "R": "Réalise",
    "A": "Approuve / pilote",
    "C": "Consulté",
    "I": "Informé",
}

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

#: One record of a kind in a sentence: (singular noun, gender « f » or « m »).
KIND_NOUNS: dict[str, tuple[str, str]] = {
    "project": ("projet", "m"), "actors": ("acteur", "m"), "relations": ("relation", "f"),
    "persons": ("personne", "f"), "competences": ("compétence", "f"), "assessments": ("évaluation", "f"),
    "axes": ("axe", "m"), "actions": ("action", "f"), "fundings": ("cofinancement", "m"),
    "tasks": ("tâche", "f"), "requirements": ("compétence requise", "f"), "raci": ("ligne RACI", "f"),
    "bodies": ("instance", "f"), "memberships": ("membre d'instance", "m"), "journal": ("entrée de journal", "f"),
    "attachments": ("pièce jointe", "f"), "scenarios": ("scénario", "m"), "reviews": ("revue de projet", "f"),
    "actor_ratings": ("notation d'acteur", "f"), "phases": ("phase", "f"),
}
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
    "phases": "Phases",
    "budget_lines": "Budget par année",
    "action_steps": "Étapes des actions",
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
    # phases (issue 19)
    "order": "Ordre",
    "phase_id": "Phase",
    # sub-actions (issue 19)
    "parent_id": "Action parente",
    # action sheets (issue 19 §9)
    "priority": "Priorité",
    "year": "Année",
    "nature": "Nature",
    "due_date": "Échéance",
    "done": "Faite",
    "done_date": "Faite le",
    # internal / partner / external, days per person (issue 19 §2, §3)
    "affiliation": "Appartenance (interne, partenaire, prestataire)",
    "days": "Jours sur la tâche",
    # named editors of every action sheet (issue 19 §4)
    "edits_all_sheets": "Modifie toutes les fiches actions",
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
    "ref": "l'identifiant {of_one} existant{e}",
    "refs": "des identifiants de {kind} séparés par des points-virgules",
    "json": "une liste de modifications",
    "unknown_field": "un champ connu ({fields})",
    "id": "un identifiant de 1 à 40 caractères (lettres, chiffres, - _ .)",
    "unique": "un identifiant qui n'existe pas déjà",
    "month_order": "un mois de fin postérieur ou égal au mois de début",
    "date_order": "une date de fin postérieure ou égale à la date de début",
    "distinct": "deux acteurs différents",
    "no_cycle": "une action parente qui n'est ni l'action elle-même ni une de ses sous-actions",
    "referenced": "un enregistrement qui n'est plus référencé ({by})",
}

MESSAGES = {
    "no_current_workshop": "Aucun atelier courant : la variable MAILLAGE_ATELIER n'est pas définie. "
    "Lancez les pages avec « maillage servir --atelier DOSSIER ».",
    "store_busy": "L'atelier est occupé : une autre écriture le garde verrouillé depuis plus de {seconds} s. "
    "Réessayez dans un instant ; si cela dure, fermez le programme qui garde la base "
    "ouverte en écriture (un autre carnet, un outil SQLite).",
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



# A refused value, where it is and what was expected (toolkit/core/errors.Problem, ValidationError).
PROBLEM: dict[str, str] = {
    "sheet": "feuille « {sheet} »",
    "row": "ligne {row}",
    "column": "colonne {column}",
    "field": "champ « {field} »",
    "empty": "(vide)",
    "line": "{where} : valeur {shown} — attendu : {expected}",
    "refused": "Données refusées",
    "head": "{title} ({problems}) :",
    "problem": "problème",
}
# What the history shows in place of a secret (toolkit/core/store.py).
HISTORY_SECRET: dict[str, str] = {"masked": "(masqué)", "revoked": "(révoqué)", "new": "(nouveau)"}


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
    "write_fields": "Vous ne pouvez pas modifier : {fields} ({kind}). Vous pouvez modifier : {allowed}.",
    "write_sheet": "Vous ne pouvez pas modifier la fiche « {action} » : seuls son pilote (ou celui de l'action "
    "dont elle dépend), les personnes chargées de toutes les fiches et l'animateur le peuvent.",
    "write_sheet_kind": "Sur la fiche « {action} », « {kind} » est réservé à l'animateur (cela se décide "
    "avec le consultant ou en revue de projet).",
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
    # first choice of a required list or scale nobody has chosen yet
    "unset": "— à choisir —",
    "conflict": "Ce que vous modifiez a été modifié entre-temps par {who} : rechargez la page pour voir "
    "la dernière version avant d'enregistrer.",
    "conflict_you": "vous (dans une autre page ouverte)",
    "conflict_facilitator": "l'animateur",
    "conflict_someone": "quelqu'un d'autre",
    "date_placeholder": "JJ/MM/AAAA",
}

# What the page says about its connection (the Voilà template ``maillage``: connection.html.j2
# holds a copy of these texts for the browser; tests/test_session.py checks they match).
CONNECTION = {
    "offline": "Connexion perdue. Vos modifications seront enregistrées au retour de la connexion : "
    "gardez la page ouverte.",
    "reconnecting": "Connexion perdue : reconnexion en cours… Gardez la page ouverte.",
    "sending": "Connexion rétablie : enregistrement de vos modifications…",
    "saved": "Connexion rétablie : vos modifications sont enregistrées.",
    "failed": "Connexion rétablie, mais une modification n'a pas été enregistrée : voyez le message en rouge.",
    "unsure": "Connexion rétablie, mais une modification n'a peut-être pas été reçue : vérifiez-la et "
    "recommencez si besoin.",
    "back": "Connexion rétablie.",
    "lost": "La connexion n'a pas pu être rétablie : rechargez la page. Les modifications en attente "
    "n'ont pas été enregistrées.",
    "reload": "Recharger la page",
    "pending": "En attente de connexion…",
    "loading": "Chargement de la page…",
    "preparing": "Préparation de votre page…",
    "loading_widget": "Chargement…",
    "widget_error": "Cet élément n'a pas pu s'afficher : rechargez la page.",
}
# Voilà's error pages (the template's error.html holds a copy; checked by the same test).
ERROR_PAGE = {
    "404_title": "Page introuvable",
    "404": "Cette page n'existe pas. Ouvrez le lien personnel qui vous a été remis (ou scannez votre "
    "QR code), ou demandez-le à l'animateur.",
    "403_title": "Accès refusé",
    "403": "Vous ne pouvez pas ouvrir cette page. Ouvrez le lien personnel qui vous a été remis, ou "
    "demandez-le à l'animateur.",
    "other_title": "La page n'a pas pu s'afficher",
}

#: The search field over a long drop-down (actors, persons, tasks…), on phones.
CHOICE_SEARCH = {
    "placeholder": "quelques lettres…",
    "label": "Ou chercher dans la liste",
    "more": "{shown} choix sur {found} trouvés : précisez la recherche pour voir les autres.",
    "none": "Aucun choix ne contient « {query} ». Effacez ou changez la recherche.",
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

# toolkit/method.py: a step asked of the registry that it does not hold.
METHOD: dict[str, str] = {
    "undeclared": "l'étape {key!r} n'est pas déclarée dans toolkit.steps",
    "no_page": "l'étape {key} n'a pas de page",
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
    "back": "← Retour à l'accueil",
    "step_closed": "L'étape « {title} » n'est plus ouverte : l'animateur la rouvrira si besoin.",
    "step_failed": "Cette étape n'a pas pu s'afficher. Revenez à l'accueil et réessayez, ou prévenez "
    "l'animateur.",
}

BOARD = {
    "title": "Tableau de bord de l'atelier",
    "hide_names": "Masquer les noms (projection)",
    "refreshed": "Mis à jour à {time}",
    "joined_title": "Participants connectés",
    "joined": "{joined} sur {total} {verb} ouvert une page.",
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
    # names hidden: an organisation too small to hide anyone in it
    "other_organisation": "autre organisation",
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
    "sheet_editors_title": "Mise à jour de toutes les fiches actions",
    "sheet_editors_intro": "Les personnes cochées modifient toutes les fiches actions, avec leur propre lien "
    "(pas celui de l'animateur) : l'historique garde leur nom. Les pilotes gardent la main sur leurs fiches.",
    "sheet_editor_on": "{name} peut désormais modifier toutes les fiches actions.",
    "sheet_editor_off": "{name} ne modifie plus toutes les fiches actions (les fiches de ses actions restent "
    "modifiables).",
}

#: Writes refused to a page already open (``access.Guard.check_writable``).
SERVE_WRITES = {
    "step_closed": "l'étape « {title} » vient d'être fermée par l'animateur : cette réponse n'a pas "
    "été enregistrée. Revenez à l'accueil ; l'animateur la rouvrira si besoin.",
}

JOIN_SHEET = {
    "title": "Liens de l'atelier « {project} »",
    "intro": "Chaque participant scanne son QR code ou tape son lien personnel. "
    "Ce lien est personnel : ne le transmettez pas.",
    "cut": "Découpez selon les pointillés.",
    "loopback": "Attention : ces liens pointent vers cet ordinateur seul (127.0.0.1) : les téléphones "
    "de la salle ne pourront pas les ouvrir. Relancez « maillage servir --hote 0.0.0.0 » (ou avec "
    "--adresse-publique) puis réimprimez cette feuille.",
}

SERVE = {
    "workshop": "Atelier : {name}",
    "facilitator_link": "Lien de l'animateur (ne pas diffuser) : {url}",
    "join_sheet": "Feuille des liens à imprimer (un QR code par participant) : {path}",
    "pool": "Noyaux préchauffés : {pool} pour l'accueil, {other} pour chaque autre page "
    "({participants} participants attendus).",
    "stop": "Arrêt : Ctrl+C",
    "log": "Journal du serveur : {path}",
    "warming": "Préchauffage des pages : {warm}/{total}",
    "ready": "Prêt : les {total} pages préchauffées attendent les participants "
    "(préchauffage en {minutes} min {seconds:02d} s).",
    "ready_cold": "Prêt (sans préchauffage : chaque page démarre son noyau à l'ouverture).",
    "exited": "Le serveur s'est arrêté (code {code}) : voir le journal {path}.",
    "participants_help": "nombre de participants attendus (taille des réserves de noyaux préchauffés)",
    "no_pages": "Aucune page d'atelier trouvée dans {path}.",
    "bad_participants": "--participants : un nombre entier entre 0 et 200 est attendu (reçu : {value}).",
    "address_help": "adresse d'écoute (0.0.0.0 pour le réseau de la salle : les liens prennent alors "
    "l'adresse de cet ordinateur sur ce réseau)",
    "public_help": "adresse des liens et QR codes si elle diffère, p. ex. http://atelier.local:8866 "
    "(nom donné par le réseau, redirection…)",
    "bad_public_address": "--adresse-publique : une adresse web complète est attendue, "
    "p. ex. http://192.168.1.20:8866 (reçu : {value}).",
    "room_address": "Adresse sur le réseau de la salle : {address} (si les téléphones n'y arrivent pas, "
    "vérifiez qu'ils sont sur le même réseau wifi, ou donnez --adresse-publique).",
    "no_room_address": "Attention : aucun réseau trouvé sur cet ordinateur : les liens pointent vers "
    "127.0.0.1, que les téléphones ne peuvent pas ouvrir. Connectez-vous au wifi de la salle puis relancez.",
    "loopback": "Attention : le serveur n'écoute que sur cet ordinateur ({host}) : les téléphones de la "
    "salle ne pourront ouvrir ni ces liens ni les QR codes de la feuille. Pour la salle, relancez avec "
    "--hote 0.0.0.0 (ou --adresse-publique).",
    "links_served": "Liens de l'atelier servi en ce moment sur {root} (depuis {since}).",
    "links_last": "L'atelier n'est pas servi en ce moment : liens du dernier lancement ({root}, "
    "le {since}). Ils fonctionneront si vous le relancez de la même façon.",
    "links_never": "L'atelier n'a pas encore été servi : liens pour {root} (valeurs par défaut). "
    "Lancez « maillage servir » pour des liens que la salle peut ouvrir.",
    "links_given": "Liens construits sur {root} (adresse donnée en option).",
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
    "none_done": "aucune faite",
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
    "competences_help": "Les compétences sont regroupées par famille. Touchez un niveau de 0 à 4 sur "
    "chaque échelle (le sens de chaque niveau est écrit au-dessus des boutons) ; « 0 » est une réponse : "
    "choisissez-le plutôt que de laisser vide.",
    "incomplete": "À compléter : {missing}. La réponse sera enregistrée dès que les trois niveaux "
    "sont choisis.",
    "cannot_unset": "Choisissez un niveau : la réponse enregistrée précédemment est conservée.",
    "already_saved": "Réponse enregistrée.",
    "progress": "Il reste {left} à renseigner sur {total} ({done}).",
    "progress_done": "Merci : toutes les compétences sont renseignées ({total} sur {total}). Vous pouvez "
    "encore modifier vos réponses.",
    "no_competence": "Le référentiel de compétences n'est pas encore prêt : revenez plus tard.",
    "facilitator": "Cette page est celle des participants : chacun l'ouvre avec son lien personnel. "
    "Le tableau de bord montre l'avancement ; le carnet « 03_competences » montre les résultats.",
    "board_title": "Auto-évaluation des compétences",
    "board_count": "{complete}, {started}, sur {total}.",
    "board_people": ["Personne", "Organisation", "Compétences renseignées", "Terminée"],
    "board_completed": "Terminée par : {names}.",
    "board_nobody": "Personne n'a encore terminé.",
    "board_show_answers": "Montrer le détail : l'avancement de chacun et les réponses résumées par compétence",
    "board_answers_title": "Réponses résumées par compétence (auto-évaluations, sans les noms)",
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
    "no_r": "Personne ne réalise la tâche « {task} » ({load}) : il faut au moins un R.",
    "a_not_in_team": "{persons} approuve la tâche « {task} » sans faire partie de l'équipe projet : "
    "l'approbation doit rester dans l'équipe (ou intégrer la personne à l'équipe).",
    "r_lacks_competence": "{persons} réalise la tâche « {task} », qui demande « {competence} » au "
    "niveau {required} ; niveau retenu : {level}.",
    "too_many_ci": "{n} personnes consultées ou informées sur la tâche « {task} » (seuil : {limit}) : "
    "risque de réunions en trop ; regroupez les I dans une diffusion.",
    "doublon": "{persons} réalisent {all} la tâche « {task} » avec la même compétence « {competence} » "
    "(niveau requis {required}) : doublon probable, une seule personne suffirait.",
    "no_capacity": "{persons} a {duties} (R ou A) mais aucune capacité déclarée "
    "pour le projet (0 jour par mois).",
    "pilot_not_a": "{persons}, pilote de l'action « {action} » ({tasks}), n'en approuve aucune : "
    "l'action est pilotée par quelqu'un qui n'approuve rien.",
}
RACI_LEVEL_NONE = "aucune évaluation"
# Words of the checks' sentences agreed by count or with the persons' civility.
RACI_WORDS: dict[str, str] = {
    "duty": "responsabilité",
    "task": "tâche",
    "all": "tous",
    "all_women": "toutes",
}
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

RACI_PAGE: dict[str, str] = {
    "title": "Qui fait quoi ? Proposez les lettres RACI",
    "intro": "Pour les tâches de vos actions, proposez qui réalise (R), qui approuve ou pilote "
    "(A, un seul par tâche), qui est consulté (C) et qui est informé (I). L'animateur accepte "
    "ou rejette chaque proposition ; vous en voyez la suite ici.",
    "no_action": "Vous n'avez encore aucune action (ni pilote, ni lettre sur une tâche) : "
    "l'animateur vous en attribuera une.",
    "facilitator": "Vous êtes l'animateur : la matrice complète et les propositions sont ci-dessous.",
    "action": "{name}",
    "task_row": "{name} ({start} → {end}, {load} j)",
    "letters_none": "aucune lettre validée",
    "task": "Tâche",
    "person": "Qui",
    "letter": "Lettre",
    "comment": "Pourquoi (facultatif)",
    "choose": "— à choisir —",
    "propose": "Proposer",
    "proposed": "Proposition enregistrée à {time} : {person} → {letter} sur {task}.",
    "missing": "Choisissez la tâche, la personne et la lettre.",
    "mine": "Mes propositions",
    "mine_none": "Aucune proposition pour le moment.",
    "withdraw": "Retirer",
    "withdrawn": "Proposition retirée.",
    "warn_second_a": "La tâche « {task} » a déjà un A ({who}) : un seul A par tâche, sinon personne ne tranche.",
    "warn_held": "{person} est déjà {letter} sur « {task} ».",
    "warn_confirm": "Changez la tâche, la personne ou la lettre, ou confirmez : l'animateur tranchera.",
    "warn_check": "Cette proposition ne respecte pas une règle (voir ci-dessus) : changez-la, ou "
    "touchez « Proposer quand même ».",
    "propose_anyway": "Proposer quand même",
    "board_title": "Qui fait quoi : propositions des participants",
    "board_none": "Aucune proposition pour le moment.",
}
RACI_STATUS_SHOWN: dict[str, str] = {_V.STATUS_PROPOSED: "en attente", _V.STATUS_VALIDATED: "acceptée",
                                     _V.STATUS_REJECTED: "rejetée"}
RACI_BOARD_COLUMNS: dict[str, str] = {
    "task_id": "Tâche", "person": "Personne", "letter": "Lettre", "proposer": "Proposé par", "status": "Suite",
}
RACI_ERRORS_MORE: dict[str, str] = {
    "not_yours": "Cette proposition n'est pas la vôtre : vous ne pouvez pas la retirer.",
    "not_yours_to_decide": "La matrice RACI validée est décidée par le consultant ou l'animateur : "
    "vous pouvez proposer une lettre, pas la valider ni trancher une proposition.",
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


# --- hub (deploy/, toolkit/hub.py) ---

HUB = {
    "choose_workshop": "Atelier sur lequel travailler",
    "no_workshop": "Aucun atelier n'est encore servi par ce hub : créez-en un dans le dossier des ateliers, "
    "puis redémarrez le hub.",
    "unknown_workshop": "Atelier inconnu : « {name} ». Choisissez un atelier de la liste.",
    "bad_folder": "Dossier d'atelier « {name} » : son nom sert d'adresse ; attendu : lettres minuscules "
    "sans accent, chiffres et tirets (40 caractères au plus), par exemple « montaurel-2026 ».",
    "bad_config": "Fichier {path} illisible : {error}. Attendu : un objet JSON, par exemple "
    "{{\"store_url\": \"postgresql+psycopg://…\"}}.",
    "bad_number": "Variable {name} : un nombre entier est attendu (reçu : « {value} »).",
    "cli": "Outils du hub Maillage.",
    "cli_links": "Afficher le lien de chaque participant d'un atelier servi par le hub.",
    "cli_serve": "Servir les pages d'un atelier comme le hub les sert (sous /services/atelier-DOSSIER/), "
    "par exemple dans son propre conteneur.",
}

# --- stakeholders (step 2: cartographie des parties prenantes) --------------------

# The participants' ratings of actors (a record kind added by this step).
KIND_LABELS["actor_ratings"] = "Notations des acteurs"

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
    "power_mean": "Pouvoir (moyenne des avis)",
    "power_spread": "Pouvoir : écart",
    "interest_mean": "Intérêt (moyenne des avis)",
    "interest_spread": "Intérêt : écart",
    "attitude_mean": "Attitude (score moyen)",
    "attitude_spread": "Attitude : écart",
    "attitudes": "Avis sur l'attitude",
    "disagreement": "Désaccord (écart max.)",
}

STAKEHOLDER_MESSAGES: dict[str, str] = {
    "attitude_times": "{attitude} ×{n}",  # « allié ×3 » : how many raters gave that attitude
    "grid_title": "Matrice pouvoir / intérêt (Mendelow)",
    "grid_title_rated": "Matrice pouvoir / intérêt selon la moyenne des avis des participants",
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

# The participant page of step 2 (ateliers/parties_prenantes.ipynb) and its board section.
STAKEHOLDER_PAGE: dict[str, str] = {
    "title": "Cartographie des parties prenantes",
    "intro": "Ajoutez les acteurs qui comptent pour le projet, donnez votre avis sur leur pouvoir, "
    "leur intérêt et leur attitude, et proposez les relations que vous connaissez. "
    "La carte se met à jour pour tout le monde en quelques secondes.",
    "add_title": "Ajouter un acteur",
    "add_hint": "Une organisation ou un groupe (« Département des Deux-Sèvres », « Habitants du "
    "centre-bourg »), pas une personne.",
    "add_button": "Ajouter l'acteur",
    "add_anyway": "Ajouter quand même",
    "duplicate_warning": "Cet acteur existe peut-être déjà :",
    "duplicate_confirm": "Si c'est bien un autre acteur, appuyez sur « Ajouter quand même ».",
    "duplicate_check": "Vérifiez d'abord les acteurs proches signalés ci-dessus.",
    "rate_title": "Donner mon avis sur un acteur",
    "rate_hint": "Votre avis est enregistré à votre nom ; l'animateur voit la moyenne et l'écart des avis. "
    "Sur les acteurs que vous avez ajoutés, votre avis est celui donné en les ajoutant (modifiable ici).",
    "opinion_too": "C'est aussi votre avis sur cet acteur.",
    "opinion_same": "Votre avis est déjà enregistré.",
    "actor": "Acteur",
    "choose": "— choisir —",
    "unset": "— à choisir —",
    "rate_button": "Enregistrer mon avis",
    "rate_missing": "Choisissez le pouvoir, l'intérêt et l'attitude avant d'enregistrer.",
    "choose_actor_first": "Choisissez d'abord un acteur.",
    "rated_count": "Vous avez donné votre avis sur {n} sur {total}.",
    "relation_title": "Proposer une relation",
    "relation_hint": "Qui travaille avec qui ? Choisissez les deux acteurs, le type de relation et son intensité.",
    "relation_button": "Ajouter la relation",
    "map_title": "La carte des acteurs",
    "map_hint": "Elle se met à jour toute seule quand quelqu'un ajoute un acteur ou une relation.",
    "summary_title": "Avis des participants (moyenne et écart)",
    "summary_empty": "Aucun avis pour l'instant.",
    "board_counts": "{actors} acteurs ({added} ajoutés par les participants), {relations} relations, "
    "{ratings} avis donnés par {raters}.",
    "board_title": "Parties prenantes : la carte et les avis",
}
RELATION_WEIGHT_WORDS: tuple[str, ...] = ("faible", "moyenne", "forte")

# --- excel (templates, import, export) -----------------------------------------------

EXCEL_SHEETS: dict[str, str] = {
    "instructions": "Instructions",
    "lists": "Listes",
    "cover": "Page de garde",
}

EXCEL_TEXT: dict[str, str] = {
    "no_data_step": "Aucune donnée pour l'instant : cette feuille se remplit à l'étape {step} (voir le sommaire).",
    "no_data": "Aucune donnée pour l'instant.",
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
    "cover_title": "Classeur de restitution — {project}",
    "cover_client": "Client",
    "cover_firm": "Cabinet",
    "cover_no_firm": "(nom du cabinet à compléter)",
    "cover_version": "Version",
    "cover_confidentiality": "Confidentialité",
    "confidential": "Document confidentiel — diffusion réservée au client et au cabinet",
    "confidential_short": "Confidentiel",
    "pseudonymised_short": "Version pseudonymisée",
    "confidential_pseudonymised": "Version pseudonymisée pour une diffusion élargie : noms, fonctions, "
    "adresses, mandats, commentaires et organisations d'une seule personne retirés",
    # printed on every page (XlsxWriter's codes: &P the page, &N the number of pages)
    "page_footer": "Page &P sur &N",
    "masked_organisation": "(organisation masquée)",
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
    "section_failed": "Analyse indisponible pour cet atelier",
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
    # update import (maillage importer --mettre-a-jour, and the carnet's preview)
    "update_done": "Mise à jour terminée : {added} et {changed} dans l'atelier {folder}.",
    "update_none": "Aucun changement : le classeur correspond déjà à l'atelier.",
    "update_summary": "{added}, {changed} ({fields}), {unchanged}.",
    "update_summary_refused": "{refused} dans le classeur : rien ne sera enregistré.",
    "n_added": "ajout",
    "n_changed": "enregistrement modifié",
    "n_changed_plural": "enregistrements modifiés",
    "n_fields": "champ",
    "n_unchanged": "inchangé",
    "n_problems": "problème",
    "update_confirm": "Appliquer ces changements ? [o/N] ",
    "update_cancelled": "Rien n'a été modifié.",
    "update_refused": "Mise à jour refusée : rien n'a été enregistré dans l'atelier.",
    "update_added_line": "+ {kind} « {name} » ({id}, feuille « {sheet} », ligne {row})",
    "update_changed_line": "~ {kind} « {name} » ({id}, feuille « {sheet} », ligne {row})",
    "update_field_line": "    {field} : {old} → {new}",
    "update_stale": "l'enregistrement tel qu'il était à la prévisualisation (modifié entre-temps : "
                    "prévisualisez de nouveau)",
    "op_added": "Ajout",
    "op_changed": "Modification",
    "col_sheet": "Feuille",
    "col_row": "Ligne",
    "col_kind": "Type",
    "col_record": "Enregistrement",
    "col_change": "Changement",
    "col_field": "Champ",
    "col_old": "Avant",
    "col_new": "Après",
    "col_column": "Colonne",
    "col_value": "Valeur lue",
    "col_expected": "Attendu",
    "empty_value": "(vide)",
}

# toolkit/excel/kinds.py: a sheet declaration Excel or the data sheets would refuse.
EXCEL_KINDS: dict[str, str] = {
    "title_too_long": "titre de feuille trop long (31 caractères au plus) : {title}",
    "title_taken": "titre de feuille déjà pris par une feuille de données : {title}",
}

# toolkit/excel/export.py: the deliverable workbook's refusals.
EXPORT: dict[str, str] = {
    # how a sheet description of EXCEL_SECTIONS names its step (« Étape 2 — … »), read back
    # to say which step fills an empty sheet (EXCEL_TEXT["no_data_step"])
    "step_of_description": r"Étape (\d+)",
    "unknown_masks": "masques inconnus : {unknown} (possibles : {known})",
    "duplicate_titles": "titres de feuilles en double : {titles}",
    "no_sections": "export_workbook: feuilles manquantes (celles de la méthode : "
    "toolkit.method.workbook_sections())",
}

# The carnet's import preview (toolkit/widgets/import_preview.py).
IMPORT_PREVIEW: dict[str, str] = {
    "path": "Classeur (.xlsx)",
    "path_hint": "chemin du classeur, par exemple exports/atelier.xlsx",
    "upload": "Ou déposer un classeur",
    "update": "Mettre à jour les enregistrements existants",
    "preview": "Prévisualiser",
    "apply": "Appliquer",
    "no_file": "Indiquez le chemin d'un classeur ou déposez-en un.",
    "changes": "Changements prévus",
    "refused": "Problèmes : rien ne sera enregistré tant qu'ils ne sont pas corrigés",
    "nothing_to_apply": "Prévisualisez d'abord un classeur sans problème.",
    "applied": "Changements appliqués : {added} et {changed}.",
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
    "reference": "l'identifiant {of_one} de la feuille « {sheet} » ou déjà dans l'atelier",
    "json": "une liste au format JSON, par exemple []",
    "project_once": "un seul projet (une seule ligne remplie)",
    "project_exists": "aucun projet : l'atelier en a déjà un",
    "review_changes": "les modifications telles que la revue les a enregistrées (elles ont déjà été "
                      "appliquées aux fiches) : pour en décider d'autres, ajoutez une nouvelle revue",
    # attachments of the « Pièces jointes » sheet: only files that stay in the workshop
    "attachment_parent": "un chemin sans « .. » (un fichier de l'atelier ou à côté du classeur)",
    "attachment_outside": "un fichier du dossier pieces_jointes/ de l'atelier, ou un nom de fichier "
                          "relatif au dossier du classeur (copié dans pieces_jointes/ à l'import)",
    "attachment_link": "un fichier réel, pas un lien qui sort du dossier de l'atelier ou du classeur",
    "attachment_missing": "un fichier existant dans pieces_jointes/ de l'atelier ou à côté du classeur",
}

EXCEL_FIELDS: dict[str, str] = {
    "file": "Fichier",
    "sheet": "Feuille",
    "header": "En-tête",
}

# The analysis sheets of the deliverable (titles at most 31 characters) and their descriptions.
EXCEL_SECTIONS: dict[str, str] = {
    "days": "jours",
    "indicator": "Indicateur",
    "pilot_id": "Pilote (id)",
    "stakeholders_grid": "Grille pouvoir-intérêt",
    "stakeholders_grid_text": "Étape 2 — chaque acteur placé selon son pouvoir et son intérêt (de 0 à 4, fort à partir "
    "de 3) et la stratégie qui en découle ; en rouge les opposants, en orange les réservés.",
    "stakeholders_quadrants": "Stratégies par quadrant",
    "stakeholders_quadrants_text": "Étape 2 — les quatre quadrants de la grille (Mendelow) : associer étroitement, "
    "satisfaire, informer, surveiller.",
    "stakeholders_attitude": "Attitude et pouvoir",
    "stakeholders_attitude_text": "Étape 2 — l'attitude croisée avec le pouvoir ; en rouge les opposants et réservés "
    "influents (à traiter d'abord), en orange les alliés pas encore mobilisés.",
    "stakeholders_metrics": "Indicateurs du réseau",
    "stakeholders_metrics_text": "Étape 2 — le réseau des relations : nombre d'acteurs liés, intermédiarité, passeurs "
    "(en orange : sans eux le réseau se coupe), isolés (en rouge), communautés.",
    "stakeholders_brokers": "Passeurs",
    "stakeholders_brokers_text": "Étape 2 — les acteurs dont le retrait couperait le réseau en morceaux.",
    "stakeholders_isolated": "Acteurs isolés",
    "stakeholders_isolated_text": "Étape 2 — les acteurs qui n'ont aucune relation avec les autres.",
    "stakeholders_communities": "Communautés",
    "stakeholders_communities_text": "Étape 2 — les groupes d'acteurs plus liés entre eux qu'avec le reste du réseau.",
    "stakeholders_widen": "Élargir le tour de table",
    "stakeholders_widen_text": "Étape 2 — les acteurs non mobilisés qui détiennent une compétence qui manque au projet.",
    "stakeholders_duplicates": "Doublons probables",
    "stakeholders_duplicates_text": "Étape 2 — des acteurs saisis deux fois sous des noms proches (à fusionner ?).",
    "stakeholders_ratings": "Avis des participants",
    "stakeholders_ratings_text": "Étape 2 — les notations des participants à côté de celles retenues : moyenne et écarts.",
    "competences_coverage": "Étape 3 — pour chaque compétence : qui l'a évaluée, combien de détenteurs mobilisables "
    "(savoir, vouloir et pouvoir agir suffisants) ; en rouge les compétences non couvertes, en orange celles "
    "qui ne tiennent qu'à une personne.",
    "coverage_chart": "Détenteurs mobilisables par compétence",
    "competences_lacking": "Étape 3 — les compétences requises par les tâches que personne de mobilisable ne "
    "détient au niveau requis, avec la cause.",
    "competences_single": "Étape 3 — les compétences qui reposent sur une seule personne mobilisable.",
    "competences_training": "Étape 3 — motivés plus que compétents : les candidats à une montée en compétences.",
    "competences_reluctant": "Étape 3 — experts (savoir ≥ 3) peu motivés : un risque pour le projet.",
    "competences_gap": "Étape 3 — auto-évaluation et lecture du consultant côte à côte (les deux sont gardées).",
    "competences_teams": "Étape 3 — profil moyen des organisations sur les trois dimensions (0 à 4).",
    "competences_savoir": "Étape 3 — savoir agir (niveau), par personne et par compétence, de 0 à 4 : carte de chaleur.",
    "competences_vouloir": "Étape 3 — vouloir agir (motivation), par personne et par compétence, de 0 à 4.",
    "competences_pouvoir": "Étape 3 — pouvoir agir (temps, mandat, légitimité), par personne et par compétence, de 0 à 4.",
    "competences_combined": "Étape 3 — niveau mobilisable : le plus faible des trois dimensions.",
    "raci_matrix": "Matrice RACI",
    "raci_matrix_text": "Étape 4 — une ligne par tâche, une colonne par personne : R réalise, A approuve / pilote, "
    "C consulté, I informé. En rouge les tâches qui enfreignent une règle (colonne « Contrôles »).",
    "raci_checks_column": "Contrôles",
    "raci_checks": "Contrôles RACI",
    "raci_checks_text": "Étape 4 — chaque infraction aux règles de la matrice : un seul A, au moins un R, pas d'A hors "
    "de l'équipe, pas trop de C et de I, doublons, pilotes qui n'approuvent rien.",
    "raci_summary": "Synthèse des contrôles RACI",
    "raci_summary_text": "Étape 4 — le nombre d'infractions par règle.",
    "raci_proposals": "Propositions RACI",
    "raci_proposals_text": "Étape 4 — les lettres proposées par les participants, en attente de la décision du consultant.",
    "workload_plan": "Plan de charge",
    "workload_plan_text": "Étape 5 — jours par personne et par mois (six premiers mois en détail) ; en rouge les mois "
    "au-delà de la capacité de la personne.",
    "workload_months": "Mois à risque",
    "workload_months_text": "Étape 5 — charge et capacité totales par mois ; en rouge les mois où quelqu'un est en surcharge.",
    "workload_months_chart": "Charge et capacité par mois",
    "workload_overloads": "Surcharges",
    "workload_overloads_text": "Étape 5 — chaque mois où une personne dépasse sa capacité, le plus fort dépassement d'abord.",
    "workload_idle": "Capacité inutilisée",
    "workload_idle_text": "Étape 5 — la capacité non employée de chaque personne sur l'horizon.",
    "workload_staffing": "Staffing des actions",
    "workload_staffing_text": "Étape 5 — part de la charge de chaque action qui a quelqu'un pour la réaliser (R) ; en "
    "orange les actions qui ont des tâches sans R.",
    "gaps_competences": "Écarts de compétences",
    "gaps_competences_text": "Étape 6 — pour chaque compétence requise : le niveau demandé par les tâches contre le "
    "meilleur niveau mobilisable, quand et pour combien de jours.",
    "gaps_capacity": "Écarts de capacité",
    "gaps_capacity_text": "Étape 6 — chaque mois où une personne est chargée au-delà de sa capacité.",
    "gaps_persons": "Capacité par personne",
    "gaps_persons_text": "Étape 6 — capacité, charge, surcharge et capacité libre de chaque personne sur l'horizon.",
    "gaps_team": "Capacité de l'équipe",
    "gaps_team_text": "Étape 6 — charge et capacité de toute l'équipe, mois par mois.",
    "gaps_team_chart": "Charge et capacité de l'équipe",
    "gaps_remedies": "Remèdes",
    "gaps_remedies_text": "Étape 6 — les remèdes possibles à chaque écart (étalement dans le temps, réaffectation, "
    "montée en compétences, accompagnement, élargissement, expertise externe, recrutement) ; en vert ce qui est "
    "recommandé (pour une surcharge, un plan : étaler, faire reprendre, puis acheter ou recruter ce qui reste), "
    "et pourquoi en dernière colonne.",
    "gaps_scenarios": "Scénarios comparés",
    "gaps_scenarios_text": "Étape 6 — les scénarios enregistrés côte à côte avec la référence.",
    "governance_bodies": "Instances de gouvernance",
    "governance_bodies_text": "Étape 7 — les instances, leur rythme, leur présidence, leur animation et à qui elles "
    "rendent compte.",
    "governance_members": "Composition des instances",
    "governance_members_text": "Étape 7 — qui siège où, avec quel rôle.",
    "governance_calendar": "Calendrier des réunions",
    "governance_calendar_text": "Étape 7 — les réunions de chaque instance sur l'horizon ; en orange celles décalées "
    "d'un jour férié ou d'un week-end.",
    "actions_sheets": "Fiches actions",
    "actions_sheets_text": "Étape 8 — chaque fiche action : pilote, état, avancement, budget, cofinancements, "
    "journal (son détail est dans la feuille « Journal des actions »).",
    "actions_states": "Actions par état",
    "actions_states_text": "Étape 8 — combien d'actions dans chaque état, et leur budget prévu.",
    "actions_budget": "Consommation budgétaire",
    "actions_budget_text": "Étape 8 — budget engagé, dépensé et cofinancé au regard du prévu ; en rouge les alertes.",
    "actions_cofunders": "Cofinanceurs",
    "actions_cofunders_text": "Étape 8 — les montants apportés par chaque cofinanceur.",
    "actions_late": "Actions en retard",
    "actions_late_text": "Étape 8 — les actions dont l'avancement est en retard sur le calendrier, à la date de l'export.",
    "actions_stalled": "Actions sans nouvelles",
    "actions_stalled_text": "Étape 8 — les actions actives sans entrée de journal depuis plusieurs semaines.",
}

# --- governance, letters, actions, review, report (issue 9) -------------------------

GOV_MEMBER_TYPES: dict[str, str] = {"person": "personne", "actor": "organisation"}

GOV_LABELS: dict[str, str] = {
    "holidays_option": "Jours fériés",
    "weekend": "week-end",
    "ics_calendar_name": "Instances — {project}",
    "ics_summary": "{body} (réunion n° {number})",
    "ics_moved": "Date décalée : le {date} tombait un jour férié ou chômé ({holiday}).",
    "ics_members": "Membres",
    "ics_rescheduled": "Réunion déplacée (prévue le {date}) : {reason}",
    "ics_cancelled": "Réunion annulée : {reason}",
    "reports_to": "rend compte à",
    "sits_in": "siège à",
    "diagram_bodies": "Instances et membres",
    "diagram_hierarchy": "Qui rend compte à qui",
    "diagram_rhythm": "toutes les {weeks} semaines",
    "diagram_rhythm_1": "chaque semaine",
    "diagram_more": "… et {n} autres",
    "diagram_empty": "Aucune instance n'est encore définie.",
    # After a member's name in the diagram, by role (toolkit/viz/organisation.ROLE_MARKS).
    "mark_chair": " (présidence)",
    "mark_facilitator": " (animation)",
    "mark_secretariat": " (secrétariat)",
    "mark_guest": " (invité)",
}

GOV_MESSAGES: dict[str, str] = {
    "no_project": "Le projet n'est pas encore décrit (étape 1, cadrage) : "
    "sa date de début fixe l'horizon du calendrier.",
    "bad_calendar": "Calendrier des instances refusé",
    "bad_subdivision": "Subdivision « {value} » inconnue pour les jours fériés ; attendu : une de {choices}.",
    "bad_time": "Heure de réunion « {value} » illisible : attendu par exemple 14:30 ou 9h.",
    "no_such_meeting": "L'instance « {body} » n'a pas de réunion prévue le {date}.",
}

# Column headings of the tables shown to consultants (carnets, report).
GOV_COLUMNS: dict[str, str] = {
    "person_days": "Ses jours sur la tâche",
    "body_id": "Instance (id)",
    "body": "Instance",
    "body_kind": "Type d'instance",
    "member_id": "Membre (id)",
    "member": "Membre",
    "member_type": "Nature",
    "reports_to": "Rend compte à",
    "chair": "Présidence",
    "facilitator": "Animation",
    "members": "Membres",
    "number": "N°",
    "planned_date": "Date au rythme",
    "holiday": "Jour férié",
    "moved": "Décalée",
}

LETTER_LABELS: dict[str, str] = {
    "rhythm": "toutes les {weeks} semaines",
    "rhythm_1": "chaque semaine",
    "director": "directeur de projet",
    "written": "{n} lettres de mission écrites dans {folder}",
    "written_1": "1 lettre de mission écrite dans {folder}",
    "signed_by": "Signataire : {name}, {title} — {reason}",
    "signed_by_nobody": "Signataire : {reason}",
    "signed_by_own": "Lettre {of_person} : signée par {name}, {title} — {reason}",
    # agreed with the signatory's civility (toolkit/letters.py, LETTER_MESSAGES["signatory_…"])
    "designated": "désigné",
    "kept": "retenu",
    "only": "seul {role}",
    "only_feminine": "seule {role}",
}

LETTER_MESSAGES: dict[str, str] = {
    "no_template": "Modèle de lettre de mission introuvable : {path}.",
    "not_docx": "Le modèle de lettre de mission n'est pas un document Word (.docx) lisible : {error}.",
    "bad_tag": "Le modèle de lettre de mission contient une balise invalide : {error}. "
    "Vérifiez les {{{{ … }}}} et {{% … %}} du modèle.",
    "unknown_variable": "Le modèle de lettre de mission utilise une variable inconnue : {error}. "
    "Variables disponibles : projet, personne, charge_mensuelle, charge_par_action, actions_pilotees, "
    "taches, instances, revue, suivi, signature, signataire, date, legende_raci "
    "(leur détail : toolkit/letters.py).",
    "signatory_chosen": "{designated} dans le cadrage (champ « Signataire des lettres de mission » du projet)",
    "signatory_default": "{only} de l'atelier, {kept} par défaut ; un autre signataire "
    "se choisit dans le cadrage (champ « Signataire des lettres de mission » du projet)",
    "signatory_own": "{name} ne signe pas sa propre lettre : elle l'est par la présidence de l'instance "
    "de revue de projet",
    "signatory_missing": "Qui signe les lettres de mission ? L'atelier compte {directors} ({names}) "
    "et le projet ne désigne pas de signataire : choisissez-le dans le cadrage "
    "(champ « Signataire des lettres de mission » du projet).",
    "signatory_none": "aucun directeur de projet ni signataire désigné : la signature est laissée en blanc, "
    "à compléter (ou choisissez le signataire dans le cadrage)",
    "signatory_self": "personne n'est désigné au-dessus {of_name} (présidence de l'instance de revue, élu) : "
    "sa propre lettre porte sa signature ; faites-la signer par son autorité",
    "unknown_person": "Aucune personne ne correspond à « {wanted} » (identifiant ou nom).",
    "several_persons": "Plusieurs personnes correspondent à « {wanted} » : {names}. Donnez l'identifiant.",
}

# The wording of the default mission-letter template (toolkit/templates/lettre_de_mission.docx).
# Jinja tags ({{ … }}, {% … %}) are the template's variables: see toolkit/letters.py.
LETTER_TEMPLATE: dict = {
    "date_line": "Le {{ date }}",
    "title": "Lettre de mission",
    "to": "{{ personne.a_l_attention }}{% if personne.fonction %}, {{ personne.fonction }}{% endif %} — "
    "{{ personne.organisation }}",
    "subject": "Objet : votre mandat dans le projet « {{ projet.nom }} »",
    "salutation": "{{ personne.salutation }}",
    "intro": "Le projet « {{ projet.nom }} »{% if projet.programme %} ({{ projet.programme }}){% endif %} "
    "est conduit du {{ projet.debut }} "
    "au {{ projet.fin }}. Vous y intervenez {{ personne.en_qualite }}. La présente lettre constitue votre "
    "mandat : elle précise votre périmètre de responsabilité, les moyens et le temps qui vous sont alloués, "
    "votre rôle dans chaque action, les facteurs de réussite de votre mission et les instances auxquelles "
    "vous participez.",
    "h_perimeter": "1. Votre périmètre de responsabilité",
    "perimeter_intro": "Vous êtes responsable de :",
    "perimeter_none": "Votre périmètre de responsabilité est celui des actions et des tâches décrites "
    "ci-dessous ; il reste à préciser avec la direction de projet.",
    "piloted_intro": "Vous êtes pilote des actions suivantes : vous en tenez la fiche action à jour "
    "(état, avancement, budget, journal) et vous en rendez compte en revue de projet.",
    "piloted_item": "{{ a.nom }} — axe « {{ a.axe }} » ; état : {{ a.etat }}"
    "{% if a.debut %} ; du {{ a.debut }} au {{ a.fin }}{% endif %}",
    "piloted_none": "Vous ne pilotez aucune action du projet.",
    "h_time": "2. Les moyens et le temps qui vous sont alloués",
    "time": "Le temps réservé à votre mission est de {{ personne.jours_par_mois }} par mois pendant les "
    "{{ projet.horizon_mois }} mois du projet, soit {{ personne.jours_alloues }}. Votre charge prévue "
    "sur la période est de {{ personne.charge_totale }}.",
    "means_intro": "Vous disposez des moyens suivants :",
    "load_intro": "Votre charge prévue mois par mois, au regard du temps alloué :",
    "load_columns": ("Mois", "Charge prévue", "Temps alloué", "Marge", "Situation"),
    "load_none": "Aucune charge ne vous est attribuée sur l'horizon du projet.",
    "per_action_intro": "Votre temps par action :",
    "per_action_columns": ("Action", "Votre rôle", "Vos jours"),
    "h_tasks": "3. Vos tâches et votre rôle (RACI)",
    "tasks_intro": "Votre rôle dans chaque tâche, tel que validé dans la matrice RACI, et vos jours "
    "sur cette tâche (votre part, pas la charge entière de la tâche) :",
    "tasks_columns": ("Action", "Tâche", "Rôle", "Période", "Vos jours"),
    "tasks_none": "Aucune tâche ne vous est attribuée à ce jour dans la matrice RACI validée.",
    "h_success": "4. Les facteurs de réussite de votre mission",
    "success_intro": "La réussite de votre mission repose sur :",
    "success_none": "Les facteurs de réussite de votre mission sont à convenir avec la direction de projet "
    "lors de la prochaine revue.",
    "h_bodies": "5. Les instances où vous siégez",
    "bodies_item": "{{ i.nom }}{% if i.type %} ({{ i.type }}){% endif %} — {{ i.role }} — réunion {{ i.rythme }}",
    # Every page's foot: whose letter, and « page 2 sur 4 » (Word's PAGE and NUMPAGES fields).
    "footer": "Lettre de mission de {{ personne.nom }} — page ",
    "footer_of": " sur ",
    "bodies_none": "Vous ne siégez dans aucune instance du projet.",
    "h_rhythm": "6. Le rythme du suivi",
    "review": "{% if revue %}Une revue de projet se tient {{ revue.rythme }} ({{ revue.instance }}"
    "{% if revue.lieu %}, {{ revue.lieu }}{% endif %}){% if revue.prochaines %} ; prochaines dates : "
    "{{ revue.prochaines }}{% endif %}.{% endif %}",
    "follow_up": "{% if suivi %}En tant que pilote, vous présentez l'avancement de vos actions au suivi "
    "des pilotes, {{ suivi.rythme }} ({{ suivi.instance }}).{% endif %}",
    "closing": "Nous vous remercions de votre engagement au service du projet.",
    "signature_left": ("Pour le projet", "{{ signature.nom }}", "{{ signature.titre }}"),
    "signature_right": ("{{ personne.titulaire }} de la mission", "{{ personne.nom }}", "{{ personne.fonction }}"),
    "signature_note": "Fait en deux exemplaires, le {{ date }}.",
}

ACTION_MESSAGES: dict[str, str] = {
    "past_date": "une date passée ou d'aujourd'hui (le journal consigne ce qui a été fait ou décidé)",
    "file_refused": "Pièce jointe refusée (action « {action} »)",
    "file_type": "un fichier d'un des types acceptés : {types}",
    "file_content": "un fichier dont le contenu est bien du type {ext} annoncé par son extension",
    "file_empty": "un fichier non vide",
    "file_size": "un fichier d'au plus {max}",
    "file_total": "au plus {max} de pièces jointes par action ({used} déjà utilisés)",
    "bad_path": "Chemin de pièce jointe refusé.",
    "file_missing": "Le fichier de la pièce jointe « {name} » est introuvable dans le dossier de l'atelier.",
    "step_fields": "un champ d'étape modifiable ({fields})",
    # sub-actions (issue 19)
    "reattached": "Rattachée à l'action « {parent} », dont elle devient une sous-action.",
    "reattached_from": "Elle était jusqu'ici une sous-action de « {former} ».",
    "detached": "Détachée de l'action « {former} » : elle redevient une action à part entière.",
    "child_added": "L'action « {child} » lui est rattachée comme sous-action.",
    "child_left": "L'action « {child} » n'en est plus une sous-action.",
}

# The project review record kind (toolkit/core/model.py, "reviews"): added here, not above,
# so that this section stays the only one this issue touches.
KIND_LABELS["reviews"] = "Revues de projet"
FIELD_LABELS.update({"present": "Présents", "excused": "Excusés", "decisions": "Décisions"})

REVIEW_LABELS: dict[str, str] = {
    "past_end": "échéance dépassée",
    "behind": "avancement en retard sur le calendrier",
    "spent_over_committed": "dépensé supérieur à l'engagé",
    "committed_over_planned": "engagé supérieur au prévu",
    "lines_differ": "budget par année différent du budget prévu",
    "op_insert": "ajout",
    "op_update": "modification",
    "op_delete": "suppression",
    "none": "(aucun)",
    "not_both": "une personne présente ou excusée, pas les deux",
    "review_fields": "un champ modifiable en revue de projet ({fields})",
    "journal_entry": "Revue de projet du {date} : {changes}",
    "no_review_yet": "Aucune revue de projet enregistrée : modifications depuis le début de l'atelier.",
    "since_review": "Modifications depuis la revue du {date}.",
}

REVIEW_COLUMNS: dict[str, str] = {
    "actions": "Actions",
    "sub_actions": "Dont sous-actions",
    "parent": "Rattachée à",
    "children": "Sous-actions rattachées",
    "last_text": "Dernière entrée (motif)",
    "meetings": "Réunions",
    "dates": "Dates",
    "expected": "Avancement attendu (%)",
    "days_late": "Jours de retard",
    "reason": "Motif",
    "last_entry": "Dernière entrée du journal",
    "weeks_silent": "Semaines sans entrée",
    "cofunded": "Cofinancé (€)",
    "committed_pct": "Engagé (% du prévu)",
    "spent_pct": "Dépensé (% du prévu)",
    "cofunded_pct": "Cofinancé (% du prévu)",
    "alert": "Alerte",
    "cofunder": "Cofinanceur",
    "at": "Quand",
    "by": "Par (id)",
    "who": "Par",
    "action": "Action",
    "field": "Modification",
    "old": "Avant",
    "new": "Après",
    "present": "Présents",
    "excused": "Excusés",
    "decisions": "Décisions",
    "changes": "Modifications de fiches",
    "pilot": "Pilote",
    "axis": "Axe",
    "entries": "Entrées du journal",
    "attachments": "Pièces jointes",
}

REPORT_SECTIONS: dict[str, str] = {
    "projet": "Le projet et ses actions",
    "parties_prenantes": "Parties prenantes",
    "carte": "Carte des parties prenantes",
    "competences": "Compétences et motivations",
    "raci": "Matrice RACI et ses défauts",
    "plan_de_charge": "Plan de charge",
    "ecarts": "Écarts et remèdes",
    "gouvernance": "Gouvernance et pilotage",
    "fiches_actions": "Fiches actions",
    "revue": "Revue de projet",
}

REPORT_LABELS: dict[str, str] = {
    "held": "Actions en pause ou bloquées",
    "no_held": "Aucune action en pause ni bloquée.",
    "sub_action_mark": "↳ ",
    "sub_actions_note": "↳ : sous-action, sous l'action à laquelle elle est rattachée ; la ligne de celle-ci "
    "inclut l'avancement et les budgets de ses sous-actions.",
    "title": "Restitution de l'atelier — {project}",
    "made_on": "Document établi pour {client}, le {date} — version {version}.",
    "made_by": "Document établi par {firm} pour {client}, le {date} — version {version}.",
    "confidential": "Document confidentiel — diffusion réservée au client et au cabinet.",
    "contents": "Sommaire",
    "yes": "oui",
    "no": "non",
    "empty": "Aucun élément.",
    "horizon": "Horizon",
    "section_failed": "Cette section n'a pas pu être produite : {error}",
    "bodies": "Les instances",
    "organisation_alt": "Organigramme des instances et ligne hiérarchique du projet",
    "calendar": "Calendrier des réunions sur l'horizon",
    "meetings": "Réunions",
    "dates": "Dates",
    "moved_note": "* date décalée au jour ouvré suivant (jour férié ou week-end).",
    "grid": "Grille pouvoir / intérêt des parties prenantes",
    "quadrants": "Stratégie par quadrant de la grille",
    "opponents": "Opposants et réservés influents",
    "unmobilised_allies": "Alliés non mobilisés",
    "widen": "Élargir le tour de table : acteurs non mobilisés qui ont une compétence manquante",
    "map_title": "Réseau des parties prenantes (taille : nombre de relations ; cerclés de noir : passeurs)",
    "map_empty": "Aucune relation entre acteurs n'est encore saisie.",
    "brokers": "Passeurs (acteurs qui relient des mondes)",
    "isolated": "Acteurs isolés",
    "competence_gaps": "Écarts de compétences",
    "capacity_gaps": "Écarts de capacité (surcharges)",
    "remedies": "Remèdes recommandés",
    "coverage": "Couverture des compétences",
    "lacking": "Compétences requises qui manquent",
    "single_holder": "Compétences tenues par une seule personne",
    "mobilisable_map": "Qui peut être mobilisé sur quelle compétence",
    "anonymised": "Carte anonymisée : les auto-évaluations restent personnelles.",
    "map_too_big": "Carte omise : {n} personnes évaluées (au-delà de {max}, elle ne se lit plus sur une page). "
    "Voir le carnet 03_competences.",
    "raci_summary": "Contrôles de la matrice RACI",
    "raci_findings": "Constats",
    "overloads": "Surcharges",
    "months_at_risk": "Mois à risque",
    "monthly_plan": "Plan de charge mensuel (six premiers mois en détail)",
    "gantt": "Calendrier des actions",
    "by_state": "Actions par état",
    "budget": "Consommation du budget (hors actions abandonnées)",
    "late": "Actions en retard",
    "stalled": "Actions sans entrée au journal depuis {weeks} semaines",
    "without_pilot": "Actions sans pilote",
    "alerts": "Alertes budgétaires",
    "reviews": "Revues de projet tenues",
    "no_review": "Aucune revue de projet enregistrée.",
    "next_review": "Prochaine revue de projet : {date}.",
    "no_soffice": "LibreOffice (soffice) est introuvable : le PDF n'a pas été produit. "
    "Le rapport HTML est disponible : {html}. Installez LibreOffice (paquet Debian libreoffice-writer).",
    "soffice_timeout": "LibreOffice n'a pas produit le PDF en {seconds} secondes.",
    "soffice_failed": "LibreOffice n'a pas pu produire le PDF : {error}",
    "no_sections": "build_report: sections manquantes (celles de la méthode : toolkit.method.report_sections())",
}

SHEET_PAGE: dict = {
    "title": "Fiches actions",
    "intro": "Toutes les fiches sont consultables. Vous mettez à jour celles dont vous êtes pilote : "
    "état, avancement, budget engagé et dépensé, étapes, cofinancements, journal des faits et décisions, "
    "pièces jointes.",
    "all_sheets": "La mise à jour de toutes les fiches actions vous est confiée : vous pouvez les modifier toutes.",
    "choose": "Action",
    "yours": "Vous pilotez {n} : la première est affichée.",
    "none_yours": "Vous ne pilotez aucune action : vous pouvez consulter les fiches.",
    "no_action": "Aucune action n'est encore définie.",
    "no_pilot": "sans pilote",
    "cofunded": "Cofinancements (€)",
    "fundings": "Cofinanceurs",
    "journal": "Journal",
    "no_journal": "Aucune entrée au journal.",
    "attachments": "Pièces jointes",
    "read_only": "Vous consultez cette fiche : seul son pilote ({pilot}), les personnes chargées de toutes "
    "les fiches ou l'animateur peuvent la modifier.",
    "budget_by_year": "Budget par année",
    "steps": "Étapes (cochez ce qui est fait)",
    "add_step": "Ajouter l'étape",
    "step_name": "Nouvelle étape",
    "funder": "Cofinanceur",
    "funding": "Cofinanceur et montant",
    "save_funding": "Enregistrer le cofinancement",
    "budget_line": "Budget prévu d'une année",
    "save_budget": "Enregistrer la ligne de budget",
    "edit_sheet": "Mettre à jour la fiche",
    "save_sheet": "Enregistrer la fiche",
    "nothing_changed": "Aucune modification à enregistrer.",
    "new_entry": "Ajouter au journal",
    "add_entry": "Ajouter l'entrée",
    "choose_file": "Choisir un fichier",
    "attach": "Joindre le fichier",
    "no_file": "Choisissez d'abord un fichier.",
    "limits": "Au plus {max} par fichier ; types acceptés : {types}.",
    "board_title": "Fiches actions : dernières entrées du journal",
    "board_columns": ["Date", "Action", "Type", "Texte", "Auteur"],
}

# --- gaps, scenarios, staffing (toolkit/gaps.py, scenarios.py, staffing.py) --------

# Remedies the method names, in the order they are preferred when several apply.
REMEDY_KINDS: dict[str, str] = {
    _V.REMEDY_SPREAD: "Étalement dans le temps",
    _V.REMEDY_REASSIGN: "Réaffectation",
    _V.REMEDY_UPSKILL: "Montée en compétences",
    _V.REMEDY_SUPPORT: "Accompagnement au changement",
    _V.REMEDY_WIDEN: "Élargissement du tour de table",
    _V.REMEDY_ABSORB: "Surcharge marginale, à absorber",
    _V.REMEDY_EXPERTISE: "Expertise externe",
    _V.REMEDY_RECRUIT: "Recrutement",
}

GAP_COLUMNS: dict[str, str] = {
    "competence_id": "Compétence (id)",
    "competence": "Compétence",
    "family": "Famille",
    "required_level": "Niveau requis",
    "best_level": "Meilleur niveau mobilisable",
    "best_holders": "Titulaires mobilisables au meilleur niveau",
    "qualified": "Ont le niveau sans être mobilisables",
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
    "why": "Pourquoi ce remède",
    "target_kind": "Type d'écart",
    "target_id": "Écart (id)",
    "target": "Écart traité",
    "balance": "Solde (jours)",
    "persons_over": "Personnes en surcharge",
    "person_overload": "Surcharges individuelles (jours)",
}

GAP_REASONS: dict[str, str] = {
    "training": "{person} est au niveau {current} en « {competence} » (un niveau en dessous du niveau {level} requis) "
                "et sa motivation est bonne ({vouloir}/4) : {days} de formation et de tutorat estimés",
    "coaching": "{person} a le niveau {current} en « {competence} » mais {why} : accompagnement "
                "au changement (clarifier le mandat, libérer du temps, lettre de mission) estimé à {days}",
    "coaching_vouloir": "sa motivation est faible ({vouloir}/4)",
    "coaching_pouvoir": "son pouvoir d'agir est limité ({pouvoir}/4)",
    "widening": "{actor} ({category}) apporte « {competence} » et n'est pas encore mobilisé : "
                "l'associer au tour de table (niveau à confirmer avec lui)",
    "expertise": "besoin ponctuel et spécialisé ({days} sur {months} mois) : {days} d'expertise "
                 "externe à {rate} par jour",
    "expertise_small": "besoin limité ({days} sur {months} mois) : {days} d'expertise externe à {rate} par jour",
    "expertise_lasting": "besoin de {days} sur {months} mois, moins de {min_fte} ETP : {days} d'expertise "
                         "externe à {rate} par jour plutôt qu'un recrutement",
    "recruitment": "besoin durable ({months} mois, {days}) au-delà de la capacité disponible : un recrutement "
                   "à {fte} ETP pendant {months} mois, à {monthly} par mois pour un temps plein",
    "reassign_competence": "{person} a le niveau {current} en « {competence} » et la motivation ({vouloir}/4) ; "
                           "son pouvoir d'agir est noté {pouvoir}/4 mais le plan de charge lui laisse {idle} "
                           "sur les mois du besoin : lui confier ces tâches par une lettre de mission",
    "reassign_load": "{person} peut reprendre « {task} » ({days}) : niveau requis atteint, mobilisable, "
                     "{idle} sur les mois de la tâche",
    "recruit_capacity": "surcharge durable {of_whom} {months} mois sur {horizon} ({days} qu'aucun étalement ni "
                        "aucune réaffectation n'absorbe) : un renfort à {fte} ETP pendant {months} mois, à {monthly} "
                        "par mois pour un temps plein",
    "expertise_capacity": "surcharge {of_whom} ({days} sur {months} mois, après étalement et réaffectation) sans "
                          "personne pour la reprendre : renfort externe à {rate} par jour",
    "spread": "reporter les {days} de surcharge {of_whom} ({over}) sur ses mois moins chargés ({months} : {free}), "
              "dans la fenêtre des mêmes tâches : étaler le travail plutôt que renforcer",
    "spread_partial": "reporter {days} de la surcharge {of_whom} ({total} en {over}) sur ses mois moins chargés "
                      "({months}), dans la fenêtre des mêmes tâches ; il en reste {left}",
    "absorb": "surcharge {of_whom} de {days} sur {months} mois, sous le seuil d'un achat ({min_days} ou "
              "{min_euros}) : à absorber dans l'organisation courante, rien à acheter ni à recruter",
}
# The reason of each recommendation in a few words (the remedies' « Pourquoi ce remède »).
GAP_WHY: dict[str, str] = {
    "spread": "étaler : {days} vers {free} en {months}",
    "spread_partial": "étaler en partie : {days} sur {total} vers {months}, dans la fenêtre des tâches",
    "reassign_load": "réaffecter « {task} » : {person} a {idle} sur ses mois",
    "reassign_competence": "réaffecter : {person} a le niveau et {idle}",
    "training": "former : {person} est à un niveau du requis, motivation {vouloir}/4",
    "coaching": "accompagner : {person} a le niveau, {why}",
    "widening": "élargir : {actor} apporte la compétence",
    "expertise": "expertise : {days} sur {months} mois, besoin ponctuel",
    "expertise_limited": "expertise : {days} sur {months} mois, besoin limité",
    "expertise_small": "expertise : {fte} ETP sur {months} mois, sous le seuil de recrutement ({min_fte} ETP)",
    "expertise_capacity": "renfort externe : il reste {days} en {months}",
    "expertise_capacity_small": "renfort externe : {fte} ETP manquant sur {months} mois, sous le seuil de "
                                "recrutement ({min_fte} ETP)",
    "recruitment": "recrutement : {fte} ETP manquant sur {months} mois",
    "absorb": "surcharge marginale : {days} en {months}, rien à acheter",
}
# Free days, agreed by count: « 1 j libre », « 12 j libres », « 3,5 jours libres ».
GAP_FREE_DAYS: dict[str, tuple[str, str]] = {"short": ("j libre", "j libres"), "long": ("jour libre", "jours libres")}

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
    "ref": "l'identifiant {of_one} existant{e} dans l'atelier ou le scénario",
    "task_or_action": "une tâche ou une action (l'une des deux)",
    "competences": "un dictionnaire compétence → niveau (1 à 4) ou [savoir, vouloir, pouvoir]",
    "months": "un nombre entier de mois entre 1 et 36",
    "name_unique": "un nom de scénario qui n'existe pas déjà",
    "already_left": "une personne encore présente dans le scénario",
    "assignment": "une affectation existante de cette personne sur cette tâche",
}

SCENARIO_MESSAGES: dict[str, str] = {
    "invalid": "Scénario refusé",
    "change": "modification n° {n} ({op})",
    "reference": "Référence",
    "recruit_organisation": "Recrutement (scénario)",
    "recruit_function": "Personne recrutée",
    "widening_name": "Représentant ou représentante de {actor}",
    "not_found": "Scénario introuvable : {name}",
}

# Rows of the side-by-side comparison of scenarios.
# The columns of scenarios.describe (the changes of a scenario as a table).
SCENARIO_DESCRIBE: dict[str, str] = {"number": "N°", "op": "Opération", "params": "Paramètres"}
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
    "days": "{days} sur {months}",
    "no_days_others": "aucun jour attribué : d'autres personnes mieux placées font la tâche (garder ce R ?)",
    "no_days_full": "aucun jour attribué : plus de capacité libre sur ces mois",
    "kept": "affectation existante conservée",
    "new": "nouvelle proposition",
    "locked": "verrouillée par le consultant",
    "only": "seule personne candidate au niveau requis",
    "pilot": "pilote de l'action",
    "a_kept": "approbation existante conservée",
    "a_sibling": "approuve déjà d'autres tâches de l'action",
    "a_role": "{role} de l'équipe projet",
    "dropped": "affectation retirée par l'optimisation (reprise par une personne mieux placée)",
    "uncovered_days": "{amount} non couverts : capacité épuisée des candidats ({who}) sur {months}",
    "uncovered_days_nobody": "{amount} non couverts : personne ne peut la réaliser (voir les écarts de compétences)",
    "uncovered_competence": "personne n'atteint le niveau {required} en « {competence} » parmi les candidats disponibles",
    "uncovered_no_r": "aucune personne disponible pour réaliser la tâche",
    "uncovered_no_a": "aucune personne de l'équipe projet pour approuver la tâche",
    "uncovered_overload": "{person} dépasse sa capacité de {amount} en {month} : "
                          "affectations conservées ou verrouillées au-delà de ce qu'elle peut faire",
}
STAFFING_SOLVER: dict[str, str] = {
    "optimal": "solution optimale, solveur HiGHS",
    "time_limit": "meilleure solution trouvée dans le temps imparti (solveur HiGHS, écart relatif {gap})",
    "greedy": "solution gloutonne retenue (le solveur n'a pas fait mieux dans le temps imparti)",
    "rounding": "arrondi de la relaxation linéaire (solveur HiGHS) ; le programme entier n'a pas fait mieux "
                "dans le temps imparti",
    "restricted": "programme entier résolu sur les candidats retenus par la relaxation linéaire (solveur HiGHS)",
    "neighbourhood": "amélioré par recherche à grand voisinage : fenêtres de tâches résolues par le solveur HiGHS",
    "greedy_only": "affectation gloutonne (sans solveur)",
}
STAFFING_EXPECT: dict[str, str] = {
    "lock_letter": "R ou A",
    "lock_two_a": "une seule personne verrouillée en A par tâche",
    "lock_ref": "l'identifiant {of_one} existant{e}",
    "lock": "un verrou : tâche, personne, lettre (R ou A) et oui/non",
}
STAFFING_MESSAGES: dict[str, str] = {
    "invalid_locks": "Verrous refusés",
}
GAP_TEAM = "Équipe projet (ensemble)"
GAP_TEAM_IN_SENTENCE = "l'équipe"
GAP_TARGETS: dict[str, str] = {"competence": "Compétence", "capacity": "Capacité"}
GAP_PICTURES: dict[str, str] = {
    "competence_title": "Compétences requises par les tâches et meilleur niveau mobilisable",
    "timeline_title": "Quand manquent les compétences (mois des tâches concernées)",
    "capacity_title": "Charge de l'équipe et capacité, mois par mois",
    "met": "niveau mobilisable suffisant",
    "short": "niveau mobilisable insuffisant",
    "required": "niveau requis",
    "days_months": "{days} j, {first} → {last}",
    "gap_label": "{days} j (requis {required}, mobilisable {best})",
    "load": "charge",
    "capacity": "capacité",
    "days": "jours",
    "persons_over": "{n} pers.\n+{days} j",
    "scenario_counts": "Ce qui reste à couvrir",
    "scenario_costs": "Coûts ajoutés par le scénario (k€)",
    "own_share": "reste à charge\n{value}",
    "keuros": "milliers d'euros",
    "no_need": "Aucune compétence requise par les tâches.",
    "no_gap": "Aucun écart de compétence.",
    "no_load": "Rien à afficher : aucune charge sur l'horizon.",
    "no_scenario": "Aucun scénario à comparer.",
}


# --- carnets (consultant's notebooks: banner, chooser, missing data, editors) -----------

# Where each kind is filled in, said when a carnet's section lacks it.
CARNET_SOURCES: dict[str, str] = {
    "project": "l'étape 1, cadrage (carnet 01_cadrage, onglet Projet, ou import Excel)",
    "competences": "l'étape 1, cadrage (carnet 01_cadrage, onglet Compétences, avec le référentiel de départ)",
    "persons": "l'étape 1, cadrage (carnet 01_cadrage, onglet Personnes, ou import Excel)",
    "axes": "l'étape 1, cadrage (carnet 01_cadrage, onglet Axes)",
    "actions": "l'étape 1, cadrage (carnet 01_cadrage, onglet Actions)",
    "tasks": "l'étape 1, cadrage (carnet 01_cadrage, onglet Tâches)",
    "requirements": "l'étape 1, cadrage (carnet 01_cadrage, onglet Compétences requises)",
    "fundings": "l'étape 1, cadrage (carnet 01_cadrage, onglet Cofinancements, ou import Excel)",
    "bodies": "l'étape 1, cadrage (carnet 01_cadrage, onglet Instances)",
    "memberships": "l'étape 1, cadrage (carnet 01_cadrage, onglet Membres des instances)",
    "actors": "l'étape 2 (page « Cartographie des parties prenantes » des participants, ou import Excel)",
    "relations": "l'étape 2 (page « Cartographie des parties prenantes » des participants, ou import Excel)",
    "actor_ratings": "l'étape 2 (les participants notent les acteurs sur leur page)",
    "assessments": "l'étape 3 (page « Auto-évaluation » des participants, ou lecture du consultant "
    "dans le carnet 03_competences)",
    "raci": "l'étape 4 (matrice RACI du carnet 04_raci, ou propositions des participants)",
    "journal": "l'étape 8 (page « Fiches actions » des pilotes)",
    "scenarios": "l'étape 6 (constructeur de scénarios du carnet 06_ecarts)",
    "reviews": "l'étape 8 (formulaire de revue du carnet 08_revue_de_projet)",
}
CARNET: dict[str, str] = {
    "missing": "Il manque encore : {what}. {sources}",
    "missing_one": "{kind} : à remplir à {source}.",
    "missing_title": "Section en attente",
    "nothing": "Aucune donnée pour l'instant.",
    "banner_title": "Atelier « {name} »",
    "banner_unnamed": "Atelier sans projet décrit",
    "banner_folder": "Dossier : {folder}",
    "banner_changed": "Dernière modification : {when} ({by})",
    "banner_never": "Aucune modification encore : l'atelier est vide.",
    "banner_filled": "Rempli jusqu'ici : {items}.",
    "banner_empty": "Rien n'est encore rempli : commencez par le carnet 01_cadrage.",
    "banner_change": "Pour changer d'atelier : « maillage carnets --atelier DOSSIER ».",
    "no_workshop_stop": "Aucun atelier choisi : choisissez-en un (ou créez-le) ci-dessus, "
    "puis relancez le carnet (menu Exécuter › Tout exécuter).",
    "chooser_title": "Choisir l'atelier de ce carnet",
    "chooser_help": "Ce carnet ne sait pas encore sur quel atelier travailler. Choisissez un atelier "
    "trouvé sur cet ordinateur, ou créez-en un dans un nouveau dossier. (Pour ouvrir directement "
    "les carnets d'un atelier : « maillage carnets --atelier DOSSIER ».)",
    "chooser_found": "Ateliers trouvés",
    "chooser_none": "Aucun atelier trouvé sur cet ordinateur : créez-en un.",
    "chooser_open": "Ouvrir cet atelier",
    "chooser_new_folder": "Nouveau dossier",
    "chooser_create": "Créer l'atelier",
    "chooser_folder_needed": "Indiquez le dossier du nouvel atelier.",
    "chooser_opened": "Atelier ouvert : {folder}. Relancez le carnet (menu Exécuter › Tout exécuter).",
    "chooser_created": "Atelier créé dans {folder}. Relancez le carnet (menu Exécuter › Tout exécuter) ; "
    "commencez par le carnet 01_cadrage.",
    "chooser_item": "{name} — {folder}",
    "chooser_demo": " (démonstration)",
    "created_next": "Étape suivante : décrire le projet, ses actions, ses tâches et ses personnes "
    "dans le carnet 01_cadrage :\n  maillage carnets --atelier {folder}\n"
    "(ou remplir le gabarit Excel : maillage gabarits, puis maillage importer --atelier {folder} FICHIER.xlsx)",
    "lab_opening": "Ouverture de JupyterLab sur les carnets de l'atelier {folder}…",
    "lab_stop": "Arrêt : Ctrl+C dans cette fenêtre.",
    "export_empty": "L'atelier {folder} est vide : il n'y a rien à exporter. Commencez par le cadrage "
    "(maillage carnets --atelier {folder}, carnet 01_cadrage) ou un import Excel.",
}
# Steps named in the banner, with the kinds that show they have begun.
CARNET_FILLED: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("cadrage", ("project", "axes", "actions", "tasks", "persons", "competences")),
    ("parties_prenantes", ("actors", "relations")),
    ("competences", ("assessments",)),
    ("raci", ("raci",)),
    ("gouvernance", ("bodies", "memberships")),
    ("fiches_actions", ("journal", "reviews")),
    ("ecarts", ("scenarios",)),
)
CARNET_BANNER_PROJECT = "projet décrit"


# --- formats (toolkit/core/formats.py: numbers, amounts, days, dates, lists) ---------------

FORMAT_EURO = "€"
FORMAT_DAY_SHORT = "j"
FORMAT_DAY = "jour"
FORMAT_DAYS = "jours"
FORMAT_YES = "oui"
FORMAT_NO = "non"
FORMAT_FIRST = "1er"
FORMAT_THE = "le"
FORMAT_AT = "à"
FORMAT_AND = "et"
FORMAT_WEEK = "semaine {week}"
FORMAT_WEEK_OF_YEAR = "semaine {week} de {year}"

# --- french (toolkit/core/french.py), letters, review, governance: issue 18 -----------------

FIELD_LABELS.update({
    "signatory_id": "Signataire des lettres de mission",
    "civility": "Civilité",
    "email": "Courriel",
    "perimeter": "Périmètre de responsabilité",
    "means": "Moyens",
    "success_factors": "Facteurs de réussite",
    "place": "Lieu",
    "start_time": "Heure",
    "duration_minutes": "Durée (minutes)",
    "rescheduled": "Réunions déplacées ou annulées",
    "client": "Client",
    "firm": "Cabinet",
    "deliverable_version": "Version des livrables",
    "confidentiality": "Mention de confidentialité",
})

FRENCH: dict[str, str] = {
    "salutation_unknown": "Madame, Monsieur,",
    "to_attention": "À l'attention",
    "or": "ou",
    "in_capacity": "en qualité",
}
# Feminines that the rules of toolkit/french.feminine do not give.
FRENCH_FEMININE: dict[str, str] = {
    "agent": "agent",            # usage of the fonction publique: « Madame X, agent »
    "chef": "cheffe",
    "maire": "maire",
    "docteur": "docteure",
    "auteur": "autrice",
    "ingénieur": "ingénieure",
    "professeur": "professeure",
    "procureur": "procureure",
    "successeur": "successeure",
    "titulaire": "titulaire",
    "délégué": "déléguée",
    "partenaire": "partenaire",
    "pilote": "pilote",
    "secrétariat": "secrétariat",
    "membre": "membre",
    "consultant": "consultante",
    "représentant": "représentante",
    "sous-préfet": "sous-préfète",
    "préfet": "préfète",
}
# Project roles (labels.PROJECT_ROLES) as the title a letter gives a person.
FRENCH_ROLE_TITLES: dict[str, str] = {
    _V.ROLE_STATE_SERVICES: "représentant des services de l'État",
}

# The maillage command's words for the sub-commands lettres, calendrier, restitution, revue.
# What an empty cell means, said in the import template's instructions (« Colonnes »).
FIELD_NOTES: dict[str, str] = {
    "client": "vide : le territoire",
    "firm": "nommé sur la page de garde et en pied de page des livrables ; vide : à compléter",
    "deliverable_version": "vide : 1",
    "confidentiality": "vide : « Document confidentiel — diffusion réservée au client et au cabinet »",
}

CLI: dict[str, str] = {
    "bad_date": "date « {value} » illisible : attendu AAAA-MM-JJ ou JJ/MM/AAAA",
    "unknown_body": "Instance « {value} » introuvable ou ambiguë ; instances : {choices}.",
    "moved": "Réunion du {date} déplacée au {to}.",
    "cancelled": "Réunion du {date} annulée.",
    "restored": "Réunion du {date} remise à sa date prévue.",
    "note_cancelled": "(annulée : {reason})",
    "note_rescheduled": "(déplacée, prévue le {date} : {reason})",
    "note_moved": "(décalée du {date} : {holiday})",
    "meeting": "réunion",
    "calendar_written": "{meetings} ; calendrier iCalendar écrit dans {path}",
    "action": "action",
    "review_day": "Revue de projet au {date}",
    "review_late": "En retard : {actions}",
    "review_stalled": "Sans entrée au journal depuis 4 semaines : {actions}",
    "review_without_pilot": "Sans pilote : {actions}",
    "review_next": "Prochaine revue : {when}",
    "review_no_next": "Aucune prochaine revue planifiée.",
    "created": "Atelier créé dans {folder} (magasin : {url})",
    "demo_building": "» Construction de l'atelier de démonstration dans {folder}…",
    "participant_links": "Liens des participants :",
    "unknown_when": "?",
    "progress": "{message} : {done}/{total}",
    "problems": "Erreur : {title} ({problems}) :",
    "problem": "problème",
    "report_written": "Restitution {kind} : {path}",
    "error": "Erreur : {error}",
    "by_import": "import Excel",
}

# The help of the maillage command: « COMMAND » for a sub-command, « COMMAND.option » for an option.
CLI_HELP: dict[str, str] = {
    "maillage": "Maillage : ateliers de diagnostic et de staffing.",
    "atelier": "dossier de l'atelier",
    "date": "le jour à prendre pour « aujourd'hui » (par défaut : la date du jour)",
    "creer": "Créer un atelier vide.",
    "creer.url": "URL du magasin (par défaut : SQLite dans le dossier)",
    "carnets": "Ouvrir JupyterLab sur les carnets du consultant, pour cet atelier.",
    "carnets.port": "port de JupyterLab (par défaut : le premier libre)",
    "carnets.sans_navigateur": "ne pas ouvrir le navigateur",
    "demo": "Construire l'atelier de démonstration et servir ses pages.",
    "demo.reconstruire": "repartir d'un atelier de démonstration neuf",
    "demo.sans_serveur": "construire seulement, sans servir",
    "servir": "Servir les pages participants d'un atelier avec Voilà.",
    "liens": "Afficher le lien de chaque participant (sur l'adresse où l'atelier est servi).",
    "gabarits": "Générer les gabarits Excel d'import (vierge et exemple rempli).",
    "gabarits.sortie": "dossier où les écrire",
    "importer": "Importer un classeur Excel dans un atelier (tout ou rien).",
    "importer.fichier": "classeur au format du gabarit d'import",
    "importer.par": "qui importe (gardé dans l'historique)",
    "importer.tous": "afficher tous les problèmes, même très nombreux",
    "importer.mettre_a_jour": "mettre à jour les enregistrements dont l'identifiant existe (changements affichés "
    "puis confirmés)",
    "importer.oui": "appliquer la mise à jour sans la demander",
    "exporter": "Exporter le classeur de restitution d'un atelier.",
    "exporter.sortie": "fichier à écrire (par défaut : exports/ dans le dossier de l'atelier)",
    "exporter.pseudonymiser": "remplacer les noms des personnes par des pseudonymes stables",
    "exporter.cabinet": "le cabinet nommé sur la page de garde et en pied de page (par défaut : celui du cadrage)",
    "exporter.version": "la version remise, sur la page de garde (par défaut : celle du cadrage, sinon 1)",
    "lettres": "Écrire la lettre de mission de chaque personne (.docx, dans exports/lettres/).",
    "lettres.modele": "modèle de lettre (par défaut : gabarits/lettre_de_mission.docx de l'atelier, "
    "sinon celui de Maillage)",
    "lettres.personne": "écrire seulement la lettre de cette personne (identifiant ou nom ; répétable)",
    "calendrier": "Calculer le calendrier des instances et l'écrire au format iCalendar (.ics).",
    "calendrier.jours_feries": "décaler au jour ouvré suivant une réunion tombant un jour férié (par défaut) "
    "ou l'ignorer",
    "calendrier.subdivision": "jours fériés locaux, p. ex. 57 (Moselle), 974 (La Réunion)",
    "calendrier.sortie": "par défaut : exports/calendrier_instances.ics",
    "calendrier.deplacer": "déplacer une réunion (instance : identifiant ou nom ; date prévue ; nouvelle date)",
    "calendrier.annuler": "annuler une réunion",
    "calendrier.retablir": "remettre une réunion déplacée ou annulée à sa date prévue",
    "calendrier.motif": "le motif du déplacement ou de l'annulation (gardé et affiché)",
    "calendrier.par": "qui décide (gardé dans l'historique)",
    "restitution": "Écrire la restitution de l'atelier en HTML autonome et en PDF (LibreOffice).",
    "restitution.sans_pdf": "écrire seulement le HTML",
    "restitution.sortie": "par défaut : exports/restitution/",
    "revue": "Tableau de bord de la revue de projet et relevé de conclusions de la dernière revue (.docx).",
    "revue.revue": "le relevé de cette revue (par défaut : la dernière)",
    "revue.sortie": "par défaut : exports/revues/",
}

REVIEW_LABELS.update({
    "no_pilot": "sans pilote",
    "no_review_yet_minutes": "Aucune revue de projet n'est enregistrée : le relevé de conclusions suit "
    "l'enregistrement d'une revue (carnet 08_revue_de_projet).",
})
REVIEW_COLUMNS.update({"pilot": "Pilote", "axis": "Axe", "when": "Date", "week": "Semaine", "weekday": "Jour",
                       "time": "Heure", "place": "Lieu", "before": "Avant", "after": "Après"})

# The relevé de conclusions of a review (toolkit/review.minutes, toolkit/minutes.py, report).
MINUTES: dict[str, str] = {
    "title": "Relevé de conclusions — revue de projet du {date}",
    "when": "Réunion du {when}",
    "place": "Lieu : {place}",
    "present": "Présents :",
    "excused": "Excusés :",
    "nobody": "aucun",
    "h_decisions": "Décisions",
    "no_decision": "Aucune décision consignée.",
    "h_changes": "Modifications des fiches actions",
    "changes_columns": "Action|Modification|Avant|Après",
    "no_change": "Aucune fiche action modifiée.",
    "next": "Prochaine revue de projet : {when}.",
    "no_next": "Aucune prochaine revue n'est planifiée sur l'horizon du projet.",
    "made_on": "Relevé établi le {date}.",
    "written": "Relevé de conclusions écrit : {path}",
}

REPORT_SECTIONS.update({
    "synthese": "Synthèse : ce qu'il faut décider",
    "scenarios": "Les scénarios côte à côte",
    "proposition": "Proposition de staffing",
})
REPORT_LABELS.update({
    "next_review_when": "Prochaine revue de projet : {when}.",
    "minutes": "Relevé de conclusions de la dernière revue",
    "detail": "Le détail, étape par étape",
    "page": "Page",
    "cancelled": "annulée",
})
# The executive summary of the report (toolkit/report.py, _summary).
REPORT_SUMMARY: dict[str, str] = {
    "intro": "L'atelier appelle {decisions}, une par constat des étapes de la méthode :",
    "decision": "décision",
    "nothing": "Aucun constat ne demande de décision à ce stade.",
    "to_decide": "À décider :",
    "step_review": "Pilotage",
    "step_workload": "Plan de charge",
    "step_gaps": "Compétences",
    "step_raci": "Responsabilités (RACI)",
    "step_stakeholders": "Parties prenantes",
    "action": "action",
    "person": "personne",
    "month": "mois",
    "competence": "compétence",
    "task": "tâche",
    "actor": "acteur influent",
    "actors": "acteurs influents",
    "no_pilot": "{actions} sans pilote : {names}.",
    "no_pilot_decide": "désigner un pilote pour chacune, ou les reporter.",
    "overload": "{persons} en surcharge : {detail}.",
    "these_persons": "ces personnes",
    "this_person": "cette personne",
    "overload_person": "{name} jusqu'à {peak} de sa capacité en {month} ({months} en surcharge)",
    "overload_decide": "délester {who} (réaffecter des tâches, recruter, reporter) ; voir la proposition "
    "de staffing.",
    "lacking": "{competences} {required} sans titulaire mobilisable dans l'équipe ({names}), soit {days} de travail.",
    "lacking_decide": "former, accompagner, recruter ou élargir le tour de table ; voir les remèdes recommandés.",
    "raci": "la matrice compte {flaws}.",
    "raci_no_r": "sans réalisateur (R)",
    "raci_no_a": "sans approbateur (A)",
    "raci_several_a": "à plusieurs approbateurs (A)",
    "raci_decide": "valider un R et un seul A par tâche.",
    "opponents": "{actors}, {stance} : {names}.",
    "opponents_decide": "qui {them} rencontre, avec quel message, avant le prochain comité de pilotage.",
    # agreed with the count (« 1 compétence requise », « 2 acteurs influents, réservés ou opposants »)
    "required": "requise",
    "required_many": "requises",
    "stance": "réservé ou opposant",
    "stance_many": "réservés ou opposants",
    "them": "le",
    "them_many": "les",
    "best_scenario": "Parmi les scénarios étudiés, « {name} » a le coût total le plus bas ({cost}, contre {reference} "
    "pour la situation de référence).",
    "no_scenario": "Aucun scénario enregistré : ils se construisent et s'enregistrent au carnet 06_ecarts.",
    "indicator": "Indicateur",
    "no_tasks": "Aucune tâche n'est encore décrite (étape 1, cadrage) : pas de proposition de staffing.",
    "staffing_method": "Proposition calculée par optimisation ({message}) : {new}. Elle reste à valider "
    "par la direction de projet.",
    "assignment": "affectation nouvelle",
    "assignments": "affectations nouvelles",
    "staffing_changes": "Ce que la proposition change",
    "staffing_uncovered": "Ce qui reste non couvert",
    "quoted": "« {name} »",
}


# --- Phases (issue 19, toolkit/phases.py) ---------------------------------------------------
PHASE_LABELS: dict[str, str] = {
    "no_phase": "sans phase",
    "unattributed": "non attribuée",
}

# --- One action sheet as a document (issue 19 §9, toolkit/report.py sheet_html) ---------------
SHEET_DOC: dict[str, str] = {
    "title": "Fiche action — {action}",
    "made_on": "Fiche éditée par Maillage le {date}.",
    "no_pilot": "sans pilote",
    "not_set": "non renseignée",
    "budget": "Budget prévisionnel",
    "total": "Total",
    "no_budget_lines": "Budget non ventilé par année (seul le budget prévu est renseigné).",
    "planned": "Budget prévu",
    "committed": "Engagé",
    "spent": "Dépensé",
    "funding": "Plan de financement",
    "funder": "Financeur",
    "amount": "Montant",
    "aid_total": "Total des aides",
    "self_funded": "Autofinancement de la collectivité",
    "of_budget": "du budget",
    "steps": "Étapes ({done} sur {total})",
    "steps_title": "Étapes",
    "done_one": "faite",
    "done_many": "faites",
    "done_mark": "☑",
    "todo_mark": "☐",
    "done_on": "faite le {date}",
    "due": "échéance le {date}",
    "no_steps": "Aucune étape inscrite.",
    "sub_actions": "Sous-actions",
    "journal": "Journal",
    "no_journal": "Aucune entrée au journal.",
}

# How the banner counts each kind: (singular, plural).
CARNET_COUNT_WORDS: dict[str, tuple[str, str]] = {
    "axes": ("axe", "axes"), "actions": ("action", "actions"), "tasks": ("tâche", "tâches"),
    "persons": ("personne", "personnes"), "competences": ("compétence", "compétences"),
    "actors": ("acteur", "acteurs"), "relations": ("relation", "relations"),
    "assessments": ("évaluation", "évaluations"), "raci": ("ligne RACI", "lignes RACI"),
    "bodies": ("instance", "instances"), "memberships": ("membre d'instance", "membres d'instance"),
    "journal": ("entrée de journal", "entrées de journal"), "reviews": ("revue de projet", "revues de projet"),
    "scenarios": ("scénario", "scénarios"),
}
# Counted words of the pages (formats.count(n, *COUNT_WORDS[key]): « 1 compétence modifiée », « 3 … »).
COUNT_WORDS: dict[str, tuple[str, str]] = {
    "competence": ("compétence", "compétences"),
    "competence_changed": ("compétence modifiée", "compétences modifiées"),
    "competence_added": ("compétence ajoutée", "compétences ajoutées"),
    "self_assessment_done": ("auto-évaluation terminée", "auto-évaluations terminées"),
    "started": ("commencée", "commencées"),
    "person": ("personne", "personnes"),
    "done": ("faite", "faites"),
}
# The generic record editor (toolkit/widgets/editor.py) of the cadrage carnet.
EDITOR: dict[str, str] = {
    "new": "Nouveau",
    "save": "Enregistrer",
    "delete": "Supprimer",
    "confirm_delete": "Je confirme la suppression",
    "confirm_first": "Cochez « Je confirme la suppression » avant de supprimer.",
    "none": "Aucun enregistrement ({kind}) pour l'instant : remplissez le formulaire puis « Enregistrer ».",
    "editing": "Modifier : {name}",
    "adding": "Ajouter ({kind})",
    "saved": "Enregistré ({kind}) ; la modification est gardée dans l'historique.",
    "deleted": "Supprimé ; l'enregistrement reste lisible dans l'historique.",
    "referential": "Référentiel de départ",
    "referential_add": "Ajouter les compétences choisies",
    "referential_added": "{count} au référentiel de l'atelier.",
}
EDITOR_HINTS: dict[str, str] = {
    "project": "Le projet de territoire : son nom, son territoire, son programme, ses ambitions (description), "
    "sa date de début et son horizon (6 à 12 mois, glissant).",
    "tasks": "Chaque tâche appartient à une action : sa charge en jours, ses mois de début et de fin (AAAA-MM). "
    "Les compétences qu'elle exige se saisissent dans l'onglet « Compétences requises ».",
    "persons": "Les personnes du projet : organisation, fonction, capacité pour le projet (jours par mois) ; "
    "« Équipe projet » décochée pour une personne extérieure (consultant, partenaire).",
    "competences": "Le référentiel de compétences de l'atelier : choisissez dans le référentiel de départ, "
    "puis complétez ou corrigez.",
    "memberships": "Chaque membre d'une instance est une personne ou une organisation (acteur).",
}
# The scenario builder of carnet 06 (toolkit/widgets/scenario_builder.py).
BUILDER: dict[str, str] = {
    "build_title": "Construire un scénario",
    "name": "Nom du scénario",
    "operation": "Modification",
    "optional": " (facultatif)",
    "level": "Niveau (1 à 4)",
    "add": "Ajouter la modification",
    "remove_last": "Retirer la dernière",
    "save": "Enregistrer le scénario",
    "added": "Modification ajoutée : son effet est calculé ci-dessous (rien n'est encore enregistré).",
    "no_change": "Aucune modification pour l'instant : choisissez-en une, puis « Ajouter la modification ».",
    "effect": "Effet du scénario, à côté de la référence (rien n'est enregistré tant que vous ne cliquez pas)",
    "unnamed": "Scénario en cours",
    "name_needed": "Donnez un nom au scénario avant de l'enregistrer.",
    "saved": "Scénario « {name} » enregistré avec l'atelier (l'atelier de référence n'est pas modifié).",
    "compare_title": "Comparer les scénarios enregistrés",
    "stored": "Scénarios",
    "compare": "Comparer",
    "none_stored": "Aucun scénario enregistré à comparer.",
}
BUILDER["keep"] = "Garder comme scénario « {name} »"
# The consultant's reading of a person's competences (carnet 03).
READING: dict[str, str] = {
    "help": "Choisissez une personne : à gauche son auto-évaluation, à droite votre lecture (savoir, vouloir, "
    "pouvoir agir, sur les échelles de la méthode). L'auto-évaluation reste telle quelle ; les analyses "
    "retiennent votre lecture quand elle existe.",
    "person": "Personne",
    "competence": "Compétence",
    "self": "Auto-évaluation",
    "consultant": "Lecture du consultant",
    "not_self_assessed": "non évaluée",
    "comment": "commentaire (facultatif)",
    "save": "Enregistrer la lecture",
    "incomplete": "Pour chaque compétence lue, choisissez les trois dimensions (savoir, vouloir, pouvoir agir).",
    "saved": "Lecture enregistrée : {count} ; l'historique garde la lecture précédente.",
}
# Recording a project review (carnet 08, toolkit/widgets/review_form.py).
REVIEW_FORM: dict[str, str] = {
    "default_body": "l'instance de la revue (par défaut)",
    "present": "Présents",
    "excused": "Excusés",
    "decisions": "Décisions",
    "changes_title": "Fiches actions modifiées en séance",
    "changes_help": "Choisissez une action : ses valeurs actuelles s'affichent ; changez ce qui a été décidé, "
    "puis « Ajouter la modification ». Rien n'est enregistré avant « Enregistrer la revue ».",
    "add_change": "Ajouter la modification",
    "pick_action": "Choisissez d'abord l'action modifiée.",
    "nothing_changed": "Rien n'a changé dans cette fiche.",
    "change_added": "Modification ajoutée à la revue (pas encore enregistrée).",
    "no_change": "Aucune fiche modifiée pour l'instant.",
    "save": "Enregistrer la revue",
    "saved": "Revue enregistrée ; chaque fiche modifiée a reçu une entrée « décision » dans son journal.",
}
# Undoing a change and merging two records (toolkit/changes.py, widgets/merge.py, widgets/history.py).
CHANGES: dict[str, str] = {
    "unknown_change": "Modification n° {seq} introuvable dans l'historique.",
    "not_mergeable": "Seuls deux acteurs ou deux personnes peuvent être fusionnés.",
    "same_record": "Choisissez deux enregistrements différents à fusionner.",
    "merge_by": "{by} — fusion de {kind} {drop} dans {keep}",
    "unknown_merge": "Cette fusion n'est pas (ou plus) dans l'historique.",
    "moved": "rattaché à l'enregistrement gardé",
    "duplicate": "doublon de ce qu'a déjà l'enregistrement gardé : supprimé",
    "self_link": "relation de l'enregistrement gardé avec lui-même : supprimée",
    "merged": "enregistrement fusionné : supprimé (lisible dans l'historique)",
    "keep": "Garder",
    "drop": "Fusionner dans le premier",
    "preview": "Voir ce qui sera fusionné",
    "confirm": "Je confirme la fusion",
    "merge": "Fusionner",
    "undo_merge": "Annuler la dernière fusion",
    "confirm_first": "Cochez « Je confirme la fusion » après avoir lu ce qui sera fusionné.",
    "merged_done": "Fusion faite ({count} modifications, gardées dans l'historique). « Annuler la dernière fusion » la défait.",
    "undone_merge": "Fusion annulée ({count} modifications défaites).",
    "nothing_to_undo": "Aucune fusion faite depuis l'ouverture du carnet.",
    "pick_two": "Choisissez les deux enregistrements.",
    "history_kind": "Type",
    "history_record": "Enregistrement",
    "history_none": "Aucune modification de cet enregistrement dans l'historique.",
    "history_pick": "Modification",
    "undo": "Annuler cette modification",
    "undone": "Modification annulée : l'ancienne valeur est rétablie (l'annulation est elle-même dans l'historique).",
    "op_insert": "création",
    "op_update": "modification",
    "op_delete": "suppression",
}
CHANGES_COLUMNS: dict[str, str] = {
    "record_id": "Enregistrement", "op": "Opération", "field": "Champ", "old": "Avant", "new": "Après",
    "reason": "Pourquoi", "by": "Par", "seq": "N°",
}
# Parameters of the carnets as inputs (toolkit/widgets/parameters.py).
PARAMETERS: dict[str, str] = {
    "default": "par défaut : {value}",
    "reset": "Valeurs par défaut",
    "keep": "Garder pour cet atelier",
    "help": "Changez une valeur, puis relancez les cellules en dessous (menu Exécuter › Exécuter la cellule "
    "sélectionnée et toutes celles en dessous).",
    "kept": "Valeurs gardées pour cet atelier : elles s'afficheront à la prochaine ouverture du carnet.",
}
PARAMETER_LABELS: dict[str, str] = {
    "a_share": "Temps de l'approbateur (A), en % de la charge de la tâche",
    "idle_below": "Capacité libre : mois chargé à moins de (% de la capacité)",
    "expert_day_rate": "Expertise externe : prix d'une journée (€ HT)",
    "training_days_per_level": "Formation : jours pour gagner un niveau",
    "training_day_cost": "Formation : prix d'une journée (€)",
    "coaching_days": "Accompagnement au changement : jours par personne",
    "recruit_monthly_cost": "Recrutement : coût chargé d'un mois (€)",
    "expertise_max_days": "Besoin acheté en expertise jusqu'à (jours)",
    "lasting_need_months": "Besoin durable (recrutement) à partir de (mois)",
    "lasting_overload_months": "Surcharge durable à partir de (mois)",
    "fte_days_per_month": "Un temps plein (ETP) : jours de travail par mois",
    "min_recruit_fte": "Recrutement : pas en dessous de (ETP manquant)",
    "min_purchase_days": "Achat d'un renfort externe : pas en dessous de (jours)",
    "min_purchase_euros": "Achat d'un renfort externe : pas en dessous de (€)",
    "allow_external": "Proposer des partenaires ou prestataires pour une mission interne (1 = oui, 0 = non)",
    "stalled_weeks": "Action sans nouvelles après (semaines sans journal)",
    "lag_points": "Action en retard : avancement en retard de plus de (points)",
    "max_consulted_informed": "RACI : au plus tant de C et de I par tâche",
    "savoir": "Seuil de mobilisation : savoir agir (0 à 4)",
    "vouloir": "Seuil de mobilisation : vouloir agir (0 à 4)",
    "pouvoir": "Seuil de mobilisation : pouvoir agir (0 à 4)",
}
# Who counts for competence coverage: one answer across carnets 02, 03 and 06 (item 7).
COVERAGE_RULE = ("Qui compte : une compétence requise est couverte quand une personne mobilisable de l'atelier "
                 "(savoir au niveau requis, vouloir et pouvoir agir au seuil) la détient, qu'elle soit dans "
                 "l'équipe projet ou non. Celles que seules des personnes extérieures à l'équipe projet couvrent "
                 "sont signalées : le projet en dépend.")
COVERAGE_FINDING = "Le projet dépend de personnes extérieures à l'équipe projet pour : {items}."
COVERAGE_FINDING_ITEM = "« {name} », que couvre {holders}"
COVERAGE_NO_DEPENDENCY = "Aucune compétence requise ne repose seulement sur des personnes extérieures à l'équipe projet."
COVERAGE_LACKING = "Compétences que personne de mobilisable n'a au niveau requis : {items}."
COVERAGE_CIRCLES: dict[str, str] = {
    "team": "couverte par l'équipe projet",
    "outside_only": "couverte seulement hors de l'équipe projet",
    "nobody": "non couverte",
}
COVERAGE_COLUMNS: dict[str, str] = {
    "circle": "Couverture",
    "outside_holders": "Qui la couvre, hors de l'équipe projet",
}

# --- quotation (toolkit/notebook.py, toolkit/widgets/raci_matrix.py) ---

#: A name or a comment quoted as French typography wants it.
QUOTED = "« {text} »"

# --- permissions (toolkit/core/permissions.py) ---

PERMISSIONS = {
    # In a rule's forced values: the participant's own person id (shown when rules are listed).
    "self": "(la personne elle-même)",
}

# --- RACI proposals (toolkit/widgets/raci_matrix.py) ---

RACI_MATRIX = {
    "comment": " : « {comment} »",
}

# --- test client of the pages (toolkit/voila_client.py) ---

VOILA_CLIENT = {
    "missing": "{css_class} absent de la page",
    "refused": " (accès refusé)",
}

# --- log messages (live side): read by whoever runs the server, in its log ---

LOGS = {
    "kernel_stopped": "Noyau %s arrêté : sa page est fermée depuis %.0f s.",
    "kernel_stop_failed": "Arrêt du noyau %s impossible",
    "reaper_failed": "Recherche des noyaux abandonnés",
    # Written by each preheated page once warm; serve.py counts these lines (READY_MARK).
    "page_ready": "[maillage] page préchauffée prête : ",
    "query_never_received": "chaîne de requête jamais reçue",
    "visit_not_recorded": "visite non enregistrée",
    "arrival_repeat_failed": "répétition de l'arrivée en échec",
    "board_section_failed": "section %s en échec",
    "save_failed": "échec d'enregistrement (%s, %s)",
    "refresh_failed": "rafraîchissement en échec (%s)",
    "step_not_shown": "étape %s non affichée (%s)",
}
