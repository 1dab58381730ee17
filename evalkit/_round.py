"""The round file (``round.yaml``, 평가 회차): one year's evaluation in one place.

It names the rubric, where the filled inputs are (files, folders or globs, relative to the
round file's folder and never outside it), the committee (위원회) and its subcommittees (분과)
with their evaluators, the schedule (평가 일정), the issue and approval dates (발간일, 의결일),
the status (초안/확정), the committee's own text (종합의견, 우수사례, 환류) and the scoring
options, so that ``evalkit score round.yaml`` and
``evalkit report round.yaml`` need nothing retyped.

Model layer: definitions, the positioned loader and path resolution; reading workbooks lives
in :mod:`evalkit.workbooks`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ._errors import InputError, Problem
from ._rubric import Rubric
from ._yaml import YamlDocument, friendly_path, load_yaml

_FROZEN = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

PanelRule = Literal["trimmed", "mean", "median"]
Status = Literal["초안", "확정"]

# The file kinds a folder or glob stands for.
_INPUT_SUFFIXES = (".xlsx", ".csv")


def _as_tuple(value: Any) -> Any:
    """One path may be written without a list."""
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return value


class Inputs(BaseModel):
    """Where the filled workbooks are: each entry a file, a folder or a glob."""

    model_config = _FROZEN

    results: tuple[str, ...] = Field(
        default=(),
        description="성과지표 실적 파일: 파일, 폴더 또는 glob(예: results/*.xlsx). "
        "회차 파일이 있는 폴더 기준 상대 경로",
    )
    panel: tuple[str, ...] = Field(
        default=(),
        description="평가위원 평가표: 분과별 통합 파일 또는 평가위원별 파일, 폴더 또는 glob",
    )
    adjustments: tuple[str, ...] = Field(
        default=(), description="가감점 파일(없으면 비워 둠): 파일, 폴더 또는 glob"
    )

    _one_or_many = field_validator("results", "panel", "adjustments", mode="before")(_as_tuple)


class Committee(BaseModel):
    """자체평가위원회: 위원장과 위원 (이름은 비워 둘 수 있음)."""

    model_config = _FROZEN

    chair: str | None = Field(default=None, description="위원장 이름(선택)")
    members: tuple[str, ...] = Field(default=(), description="위원 이름 목록(선택)")


class SubcommitteeRoster(BaseModel):
    """분과위원회 하나: 이름(루브릭의 분과명), 분과위원장, 평가위원."""

    model_config = _FROZEN

    name: str = Field(min_length=1, description="분과명: 루브릭의 subcommittees 이름과 같아야 함")
    chair: str | None = Field(default=None, description="분과위원장 이름(선택)")
    evaluators: tuple[str, ...] | int = Field(
        default=(),
        description="평가위원 이름 목록, 또는 이름 없이 인원수(위원1, 위원2, …로 부름)",
    )

    @field_validator("evaluators")
    @classmethod
    def _distinct(cls, v: tuple[str, ...] | int) -> tuple[str, ...] | int:
        if isinstance(v, int):
            if v < 1:
                raise ValueError("평가위원 수는 1 이상이어야 합니다; 1 이상의 정수를 쓰십시오")
            return v
        dups = sorted({n for n in v if v.count(n) > 1})
        if dups:
            raise ValueError(
                f"평가위원 {', '.join(dups)}이(가) 두 번 이상 있습니다; 한 번씩만 쓰십시오"
            )
        if any(not n.strip() for n in v):
            raise ValueError("빈 평가위원 이름이 있습니다; 이름을 쓰거나 줄을 지우십시오")
        return v

    @property
    def evaluator_names(self) -> tuple[str, ...]:
        """Names as written, or 위원1, 위원2, … when only a count is given."""
        if isinstance(self.evaluators, int):
            return tuple(f"위원{i}" for i in range(1, self.evaluators + 1))
        return self.evaluators


class Roster(BaseModel):
    """평가 위원 명단: 위원회와 분과위원회."""

    model_config = _FROZEN

    committee: Committee = Field(default_factory=Committee, description="자체평가위원회")
    subcommittees: tuple[SubcommitteeRoster, ...] = Field(
        default=(), description="분과위원회와 소속 평가위원"
    )


class ScheduleItem(BaseModel):
    """평가 일정 한 줄: 날짜(date) 또는 기간(start–end)과 할 일."""

    model_config = _FROZEN

    date: dt.date | None = Field(default=None, description="하루 일정의 날짜(YYYY-MM-DD)")
    start: dt.date | None = Field(default=None, description="기간 일정의 시작일")
    end: dt.date | None = Field(default=None, description="기간 일정의 종료일")
    what: str = Field(min_length=1, description="일정 내용(예: 실적 제출, 분과 평가)")

    @model_validator(mode="after")
    def _one_kind(self) -> ScheduleItem:
        if self.date is not None and (self.start or self.end):
            raise ValueError(
                "date와 start/end를 함께 썼습니다; 하루면 date만, 기간이면 start와 end만 쓰십시오"
            )
        if self.date is None and (self.start is None or self.end is None):
            raise ValueError("날짜가 없습니다; date 또는 start와 end를 쓰십시오")
        if self.start and self.end and self.end < self.start:
            raise ValueError("종료일이 시작일보다 앞섭니다; start와 end를 확인하십시오")
        return self


class BestPractice(BaseModel):
    """우수사례 하나: 관리과제와 위원회가 쓴 사례 내용."""

    model_config = _FROZEN

    task: str = Field(min_length=1, description="관리과제 코드(예: Ⅰ-1-①)")
    text: str = Field(min_length=1, description="우수사례 내용(위원회가 쓴 문장)")


class FeedbackItem(BaseModel):
    """환류 한 줄: 지난해 평가의 개선·보완 권고와 올해 조치 결과."""

    model_config = _FROZEN

    task: str | None = Field(
        default=None, description="관리과제 코드(비우면 평가 전반에 대한 권고)"
    )
    recommendation: str = Field(min_length=1, description="지난해 개선·보완 권고 내용")
    action: str = Field(default="", description="올해 조치 결과(비우면 '조치 중'으로 표기)")


class Scoring(BaseModel):
    """채점 선택사항: score·report 명령의 --rule, --by와 같음."""

    model_config = _FROZEN

    panel_rule: PanelRule = Field(
        default="trimmed",
        description="평가위원 점수 집계 규칙: trimmed(최고·최저 제외 평균), mean, median",
    )
    by: Literal["subcommittee"] | None = Field(
        default=None, description="등급을 나누는 단위: 비우면 전체, subcommittee면 분과별"
    )


class ReportSettings(BaseModel):
    """결과보고서 선택사항: report 명령의 --format과 같음(명령줄에 쓰면 그쪽이 우선)."""

    model_config = _FROZEN

    formats: tuple[str, ...] = Field(
        default=("docx", "pdf"),
        min_length=1,
        description="보고서 형식: docx(편집용), pdf(인쇄·게시용), hwpx(한글 문서) 중 하나 이상",
    )


class Round(BaseModel):
    """평가 회차 파일(round.yaml)의 내용."""

    model_config = _FROZEN

    year: int = Field(ge=2000, le=2100, description="평가 대상 연도(루브릭의 meta.year와 같음)")
    rubric: str = Field(
        min_length=1, description="루브릭 YAML 파일(회차 파일 폴더 기준 상대 경로; 공용 폴더 가능)"
    )
    inputs: Inputs = Field(default_factory=Inputs, description="제출 자료의 위치")
    roster: Roster = Field(default_factory=Roster, description="위원회와 분과위원회 명단")
    schedule: tuple[ScheduleItem, ...] = Field(default=(), description="평가 일정")
    issue_date: dt.date | None = Field(default=None, description="발간일(YYYY-MM-DD)")
    approval_date: dt.date | None = Field(default=None, description="의결일(YYYY-MM-DD)")
    status: Status = Field(default="초안", description="보고서 상태: 초안 또는 확정")
    version: str = Field(default="1", min_length=1, description="판(예: 1, 1.1)")
    example: bool = Field(
        default=False, description="가상 자료로 만든 예시이면 true, 실제 자료이면 false"
    )
    opinion: str | None = Field(
        default=None,
        description="위원회 종합의견(결과보고서 Ⅱ에 그대로 실림; 여러 줄이면 줄마다 한 항목)",
    )
    best_practices: tuple[BestPractice, ...] = Field(
        default=(), description="우수사례: 관리과제 코드와 위원회가 쓴 사례 내용"
    )
    feedback: tuple[FeedbackItem, ...] = Field(
        default=(), description="환류: 지난해 개선·보완 권고와 올해 조치 결과"
    )
    scoring: Scoring = Field(default_factory=Scoring, description="채점 선택사항")
    report: ReportSettings = Field(
        default_factory=ReportSettings, description="결과보고서 선택사항"
    )

    @field_validator("version", mode="before")
    @classmethod
    def _version_text(cls, v: Any) -> Any:
        return str(v) if isinstance(v, (int, float)) or type(v).__name__ == "Decimal" else v

    @model_validator(mode="after")
    def _dates(self) -> Round:
        if self.status == "확정" and self.approval_date is None:
            raise ValueError(
                "확정본에 의결일이 없습니다; approval_date를 쓰거나 status를 초안으로 두십시오"
            )
        return self


@dataclass(frozen=True)
class RoundFile:
    """A loaded round file: the model, where it is, and its inputs resolved to files."""

    round: Round
    path: Path
    results: tuple[Path, ...]
    panel: tuple[Path, ...]
    adjustments: tuple[Path, ...]

    @property
    def folder(self) -> Path:
        return self.path.parent

    @property
    def rubric_path(self) -> Path:
        return self.folder / self.round.rubric

    def relative(self, path: Path) -> str:
        """``path`` as written relative to the round's folder (never an absolute path)."""
        try:
            return path.resolve().relative_to(self.folder.resolve()).as_posix()
        except ValueError:
            return path.name

    def evaluators(self, subcommittee: str | None = None) -> dict[str, tuple[str, ...]]:
        """Evaluators per subcommittee on the roster (one subcommittee, or all)."""
        return {
            s.name: s.evaluator_names
            for s in self.round.roster.subcommittees
            if subcommittee is None or s.name == subcommittee
        }


