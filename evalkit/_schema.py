"""JSON Schemas for editors: the rubric, one strategic-goal file (``include:``), the round file.

Each schema is JSON Schema draft 2020-12 with an ``$id``, generated from the models so it
cannot drift from what :func:`evalkit.load_rubric` accepts, with a Korean description on every
property (the table below; a test checks none is missing). Numbers are YAML numbers
(``0.3``), years as keys (``results: {2023: 16}``) are written as text in JSON, and a rubric
needs ``strategic_goals`` or ``include:`` (or both).
"""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from ._round import Round
from ._rubric import Rubric, StrategicGoal

__all__ = ["SCHEMA_KINDS", "SchemaKind", "json_schema"]

SchemaKind = Literal["rubric", "goal", "round"]
SCHEMA_KINDS: tuple[SchemaKind, ...] = ("rubric", "goal", "round")

DIALECT = "https://json-schema.org/draft/2020-12/schema"
_IDS: dict[SchemaKind, str] = {
    "rubric": "urn:evalkit:schema:rubric:1",
    "goal": "urn:evalkit:schema:goal:1",
    "round": "urn:evalkit:schema:round:1",
}
_TITLES: dict[SchemaKind, str] = {
    "rubric": "evalkit 루브릭(평가 기준) 파일",
    "goal": "evalkit 전략목표 파일 (루브릭의 include: 항목 하나)",
    "round": "evalkit 평가 회차 파일 (round.yaml)",
}

# What each model is, in Korean (the models' docstrings are for developers).
MODEL_TEXT: dict[str, str] = {
    "Rubric": "한 해의 자체평가 루브릭: 성과관리 시행계획의 전략목표·성과목표·관리과제·성과지표와 "
    "평가 배점, 등급 기준",
    "Meta": "루브릭 기본 정보",
    "SourceRef": "옮겨 적은 원문 자료 (성과관리 시행계획)",
    "Criteria": "평가지표 및 배점",
    "Criterion": "평가항목 하나 (성과지표 달성도는 계산, 나머지는 평가위원 채점)",
    "GradeScheme": "등급 기준: 최상위부터 등급 이름과 배분 비율(합계 100)",
    "GradeDefinition": "등급 하나와 배분 비율",
    "AchievementPolicy": "달성률 규칙: 상한, 하향지표 계산법, 구간표",
    "Band": "구간표 한 줄: 달성률이 min 이상이면 points(%)를 줌",
    "AdjustmentLimits": "과제별 가감점 범위",
    "Subcommittee": "분과위원회",
    "DataNote": "자료 주석: 원문이 어긋나는 곳, 인쇄된 값과 evalkit이 적용하는 값",
    "StrategicGoal": "전략목표",
    "PerformanceGoal": "성과목표",
    "Task": "관리과제: 채점하고 등급을 매기는 단위",
    "Indicator": "성과지표",
    "Round": "평가 회차 파일(round.yaml)의 내용",
    "Inputs": "제출 자료의 위치: 항목마다 파일, 폴더 또는 glob (하나면 목록 없이 써도 됨)",
    "Committee": "자체평가위원회: 위원장과 위원 (이름은 비워 둘 수 있음)",
    "SubcommitteeRoster": "분과위원회 하나: 이름(루브릭의 분과명), 분과위원장, 평가위원",
    "Roster": "평가 위원 명단: 위원회와 분과위원회",
    "ScheduleItem": "평가 일정 한 줄: 날짜(date) 또는 기간(start–end)과 할 일",
    "Scoring": "채점 선택사항: score·report 명령의 --rule, --by와 같음",
}

