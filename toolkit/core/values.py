"""Stored values of the closed lists, each a named constant, and the data that go with them.

The values of closed lists are stored as their French words (they travel as-is to Excel
drop-downs and back), so a value is both data and a word people read. Code never writes
one as a literal: it names the constant (``V.STATE_ABANDONED``, not ``"abandonnée"``), so
renaming a value here renames it everywhere, and a typo is a ``NameError``, not a filter
that silently matches nothing (``tests/test_values.py`` scans ``toolkit/`` for literals).
Each tuple is built from its constants, in the order the drop-downs and tables show.
``labels`` re-exports the tuples (``L.ACTION_STATES``) since they are also the words shown.

RACI letters (``RACI_LETTERS``) are codes of the method, the same in every language, and
are written as letters (``"R"``, ``"A"``…) in the code.

>>> ACTION_STATES[-1] == STATE_ABANDONED, ATTITUDE_SCORES[ATTITUDE_ALLY]
(True, 2)
"""
from __future__ import annotations

# --- actors (step 2) --------------------------------------------------------------------

CATEGORY_ELECTED = "élu"
CATEGORY_PROJECT_TEAM = "équipe projet"
CATEGORY_COUNCIL_SERVICE = "service de la collectivité"
CATEGORY_INTERCOMMUNALITY = "intercommunalité"
CATEGORY_STATE = "État et opérateurs"
CATEGORY_COFUNDER = "cofinanceur"
CATEGORY_CHAMBER = "chambre consulaire"
CATEGORY_ASSOCIATION = "association"
CATEGORY_COMPANY = "entreprise"
CATEGORY_RESIDENTS = "habitants"
CATEGORY_CONSULTANT = "consultant"
ACTOR_CATEGORIES: tuple[str, ...] = (
    CATEGORY_ELECTED, CATEGORY_PROJECT_TEAM, CATEGORY_COUNCIL_SERVICE, CATEGORY_INTERCOMMUNALITY,
    CATEGORY_STATE, CATEGORY_COFUNDER, CATEGORY_CHAMBER, CATEGORY_ASSOCIATION, CATEGORY_COMPANY,
    CATEGORY_RESIDENTS, CATEGORY_CONSULTANT,
)

# Ordered from most to least favourable.
ATTITUDE_ALLY = "allié"
ATTITUDE_FAVOURABLE = "favorable"
ATTITUDE_NEUTRAL = "neutre"
ATTITUDE_RESERVED = "réservé"
ATTITUDE_OPPONENT = "opposant"
ATTITUDES: tuple[str, ...] = (ATTITUDE_ALLY, ATTITUDE_FAVOURABLE, ATTITUDE_NEUTRAL, ATTITUDE_RESERVED,
                              ATTITUDE_OPPONENT)
#: The score the analyses give an attitude (sorting, averages, the grid).
ATTITUDE_SCORES: dict[str, int] = {ATTITUDE_ALLY: 2, ATTITUDE_FAVOURABLE: 1, ATTITUDE_NEUTRAL: 0,
                                   ATTITUDE_RESERVED: -1, ATTITUDE_OPPONENT: -2}

RELATION_COOPERATION = "coopération"
RELATION_FUNDING = "financement"
RELATION_HIERARCHY = "hiérarchie"
RELATION_INFORMATION = "information"
RELATION_CONFLICT = "conflit"
RELATION_TYPES: tuple[str, ...] = (RELATION_COOPERATION, RELATION_FUNDING, RELATION_HIERARCHY,
                                   RELATION_INFORMATION, RELATION_CONFLICT)
#: Relations that go one way (from the funder, the superior, the sender); the others are mutual.
DIRECTED_RELATION_TYPES: tuple[str, ...] = (RELATION_FUNDING, RELATION_HIERARCHY, RELATION_INFORMATION)

# --- persons (step 3) -------------------------------------------------------------------