def is_round_file(path: str | Path) -> bool:
    """Whether ``path`` looks like a round file rather than a rubric (it names ``rubric:``)."""
    p = Path(path)
    if p.suffix.lower() not in (".yaml", ".yml") or not p.is_file():
        return False
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return any(line.startswith("rubric:") for line in text.splitlines()) and not any(
        line.startswith("strategic_goals:") for line in text.splitlines()
    )


def load_round(path: str | Path) -> RoundFile:
    """Load ``round.yaml``: every problem at once (file, line, field, fix) or the round.

    Raises:
        InputError: YAML or schema errors, a rubric or input outside the round's folder, an
            absolute path, a file or folder that does not exist.
    """
    path = Path(path)
    doc, problems = load_yaml(path)
    if doc is None:
        raise InputError(problems, f"회차 파일 {path}: 읽을 수 없습니다")
    if not isinstance(doc.data, dict):
        raise InputError(
            [
                Problem(
                    "최상위가 매핑(key: value)이 아닙니다",
                    file=str(path),
                    line=1,
                    fix="`year:`, `rubric:`, `inputs:`로 시작하십시오 "
                    "(evalkit init이 예시를 씁니다)",
                )
            ]
        )
    try:
        model = Round.model_validate(doc.data)
    except ValidationError as exc:
        raise InputError(_schema_problems(exc, doc, str(path)), f"회차 파일 {path}") from None
    folder = path.parent
    problems = []

    def at(field_path: tuple[str | int, ...], message: str, fix: str) -> None:
        mark = doc.mark_for(field_path)
        problems.append(
            Problem(
                message,
                file=str(path),
                line=mark.line if mark else None,
                column=mark.column if mark else None,
                field=friendly_path(doc.data, field_path)[0],
                fix=fix,
            )
        )

    # The rubric is the ministry's versioned plan and may sit in a shared folder (relative,
    # so the round moves with its checkout); the inputs belong to the round and stay inside.
    rubric_file: Path | None = folder / model.rubric
    if _absolute(model.rubric):
        at(
            ("rubric",),
            f"절대 경로 {model.rubric!r}는 쓸 수 없습니다",
            "회차 파일 폴더 기준 상대 경로로 쓰십시오",
        )
        rubric_file = None
    if rubric_file is not None and not rubric_file.is_file():
        at(("rubric",), f"루브릭 파일 {model.rubric!r}이(가) 없습니다", "경로를 확인하십시오")
    resolved: dict[str, tuple[Path, ...]] = {}
    for kind in ("results", "panel", "adjustments"):
        files: list[Path] = []
        for i, entry in enumerate(getattr(model.inputs, kind)):
            files += resolve_entry(folder, entry, ("inputs", kind, i), at)
        resolved[kind] = tuple(dict.fromkeys(files))
    subs = [s.name for s in model.roster.subcommittees]
    for i, name in enumerate(subs):
        if subs.index(name) != i:
            at(
                ("roster", "subcommittees", i, "name"),
                f"분과 {name!r}이(가) 두 번 있습니다",
                "분과마다 한 번씩만 쓰십시오",
            )
    if problems:
        raise InputError(problems, f"회차 파일 {path}")
    return RoundFile(model, path, resolved["results"], resolved["panel"], resolved["adjustments"])


