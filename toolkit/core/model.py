"""The domain records: what a workshop holds, field by field, with validation.

Each record kind (actors, persons, tasks…) is described once here. That description is
the single source for the store's tables, the Excel templates and their drop-down lists,
the import checks and the forms: add a field here and it appears everywhere.

Example
-------
>>> validate("actors", {"name": " Région Grand Est ", "category": "Cofinanceur",
...                     "power": "4", "interest": 3, "attitude": "favorable"})["category"]
'cofinanceur'
"""
from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Iterable, overload

from . import formats, french
from . import labels as L
from . import values as V
from . import vocabulary as W
from .errors import Problem, ValidationError


@dataclass(frozen=True)
class Field:
    """One field of a record kind.

    ``type`` is one of: text, int, float, bool, date, month, choice, ref, refs, json.
    ``ref`` names the kind a ``ref``/``refs`` field points to.
    """

    name: str
    type: str = "text"
    required: bool = False
    choices: tuple[str, ...] | None = None
    min: float | None = None
    max: float | None = None
    ref: str | None = None
    max_length: int = 2000
    default: Any = None
    # Fields the system fills (tokens): not in import templates, not editable by forms.
    system: bool = False

    @property
    def label(self) -> str:
        return L.FIELD_LABELS.get(self.name, self.name)


@dataclass(frozen=True)
class Kind:
    """A record kind: its table name (English), id prefix and fields."""

    name: str
    prefix: str
    fields: tuple[Field, ...]
    # Records a participant owns privately (only they and the facilitator read them).
    private_owner: str | None = None
    _by_name: dict[str, Field] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_name.update({f.name: f for f in self.fields})

    @property
    def label(self) -> str:
        return L.KIND_LABELS[self.name]

    def field(self, name: str) -> Field:
        return self._by_name[name]

    def has(self, name: str) -> bool:
        return name in self._by_name

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]


def _f(name: str, type: str = "text", **kw: Any) -> Field:
    return Field(name=name, type=type, **kw)


SCALE = dict(type="int", min=0, max=4)