ROLE_ELECTED = "élu"
ROLE_DIRECTOR = "directeur de projet"
ROLE_PROJECT_LEAD = "chef de projet"
ROLE_ACTION_PILOT = "pilote d'action"
ROLE_AGENT = "agent"
ROLE_PARTNER = "partenaire"
ROLE_STATE_SERVICES = "services de l'État"
ROLE_CONSULTANT = "consultant"
PROJECT_ROLES: tuple[str, ...] = (ROLE_ELECTED, ROLE_DIRECTOR, ROLE_PROJECT_LEAD, ROLE_ACTION_PILOT, ROLE_AGENT,
                                  ROLE_PARTNER, ROLE_STATE_SERVICES, ROLE_CONSULTANT)

# A person's civility (persons.civility); empty means unknown (toolkit/core/french.py agrees with it).
CIVILITY_MADAME = "Madame"
CIVILITY_MONSIEUR = "Monsieur"
CIVILITIES: tuple[str, ...] = (CIVILITY_MADAME, CIVILITY_MONSIEUR)

# Issue 19 §2: who a person is to the organisation carrying the project.
AFFILIATION_INTERNAL = "interne"
AFFILIATION_PARTNER = "partenaire"
AFFILIATION_CONTRACTOR = "prestataire"
AFFILIATIONS: tuple[str, ...] = (AFFILIATION_INTERNAL, AFFILIATION_PARTNER, AFFILIATION_CONTRACTOR)

SOURCE_SELF = "auto-évaluation"
SOURCE_CONSULTANT = "consultant"
ASSESSMENT_SOURCES: tuple[str, ...] = (SOURCE_SELF, SOURCE_CONSULTANT)

# --- actions (steps 1, 8) ----------------------------------------------------------------

STATE_TO_BUILD = "à construire"
STATE_SEEKING_PILOT = "en recherche de pilote"
STATE_COMMITTED = "engagée"
STATE_IN_PROGRESS = "en cours"
STATE_PAUSED = "en pause"
STATE_BLOCKED = "bloquée"
STATE_COMPLETED = "achevée"
STATE_ABANDONED = "abandonnée"
ACTION_STATES: tuple[str, ...] = (STATE_TO_BUILD, STATE_SEEKING_PILOT, STATE_COMMITTED, STATE_IN_PROGRESS,
                                  STATE_PAUSED, STATE_BLOCKED, STATE_COMPLETED, STATE_ABANDONED)

# Issue 19 §9: an action sheet's priority, and the two kinds of a budget line.
PRIORITY_HIGH = "élevée"
PRIORITY_MEDIUM = "moyenne"
PRIORITY_LOW = "faible"
ACTION_PRIORITIES: tuple[str, ...] = (PRIORITY_HIGH, PRIORITY_MEDIUM, PRIORITY_LOW)

NATURE_INVESTMENT = "investissement"
NATURE_OPERATING = "fonctionnement"
BUDGET_NATURES: tuple[str, ...] = (NATURE_INVESTMENT, NATURE_OPERATING)

JOURNAL_FACT = "fait"
JOURNAL_DECISION = "décision"
JOURNAL_WATCH = "point d'attention"
JOURNAL_KINDS: tuple[str, ...] = (JOURNAL_FACT, JOURNAL_DECISION, JOURNAL_WATCH)

PROGRAMME_ACV = "Action cœur de ville"
PROGRAMME_PVD = "Petites villes de demain"
PROGRAMME_PAT = "Projet alimentaire territorial"
PROGRAMME_GPECT = "Gestion prévisionnelle des emplois et des compétences territoriale"
PROGRAMME_OTHER = "Autre"
PROGRAMMES: tuple[str, ...] = (PROGRAMME_ACV, PROGRAMME_PVD, PROGRAMME_PAT, PROGRAMME_GPECT, PROGRAMME_OTHER)

# --- RACI (step 4) -----------------------------------------------------------------------

