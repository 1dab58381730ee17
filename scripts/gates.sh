#!/usr/bin/env bash
# Every gate of the project, in one place: lint (ruff check + format check), typecheck (mypy strict
# on the package, relaxed on the tests), tests (pytest). `bash scripts/run.sh test` runs all three;
# `nox -s lint typecheck tests` runs each in its own session. PY names the interpreter to use.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
SOURCES=(evalkit tests benchmarks examples noxfile.py)
# Tests call the API with wrong types on purpose (bad-input tests) and compare loosely typed
# library objects (pypdf, pandas), so they are checked for everything but those.
TEST_MYPY=(--allow-untyped-defs --allow-incomplete-defs --allow-untyped-calls
  --allow-untyped-decorators --allow-any-generics --no-warn-return-any --no-warn-unused-ignores
  --no-strict-equality --disable-error-code arg-type --disable-error-code import-untyped)

lint() {
  "$PY" -m ruff check "${SOURCES[@]}"
  "$PY" -m ruff format --check "${SOURCES[@]}"
}
typecheck() {
  "$PY" -m mypy evalkit
  "$PY" -m mypy "${TEST_MYPY[@]}" tests
}
tests() {
  HYPOTHESIS_PROFILE=${HYPOTHESIS_PROFILE:-ci} "$PY" -m pytest -n 2 -p no:cacheprovider "$@"
}

what=${1:-all}
shift || true
case "$what" in
  lint) lint ;;
  typecheck) typecheck ;;
  tests) tests "$@" ;;
  all) echo "gates: ruff"; lint; echo "gates: mypy"; typecheck; echo "gates: pytest"; tests "$@" ;;
  *) echo "usage: bash scripts/gates.sh lint|typecheck|tests|all [pytest args]" >&2; exit 2 ;;
esac
