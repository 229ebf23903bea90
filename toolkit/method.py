"""The method, step by step: the one registry of what each step produces.

Each step is declared once, here, as a :class:`MethodStep`: its analyses (functions of
the workshop's frames), its workbook sheets, its report sections, its sections on the
facilitator's board, its page's view and what that page builds ahead of its visitor —
all callables. Who the step is (key, number, title, the record kinds its participants
write, open or closed) stays in ``toolkit.steps``, at the bottom, because the store-level
code reads it (the write guard, the board's counts, the open/close switches).

The deliverables, the board and the pages read this registry and only this one:
:func:`workbook_sections` (the workbook, in method order), :func:`report_sections` (the
report: the restitution's opening, then each step in order), :func:`board_sections`
(the board, by each section's ``order``), :func:`views` (the steps opening inside the
welcome page) and :func:`step_page` (the code of every page of ``ateliers/``).

This module sits on top of every layer (``assemblage`` in ``tests/test_layers.py``): it
may import from all of them, none imports it. The machinery below takes what it shows
as a parameter (``excel.export.export_workbook(sections=…)``,
``report.build_report(sections=…)``, ``widgets.board.Board(store, sections)``,
``widgets.welcome.welcome_page(session, views)``); :func:`export_workbook`,
:func:`build_report` and :func:`write_report` here give them the method's.

Every part is imported when it is asked for, not with this module (hence the imports at
the top of each part): a page's kernel waiting for its visitor loads its own step's page
and nothing else (issue 17), an export never loads the widgets. A part that fails to
build fails where it is asked for — nothing here is optional or swallowed.

A new step (say « 10 — Évaluation »): its line in ``steps.py``, a subclass here that says
which analyses, sheets and sections it has, then ``register``::

    class Evaluation(MethodStep):
        key = "evaluation"

        def sheets(self):
            from . import evaluation
            from .excel.kinds import Hints, Section
            return (Section("evaluation.results", "Évaluation", "Étape 10 — …",
                            lambda ctx: evaluation.results(ctx.frames), Hints()),)

Example
-------
>>> [s.key for s in method_steps()][-3:]
['gouvernance', 'fiches_actions', 'restitution']
>>> [s.key for s in report_sections()][:4]
['synthese', 'scenarios', 'proposition', 'projet']
>>> sorted(views())
['accueil', 'animateur', 'competences', 'fiches_actions', 'gestion', 'parties_prenantes', 'raci']
"""
from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Sequence

from . import steps
from .core import labels as L
from .widgets import session as pages

if TYPE_CHECKING:
    from .core.store import Store
    from .core.workshop import Workshop
    from .excel.kinds import Section as Sheet
    from .report import Section as Chapter
    from .widgets.board import Section as Panel

View = Callable[..., Any]


class MethodStep:
    """One step as the method declares it. Subclass it, set ``key`` (a step of
    ``toolkit.steps``) and override the parts the step has; the others are empty."""

    key: str = ""

    @property
    def identity(self) -> steps.Step:
        """Who the step is (``toolkit.steps``): number, title, kinds, facilitator page."""
        return steps.get(self.key)

    @property
    def number(self) -> int:
        return self.identity.number

    @property
    def title(self) -> str:
        return self.identity.title

    def analyses(self) -> tuple[Callable[[dict[str, Any]], Any], ...]:
        """The step's analyses: functions of the workshop's frames (``store.frames()``)."""
        return ()

    def sheets(self) -> Sequence[Sheet]:
        """The step's sheets of the deliverable workbook, in order."""
        return ()

    def report(self) -> Sequence[Chapter]:
        """The step's sections of the report, in order."""
        return ()

    def board(self) -> Sequence[Panel]:
        """The step's sections on the facilitator's board."""
        return ()

    def view(self) -> View | None:
        """The function drawing the step's page (``view(session)``), or None without a page."""
        return None

    def ahead(self) -> Callable[[], Any] | None:
        """What builds, before the visitor comes, the widgets of the page that do not depend
        on who they are (the view then receives it as ``ahead=``); None when nothing is."""
        return None

    @property
    def has_page(self) -> bool:
        """True when the step declares a view (without importing it)."""
        return type(self).view is not MethodStep.view


# --- the pages that are not method steps ----------------------------------------------------

class Welcome(MethodStep):
    """0 — the welcome page: who you are, the steps open now, your profile."""

    key = "accueil"

    def board(self) -> Sequence[Panel]:
        from .widgets import board
        return (board.Section("profiles", L.BOARD["profiles_title"], board.profiles_section, order=30),)

    def view(self) -> View:
        from .widgets import welcome
        return partial(welcome.welcome_page, views=views())

    def ahead(self) -> Callable[[], Any]:
        from .widgets import welcome
        return partial(welcome.WelcomeAhead, views())


class FacilitatorBoard(MethodStep):
    """The facilitator's board for the projector: every step's board sections, live."""

    key = "animateur"

    def board(self) -> Sequence[Panel]:
        from .widgets import board
        return (board.Section("joined", L.BOARD["joined_title"], board.joined_section, order=10),
                board.Section("submissions", L.BOARD["submissions_title"], board.submissions_section, order=20),
                board.Section("latest", L.BOARD["latest_title"], board.latest_section, order=90))

    def view(self) -> View:
        from .widgets import board
        return partial(board.board_page, sections=board_sections())


