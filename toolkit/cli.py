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
    from .serve import (advertised_host, check_participants, facilitator_url, join_links, pool_sizes, serve,
                        served_pages, write_join_sheet)

    participants = check_participants(args.participants)
    ws = Workshop.open(args.atelier)
    project = ws.store.project()
    public = advertised_host(args.hote)
    print(L.SERVE["workshop"].format(name=project["name"] if project else ws.folder))
    print("Liens des participants :")
    for link in join_links(ws, public, args.port):
        print(f"  {link['name']:<32} {link['url']}")
    print(L.SERVE["join_sheet"].format(path=write_join_sheet(ws, public, args.port)))
    print(L.SERVE["facilitator_link"].format(url=facilitator_url(ws, public, args.port)))
    sizes = pool_sizes(participants, served_pages())
    others = [n for page, n in sizes.items() if page != "accueil.ipynb"]
    print(L.SERVE["pool"].format(pool=sizes.get("accueil.ipynb", 0), other=max(others, default=0),
                                 participants=participants))
    print(L.SERVE["stop"], flush=True)
    return serve(ws, host=args.hote, port=args.port, participants=participants)


def _liens(args: argparse.Namespace) -> int:
    from .serve import join_links

    for link in join_links(Workshop.open(args.atelier), args.hote, args.port):
        print(f"{link['id']}\t{link['name']}\t{link['url']}")
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

    def server_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--hote", default="127.0.0.1", help="adresse d'écoute (0.0.0.0 pour le réseau de la salle)")
        p.add_argument("--port", type=int, default=8866)
        p.add_argument("--participants", default=10, metavar="N", help=L.SERVE["participants_help"])

    p = add("creer", "Créer un atelier vide.", _creer)
    p.add_argument("--url", default=None, help="URL du magasin (par défaut : SQLite dans le dossier)")
    p = add("demo", "Construire l'atelier de démonstration et servir ses pages.", _demo)
    server_options(p)
    p.add_argument("--reconstruire", action="store_true", help="repartir d'un atelier de démonstration neuf")
    p.add_argument("--sans-serveur", action="store_true", help="construire seulement, sans servir")
    p = add("servir", "Servir les pages participants d'un atelier avec Voilà.", _servir)
    server_options(p)
    p = add("liens", "Afficher le lien de chaque participant.", _liens)
    server_options(p)
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
