#!/usr/bin/env bash
# First command of the README: installs what is needed, builds the demo workshop in .demo/
# (kept between runs) and serves its participant pages with Voilà on 127.0.0.1.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/setup.sh"
exec "$ROOT/.venv/bin/maillage" demo --atelier "$ROOT/.demo" "$@"