#: Codes of the method, written as letters in the code (see the module docstring).
RACI_LETTERS: tuple[str, ...] = ("R", "A", "C", "I")
STATUS_VALIDATED = "validée"
STATUS_PROPOSED = "proposée"
STATUS_REJECTED = "rejetée"
RACI_STATUSES: tuple[str, ...] = (STATUS_VALIDATED, STATUS_PROPOSED, STATUS_REJECTED)

# --- governance (step 7) -----------------------------------------------------------------

BODY_GOVERNANCE = "comité de gouvernance"
BODY_STEERING = "comité de pilotage"
BODY_PROJECT_TEAM = "équipe projet"
BODY_TECHNICAL = "comité technique"
BODY_KINDS: tuple[str, ...] = (BODY_GOVERNANCE, BODY_STEERING, BODY_PROJECT_TEAM, BODY_TECHNICAL)

MEMBER_CHAIR = "président"
MEMBER_MEMBER = "membre"
MEMBER_FACILITATOR = "animateur"
MEMBER_SECRETARIAT = "secrétariat"
MEMBER_GUEST = "invité"
MEMBER_ROLES: tuple[str, ...] = (MEMBER_CHAIR, MEMBER_MEMBER, MEMBER_FACILITATOR, MEMBER_SECRETARIAT, MEMBER_GUEST)

# --- scenarios (step 6) ------------------------------------------------------------------

# Consequences of a refused co-funding.
CONSEQUENCE_SELF_FUNDING = "autofinancement"
CONSEQUENCE_REDUCTION = "réduction"
CONSEQUENCE_ABANDON = "abandon"
FUNDING_CONSEQUENCES: tuple[str, ...] = (CONSEQUENCE_SELF_FUNDING, CONSEQUENCE_REDUCTION, CONSEQUENCE_ABANDON)

# --- gaps (step 6): the remedies the analysis proposes (its ``remedy`` column) -----------

REMEDY_SPREAD = "étalement"
REMEDY_REASSIGN = "réaffectation"
REMEDY_UPSKILL = "montée en compétences"
REMEDY_SUPPORT = "accompagnement"
REMEDY_WIDEN = "élargissement"
REMEDY_EXPERTISE = "expertise externe"
REMEDY_ABSORB = "absorption"
REMEDY_RECRUIT = "recrutement"
REMEDIES: tuple[str, ...] = (REMEDY_SPREAD, REMEDY_REASSIGN, REMEDY_UPSKILL, REMEDY_SUPPORT, REMEDY_WIDEN,
                             REMEDY_ABSORB, REMEDY_EXPERTISE, REMEDY_RECRUIT)
#: The target of the team-wide capacity gap (``target_id``), not a record's identifier.
GAP_TEAM_TARGET = "équipe"

# --- governance options: what a meeting on a public holiday does (meeting_calendar) ----------

HOLIDAYS_MOVE = "décaler"
HOLIDAYS_IGNORE = "ignorer"

#: Every closed list by name, stored or written by an analysis (``tests/test_values.py`` scans for their values).
CLOSED_LISTS: dict[str, tuple[str, ...]] = {
    "ACTOR_CATEGORIES": ACTOR_CATEGORIES, "ATTITUDES": ATTITUDES, "RELATION_TYPES": RELATION_TYPES,
    "PROJECT_ROLES": PROJECT_ROLES, "CIVILITIES": CIVILITIES, "AFFILIATIONS": AFFILIATIONS,
    "ASSESSMENT_SOURCES": ASSESSMENT_SOURCES, "ACTION_STATES": ACTION_STATES,
    "ACTION_PRIORITIES": ACTION_PRIORITIES, "BUDGET_NATURES": BUDGET_NATURES, "JOURNAL_KINDS": JOURNAL_KINDS,
    "PROGRAMMES": PROGRAMMES, "RACI_LETTERS": RACI_LETTERS, "RACI_STATUSES": RACI_STATUSES,
    "BODY_KINDS": BODY_KINDS, "MEMBER_ROLES": MEMBER_ROLES, "FUNDING_CONSEQUENCES": FUNDING_CONSEQUENCES,
    "REMEDIES": REMEDIES,
}