class Management(MethodStep):
    """The facilitator's management page: links, tokens, steps opened and closed."""

    key = "gestion"

    def view(self) -> View:
        from .widgets import manage
        return manage.manage_page


# --- the method's steps -------------------------------------------------------------------

class Stakeholders(MethodStep):
    """2 — the stakeholders: Mendelow's power/interest grid, attitudes, the network."""

    key = "parties_prenantes"

    def analyses(self) -> tuple[Callable[..., Any], ...]:
        from . import stakeholders
        return (stakeholders.analyse,)

    def sheets(self) -> Sequence[Sheet]:
        from .excel import sections
        return sections.stakeholder_sections()

    def report(self) -> Sequence[Chapter]:
        from . import report
        return (report.Section("parties_prenantes", L.REPORT_SECTIONS["parties_prenantes"],
                               report.stakeholders_section),
                report.Section("carte", L.REPORT_SECTIONS["carte"], report.map_section))

    def board(self) -> Sequence[Panel]:
        from .widgets import board, stakeholders
        return (board.Section(self.key, L.STAKEHOLDER_PAGE["board_title"], stakeholders.board_section, order=40),)

    def view(self) -> View:
        from .widgets import stakeholders
        return stakeholders.stakeholders_page


class Competences(MethodStep):
    """3 — competences and motivations: Le Boterf's savoir, vouloir and pouvoir agir."""

    key = "competences"

    def analyses(self) -> tuple[Callable[..., Any], ...]:
        from . import competences
        return (competences.review_tables,)

    def sheets(self) -> Sequence[Sheet]:
        from .excel import sections
        return sections.competence_sections()

    def report(self) -> Sequence[Chapter]:
        from . import report
        return (report.Section(self.key, L.REPORT_SECTIONS[self.key], report.competences_section),)

    def board(self) -> Sequence[Panel]:
        from .widgets import board, self_assessment
        return (board.Section("auto_evaluation", L.SELF_ASSESSMENT["board_title"], self_assessment.board_section,
                              order=40),)

    def view(self) -> View:
        from .widgets import self_assessment
        return self_assessment.self_assessment_page


class Raci(MethodStep):
    """4 — who does what: the RACI matrix, its checks, the participants' proposals."""

    key = "raci"

    def analyses(self) -> tuple[Callable[..., Any], ...]:
        from . import raci
        return (raci.check, raci.proposals)

    def sheets(self) -> Sequence[Sheet]:
        from .excel import sections
        return sections.raci_sections()

    def report(self) -> Sequence[Chapter]:
        from . import report
        return (report.Section(self.key, L.REPORT_SECTIONS[self.key], report.raci_section),)

    def board(self) -> Sequence[Panel]:
        from .widgets import board, raci_proposals
        return (board.Section(self.key, L.RACI_PAGE["board_title"], raci_proposals.board_section, order=50),)

    def view(self) -> View:
        from .widgets import raci_proposals
        return raci_proposals.raci_page


class Workload(MethodStep):
    """5 — the workload plan: load per person and month against capacity."""

    key = "plan_de_charge"

    def analyses(self) -> tuple[Callable[..., Any], ...]:
        from . import workload
        return (workload.analyse,)

    def sheets(self) -> Sequence[Sheet]:
        from .excel import sections
        return sections.workload_sections()

    def report(self) -> Sequence[Chapter]:
        from . import report
        return (report.Section(self.key, L.REPORT_SECTIONS[self.key], report.workload_section),)


class Gaps(MethodStep):
    """6 — gaps between needs and resources, the method's remedies, scenarios."""

    key = "ecarts"

    def analyses(self) -> tuple[Callable[..., Any], ...]:
        from . import gaps
        return (gaps.competence_gaps, gaps.capacity_gaps, gaps.capacity_by_person, gaps.team_capacity,
                gaps.remedies)

    def sheets(self) -> Sequence[Sheet]:
        from .excel import sections
        return sections.gap_sections()

    def report(self) -> Sequence[Chapter]:
        from . import report
        return (report.Section(self.key, L.REPORT_SECTIONS[self.key], report.gaps_section),)


class Governance(MethodStep):
    """7 — governance: the bodies, their members, the meetings' calendar."""

    key = "gouvernance"

    def analyses(self) -> tuple[Callable[..., Any], ...]:
        from . import governance
        return (governance.bodies_table, governance.members_table, governance.meeting_calendar)

    def sheets(self) -> Sequence[Sheet]:
        from .excel import sections
        return sections.governance_sections()

    def report(self) -> Sequence[Chapter]:
        from . import report
        return (report.Section(self.key, L.REPORT_SECTIONS[self.key], report.governance_section),)