KINDS: dict[str, Kind] = {
    k.name: k
    for k in [
        Kind("project", "PRJ", (
            _f("name", required=True, max_length=200),
            _f("territory", required=True, max_length=200),
            _f("programme", "choice", choices=V.PROGRAMMES, default=V.PROGRAMME_OTHER),
            _f("start_date", "date", required=True),
            _f("horizon_months", "int", min=1, max=36, default=12),
            _f("description"),
            # Who signs the mission letters (step 7); empty: the only directeur de projet,
            # and the letters say so (toolkit.letters.signatory).
            _f("signatory_id", "ref", ref="persons"),
            # What the deliverables' covers and running footers say (issue 18): the client
            # (empty: the territory), the consulting firm, the version handed over and the
            # confidentiality notice (empty: the standard one).
            _f("client", max_length=300),
            _f("firm", max_length=200),
            _f("deliverable_version", max_length=40),
            _f("confidentiality", max_length=500),
        )),
        Kind("competences", "CMP", (
            _f("name", required=True, max_length=200),
            _f("family", required=True, max_length=120),
            _f("description"),
        )),
        Kind("actors", "ACT", (
            _f("name", required=True, max_length=200),
            _f("category", "choice", required=True, choices=V.ACTOR_CATEGORIES),
            _f("power", required=True, **SCALE),
            _f("interest", required=True, **SCALE),
            _f("attitude", "choice", choices=V.ATTITUDES, default=V.ATTITUDE_NEUTRAL),
            _f("mobilised", "bool", default=False),
            _f("competences", "refs", ref="competences", default=()),
            _f("comment"),
        )),
        Kind("relations", "REL", (
            _f("source_id", "ref", required=True, ref="actors"),
            _f("target_id", "ref", required=True, ref="actors"),
            _f("type", "choice", required=True, choices=V.RELATION_TYPES),
            _f("weight", "int", min=1, max=3, default=1),
            _f("comment"),
        )),
        Kind("persons", "PER", (
            _f("name", required=True, max_length=200),
            _f("organisation", required=True, max_length=200),
            _f("function", max_length=200),
            _f("role", "choice", required=True, choices=V.PROJECT_ROLES),
            _f("capacity_days", "float", min=0, max=23, default=0.0),
            _f("in_team", "bool", default=True),
            _f("actor_id", "ref", ref="actors"),
            _f("token", system=True, max_length=64),
            # Madame / Monsieur, or empty (unknown): letters and minutes agree with it.
            _f("civility", "choice", choices=V.CIVILITIES),
            _f("email", max_length=200),
            # The written mandate (step 7): what the person answers for, the means given,
            # what the mission's success rests on. Free text, one point a line.
            _f("perimeter", max_length=4000),
            _f("means", max_length=4000),
            _f("success_factors", max_length=4000),
            # Issue 19 §2: who belongs to the organisation (interne), who is a partner's
            # agent (partenaire), who an external provider (prestataire). Empty in a record
            # given to ``validate``: derived from ``in_team`` (oui: interne, non: partenaire).
            _f("affiliation", "choice", choices=V.AFFILIATIONS),
            # Issue 19 §4: named by the consultant to edit every action sheet, with their own
            # link (« une gestion centralisée »): toolkit.core.permissions, role sheet_editor.
            _f("edits_all_sheets", "bool", default=False),
        )),
        Kind("assessments", "EVA", (
            _f("person_id", "ref", required=True, ref="persons"),
            _f("competence_id", "ref", required=True, ref="competences"),
            _f("savoir", required=True, **SCALE),
            _f("vouloir", required=True, **SCALE),
            _f("pouvoir", required=True, **SCALE),
            _f("source", "choice", required=True, choices=V.ASSESSMENT_SOURCES, default=V.SOURCE_SELF),
            _f("comment"),
        ), private_owner="person_id"),
        Kind("axes", "AXE", (
            _f("name", required=True, max_length=200),
            _f("description"),
        )),
        Kind("actions", "ACN", (
            _f("axis_id", "ref", required=True, ref="axes"),
            _f("name", required=True, max_length=300),
            _f("pilot_id", "ref", ref="persons"),
            _f("state", "choice", required=True, choices=V.ACTION_STATES, default=V.STATE_TO_BUILD),
            _f("completion", "int", min=0, max=100, default=0),
            _f("budget_planned", "float", min=0, default=0.0),
            _f("budget_committed", "float", min=0, default=0.0),
            _f("budget_spent", "float", min=0, default=0.0),
            _f("start_date", "date"),
            _f("end_date", "date"),
            _f("description"),
            # Issue 19: an action re-attached to another becomes its sub-action (no cycle:
            # checked by the store, ``toolkit.actions.reattach`` records it in the journal).
            _f("parent_id", "ref", ref="actions"),
            # Issue 19 §9, as the field's tools keep a sheet: its priority (empty: not set).
            _f("priority", "choice", choices=V.ACTION_PRIORITIES),
        )),
        # The planned budget by year and by kind (investissement, fonctionnement).
        Kind("budget_lines", "BUD", (
            _f("action_id", "ref", required=True, ref="actions"),
            _f("year", "int", required=True, min=2000, max=2100),
            _f("nature", "choice", required=True, choices=V.BUDGET_NATURES),
            _f("amount", "float", required=True, min=0),
            _f("comment"),
        )),
        # The steps (étapes) of an action: a checklist with dates.
        Kind("action_steps", "ETP", (
            _f("action_id", "ref", required=True, ref="actions"),
            _f("name", required=True, max_length=300),
            _f("order", "int", min=1, max=999, default=1),
            _f("due_date", "date"),
            _f("done", "bool", default=False),
            _f("done_date", "date"),
        )),
        Kind("fundings", "FIN", (
            _f("action_id", "ref", required=True, ref="actions"),
            _f("actor_id", "ref", required=True, ref="actors"),
            _f("amount", "float", required=True, min=0),
            _f("comment"),
        )),
        # The project's phases (issue 19): people are mobilised « en fonction des étapes du
        # projet »; a task may belong to one phase, and the plan de charge reads by phase.
        Kind("phases", "PHA", (
            _f("name", required=True, max_length=200),
            _f("order", "int", min=1, max=99, default=1),
            _f("start_date", "date"),
            _f("end_date", "date"),
            _f("description"),
        )),
        Kind("tasks", "TAC", (
            _f("action_id", "ref", required=True, ref="actions"),
            _f("name", required=True, max_length=300),
            _f("load_days", "float", required=True, min=0, max=10000),
            _f("start_month", "month", required=True),
            _f("end_month", "month", required=True),
            _f("description"),
            _f("phase_id", "ref", ref="phases"),
        )),
        Kind("requirements", "REQ", (
            _f("task_id", "ref", required=True, ref="tasks"),
            _f("competence_id", "ref", required=True, ref="competences"),
            _f("level", "int", required=True, min=1, max=4),
        )),
        Kind("raci", "RAC", (
            _f("task_id", "ref", required=True, ref="tasks"),
            _f("person_id", "ref", required=True, ref="persons"),
            _f("letter", "choice", required=True, choices=V.RACI_LETTERS),
            _f("status", "choice", required=True, choices=V.RACI_STATUSES, default=V.STATUS_VALIDATED),
            _f("proposed_by", "ref", ref="persons"),
            _f("comment"),
            # Issue 19 §3: this person's days on the task (the plan de charge « de chacun »);
            # empty: the equal split among the R (plus the A's share) stays the rule.
            _f("days", "float", min=0, max=10000),
        )),
        Kind("bodies", "INS", (
            _f("name", required=True, max_length=200),
            _f("kind", "choice", required=True, choices=V.BODY_KINDS),
            _f("rhythm_weeks", "int", min=1, max=52, default=8),
            _f("first_date", "date"),
            _f("description"),
            # Where and when the body meets (.ics events, minutes): « 14:30 », 120 minutes.
            _f("place", max_length=300),
            _f("start_time", max_length=10),
            _f("duration_minutes", "int", min=15, max=600, default=120),
            # Meetings moved or cancelled: [{"date": planned, "to": new date or None, "reason"}]
            # (toolkit.governance.move_meeting, cancel_meeting).
            _f("rescheduled", "json", default=()),
        )),
        Kind("memberships", "MEM", (
            _f("body_id", "ref", required=True, ref="bodies"),
            _f("person_id", "ref", ref="persons"),
            _f("actor_id", "ref", ref="actors"),
            _f("role", "choice", required=True, choices=V.MEMBER_ROLES, default=V.MEMBER_MEMBER),
        )),
        Kind("journal", "JRN", (
            _f("action_id", "ref", required=True, ref="actions"),
            _f("date", "date", required=True),
            _f("kind", "choice", required=True, choices=V.JOURNAL_KINDS, default=V.JOURNAL_FACT),
            _f("text", required=True, max_length=5000),
            _f("author", "ref", ref="persons"),
        )),
        Kind("attachments", "PJ", (
            _f("action_id", "ref", required=True, ref="actions"),
            _f("filename", required=True, max_length=255),
            _f("path", required=True, max_length=500),
            _f("size", "int", required=True, min=0),
            _f("mime", max_length=120),
            _f("author", "ref", ref="persons"),
        )),
        Kind("scenarios", "SCN", (
            _f("name", required=True, max_length=200),
            _f("description"),
            _f("changes", "json", default=()),
        )),
        # The eight-weekly project review (step 8): who came, what was decided, and the
        # changes it made to the action sheets (each also in the sheets' own history).
        Kind("reviews", "REV", (
            _f("date", "date", required=True),
            _f("body_id", "ref", ref="bodies"),
            _f("present", "refs", ref="persons", default=()),
            _f("excused", "refs", ref="persons", default=()),
            _f("decisions", max_length=10000),
            _f("changes", "json", default=()),
        )),
    ]
}

