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
