#!/usr/bin/env bash
# The two commands of the README:
#   bash scripts/run.sh demo   - set up, then run the shipped 2024 example end to end (reports in out/)
#   bash scripts/run.sh test   - set up, then run every gate: ruff, mypy, the whole test suite
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
case "${1:-}" in
  demo) shift; exec .venv/bin/evalkit demo --out "${OUT:-out}" "$@" ;;
  test) shift; exec bash scripts/gates.sh all "$@" ;;
  *) echo "usage: bash scripts/run.sh demo|test" >&2; exit 2 ;;
esac