# Every property of every model, in Korean. Keys are "Model.property".
PROPERTY_TEXT: dict[str, str] = {
    "Rubric.schema_version": "루브릭 형식 버전 (지금은 1)",
    "Rubric.meta": "부처, 평가 연도, 제목, 원문 자료",
    "Rubric.criteria": "평가지표 및 배점 (항목 배점의 합 = total)",
    "Rubric.grade_scheme": "등급 기준 (생략하면 7등급 상대평가 기본값)",
    "Rubric.achievement": "달성률 규칙 (상한, 하향지표 계산법, 구간표)",
    "Rubric.adjustments": "과제별 가감점 범위 (min ≤ 0 ≤ max)",
    "Rubric.subcommittees": "분과위원회 목록 (이름, 위원 수, 맡은 전략목표)",
    "Rubric.include": "전략목표 파일 목록: 파일마다 전략목표 하나 (이 파일이 있는 폴더 기준 "
    "상대 경로, 폴더 밖은 안 됨)",
    "Rubric.data_notes": "루브릭 전체에 대한 자료 주석",
    "Rubric.strategic_goals": "전략목표 목록 (include:로 나눠 쓰면 비우거나 생략 가능)",
    "Meta.ministry": "부처 이름 (예: 산업통상자원부)",
    "Meta.year": "평가 대상 연도 (원문 시행계획의 연도와 같아야 함)",
    "Meta.title": "평가 제목 (예: 2024년도 산업통상자원부 주요정책 자체평가)",
    "Meta.source": "옮겨 적은 원문 자료 (문서명, 파일, SHA-256)",
    "Meta.draft": "새해 초안이면 true (evalkit new-year가 씀): 빈 목표치는 오류 대신 경고; "
    "목표치를 채우고 원문 자료를 바꾼 뒤 지우십시오",
    "SourceRef.document": "원문 문서명 (예: 2024년도 성과관리 시행계획)",
    "SourceRef.file": "원문 파일 이름",
    "SourceRef.sha256": "원문 파일의 SHA-256 해시 (원문이 바뀌지 않았음을 확인)",
    "SourceRef.note": "원문에 대한 메모 (어느 표에서 옮겼는지 등)",
    "Criteria.total": "총점 (항목 배점의 합과 같아야 함)",
    "Criteria.items": "평가항목 목록",
    "Criteria.note": "배점에 대한 메모",
    "Criterion.id": "항목 키: 영문자·숫자·_ (예: plan, feedback); 평가표 열 이름으로도 씀",
    "Criterion.name": "항목 이름 (예: 계획, 집행, 성과, 환류)",
    "Criterion.points": "배점",
    "Criterion.method": "computed: 성과지표 달성도로 계산, panel: 평가위원이 채점",
    "Criterion.description": "항목 설명 (보고서에 인쇄)",
    "GradeScheme.grades": "등급 목록: 최상위부터, 배분 비율 합계 100",
    "GradeScheme.decimals": "점수를 이 자릿수로 반올림(사사오입)한 뒤 비교",
    "GradeScheme.ties": "동점 처리: upper는 동점 과제들이 가장 앞 순위의 등급, lower는 가장 뒤 "
    "순위의 등급",
    "GradeScheme.limits": "등급별 또는 누적 한도(이내·이상): 한도를 쓰면 등급에 비율을 적지 않음",
    "GradeScheme.limit_rounding": "한도의 과제 수 계산: strict는 이내를 내림·이상을 올림, "
    "half_up은 둘 다 사사오입",
    "GradeScheme.preset": "등급 체계 대신 쓰는 이름 붙은 예시·관측치(공식 기준 아님): "
    "example-10-20-20-20-15-10-5, observed-motie-2023",
    "QuotaLimit.grade": "한도가 가리키는 등급",
    "QuotaLimit.scope": "grade: 그 등급만, and_above: 그 등급 이상, and_below: 그 등급 이하",
    "QuotaLimit.at_most": "이내(%): 이 비율을 넘지 않음",
    "QuotaLimit.at_least": "이상(%): 이 비율보다 적지 않음",
    "GradeDefinition.name": "등급 이름 (예: 매우우수)",
    "GradeDefinition.percent": "이 등급에 배분하는 과제 비율(%)",
    "AchievementPolicy.cap": "달성률 상한(%): 기본값, 지표마다 cap으로 바꿀 수 있음",
    "AchievementPolicy.down_method": "하향지표 달성률: ratio는 목표/실적×100, mirror는 "
    "(2−실적/목표)×100 (0 미만은 0)",
    "AchievementPolicy.band": "구간표: 달성률(또는 진척률) 구간별로 주는 점수(%)",
    "Band.min": "이 구간의 최저 달성률(%)",
    "Band.points": "이 구간에서 주는 점수(%)",
    "AdjustmentLimits.min": "가감점 하한 (0 이하, 예: -3)",
    "AdjustmentLimits.max": "가감점 상한 (0 이상, 예: 3)",
    "Subcommittee.name": "분과 이름 (예: 산업정책)",
    "Subcommittee.members": "분과 평가위원 수",
    "Subcommittee.goals": "이 분과가 맡은 전략목표 코드 (예: [Ⅰ])",
    "Subcommittee.note": "분과에 대한 메모",
    "DataNote.line": "원문에서 이 내용이 인쇄된 줄 번호",
    "DataNote.field": "주석이 가리키는 항목 (예: indicators[2].weight)",
    "DataNote.issue": "문제 종류: missing_weight(가중치 없음), weight_sum(가중치 합 ≠ 1), "
    "typo(오기), target_conflict(목표치 불일치), incomplete_row(빈 행), rationale_conflict"
    "(근거 불일치), count_mismatch(개수 불일치), other(기타)",
    "DataNote.printed": "원문에 인쇄된 내용",
    "DataNote.applied": "evalkit이 대신 적용하는 값과 그 이유",
    "DataNote.year": "이 주석이 가리키는 원문 시행계획의 연도 (생략하면 루브릭 연도); 루브릭 "
    "연도와 다르면 evalkit validate가 검토하라고 경고",
    "StrategicGoal.code": "전략목표 코드: 인쇄된 로마 숫자 (예: Ⅰ)",
    "StrategicGoal.title": "전략목표 문장",
    "StrategicGoal.line": "원문에서 전략목표 제목이 있는 줄 번호",
    "StrategicGoal.indicators": "전략목표 성과지표 (보고용, 채점하지 않음)",
    "StrategicGoal.performance_goals": "성과목표 목록",
    "StrategicGoal.data_notes": "이 전략목표에 대한 자료 주석",
    "PerformanceGoal.code": "성과목표 코드 (예: Ⅰ-1)",
    "PerformanceGoal.title": "성과목표 문장",
    "PerformanceGoal.line": "원문에서 성과목표 제목이 있는 줄 번호",
    "PerformanceGoal.indicators": "성과목표 성과지표 (보고용, 채점하지 않음)",
    "PerformanceGoal.tasks": "관리과제 목록",
    "Task.code": "관리과제 코드 (예: Ⅰ-1-①)",
    "Task.name": "관리과제 이름",
    "Task.line": "원문에서 과제명이 있는 줄 번호",
    "Task.departments": "주관부서 목록",
    "Task.national_agenda": "관련 국정과제",
    "Task.tags": "분류 꼬리표 (자유롭게)",
    "Task.subcommittee": "분과 (생략하면 전략목표를 맡은 분과)",
    "Task.weighting": "가중치 적용: printed(인쇄된 가중치, 합 1), equal(균등 가중치), "
    "normalized(합이 1이 되게 비례 조정), override(applied_weight 적용)",
    "Task.indicators": "과제 성과지표 목록 (표의 순서대로)",
    "Task.data_notes": "이 과제에 대한 자료 주석",
    "Indicator.no": "표에서의 순서 (①=1, ②=2, …)",
    "Indicator.name": "성과지표 이름 (인쇄된 대로)",
    "Indicator.unit": "단위 (예: 건, 명, %, 억불); 인쇄되지 않았으면 null",
    "Indicator.weight": "인쇄된 가중치 (0~1); 인쇄되지 않았으면 null",
    "Indicator.results": "연도별 실적 (예: {2021: 14, 2022: 18}); '-'는 null",
    "Indicator.target": "목표치: 숫자, 마일스톤이면 인쇄된 문구 (새해 초안에서는 비워 둠)",
    "Indicator.target_year": "목표 연도 (평가 연도와 다를 때, 예: 2028)",
    "Indicator.direction": "up(상향: 클수록 좋음) 또는 down(하향: 작을수록 좋음)",
    "Indicator.kind": "quantitative(정량), qualitative(정성), milestone(마일스톤: 달성/미달성)",
    "Indicator.nature": "지표 성격: 투입, 과정, 산출, 결과",
    "Indicator.new": "신규 지표이면 true",
    "Indicator.common": "공통 지표이면 true",
    "Indicator.formula": "측정산식",
    "Indicator.source": "자료 수집 방법·출처",
    "Indicator.rationale": "목표치 설정 근거",
    "Indicator.line": "원문에서 지표명이 있는 줄 번호",
    "Indicator.cap": "이 지표의 달성률 상한(%): 루브릭 기본값 대신",
    "Indicator.band": "이 지표의 구간표: 루브릭 기본값 대신",
    "Indicator.applied_weight": "weighting: override일 때 적용하는 가중치",
    "Indicator.notes": "지표에 대한 메모",
}


