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
