"""Developer sessions: nox -s lint typecheck tests (also: demo, bench)."""

from __future__ import annotations

import nox

nox.options.sessions = ["lint", "typecheck", "tests"]
nox.options.reuse_existing_virtualenvs = True
PY = "3.11"


@nox.session(python=PY)
def tests(session: nox.Session) -> None:
    session.install("-e", ".[dev]")
    session.run("pytest", "-n", "2", *session.posargs, env={"HYPOTHESIS_PROFILE": "ci"})


@nox.session(python=PY)
def lint(session: nox.Session) -> None:
    session.install("ruff")
    session.run("ruff", "check", "evalkit", "tests", "benchmarks", "noxfile.py")
    session.run("ruff", "format", "--check", "evalkit", "tests", "benchmarks", "noxfile.py")


@nox.session(python=PY)
def typecheck(session: nox.Session) -> None:
    session.install("-e", ".[dev]")
    session.run("mypy", "evalkit")


@nox.session(python=PY)
def demo(session: nox.Session) -> None:
    session.install("-e", ".[all]")
    session.run("evalkit", "demo", "--out", "out", *session.posargs)


@nox.session(python=PY)
def bench(session: nox.Session) -> None:
    session.install("-e", ".[dev]")
    for script in ("benchmarks/bench_grading.py", "benchmarks/bench_report.py"):
        session.run("python", script)