def _absolute(entry: str) -> bool:
    return Path(entry).is_absolute() or entry.startswith(("/", "\\")) or ":" in entry[:3]


def _inside(folder: Path, entry: str, loc: tuple[str | int, ...], at: Any) -> Path | None:
    if _absolute(entry):
        at(loc, f"절대 경로 {entry!r}는 쓸 수 없습니다", "회차 파일 폴더 기준 상대 경로로 쓰십시오")
        return None
    target = (folder / entry).resolve()
    if not target.is_relative_to(folder.resolve()):
        at(
            loc,
            f"{entry!r}는 회차 파일의 폴더 밖을 가리킵니다",
            "자료를 회차 폴더 안으로 옮기고 상대 경로로 쓰십시오",
        )
        return None
    return folder / entry


def resolve_entry(folder: Path, entry: str, loc: tuple[str | int, ...], at: Any) -> list[Path]:
    """A file, folder (its .xlsx/.csv files, recursively) or glob, in name order."""
    if any(ch in entry for ch in "*?["):
        if Path(entry).is_absolute() or ".." in Path(entry).parts:
            at(
                loc,
                f"{entry!r}는 회차 파일의 폴더 밖을 가리킵니다",
                "폴더 안의 상대 glob을 쓰십시오",
            )
            return []
        found = sorted(p for p in folder.glob(entry) if _usable(p))
        inside = [p for p in found if p.resolve().is_relative_to(folder.resolve())]
        if len(inside) < len(found):
            at(
                loc,
                f"{entry!r}가 폴더 밖의 파일을 가리킵니다",
                "링크를 지우고 파일을 폴더 안에 두십시오",
            )
        return inside
    target = _inside(folder, entry, loc, at)
    if target is None:
        return []
    if target.is_dir():
        return sorted(p for p in target.rglob("*") if _usable(p))
    if not target.exists():
        at(loc, f"{entry!r}이(가) 없습니다", "파일이나 폴더의 경로를 확인하십시오")
        return []
    return [target]