class ActionSheets(MethodStep):
    """8 — the action sheets and the project review."""

    key = "fiches_actions"

    def analyses(self) -> tuple[Callable[..., Any], ...]:
        from . import actions, review
        return (actions.sheets_overview, actions.sheets_tree, review.actions_by_state, review.budget_consumption,
                review.funding_by_cofunder)

    def sheets(self) -> Sequence[Sheet]:
        from .excel import sections
        return sections.action_sections()

    def report(self) -> Sequence[Chapter]:
        from . import report
        return (report.Section(self.key, L.REPORT_SECTIONS[self.key], report.sheets_section),
                report.Section("revue", L.REPORT_SECTIONS["revue"], report.review_section))

    def board(self) -> Sequence[Panel]:
        from .widgets import action_sheet, board
        return (board.Section(self.key, L.SHEET_PAGE["board_title"], action_sheet.latest_entries, order=80),)

    def view(self) -> View:
        from .widgets import action_sheet
        return action_sheet.action_sheets_page


class Restitution(MethodStep):
    """9 — the restitution. Its sections open the report: what to decide, the scenarios
    compared, the proposed staffing, the project (the steps' own sections follow)."""

    key = "restitution"

    def report(self) -> Sequence[Chapter]:
        from . import report
        S = L.REPORT_SECTIONS
        return (report.Section("synthese", S["synthese"], report.summary_section),
                report.Section("scenarios", S["scenarios"], report.scenarios_section),
                report.Section("proposition", S["proposition"], report.staffing_section),
                report.Section("projet", S["projet"], report.project_section))


# --- the registry ----------------------------------------------------------------------------

METHOD: dict[str, MethodStep] = {}
#: The step whose report sections open the report (the others follow in method order).
REPORT_OPENING = "restitution"


def register(step: MethodStep) -> MethodStep:
    """Add a step, or replace the step of the same key (in place)."""
    if step.key not in steps.STEPS:
        raise LookupError(L.METHOD["undeclared"].format(key=step.key))
    METHOD[step.key] = step
    return step


def unregister(key: str) -> None:
    """Remove a step (a test's own step, once done)."""
    METHOD.pop(key)


for _step in (Welcome(), FacilitatorBoard(), Management(), Stakeholders(), Competences(), Raci(), Workload(),
              Gaps(), Governance(), ActionSheets(), Restitution()):
    register(_step)


def method_steps() -> list[MethodStep]:
    """Every declared step in method order (the welcome and facilitator pages, numbered 0, first)."""
    return sorted(METHOD.values(), key=lambda s: s.number)


def get(key: str) -> MethodStep:
    """The step declared as ``key`` (a ``KeyError`` when there is none)."""
    return METHOD[key]


def workbook_sections() -> list[Sheet]:
    """The deliverable's analysis sheets: each step's, in method order."""
    return [sheet for step in method_steps() for sheet in step.sheets()]


def report_sections() -> list[Chapter]:
    """The report's sections: the restitution's opening, then each step's in method order."""
    ordered = sorted(method_steps(), key=lambda s: s.key != REPORT_OPENING)  # stable: method order kept
    return [section for step in ordered for section in step.report()]


def board_sections() -> list[Panel]:
    """The facilitator's board: every step's sections, by their ``order`` (then key)."""
    return sorted((p for step in method_steps() for p in step.board()), key=lambda p: (p.order, p.key))


def views() -> dict[str, Callable[[], View | None]]:
    """Step key -> what loads its page's view, for every step with a page (nothing imported)."""
    return {step.key: step.view for step in method_steps() if step.has_page}


def step_page(key: str, *, query: str | None = None, workshop: Workshop | None = None) -> Any:
    """The whole code of a page of ``ateliers/``: check who opens it, then draw the step.

    The step's view (and its module) is loaded first, while a preheated kernel waits for
    its visitor, so that only the person's own data is left to load when they arrive.

    Example (``ateliers/raci.ipynb``)::

        from toolkit.method import step_page

        session = step_page("raci")
    """
    step = get(key)
    view = step.view()
    if view is None:
        raise LookupError(L.METHOD["no_page"].format(key=key))
    return pages.step_page(key, view, step.ahead(), query=query, workshop=workshop)


# --- the method's deliverables ------------------------------------------------------------------

def export_workbook(store: Store, path: str | Path, sections: Sequence[Sheet] | None = None,
                    **options: Any) -> Path:
    """The deliverable workbook: ``excel.export.export_workbook`` with every step's sheets
    (:func:`workbook_sections`) unless ``sections`` says which; ``options`` are that function's."""
    from .excel import export
    return export.export_workbook(store, path, sections=workbook_sections() if sections is None else sections,
                                  **options)


def build_report(ws: Workshop, sections: Sequence[Chapter] | None = None, **options: Any) -> str:
    """The report as HTML: ``report.build_report`` with every step's sections
    (:func:`report_sections`) unless ``sections`` says which."""
    from . import report
    return report.build_report(ws, sections=report_sections() if sections is None else sections, **options)


def write_report(ws: Workshop, sections: Sequence[Chapter] | None = None, **options: Any) -> dict[str, Path]:
    """The report written as HTML and PDF: ``report.write_report`` with every step's sections
    (:func:`report_sections`) unless ``sections`` says which; ``options`` are that function's."""
    from . import report
    return report.write_report(ws, sections=report_sections() if sections is None else sections, **options)
