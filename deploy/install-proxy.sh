#!/usr/bin/env bash
# Installs JupyterHub's proxy, configurable-http-proxy, from the npm registry into
# deploy/node_modules (found there by toolkit/hub.py); Node.js from Debian if missing.
# Idempotent: does nothing when the proxy is already installed.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PROXY="$HERE/node_modules/.bin/configurable-http-proxy"
if [ -x "$PROXY" ] && "$PROXY" --version >/dev/null 2>&1; then exit 0; fi
if ! command -v npm >/dev/null; then
  if [ "$(id -u)" != "0" ]; then SUDO=sudo; else SUDO=""; fi
  echo "» Installation de Node.js (paquets Debian nodejs, npm)…" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nodejs npm >/dev/null
fi
echo "» Installation du proxy de JupyterHub (configurable-http-proxy, registre npm)…" >&2
cd "$HERE"
major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$major" -ge 20 ]; then
  npm install --no-audit --no-fund --no-package-lock --loglevel=error >&2
else  # configurable-http-proxy 5 needs Node 20; 4.x runs on Debian 12's Node 18
  npm install --no-audit --no-fund --loglevel=error --no-save configurable-http-proxy@4 >&2
fi
"$PROXY" --version >/dev/null