# Order that respects references: a kind comes after every kind it points to.
KIND_ORDER: list[str] = [
    "project", "competences", "actors", "relations", "persons", "assessments", "axes",
    "actions", "fundings", "budget_lines", "action_steps", "phases", "tasks", "requirements", "raci", "bodies", "memberships",
    "journal", "attachments", "scenarios", "reviews",
]

# --- stakeholders (step 2): each participant's own rating of an actor ----------------
# An actor keeps one power / interest / attitude (as entered, or as the consultant
# settles it); the participants' ratings are kept beside it, one per person and actor,
# so that the facilitator sees their average and their spread. Private to their author.
KINDS["actor_ratings"] = Kind("actor_ratings", "NOT", (
    _f("actor_id", "ref", required=True, ref="actors"),
    _f("person_id", "ref", required=True, ref="persons"),
    _f("power", required=True, **SCALE),
    _f("interest", required=True, **SCALE),
    _f("attitude", "choice", required=True, choices=V.ATTITUDES),
    _f("comment"),
), private_owner="person_id")
KIND_ORDER.append("actor_ratings")

ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,39}$")
MONTH_RE = re.compile(r"^(\d{4})-(\d{1,2})$")


def kind(name: str) -> Kind:
    """The ``Kind`` called ``name`` (raises ``KeyError`` on an unknown kind)."""
    return KINDS[name]


