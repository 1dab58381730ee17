#!/usr/bin/env bash
# One-time (idempotent) set-up on Debian as root, or any machine with the packages present:
# system packages (Korean fonts, Pango for WeasyPrint, poppler for page previews, qpdf for the
# PDF structure check in the tests), a virtual
# environment in .venv and evalkit with all extras. Re-running is fast: each step is skipped
# when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
APT_PKGS=(fonts-nanum fontconfig poppler-utils qpdf libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b
  libharfbuzz-subset0)

missing=()
if command -v dpkg >/dev/null 2>&1; then
  for p in "${APT_PKGS[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  if ! "$PY" -c "import ensurepip, venv" >/dev/null 2>&1; then
    missing+=(python3-venv python3-pip)
  fi
fi
if ((${#missing[@]})); then
  if [ "$(id -u)" != 0 ]; then
    echo "setup: missing system packages: ${missing[*]}; run as root or: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fc-cache -f >/dev/null 2>&1 || true
fi

if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  "$PY" -m venv .venv
fi
stamp=.venv/.evalkit-installed
want=$(cat pyproject.toml | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "setup: installing evalkit[dev] into .venv"
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q -e ".[dev]"
  echo "$want" > "$stamp"
fi
