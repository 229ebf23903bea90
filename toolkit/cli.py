"""The ``maillage`` command: a thin layer over the toolkit, in French.

Each sub-command parses its arguments, calls a toolkit function and turns a
``MaillageError`` into a message without traceback and a non-zero exit code.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable

from .core import labels as L
from .core.errors import MaillageError
from .core.vocabulary import CONFIRM_WORDS
from .core.workshop import Workshop


def _creer(args: argparse.Namespace) -> int:
    ws = Workshop.create(args.atelier, url=args.url)
    print(L.CLI["created"].format(folder=ws.folder, url=ws.url))
    print(L.CARNET["created_next"].format(folder=ws.folder))
    return 0


def lab_command(folder: Path, port: int | None = None, browser: bool = True) -> tuple[list[str], dict[str, str]]:
    """The JupyterLab command line and environment that open the carnets on ``folder``'s workshop.

    JupyterLab starts in ``carnets/`` of this checkout; its kernels inherit
    ``MAILLAGE_ATELIER``, so every carnet reads that workshop (and says so in its banner).
    """
    import os

    from .notebook import REPO_ROOT
    from .core.workshop import ENV_FOLDER

    command = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={REPO_ROOT / 'carnets'}"]
    if port is not None:
        command.append(f"--port={port}")
    if not browser:
        command.append("--no-browser")
    env = {**os.environ, ENV_FOLDER: str(Path(folder).resolve())}
    return command, env


def _carnets(args: argparse.Namespace) -> int:
    import subprocess

    ws = Workshop.open(args.atelier)  # refuses a folder without a workshop, in French
    command, env = lab_command(ws.folder, args.port, browser=not args.sans_navigateur)
    print(L.CARNET["lab_opening"].format(folder=ws.folder))
    print(L.CARNET["lab_stop"], flush=True)
    try:
        return subprocess.call(command, env=env)
    except KeyboardInterrupt:
        return 0


def _demo(args: argparse.Namespace) -> int:
    from .demo import build_demo

    folder = Path(args.atelier)
    if args.reconstruire and folder.exists():
        import shutil

        shutil.rmtree(folder)
    if not (folder / "atelier.json").exists():
        print(L.CLI["demo_building"].format(folder=folder.resolve()))
        ws = Workshop.create(folder)
        build_demo(ws.store)
    if args.sans_serveur:
        return 0
    return _servir(args)


def _servir(args: argparse.Namespace) -> int:
    from .serve import (check_participants, check_public_address, facilitator_url, join_links, links_root,
                        pool_sizes, serve, served_pages, write_join_sheet)

    participants = check_participants(args.participants)
    public = check_public_address(args.adresse_publique)
    ws = Workshop.open(args.atelier)
    project = ws.store.project()
    root = links_root(args.hote, args.port, public)
    print(L.SERVE["workshop"].format(name=project["name"] if project else ws.folder))
    _say_where(args.hote, root, public)
    print(L.CLI["participant_links"])
    for link in join_links(ws, args.hote, args.port, root):
        print(f"  {link['name']:<32} {link['url']}")
    print(L.SERVE["join_sheet"].format(path=write_join_sheet(ws, args.hote, args.port, root)))
    print(L.SERVE["facilitator_link"].format(url=facilitator_url(ws, args.hote, args.port, root)))
    sizes = pool_sizes(participants, served_pages())
    others = [n for page, n in sizes.items() if page != "accueil.ipynb"]
    print(L.SERVE["pool"].format(pool=sizes.get("accueil.ipynb", 0), other=max(others, default=0),
                                 participants=participants))
    print(L.SERVE["stop"], flush=True)
    return serve(ws, host=args.hote, port=args.port, participants=participants, public=public)


def _say_where(host: str, root: str, public: str | None) -> None:
    """Tell the consultant whether phones in the room can open the links (warnings in French)."""
    from urllib.parse import urlsplit

    from .serve import ALL_INTERFACES, is_loopback

    if public:
        return
    if host in ALL_INTERFACES:
        if is_loopback(urlsplit(root).hostname):
            print(L.SERVE["no_room_address"], file=sys.stderr, flush=True)
        else:
            print(L.SERVE["room_address"].format(address=urlsplit(root).hostname))
    elif is_loopback(host) and is_loopback(urlsplit(root).hostname):
        print(L.SERVE["loopback"].format(host=host), file=sys.stderr, flush=True)


def _liens(args: argparse.Namespace) -> int:
    from .serve import check_public_address, join_links, links_root, served_address

    ws = Workshop.open(args.atelier)
    public = check_public_address(args.adresse_publique)
    served = served_address(ws)
    if public or args.hote is not None or args.port is not None:  # asked for explicitly
        root = links_root(args.hote or "127.0.0.1", args.port or 8866, public)
        note = L.SERVE["links_given"].format(root=root)
    elif served is not None:
        root = served["links_root"]
        note = L.SERVE["links_served" if served["running"] else "links_last"].format(
            root=root, since=_when(served.get("since")))
    else:
        root = links_root("127.0.0.1", 8866)
        note = L.SERVE["links_never"].format(root=root)
    print(note, file=sys.stderr, flush=True)
    for link in join_links(ws, "127.0.0.1", 8866, root):
        print(f"{link['id']}\t{link['name']}\t{link['url']}")
    return 0


def _when(iso: str | None) -> str:
    from .core import formats as F

    try:
        return F.plain(F.moment(iso, missing=L.CLI["unknown_when"]))
    except ValueError:
        return L.CLI["unknown_when"]


def _progress(done: int, total: int, message: str) -> None:
    """One progress line on stderr, rewritten in place."""
    print("\r" + L.CLI["progress"].format(message=message, done=done, total=total) + "\033[K", end="", file=sys.stderr,
          flush=True)


def _gabarits(args: argparse.Namespace) -> int:
    from .core import labels as L
    from .excel.template import write_templates

    paths = write_templates(args.sortie)
    print(L.EXCEL_TEXT["templates_written"].format(paths=", ".join(str(p) for p in paths)))
    return 0


def _print_problems(title: str, problems: list, args: argparse.Namespace) -> None:
    """Every problem (or the first ``--limite``) on stderr, with where it is."""
    from .core import formats as F

    shown = problems if args.tous else problems[:args.limite]
    print(L.CLI["problems"].format(title=title, problems=F.plain(F.count(len(problems), L.CLI["problem"]))),
          file=sys.stderr)
    for problem in shown:
        print(f"  - {problem}", file=sys.stderr)
    if len(shown) < len(problems):
        print(L.EXCEL_TEXT["import_more"].format(count=len(problems) - len(shown)), file=sys.stderr)


def _importer(args: argparse.Namespace) -> int:
    from .core import labels as L
    from .core.errors import ValidationError
    from .excel.importer import import_workbook

    ws = Workshop.open(args.atelier)
    if args.mettre_a_jour:
        return _update(args, ws)
    try:
        counts = import_workbook(args.fichier, ws.store, by=args.par, progress=_progress, folder=ws.folder)
    except ValidationError as exc:
        print(file=sys.stderr)
        _print_problems(exc.title, exc.problems, args)
        return 2
    print(file=sys.stderr)
    print(L.EXCEL_TEXT["import_done"].format(count=sum(counts.values()), folder=ws.folder))
    return 0


def _update(args: argparse.Namespace, ws: Workshop) -> int:
    """``importer --mettre-a-jour``: preview the changes, ask, then write them all or none."""
    from .core import labels as L
    from .core.errors import ValidationError
    from .excel.importer import apply_plan, plan_import

    T = L.EXCEL_TEXT
    plan = plan_import(ws.store, args.fichier, update=True, folder=ws.folder, progress=_progress)
    print(file=sys.stderr)
    if plan.problems:
        _print_problems(T["update_refused"], plan.problems, args)
        return 2
    if plan.empty:
        print(T["update_none"])
        return 0
    for line in plan.lines():
        print(line)
    print(plan.summary())
    if not args.oui:
        try:
            answer = input(T["update_confirm"])
        except EOFError:
            answer = ""
        if answer.strip().lower() not in CONFIRM_WORDS:
            print(T["update_cancelled"])
            return 1
    try:
        apply_plan(ws.store, plan, by=args.par, progress=_progress)
    except ValidationError as exc:
        print(file=sys.stderr)
        _print_problems(exc.title, exc.problems, args)
        return 2
    print(file=sys.stderr)
    print(T["update_done"].format(**plan.counts(), folder=ws.folder))
    return 0


def _exporter(args: argparse.Namespace) -> int:
    from .core import labels as L
    from .excel.export import default_export_path
    from .method import export_workbook

    ws = Workshop.open(args.atelier)
    counts = ws.summary()["counts"]
    if not any(counts.values()):
        raise MaillageError(L.CARNET["export_empty"].format(folder=ws.folder))
    path = Path(args.sortie) if args.sortie else default_export_path(ws, args.pseudonymiser, args.date)
    export_workbook(ws.store, path, pseudonymise=args.pseudonymiser, progress=_progress, today=args.date,
                    firm=args.cabinet or "", version=args.version or "")
    print(file=sys.stderr)
    print(L.EXCEL_TEXT["export_done"].format(path=path))
    return 0


def _date_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--date", default=None, metavar="AAAA-MM-JJ", type=_day,
                   help=L.CLI_HELP["date"])


def _day(text: str):  # type: ignore[no-untyped-def]
    from .core.formats import as_date

    try:
        return as_date(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(L.CLI["bad_date"].format(value=text)) from exc


def _lettres(args: argparse.Namespace) -> int:
    from .core import french as W
    from .letters import find_persons, signatory, write_letters

    ws = Workshop.open(args.atelier)
    frames = ws.store.frames()
    ids = find_persons(frames, args.personne) if args.personne else None
    paths = write_letters(ws, template=Path(args.modele) if args.modele else None, person_ids=ids, today=args.date)
    folder = paths[0].parent if paths else ws.exports_dir / "lettres"
    key = "written_1" if len(paths) == 1 else "written"
    print(L.LETTER_LABELS[key].format(n=len(paths), folder=folder))
    if len(frames["persons"]):
        main_signatory = signatory(frames)
        key = "signed_by" if main_signatory.person_id else "signed_by_nobody"
        print(L.LETTER_LABELS[key].format(name=main_signatory.name, title=main_signatory.title,
                                           reason=main_signatory.reason))
        persons = dict(zip(frames["persons"]["id"], frames["persons"]["name"]))
        for pid in ids if ids is not None else list(persons):
            own = signatory(frames, pid)
            if own.person_id != main_signatory.person_id or own.reason != main_signatory.reason:
                print(L.LETTER_LABELS["signed_by_own"].format(of_person=W.de(persons[pid]), name=own.name,
                                                               title=own.title, reason=own.reason))
    return 0


def _body_id(frames, text: str) -> str:  # type: ignore[no-untyped-def]
    """A body from its identifier or its name as typed (case and accents free)."""
    from .core.model import fold

    bodies = frames["bodies"]
    if text in set(bodies["id"]):
        return text
    hits = bodies[bodies["name"].map(fold).str.contains(fold(text), regex=False)]
    if len(hits) != 1:
        raise MaillageError(L.CLI["unknown_body"].format(value=text, choices=", ".join(bodies["name"])))
    return str(hits.iloc[0]["id"])


def _calendrier(args: argparse.Namespace) -> int:
    from .core import formats as F
    from .governance import (HOLIDAYS_IGNORE, HOLIDAYS_MOVE, calendar_ics, cancel_meeting, meeting_calendar,
                             move_meeting, restore_meeting)

    ws = Workshop.open(args.atelier)
    frames = ws.store.frames()
    if args.deplacer:
        body, planned, to = args.deplacer
        move_meeting(ws.store, _body_id(frames, body), _day(planned), _day(to), reason=args.motif, by=args.par)
        print(L.CLI["moved"].format(date=F.date_long(_day(planned)), to=F.meeting(_day(to))))
    if args.annuler:
        body, planned = args.annuler
        cancel_meeting(ws.store, _body_id(frames, body), _day(planned), reason=args.motif, by=args.par)
        print(L.CLI["cancelled"].format(date=F.date_long(_day(planned))))
    if args.retablir:
        body, planned = args.retablir
        restore_meeting(ws.store, _body_id(frames, body), _day(planned), by=args.par)
        print(L.CLI["restored"].format(date=F.date_long(_day(planned))))
    frames = ws.store.frames()
    holidays = HOLIDAYS_IGNORE if args.jours_feries == "ignorer" else HOLIDAYS_MOVE
    calendar = meeting_calendar(frames, holidays=holidays, subdivision=args.subdivision)
    project = ws.store.project() or {}
    target = Path(args.sortie) if args.sortie else ws.exports_dir / "calendrier_instances.ics"
    target.write_bytes(calendar_ics(calendar, project.get("name", ""), frames))
    shown = calendar if args.date is None else calendar[calendar["date"] >= args.date]
    for row in shown.itertuples(index=False):
        note = ""
        if row.cancelled:
            note = "  " + L.CLI["note_cancelled"].format(reason=row.reason or "—")
        elif row.rescheduled:
            note = "  " + L.CLI["note_rescheduled"].format(date=F.date_short(row.planned_date), reason=row.reason or "—")
        elif row.moved:
            note = "  " + L.CLI["note_moved"].format(date=F.date_short(row.planned_date), holiday=row.holiday)
        print(f"{F.plain(F.meeting(row.date, row.time))}  {row.body}{note}")
    print(L.CLI["calendar_written"].format(meetings=F.plain(F.count(len(calendar), L.CLI["meeting"])), path=target))
    return 0


def _restitution(args: argparse.Namespace) -> int:
    from .method import write_report

    ws = Workshop.open(args.atelier)
    paths = write_report(ws, folder=Path(args.sortie) if args.sortie else None, pdf=not args.sans_pdf,
                         today=args.date)
    for kind, path in paths.items():
        print(L.CLI["report_written"].format(kind=kind.upper(), path=path))
    return 0


def _revue(args: argparse.Namespace) -> int:
    import datetime as dt

    from .core import formats as F
    from . import review as R
    from .minutes import write_minutes

    ws = Workshop.open(args.atelier)
    today = args.date or dt.date.today()
    board = R.review_dashboard(ws.store, today=today)
    C = L.CLI
    print(C["review_day"].format(date=F.meeting(today)))
    for key, title in (("late", C["review_late"]), ("stalled", C["review_stalled"]),
                       ("without_pilot", C["review_without_pilot"])):
        frame = board[key]
        print(title.format(actions=F.plain(F.count(len(frame), C["action"]))))
        for row in frame.itertuples(index=False):
            print(f"  - {row.name}" + (f" ({row.pilot})" if hasattr(row, "pilot") else ""))
    print(C["review_next"].format(when=F.plain(board["next_review_text"])) if board["next_review_text"]
          else C["review_no_next"])
    if board["last_review"] is not None or args.revue:
        path = write_minutes(ws, review_id=args.revue, folder=Path(args.sortie) if args.sortie else None, today=today)
        print(L.MINUTES["written"].format(path=path))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="maillage", description=L.CLI_HELP["maillage"])
    sub = parser.add_subparsers(dest="commande", required=True, metavar="COMMANDE")

    def add(name: str, fn: Callable[[argparse.Namespace], int]) -> argparse.ArgumentParser:
        help = L.CLI_HELP[name]
        p = sub.add_parser(name, help=help, description=help)
        p.set_defaults(fn=fn)
        p.add_argument("--atelier", required=name != "demo", default=".demo", metavar="DOSSIER",
                       help=L.CLI_HELP["atelier"])
        return p

    def server_options(p: argparse.ArgumentParser, links_only: bool = False) -> None:
        # liens: no default, so that the address the workshop is served on is used
        p.add_argument("--hote", default=None if links_only else "127.0.0.1", help=L.SERVE["address_help"])
        p.add_argument("--port", type=int, default=None if links_only else 8866)
        p.add_argument("--adresse-publique", default=None, metavar="URL", help=L.SERVE["public_help"])
        if not links_only:
            p.add_argument("--participants", default=10, metavar="N", help=L.SERVE["participants_help"])

    p = add("creer", _creer)
    p.add_argument("--url", default=None, help=L.CLI_HELP["creer.url"])
    p = add("carnets", _carnets)
    p.add_argument("--port", type=int, default=None, help=L.CLI_HELP["carnets.port"])
    p.add_argument("--sans-navigateur", action="store_true", help=L.CLI_HELP["carnets.sans_navigateur"])
    p = add("demo", _demo)
    server_options(p)
    p.add_argument("--reconstruire", action="store_true", help=L.CLI_HELP["demo.reconstruire"])
    p.add_argument("--sans-serveur", action="store_true", help=L.CLI_HELP["demo.sans_serveur"])
    p = add("servir", _servir)
    server_options(p)
    p = add("liens", _liens)
    server_options(p, links_only=True)
    p = sub.add_parser("gabarits", help=L.CLI_HELP["gabarits"], description=L.CLI_HELP["gabarits"])
    p.set_defaults(fn=_gabarits)
    p.add_argument("--sortie", default="gabarits_excel", metavar="DOSSIER", help=L.CLI_HELP["gabarits.sortie"])
    p = add("importer", _importer)
    p.add_argument("fichier", metavar="FICHIER.xlsx", help=L.CLI_HELP["importer.fichier"])
    p.add_argument("--par", default=L.CLI["by_import"], help=L.CLI_HELP["importer.par"])
    p.add_argument("--tous", action="store_true", help=L.CLI_HELP["importer.tous"])
    p.add_argument("--limite", type=int, default=200, help=argparse.SUPPRESS)
    p.add_argument("--mettre-a-jour", action="store_true",
                   help=L.CLI_HELP["importer.mettre_a_jour"])
    p.add_argument("--oui", action="store_true", help=L.CLI_HELP["importer.oui"])
    p = add("exporter", _exporter)
    p.add_argument("--sortie", default=None, metavar="FICHIER.xlsx",
                   help=L.CLI_HELP["exporter.sortie"])
    p.add_argument("--pseudonymiser", action="store_true",
                   help=L.CLI_HELP["exporter.pseudonymiser"])
    p.add_argument("--cabinet", default=None, metavar="NOM", help=L.CLI_HELP["exporter.cabinet"])
    p.add_argument("--version", default=None, metavar="TEXTE", help=L.CLI_HELP["exporter.version"])
    _date_option(p)
    p = add("lettres", _lettres)
    p.add_argument("--modele", default=None, metavar="FICHIER.docx",
                   help=L.CLI_HELP["lettres.modele"])
    p.add_argument("--personne", action="append", default=None, metavar="ID_OU_NOM",
                   help=L.CLI_HELP["lettres.personne"])
    _date_option(p)
    p = add("calendrier", _calendrier)
    p.add_argument("--jours-feries", choices=["decaler", "ignorer"], default="decaler",
                   help=L.CLI_HELP["calendrier.jours_feries"])
    p.add_argument("--subdivision", default=None, help=L.CLI_HELP["calendrier.subdivision"])
    p.add_argument("--sortie", default=None, metavar="FICHIER.ics", help=L.CLI_HELP["calendrier.sortie"])
    p.add_argument("--deplacer", nargs=3, metavar=("INSTANCE", "DATE", "NOUVELLE_DATE"), default=None,
                   help=L.CLI_HELP["calendrier.deplacer"])
    p.add_argument("--annuler", nargs=2, metavar=("INSTANCE", "DATE"), default=None, help=L.CLI_HELP["calendrier.annuler"])
    p.add_argument("--retablir", nargs=2, metavar=("INSTANCE", "DATE"), default=None,
                   help=L.CLI_HELP["calendrier.retablir"])
    p.add_argument("--motif", default="", help=L.CLI_HELP["calendrier.motif"])
    p.add_argument("--par", default=L.FACILITATOR_BY, help=L.CLI_HELP["calendrier.par"])
    _date_option(p)
    p = add("restitution", _restitution)
    p.add_argument("--sans-pdf", action="store_true", help=L.CLI_HELP["restitution.sans_pdf"])
    p.add_argument("--sortie", default=None, metavar="DOSSIER", help=L.CLI_HELP["restitution.sortie"])
    _date_option(p)
    p = add("revue", _revue)
    p.add_argument("--revue", default=None, metavar="ID", help=L.CLI_HELP["revue.revue"])
    p.add_argument("--sortie", default=None, metavar="DOSSIER", help=L.CLI_HELP["revue.sortie"])
    _date_option(p)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.fn(args) or 0)
    except MaillageError as exc:
        print(L.CLI["error"].format(error=exc), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