def fold(text: str) -> str:
    """Lower-case, accent-free, single-spaced form used to compare names and list values.

    >>> fold("  Élu  "), fold("Conseil  Régional"), fold(12)
    ('elu', 'conseil regional', '12')
    """
    if type(text) is str:  # kept: the same list values and names are folded again and again
        return _folded(text)
    return _folding(str(text))


def _folding(text: str) -> str:
    if text.isascii():  # nothing to decompose nor strip: NFKD leaves ASCII as it is
        return " ".join(text.lower().split())
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.lower().replace("’", "'").split())


_folded = functools.lru_cache(maxsize=65536)(_folding)


@functools.lru_cache(maxsize=512)
def _choice_by_fold(choices: tuple[str, ...]) -> dict[str, str]:
    """A closed list's values by their folded form (the first value of a form wins)."""
    out: dict[str, str] = {}
    for choice in choices:
        out.setdefault(fold(choice), choice)
    return out


def expect(key: str, **kw: Any) -> str:
    return L.EXPECT[key].format(**kw)


def is_empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str) and value.strip() == "":
        return True
    try:  # pandas / numpy NaN
        return value != value
    except Exception:  # pragma: no cover - exotic objects
        return False


def parse_date(value: Any) -> dt.date:
    """Accept a date, a datetime, ``AAAA-MM-JJ`` or ``JJ/MM/AAAA`` (text written in Excel)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d %H:%M:%S"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def parse_month(value: Any) -> str:
    """Normalise a month to ``AAAA-MM`` (from a date, ``2026-3``, ``03/2026``…)."""
    if isinstance(value, (dt.date, dt.datetime)):
        return f"{value.year:04d}-{value.month:02d}"
    text = str(value).strip()
    m = MONTH_RE.match(text)
    if not m:
        m2 = re.match(r"^(\d{1,2})/(\d{4})$", text)
        if m2:
            m = re.match(r"(\d{4})-(\d{1,2})", f"{m2.group(2)}-{m2.group(1)}")
        else:
            return parse_month(parse_date(text))
    year, month = int(m.group(1)), int(m.group(2))
    if not 1 <= month <= 12:
        raise ValueError(text)
    return f"{year:04d}-{month:02d}"


def _coerce(f: Field, value: Any) -> Any:
    """Convert ``value`` to the field's type, raising ValueError with the expectation."""
    t = f.type
    if t == "text":
        text = str(value).strip()
        if isinstance(value, float) and value.is_integer():
            text = str(int(value))
        if len(text) > f.max_length:
            raise ValueError(expect("text", max_length=f.max_length))
        return text
    if t in ("int", "float"):
        if isinstance(value, bool):
            raise ValueError
        if isinstance(value, str):
            value = value.strip().replace("\u202f", "").replace(" ", "").replace(",", ".")
        number = float(value)
        if number != number or number in (float("inf"), float("-inf")):
            raise ValueError
        if t == "int":
            if not number.is_integer():
                raise ValueError
            number = int(number)
        if (f.min is not None and number < f.min) or (f.max is not None and number > f.max):
            raise ValueError
        return number
    if t == "bool":
        if isinstance(value, bool):
            return value
        if isinstance(value, (int, float)) and value in (0, 1):
            return bool(value)
        word = fold(str(value))
        if word in W.YES_WORDS:
            return True
        if word in W.NO_WORDS:
            return False
        raise ValueError
    if t == "date":
        return parse_date(value)
    if t == "month":
        return parse_month(value)
    if t == "choice":
        if f.name == "civility":  # « Mme », « M. », « madame »… (toolkit.core.french)
            civility = french.civility_of(value)
            if civility is None:
                raise ValueError
            return civility
        found = _choice_by_fold(tuple(f.choices or ())).get(fold(str(value)))
        if found is None:
            raise ValueError
        return found
    if t == "ref":
        text = str(value).strip()
        if isinstance(value, float) and value.is_integer():
            text = str(int(value))
        if not ID_RE.match(text):
            raise ValueError
        return text
    if t == "refs":
        items = value if isinstance(value, (list, tuple, set)) else re.split(r"[;,]", str(value))
        out = []
        for item in items:
            item = str(item).strip()
            if not item:
                continue
            if not ID_RE.match(item):
                raise ValueError
            if item not in out:
                out.append(item)
        return out
    if t == "json":
        if isinstance(value, (list, tuple)):
            return list(value)
        raise ValueError
    raise AssertionError(f"unknown field type: {t}")  # a bug in KINDS, not an input


