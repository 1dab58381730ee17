"""Developer sessions: nox -s lint typecheck tests (also: demo, bench).

Each gate runs the same commands as `bash scripts/run.sh test` (scripts/gates.sh), inside the
session's own environment.
"""

from __future__ import annotations

import nox

nox.options.sessions = ["lint", "typecheck", "tests"]
nox.options.reuse_existing_virtualenvs = True
PY = "3.11"


def _gate(session: nox.Session, gate: str) -> None:
    python = f"{session.virtualenv.bin}/python"
    session.run("bash", "scripts/gates.sh", gate, *session.posargs, env={"PY": python})


@nox.session(python=PY)
def tests(session: nox.Session) -> None:
    session.install("-e", ".[dev]")
    _gate(session, "tests")


@nox.session(python=PY)
def lint(session: nox.Session) -> None:
    session.install("ruff")
    _gate(session, "lint")


@nox.session(python=PY)
def typecheck(session: nox.Session) -> None:
    session.install("-e", ".[dev]")
    _gate(session, "typecheck")


@nox.session(python=PY)
def demo(session: nox.Session) -> None:
    session.install("-e", ".[all]")
    session.run("evalkit", "demo", "--out", "out", *session.posargs)


@nox.session(python=PY)
def bench(session: nox.Session) -> None:
    session.install("-e", ".[dev]")
    for script in ("benchmarks/bench_grading.py", "benchmarks/bench_report.py"):
        session.run("python", script)