class _YamlNumbers(GenerateJsonSchema):
    """Decimals are YAML numbers, and their defaults are numbers too (not text)."""

    def decimal_schema(self, schema: core_schema.DecimalSchema) -> JsonSchemaValue:
        out: JsonSchemaValue = {"type": "number"}
        for key, name in (
            ("ge", "minimum"),
            ("gt", "exclusiveMinimum"),
            ("le", "maximum"),
            ("lt", "exclusiveMaximum"),
        ):
            value = schema.get(key)
            if value is not None:
                out[name] = _number(value)
        return out

    def encode_default(self, dft: Any) -> Any:
        return super().encode_default(_numbers_in(dft))


def _number(value: Any) -> int | float:
    d = Decimal(str(value))
    return int(d) if d == d.to_integral_value() else float(d)


def _numbers_in(value: Any) -> Any:
    if isinstance(value, BaseModel):
        value = value.model_dump()
    if isinstance(value, Decimal):
        return _number(value)
    if isinstance(value, dict):
        return {k: _numbers_in(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_numbers_in(v) for v in value]
    return value


def _describe(schema: dict[str, Any], root: str) -> None:
    """Korean descriptions onto every model and property (the table wins over English)."""
    models = [(root, schema), *schema.get("$defs", {}).items()]
    for name, model in models:
        if name in MODEL_TEXT:
            model["description"] = MODEL_TEXT[name]
        for prop, sub in model.get("properties", {}).items():
            text = PROPERTY_TEXT.get(f"{name}.{prop}")
            if text is not None:
                sub["description"] = text


def json_schema(kind: SchemaKind = "rubric") -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a rubric, one strategic-goal file or a round file."""
    models: dict[SchemaKind, type[BaseModel]] = {
        "rubric": Rubric,
        "goal": StrategicGoal,
        "round": Round,
    }
    model = models[kind]
    body = copy.deepcopy(model.model_json_schema(schema_generator=_YamlNumbers))
    _describe(body, model.__name__)
    defs = body.get("$defs", {})
    indicator = defs.get("Indicator", {}).get("properties", {})
    if "results" in indicator:
        # YAML writes the years as numbers; JSON (and an editor) sees them as text.
        indicator["results"]["propertyNames"] = {"pattern": "^[0-9]{4}$"}
    if kind == "rubric":
        body["required"] = [r for r in body.get("required", []) if r != "strategic_goals"]
        body["properties"]["strategic_goals"].pop("minItems", None)
        body["properties"]["include"]["items"]["pattern"] = r"^(?!/)(?!.*\.\.).+\.ya?ml$"
        body["anyOf"] = [
            {"required": ["strategic_goals"], "properties": {"strategic_goals": {"minItems": 1}}},
            {"required": ["include"], "properties": {"include": {"minItems": 1}}},
        ]
    if kind == "round":
        for prop in defs["Inputs"]["properties"].values():
            # One path may be written without a list.
            items = prop.pop("items", {"type": "string"})
            prop.pop("type", None)
            prop["anyOf"] = [
                {"type": "string"},
                {"type": "array", "items": items},
                {"type": "null"},
            ]
        # A version may be written as a number (1, 1.1): the loader reads it as text.
        body["properties"]["version"]["type"] = ["string", "number"]
        body["properties"]["version"].pop("minLength", None)
    description = str(body.get("description", "")).strip()
    body["description"] = f"{_TITLES[kind]}: {description}" if description else _TITLES[kind]
    return {"$schema": DIALECT, "$id": _IDS[kind], **body}
