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

# --- governance, letters, actions, review, report (issue 9) -------------------------

GOV_MEMBER_TYPES: dict[str, str] = {"person": "personne", "actor": "organisation"}

GOV_LABELS: dict[str, str] = {
    "holidays_option": "Jours fériés",
    "weekend": "week-end",
    "ics_calendar_name": "Instances — {project}",
    "ics_summary": "{body} (réunion n° {number})",
    "ics_moved": "Date décalée : le {date} tombait un jour férié ou chômé ({holiday}).",
    "ics_members": "Membres",
    "reports_to": "rend compte à",
    "sits_in": "siège à",
    "diagram_bodies": "Instances et membres",
    "diagram_hierarchy": "Qui rend compte à qui",
    "diagram_rhythm": "toutes les {weeks} semaines",
    "diagram_rhythm_1": "chaque semaine",
    "diagram_more": "… et {n} autres",
    "diagram_empty": "Aucune instance n'est encore définie.",
}

GOV_MESSAGES: dict[str, str] = {
    "no_project": "Le projet n'est pas encore décrit (étape 1, cadrage) : "
    "sa date de début fixe l'horizon du calendrier.",
    "bad_calendar": "Calendrier des instances refusé",
    "bad_subdivision": "Subdivision « {value} » inconnue pour les jours fériés ; attendu : une de {choices}.",
}

# Column headings of the tables shown to consultants (carnets, report).
GOV_COLUMNS: dict[str, str] = {
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
}

LETTER_MESSAGES: dict[str, str] = {
    "no_template": "Modèle de lettre de mission introuvable : {path}.",
    "not_docx": "Le modèle de lettre de mission n'est pas un document Word (.docx) lisible : {error}.",
    "bad_tag": "Le modèle de lettre de mission contient une balise invalide : {error}. "
    "Vérifiez les {{{{ … }}}} et {{% … %}} du modèle.",
    "unknown_variable": "Le modèle de lettre de mission utilise une variable inconnue : {error}. "
    "Variables disponibles : projet, personne, actions_pilotees, taches, instances, revue, suivi, "
    "signataire, date, legende_raci.",
}

# The wording of the default mission-letter template (toolkit/templates/lettre_de_mission.docx).
# Jinja tags ({{ … }}, {% … %}) are the template's variables: see toolkit/letters.py.
LETTER_TEMPLATE: dict = {
    "date_line": "Le {{ date }}",
    "title": "Lettre de mission",
    "to": "À l'attention de {{ personne.nom }}, {{ personne.fonction }} — {{ personne.organisation }}",
    "subject": "Objet : votre mission dans le projet « {{ projet.nom }} »",
    "salutation": "Madame, Monsieur,",
    "intro": "Le projet « {{ projet.nom }} » ({{ projet.programme }}) est conduit du {{ projet.debut }} "
    "au {{ projet.fin }}. Vous y intervenez en qualité de {{ personne.role }}. La présente lettre "
    "précise votre périmètre, le temps qui vous est alloué, votre rôle dans chaque action et les "
    "instances auxquelles vous participez.",
    "h_time": "1. Le temps alloué à votre mission",
    "time": "{{ personne.jours_par_mois }} jour(s) par mois sont réservés à votre mission pendant "
    "les {{ projet.horizon_mois }} mois du projet.",
    "h_piloted": "2. Les actions que vous pilotez",
    "piloted_intro": "Vous êtes pilote des actions suivantes : vous en tenez la fiche action à jour "
    "(état, avancement, budget, journal) et vous en rendez compte en revue de projet.",
    "piloted_item": "{{ a.nom }} — axe « {{ a.axe }} » ; état : {{ a.etat }} ; du {{ a.debut }} au {{ a.fin }}",
    "piloted_none": "Vous ne pilotez aucune action du projet.",
    "h_tasks": "3. Vos tâches et votre rôle (RACI)",
    "tasks_intro": "Votre rôle dans chaque tâche, tel que validé dans la matrice RACI :",
    "tasks_columns": ("Action", "Tâche", "Rôle", "Période", "Charge de la tâche (jours)"),
    "tasks_none": "Aucune tâche ne vous est attribuée à ce jour dans la matrice RACI validée.",
    "h_bodies": "4. Les instances où vous siégez",
    "bodies_item": "{{ i.nom }} ({{ i.type }}) — {{ i.role }} — réunion {{ i.rythme }}",
    "bodies_none": "Vous ne siégez dans aucune instance du projet.",
    "h_rhythm": "5. Le rythme du suivi",
    "review": "{% if revue %}Une revue de projet se tient {{ revue.rythme }} ({{ revue.instance }})"
    "{% if revue.prochaines %} ; prochaines dates : {{ revue.prochaines }}{% endif %}.{% endif %}",
    "follow_up": "{% if suivi %}En tant que pilote, vous présentez l'avancement de vos actions au suivi "
    "des pilotes, {{ suivi.rythme }} ({{ suivi.instance }}).{% endif %}",
    "closing": "Nous vous remercions de votre engagement au service du projet.",
    "signature": "Pour le projet : {{ signataire }}, directeur(trice) de projet\t\t"
    "Le (la) titulaire de la mission : {{ personne.nom }}",
}

ACTION_MESSAGES: dict[str, str] = {
    "not_your_sheet": "Vous ne pouvez pas modifier la fiche « {action} » : seul son pilote ou "
    "l'animateur de l'atelier le peut.",
    "pilot_fields": "Champ(s) réservé(s) à l'animateur : {fields}. Un pilote peut modifier : {allowed}.",
    "past_date": "une date passée ou d'aujourd'hui (le journal consigne ce qui a été fait ou décidé)",
    "file_refused": "Pièce jointe refusée (action « {action} »)",
    "file_type": "un fichier d'un des types acceptés : {types}",
    "file_content": "un fichier dont le contenu est bien du type {ext} annoncé par son extension",
    "file_empty": "un fichier non vide",
    "file_size": "un fichier d'au plus {max}",
    "file_total": "au plus {max} de pièces jointes par action ({used} déjà utilisés)",
    "bad_path": "Chemin de pièce jointe refusé.",
    "file_missing": "Le fichier de la pièce jointe « {name} » est introuvable dans le dossier de l'atelier.",
}

# The project review record kind (toolkit/model.py, "reviews"): added here, not above,
# so that this section stays the only one this issue touches.
KIND_LABELS["reviews"] = "Revues de projet"
FIELD_LABELS.update({"present": "Présents", "excused": "Excusés", "decisions": "Décisions"})

REVIEW_LABELS: dict[str, str] = {
    "past_end": "échéance dépassée",
    "behind": "avancement en retard sur le calendrier",
    "spent_over_committed": "dépensé supérieur à l'engagé",
    "committed_over_planned": "engagé supérieur au prévu",
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
    "title": "Restitution de l'atelier — {project}",
    "made_on": "Document produit par Maillage le {date}.",
    "contents": "Sommaire",
    "yes": "oui",
    "no": "non",
    "empty": "Aucun élément.",
    "horizon": "Horizon",
    "pending": "Cette analyse n'est pas encore disponible dans cette version de Maillage "
    "(module « {module} » à venir).",
    "section_failed": "Cette section n'a pas pu être produite : {error}",
    "bodies": "Les instances",
    "organisation_alt": "Organigramme des instances et ligne hiérarchique du projet",
    "calendar": "Calendrier des réunions sur l'horizon",
    "meetings": "Réunions",
    "dates": "Dates",
    "moved_note": "* date décalée au jour ouvré suivant (jour férié ou week-end).",
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
}
