#!/usr/bin/env bash
# Second command of the README: installs the test extras and system packages, runs the suite.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/system-deps.sh"
bash "$ROOT/scripts/setup.sh" test
# The store tests run on SQLite and on PostgreSQL: a throw-away server on loopback unless
# MAILLAGE_TEST_PG_URL already names one. If it cannot start, the PostgreSQL tests fail
# under CI (CI set) rather than being skipped (tests/conftest.py).
if [ -z "${MAILLAGE_TEST_PG_URL:-}" ]; then
  if PG_URL="$(bash "$ROOT/scripts/postgres.sh")"; then
    export MAILLAGE_TEST_PG_URL="$PG_URL"
  else
    echo "» PostgreSQL n'a pas pu démarrer : les tests PostgreSQL échoueront." >&2
  fi
fi
# JupyterHub's proxy for the deployment smoke test (npm registry).
bash "$ROOT/deploy/install-proxy.sh" || echo "» Proxy de JupyterHub non installé : le test du hub échouera." >&2
cd "$ROOT"
exec "$ROOT/.venv/bin/python" -m pytest -p no:cacheprovider --durations=20 "$@"
