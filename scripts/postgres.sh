#!/usr/bin/env bash
# A throw-away PostgreSQL cluster on loopback, for the test suite and for trying the
# PostgreSQL store. Installs Debian's `postgresql` package when it is missing, creates the
# cluster once, starts it when it is not running; idempotent. As root, the server runs as
# the `postgres` system user (PostgreSQL refuses to run as root); otherwise as you.
#
# Usage:  bash scripts/postgres.sh [start|stop|crash|destroy|url]
#   start    (default) install/create/start as needed, then print the server URL on stdout
#   url      print the URL only
#   stop     clean shutdown;  crash: immediate shutdown (no checkpoint, as a power cut)
#   destroy  stop and delete the cluster's folder
# Messages go to stderr, the URL alone to stdout:
#   export MAILLAGE_TEST_PG_URL="$(bash scripts/postgres.sh)"
# Settings: MAILLAGE_PG_PORT (54329), MAILLAGE_PG_DIR (/tmp/maillage-pg-$PORT).
set -euo pipefail

PORT="${MAILLAGE_PG_PORT:-54329}"
DIR="${MAILLAGE_PG_DIR:-/tmp/maillage-pg-$PORT}"
DATA="$DIR/data"
USER_NAME=maillage
PASSWORD=maillage  # loopback only, throw-away data: not a secret
URL="postgresql+psycopg://$USER_NAME:$PASSWORD@127.0.0.1:$PORT/$USER_NAME"
ACTION="${1:-start}"

say() { echo "» $*" >&2; }

if [ "$ACTION" = "url" ]; then echo "$URL"; exit 0; fi

bindir() {
  # Debian's layout: /usr/lib/postgresql/<version>/bin, the newest version installed.
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

BIN="$(bindir)"
if [ -z "$BIN" ] || [ ! -x "$BIN/pg_ctl" ]; then
  [ "$ACTION" = "start" ] || { say "PostgreSQL n'est pas installé."; exit 0; }
  if [ "$(id -u)" != "0" ]; then SUDO=sudo; else SUDO=""; fi
  say "Installation de PostgreSQL (paquet Debian postgresql)…"
  $SUDO apt-get update -qq
  # policy-rc.d-less containers may try to start the packaged cluster: harmless, not ours.
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
  BIN="$(bindir)"
  [ -n "$BIN" ] || { say "PostgreSQL introuvable après installation."; exit 1; }
fi

# Who runs the server: PostgreSQL will not run as root.
if [ "$(id -u)" = "0" ]; then
  RUN_AS=postgres
  getent passwd "$RUN_AS" >/dev/null || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash "$RUN_AS"
  as_server() { runuser -u "$RUN_AS" -- "$@"; }
else
  RUN_AS="$(id -un)"
  as_server() { "$@"; }
fi

running() { as_server "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; }

case "$ACTION" in
  stop|crash)
    if [ -d "$DATA" ] && running; then
      mode=fast; [ "$ACTION" = "crash" ] && mode=immediate
      as_server "$BIN/pg_ctl" -D "$DATA" -m "$mode" -w stop >/dev/null
    fi
    exit 0 ;;
  destroy)
    if [ -d "$DATA" ] && running; then as_server "$BIN/pg_ctl" -D "$DATA" -m immediate -w stop >/dev/null; fi
    rm -rf "$DIR"
    exit 0 ;;
  start) ;;
  *) say "Action inconnue : $ACTION (attendu : start, stop, crash, destroy, url)"; exit 2 ;;
esac

if [ ! -f "$DATA/PG_VERSION" ]; then
  say "Création d'un cluster PostgreSQL jetable dans $DATA (port $PORT)…"
  rm -rf "$DIR"
  mkdir -p "$DIR"
  chmod 755 "$DIR"
  pwfile="$DIR/pw"
  echo "$PASSWORD" > "$pwfile"
  chown -R "$RUN_AS" "$DIR"
  # C.UTF-8: UTF-8 text, byte-order sorting like SQLite, no locale to generate.
  as_server "$BIN/initdb" -D "$DATA" -U "$USER_NAME" --pwfile="$pwfile" \
    --auth-local=scram-sha-256 --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$pwfile"
  # Loopback only; socket in the cluster's folder (not /var/run/postgresql, which may be
  # missing or belong to the packaged cluster). Durability settings stay PostgreSQL's
  # defaults (fsync, synchronous_commit on): the durability tests rely on them.
  cat >> "$DATA/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$DIR'
max_connections = 300
shared_buffers = 64MB
EOF
fi

if ! running; then
  say "Démarrage de PostgreSQL sur 127.0.0.1:$PORT…"
  as_server "$BIN/pg_ctl" -D "$DATA" -l "$DIR/server.log" -w -t 60 start >/dev/null
fi
"$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" -t 30 || { say "PostgreSQL ne répond pas (journal : $DIR/server.log)"; exit 1; }
# The database the URL names (tests make one more per test, from this connection).
export PGPASSWORD="$PASSWORD"
if [ -z "$("$BIN/psql" -h 127.0.0.1 -p "$PORT" -U "$USER_NAME" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$USER_NAME'")" ]; then
  "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U "$USER_NAME" "$USER_NAME"
fi
echo "$URL"