def expectation(f: Field) -> str:
    t = f.type
    if t == "text":
        return expect("text", max_length=f.max_length)
    if t in ("int", "float"):
        def num(x: float | None) -> str:  # « 0,5 », « 10 000 »; a year stays « 2100 »
            if x is None:
                return ""
            text = formats.number(x, 2)
            return text if abs(x) >= 10000 else text.replace(formats.NNBSP, "")
        if f.min is not None and f.max is not None:
            return expect(f"{t}_range", min=num(f.min), max=num(f.max))
        if f.min is not None and t == "float":
            return expect("float_min", min=num(f.min))
        return expect(t)
    if t == "choice":
        return expect("choice", choices=", ".join(f.choices or ()))
    if t == "ref":
        return expect(t, **french.one_of_kind(f.ref or ""))
    if t == "refs":
        return expect(t, kind=L.KIND_LABELS.get(f.ref or "", f.ref or "").lower())
    return expect(t)


def check_value(f: Field, value: Any) -> tuple[Any, str | None]:
    """Coerce one value; returns ``(value, None)`` or ``(None, expectation)``."""
    if is_empty(value) and f.type not in ("bool", "refs", "json"):
        if f.default is not None:  # an empty cell or form field takes the default
            return f.default, None
        return None, (expect("required") if f.required else None)
    if f.type in ("refs", "json") and is_empty(value):
        return [], None
    try:
        return _coerce(f, value), None
    except (ValueError, TypeError, OverflowError):
        return None, expectation(f)


def validate(kind_name: str, data: dict[str, Any], partial: bool = False) -> dict[str, Any]:
    """Check and normalise a record of ``kind_name``; return the cleaned dict.

    Parameters
    ----------
    kind_name : a key of ``KINDS``.
    data : field → value; strings are accepted for every type (as typed in a form or a cell).
    partial : validate only the fields present (an update), not the missing required ones.

    Returns
    -------
    dict with the cleaned values (and defaults for missing optional fields when not partial).

    Raises
    ------
    ValidationError listing every problem (field label, value, expected) in French.
    """
    k = KINDS[kind_name]
    problems: list[Problem] = []
    out: dict[str, Any] = {}
    for name in data:
        if name != "id" and not k.has(name):
            problems.append(Problem(name, data[name], expect("unknown_field", fields=", ".join(k.field_names))))
    if "id" in data and not is_empty(data["id"]):
        rid = str(data["id"]).strip()
        if not ID_RE.match(rid):
            problems.append(Problem(L.FIELD_LABELS["id"], data["id"], expect("id")))
        out["id"] = rid
    for f in k.fields:
        if f.name not in data:
            if partial:
                continue
            if f.required and f.default is None:
                problems.append(Problem(f.label, None, expect("required")))
                continue
            default = f.default
            out[f.name] = list(default) if isinstance(default, tuple) else default
            continue
        value, error = check_value(f, data[f.name])
        if error:
            problems.append(Problem(f.label, data[f.name], error))
        else:
            out[f.name] = value
    problems.extend(cross_checks(kind_name, out))
    if kind_name == "persons" and not partial and not out.get("affiliation"):
        out["affiliation"] = default_affiliation(out.get("in_team"))
    if problems:
        raise ValidationError(problems, L.MESSAGES["invalid_record"].format(kind=k.label))
    return out


def cross_checks(kind_name: str, rec: dict[str, Any]) -> list[Problem]:
    """Rules that involve two fields of the same record."""
    problems = []
    if kind_name == "tasks" and rec.get("start_month") and rec.get("end_month"):
        if rec["end_month"] < rec["start_month"]:
            problems.append(Problem(L.FIELD_LABELS["end_month"], rec["end_month"], expect("month_order")))
    if kind_name in ("actions", "phases") and rec.get("start_date") and rec.get("end_date"):
        if rec["end_date"] < rec["start_date"]:
            problems.append(Problem(L.FIELD_LABELS["end_date"], rec["end_date"].isoformat(), expect("date_order")))
    for f in _self_references(kind_name):
        if rec.get(f.name) and rec.get(f.name) == rec.get("id"):
            problems.append(Problem(f.label, rec[f.name], expect("no_cycle")))
    if kind_name == "relations" and rec.get("source_id") and rec.get("source_id") == rec.get("target_id"):
        problems.append(Problem(L.FIELD_LABELS["target_id"], rec["target_id"], expect("distinct")))
    return problems