def _usable(p: Path) -> bool:
    return (
        p.is_file()
        and p.suffix.lower() in _INPUT_SUFFIXES
        and not any(part.startswith(("~$", ".")) for part in p.parts[-1:])
    )


def roster_problems(rf: RoundFile, rubric: Rubric) -> list[Problem]:
    """The round against its rubric: the year, the subcommittee names and the task codes of
    우수사례 and 환류 must agree."""
    out: list[Problem] = []
    if rf.round.year != rubric.meta.year:
        out.append(
            Problem(
                f"회차 연도 {rf.round.year}가 루브릭의 연도 {rubric.meta.year}와 다릅니다",
                file=str(rf.path),
                field="year",
                fix="year를 루브릭과 같게 쓰거나 올바른 루브릭을 가리키십시오",
            )
        )
    codes = {t.code for t in rubric.tasks}
    named = [("best_practices", i, b.task) for i, b in enumerate(rf.round.best_practices)]
    named += [("feedback", i, f.task) for i, f in enumerate(rf.round.feedback) if f.task]
    for where, i, code in named:
        if code not in codes:
            out.append(
                Problem(
                    f"관리과제 {code!r}은(는) 루브릭에 없습니다",
                    file=str(rf.path),
                    field=f"{where}[{i}].task",
                    fix="루브릭의 관리과제 코드를 쓰십시오(예: Ⅰ-1-①)",
                )
            )
    known = {s.name for s in rubric.subcommittees}
    for i, s in enumerate(rf.round.roster.subcommittees):
        if s.name not in known:
            out.append(
                Problem(
                    f"분과 {s.name!r}은(는) 루브릭에 없습니다",
                    file=str(rf.path),
                    field=f"roster.subcommittees[{i}].name",
                    fix="루브릭의 분과명 중 하나를 쓰십시오: " + ", ".join(sorted(known)),
                )
            )
    return out


