#!/usr/bin/env bash
# Debian packages the test suite drives: chromium (browser tests through Playwright),
# LibreOffice headless (proves exported workbooks open), PostgreSQL (second store backend).
set -euo pipefail
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v soffice >/dev/null || need+=(libreoffice-calc-nogui libreoffice-writer-nogui)
# Fonts with French accents for the pages chromium renders in the browser tests.
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || need+=(fonts-dejavu-core)
# PDF pages as pictures (pdftoppm), to look at the deliverables as a client would.
command -v pdftoppm >/dev/null || need+=(poppler-utils)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != "0" ]; then SUDO=sudo; else SUDO=""; fi
  echo "» Installation des paquets Debian : ${need[*]}…"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
