#!/usr/bin/env bash
# Installs what kernel-install/browser_check.py needs: Debian's chromium (apt-get) and Playwright for Python in the
# project's .venv (pip; Playwright drives /usr/bin/chromium, it downloads no browser). Idempotent.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
export PIP_RETRIES="${PIP_RETRIES:-0}" PIP_DISABLE_PIP_VERSION_CHECK=1
if [[ ! -x /usr/bin/chromium ]]; then
  echo "==> Installing chromium (apt-get) ..."
  SUDO=(); [[ "$(id -u)" == 0 ]] || SUDO=(sudo)
  "${SUDO[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq chromium >/dev/null
fi
if [[ ! -x "$VENV/bin/python" ]]; then
  echo "==> Creating $VENV ..."
  python3 -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c 'import playwright.sync_api' >/dev/null 2>&1; then
  echo "==> Installing playwright into $VENV (pip) ..."
  "$VENV/bin/pip" install -q playwright
fi
echo "==> Browser test ready: $(/usr/bin/chromium --version 2>/dev/null | tail -1), playwright in $VENV"
