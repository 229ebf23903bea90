"""The ``maillage`` command: a thin layer over the toolkit, in French.

Each sub-command parses its arguments, calls a toolkit function and turns a
``MaillageError`` into a message without traceback and a non-zero exit code.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable

from . import labels as L
from .errors import MaillageError
from .workshop import Workshop


def _creer(args: argparse.Namespace) -> int:
    ws = Workshop.create(args.atelier, url=args.url)
    print(f"Atelier créé dans {ws.folder} (magasin : {ws.url})")
    return 0


def _demo(args: argparse.Namespace) -> int:
    from .demo import build_demo

    folder = Path(args.atelier)
    if args.reconstruire and folder.exists():
        import shutil

        shutil.rmtree(folder)
    if not (folder / "atelier.json").exists():
        print(f"» Construction de l'atelier de démonstration dans {folder.resolve()}…")
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
    print("Liens des participants :")
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
    import datetime as dt

    try:
        return dt.datetime.fromisoformat(str(iso)).strftime("%d/%m/%Y à %H:%M")
    except ValueError:
        return "?"


def _progress(done: int, total: int, message: str) -> None:
    """One progress line on stderr, rewritten in place."""
    print(f"\r{message} : {done}/{total}\033[K", end="", file=sys.stderr, flush=True)


def _gabarits(args: argparse.Namespace) -> int:
    from . import labels as L
    from .excel.template import write_templates

    paths = write_templates(args.sortie)
    print(L.EXCEL_TEXT["templates_written"].format(paths=", ".join(str(p) for p in paths)))
    return 0


def _importer(args: argparse.Namespace) -> int:
    from . import labels as L
    from .errors import ValidationError
    from .excel.importer import import_workbook

    ws = Workshop.open(args.atelier)
    try:
        counts = import_workbook(args.fichier, ws.store, by=args.par, progress=_progress)
    except ValidationError as exc:
        print(file=sys.stderr)
        shown = exc.problems if args.tous else exc.problems[:args.limite]
        print(f"Erreur : {exc.title} ({len(exc.problems)} problème{'s' if len(exc.problems) > 1 else ''}) :",
              file=sys.stderr)
        for problem in shown:
            print(f"  - {problem}", file=sys.stderr)
        if len(shown) < len(exc.problems):
            print(L.EXCEL_TEXT["import_more"].format(count=len(exc.problems) - len(shown)), file=sys.stderr)
        return 2
    print(file=sys.stderr)
    print(L.EXCEL_TEXT["import_done"].format(count=sum(counts.values()), folder=ws.folder))
    return 0


def _exporter(args: argparse.Namespace) -> int:
    from . import labels as L
    from .excel.export import export_workbook, default_export_path

    ws = Workshop.open(args.atelier)
    path = Path(args.sortie) if args.sortie else default_export_path(ws, args.pseudonymiser)
    export_workbook(ws.store, path, pseudonymise=args.pseudonymiser, progress=_progress)
    print(file=sys.stderr)
    print(L.EXCEL_TEXT["export_done"].format(path=path))
    return 0


def _lettres(args: argparse.Namespace) -> int:
    from .letters import write_letters

    ws = Workshop.open(args.atelier)
    paths = write_letters(ws, template=Path(args.modele) if args.modele else None)
    folder = paths[0].parent if paths else ws.exports_dir / "lettres"
    print(f"{len(paths)} lettres de mission écrites dans {folder}")
    return 0


def _calendrier(args: argparse.Namespace) -> int:
    from .governance import HOLIDAYS_IGNORE, HOLIDAYS_MOVE, calendar_ics, meeting_calendar

    ws = Workshop.open(args.atelier)
    frames = ws.store.frames()
    holidays = HOLIDAYS_IGNORE if args.jours_feries == "ignorer" else HOLIDAYS_MOVE
    calendar = meeting_calendar(frames, holidays=holidays, subdivision=args.subdivision)
    project = ws.store.project() or {}
    target = Path(args.sortie) if args.sortie else ws.exports_dir / "calendrier_instances.ics"
    target.write_bytes(calendar_ics(calendar, project.get("name", ""), frames))
    for row in calendar.itertuples(index=False):
        moved = f"  (décalée du {row.planned_date:%d/%m/%Y} : {row.holiday})" if row.moved else ""
        print(f"{row.date:%d/%m/%Y}  {row.body}{moved}")
    print(f"{len(calendar)} réunions ; calendrier iCalendar écrit dans {target}")
    return 0


def _restitution(args: argparse.Namespace) -> int:
    from .report import write_report

    ws = Workshop.open(args.atelier)
    paths = write_report(ws, folder=Path(args.sortie) if args.sortie else None, pdf=not args.sans_pdf)
    for kind, path in paths.items():
        print(f"Restitution {kind.upper()} : {path}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="maillage", description="Maillage : ateliers de diagnostic et de staffing.")
    sub = parser.add_subparsers(dest="commande", required=True, metavar="COMMANDE")

    def add(name: str, help: str, fn: Callable[[argparse.Namespace], int]) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help)
        p.set_defaults(fn=fn)
        p.add_argument("--atelier", required=name != "demo", default=".demo", metavar="DOSSIER",
                       help="dossier de l'atelier")
        return p

    def server_options(p: argparse.ArgumentParser, links_only: bool = False) -> None:
        # liens: no default, so that the address the workshop is served on is used
        p.add_argument("--hote", default=None if links_only else "127.0.0.1", help=L.SERVE["address_help"])
        p.add_argument("--port", type=int, default=None if links_only else 8866)
        p.add_argument("--adresse-publique", default=None, metavar="URL", help=L.SERVE["public_help"])
        if not links_only:
            p.add_argument("--participants", default=10, metavar="N", help=L.SERVE["participants_help"])

    p = add("creer", "Créer un atelier vide.", _creer)
    p.add_argument("--url", default=None, help="URL du magasin (par défaut : SQLite dans le dossier)")
    p = add("demo", "Construire l'atelier de démonstration et servir ses pages.", _demo)
    server_options(p)
    p.add_argument("--reconstruire", action="store_true", help="repartir d'un atelier de démonstration neuf")
    p.add_argument("--sans-serveur", action="store_true", help="construire seulement, sans servir")
    p = add("servir", "Servir les pages participants d'un atelier avec Voilà.", _servir)
    server_options(p)
    p = add("liens", "Afficher le lien de chaque participant (sur l'adresse où l'atelier est servi).", _liens)
    server_options(p, links_only=True)
    p = sub.add_parser("gabarits", help="Générer les gabarits Excel d'import (vierge et exemple rempli).",
                       description="Générer les gabarits Excel d'import (vierge et exemple rempli).")
    p.set_defaults(fn=_gabarits)
    p.add_argument("--sortie", default="gabarits_excel", metavar="DOSSIER", help="dossier où les écrire")
    p = add("importer", "Importer un classeur Excel dans un atelier (tout ou rien).", _importer)
    p.add_argument("fichier", metavar="FICHIER.xlsx", help="classeur au format du gabarit d'import")
    p.add_argument("--par", default="import Excel", help="qui importe (gardé dans l'historique)")
    p.add_argument("--tous", action="store_true", help="afficher tous les problèmes, même très nombreux")
    p.add_argument("--limite", type=int, default=200, help=argparse.SUPPRESS)
    p = add("exporter", "Exporter le classeur de restitution d'un atelier.", _exporter)
    p.add_argument("--sortie", default=None, metavar="FICHIER.xlsx",
                   help="fichier à écrire (par défaut : exports/ dans le dossier de l'atelier)")
    p.add_argument("--pseudonymiser", action="store_true",
                   help="remplacer les noms des personnes par des pseudonymes stables")
    p = add("lettres", "Écrire la lettre de mission de chaque personne (.docx, dans exports/lettres/).", _lettres)
    p.add_argument("--modele", default=None, metavar="FICHIER.docx",
                   help="modèle de lettre (par défaut : gabarits/lettre_de_mission.docx de l'atelier, sinon celui de Maillage)")
    p = add("calendrier", "Calculer le calendrier des instances et l'écrire au format iCalendar (.ics).", _calendrier)
    p.add_argument("--jours-feries", choices=["decaler", "ignorer"], default="decaler",
                   help="décaler au jour ouvré suivant une réunion tombant un jour férié (par défaut) ou l'ignorer")
    p.add_argument("--subdivision", default=None, help="jours fériés locaux, p. ex. 57 (Moselle), 974 (La Réunion)")
    p.add_argument("--sortie", default=None, metavar="FICHIER.ics", help="par défaut : exports/calendrier_instances.ics")
    p = add("restitution", "Écrire la restitution de l'atelier en HTML autonome et en PDF (LibreOffice).", _restitution)
    p.add_argument("--sans-pdf", action="store_true", help="écrire seulement le HTML")
    p.add_argument("--sortie", default=None, metavar="DOSSIER", help="par défaut : exports/restitution/")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.fn(args) or 0)
    except MaillageError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