_KO_FIXES = {
    "missing": "필드를 추가하십시오",
    "extra_forbidden": "지우거나 철자를 `evalkit schema --round`와 대조하십시오",
    "literal_error": "나열된 값 중 하나를 쓰십시오",
    "int_parsing": "정수를 쓰십시오",
    "int_type": "정수를 쓰십시오",
    "bool_type": "true 또는 false를 쓰십시오",
    "bool_parsing": "true 또는 false를 쓰십시오",
    "string_type": "글자로 쓰십시오(특수 문자로 시작하면 따옴표로 감싸십시오)",
    "date_from_datetime_parsing": "날짜를 YYYY-MM-DD로 쓰십시오",
    "date_parsing": "날짜를 YYYY-MM-DD로 쓰십시오",
    "date_type": "날짜를 YYYY-MM-DD로 쓰십시오",
    "greater_than_equal": "더 큰 값을 쓰십시오",
    "less_than_equal": "더 작은 값을 쓰십시오",
    "string_too_short": "비어 있지 않은 값을 쓰십시오",
    "model_type": "매핑(key: value 줄)으로 쓰십시오",
    "tuple_type": "목록(`- `로 시작하는 줄)으로 쓰십시오",
}


def _schema_problems(exc: ValidationError, doc: YamlDocument, name: str) -> list[Problem]:
    out: list[Problem] = []
    seen: set[str] = set()
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        # A union member (list | int) names itself last: point at the field.
        while loc and isinstance(loc[-1], str) and loc[-1] in ("tuple[str,...]", "int"):
            loc = loc[:-1]
        text, real = friendly_path(doc.data, loc)
        if text in seen:
            continue
        seen.add(text)
        msg = str(err["msg"]).removeprefix("Value error, ")
        etype = str(err["type"])
        fix = _KO_FIXES.get(etype)
        if etype == "missing":
            msg, fix = "필수 항목이 없습니다", f"`{loc[-1]}:`를 추가하십시오" if loc else fix
        elif etype == "value_error" and "; " in msg:
            msg, fix = msg.split("; ", 1)
        elif etype == "extra_forbidden":
            msg = f"알 수 없는 항목 {loc[-1]!r}" if loc else msg
        else:
            msg = f"값이 맞지 않습니다: {msg} (입력: {err.get('input')!r})"
        mark = doc.mark_for(real)
        out.append(
            Problem(
                msg,
                file=name,
                line=mark.line if mark else None,
                column=mark.column if mark else None,
                field=text or "(최상위)",
                fix=fix,
            )
        )
    return out


def round_schema() -> dict[str, Any]:
    """The JSON Schema of ``round.yaml`` (``evalkit schema --round``)."""
    return Round.model_json_schema()


def subcommittee_of(rf: RoundFile, evaluator: str) -> Sequence[str]:
    """The subcommittees whose roster names ``evaluator``."""
    return [s for s, names in rf.evaluators().items() if evaluator in names]