def default_affiliation(in_team: Any) -> str:
    """A person's affiliation when none is given: « interne » for a member of the project
    team (or unknown), « partenaire » otherwise — never « prestataire », which is said."""
    return V.AFFILIATION_PARTNER if in_team is False else V.AFFILIATION_INTERNAL


def self_references(kind_name: str) -> list[Field]:
    """The fields of a kind that point to the same kind (``actions.parent_id``): a tree,
    in which the store refuses cycles."""
    return list(_self_references(kind_name))


@functools.lru_cache(maxsize=None)
def _self_references(kind_name: str) -> tuple[Field, ...]:
    # Looked up for every record validated (cross_checks): the kinds are fixed at import.
    return tuple(f for f, target in references(kind_name) if target == kind_name and f.type == "ref")


def references(kind_name: str) -> Iterable[tuple[Field, str]]:
    """The ``(field, referenced kind)`` pairs of a kind."""
    for f in KINDS[kind_name].fields:
        if f.type in ("ref", "refs") and f.ref:
            yield f, f.ref


def months_between(start: str, end: str) -> list[str]:
    """The months from ``start`` to ``end`` inclusive, as ``AAAA-MM``.

    >>> months_between("2026-11", "2027-02")
    ['2026-11', '2026-12', '2027-01', '2027-02']
    """
    y, m = map(int, start.split("-"))
    ey, em = map(int, end.split("-"))
    out = []
    while (y, m) <= (ey, em):
        out.append(f"{y:04d}-{m:02d}")
        m += 1
        if m == 13:
            y, m = y + 1, 1
    return out


@overload
def add_months(month: str, n: int) -> str: ...
@overload
def add_months(month: dt.date, n: int) -> dt.date: ...


def add_months(month: str | dt.date, n: int) -> str | dt.date:
    """``month`` shifted by ``n`` months: a stored month ``AAAA-MM`` gives a month, a date gives
    the same day that many months later (the month's last day when it has fewer days).

    >>> add_months("2026-11", 3), add_months(dt.date(2026, 9, 1), 12), add_months(dt.date(2027, 1, 31), 1)
    ('2027-02', datetime.date(2027, 9, 1), datetime.date(2027, 2, 28))
    """
    if isinstance(month, dt.date):
        year, m = divmod(month.year * 12 + month.month - 1 + n, 12)
        m += 1
        next_first = dt.date(year + (m == 12), m % 12 + 1, 1)
        return dt.date(year, m, min(month.day, (next_first - dt.timedelta(days=1)).day))
    y, m = map(int, month.split("-"))
    total = y * 12 + (m - 1) + n
    return f"{total // 12:04d}-{total % 12 + 1:02d}"


def names(frames: Any, kind: str) -> dict[str, str]:
    """Identifier → name of the records of ``kind`` in ``frames`` (``store.frames()``); empty
    when the kind is absent, empty or has no names.

    >>> import pandas as pd
    >>> names({"actors": pd.DataFrame({"id": ["A1"], "name": ["Mairie"]})}, "actors"), names({}, "persons")
    ({'A1': 'Mairie'}, {})
    """
    df = frames.get(kind) if frames else None
    if df is None or not len(df) or "name" not in df:
        return {}
    return dict(zip(df["id"].tolist(), df["name"].tolist()))


def handover(project: dict[str, Any] | None) -> dict[str, str]:
    """What the deliverables' covers say of a project, each empty field given its meaning:
    ``client`` (else the territory), ``firm`` (else "": to fill in), ``version`` (else « 1 »),
    ``confidentiality`` (else "": the deliverable's standard notice).

    >>> handover({"territory": "Ville de Saint-Aubin", "firm": " Trame "})
    {'client': 'Ville de Saint-Aubin', 'firm': 'Trame', 'version': '1', 'confidentiality': ''}
    """
    p = project or {}

    def given(name: str) -> str:
        return "" if is_empty(p.get(name)) else str(p.get(name)).strip()

    return {"client": given("client") or given("territory"), "firm": given("firm"),
            "version": given("deliverable_version") or "1", "confidentiality": given("confidentiality")}
