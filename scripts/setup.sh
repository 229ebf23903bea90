#!/usr/bin/env bash
# Prepares a fresh machine: a virtualenv in .venv with Maillage installed (editable).
# Usage: source scripts/setup.sh [extras]   e.g. "test" — idempotent, fast when already done.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EXTRAS="${1:-}"
PY="${PYTHON:-python3}"
if [ ! -x "$ROOT/.venv/bin/python" ]; then
  echo "» Création de l'environnement Python (.venv)…"
  "$PY" -m venv "$ROOT/.venv"
fi
STAMP="$ROOT/.venv/.maillage-installed-${EXTRAS:-base}"
if [ ! -f "$STAMP" ] || [ "$ROOT/pyproject.toml" -nt "$STAMP" ]; then
  echo "» Installation des dépendances${EXTRAS:+ ($EXTRAS)}…"
  SPEC="."
  [ -n "$EXTRAS" ] && SPEC=".[$EXTRAS]"
  # The machine's pip config lists local mirrors that may be absent: hide those warnings only.
  LOG="$(mktemp)"
  status=0
  (cd "$ROOT" && "$ROOT/.venv/bin/python" -m pip install -q -e "$SPEC") >"$LOG" 2>&1 || status=$?
  grep -v -e "^WARNING: Location 'file:" "$LOG" || true
  rm -f "$LOG"
  [ "$status" -eq 0 ] || { echo "Échec de l'installation (pip, code $status)" >&2; exit "$status"; }
  touch "$STAMP"
fi
