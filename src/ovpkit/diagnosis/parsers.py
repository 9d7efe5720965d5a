"""Parsers for encoded fields, compiled to SQL so millions of rows parse in DuckDB.

Each parser turns the trimmed raw text of one column into a typed value and, in
the same pass, a reason when the text cannot be read. The reason is what the
quarantine table shows next to the row, so it says what was expected.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ovpkit.diagnosis import reasons
from ovpkit.diagnosis.mapping import DEFAULT_PARSE, FieldSpec, Parse

DEFAULT_DATE_FORMATS: tuple[str, ...] = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
)
TRUE_WORDS = ("true", "t", "yes", "y", "1", "si", "sí", "sim", "verdadero", "fatal")
FALSE_WORDS = ("false", "f", "no", "n", "0", "não", "falso", "non-fatal", "nonfatal")
SEX_WORDS: dict[str, str | None] = {
    "m": "male", "male": "male", "masculino": "male", "hombre": "male", "h": "male",
    "man": "male", "homem": "male",
    "f": "female", "female": "female", "femenino": "female", "mujer": "female",
    "woman": "female", "mulher": "female", "feminino": "female",
    "u": None, "unknown": None, "no reporta": None, "no reportado": None, "sin dato": None,
    "desconocido": None, "ignorado": None,
}  # fmt: skip
AGE_RANGE = r"^(\d+)\s*(?:-|–|to|a|al)\s*(\d+)$"
AGE_OPEN = r"^(\d+)\s*(?:\+|and over|or more|y más|y mas|ou mais)$"


_NOT_NUMBER = "'" + reasons.NOT_NUMBER + "'"


@dataclass(frozen=True)
class Compiled:
    """SQL for one field: its typed value and the reason it failed (NULL if fine)."""

    value: str
    problem: str


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def one_of(sql: str, words: Iterable[str]) -> str:
    """SQL true when ``sql`` is one of ``words``, false otherwise (also when it is NULL).

    Written as a list lookup, not ``IN (...)``: DuckDB plans a long IN list (and
    list_contains) as a join that stays in every query over the parsing views,
    even those that never use the column.
    """
    return (
        f"(list_position([{', '.join(literal(w) for w in words)}]::VARCHAR[], {sql}) IS NOT NULL)"
    )


def _raw(spec: FieldSpec, column_sql: str | None) -> str:
    """The trimmed text (NULL when empty) that every parser starts from.

    ``column_sql`` is a column of the ``_clean`` view, already trimmed and NULL
    when empty, or a typed number column.
    """
    if spec.value is not None:
        text = str(spec.value).lower() if isinstance(spec.value, bool) else str(spec.value)
        return literal(text)
    return str(column_sql)


def compile_field(name: str, spec: FieldSpec, column_sql: str | None) -> Compiled:
    """Compile one canonical field of a mapping to SQL over the ``_clean`` view.

    The number parsers (number, integer, positive, age without ``values``) also
    accept a typed number column, and give the same value and problem as for
    the number's text.
    """
    parse: Parse = spec.parse or DEFAULT_PARSE.get(name, "text")
    raw = _raw(spec, column_sql)
    compiled = _PARSERS[parse](raw, spec)
    if spec.required:
        missing = f"CASE WHEN {raw} IS NULL THEN {literal(reasons.MISSING_VALUE)} END"
        compiled = Compiled(compiled.value, f"COALESCE({missing}, {compiled.problem})")
    return compiled


def _lookup(raw: str, spec: FieldSpec, default: dict[str, str | None]) -> tuple[str, str]:
    """CASE over the lower-cased text; returns (value SQL, 'is a known word' SQL)."""
    words = {k.lower(): v for k, v in default.items()}
    words.update({str(k).strip().lower(): v for k, v in spec.values.items()})
    if not words:
        return "NULL", "FALSE"
    whens = " ".join(
        f"WHEN {literal(k)} THEN {'NULL' if v is None else literal(str(v))}"
        for k, v in words.items()
    )
    known = one_of(f"LOWER({raw})", words)
    return f"CASE LOWER({raw}) {whens} END", known


def _coded(raw: str, spec: FieldSpec, default: dict[str, str | None], what: str) -> Compiled:
    mapped, known = _lookup(raw, spec, default)
    policy = spec.on_unknown or ("keep" if not default and what == "text" else "set_aside")
    fallback = {"keep": raw, "null": "NULL", "set_aside": "NULL"}[policy]
    value = f"CASE WHEN {known} THEN {mapped} ELSE {fallback} END"
    if policy != "set_aside":
        return Compiled(value, "NULL")
    hint = reasons.UNKNOWN_CODE[what]
    problem = f"CASE WHEN {raw} IS NOT NULL AND NOT ({known}) THEN {literal(hint)} END"
    return Compiled(value, problem)


def _text(raw: str, spec: FieldSpec) -> Compiled:
    return _coded(raw, spec, {}, "text")


def _code(raw: str, spec: FieldSpec) -> Compiled:
    # Excel turns codes into floats ("1234.0"); only a text with a dot can be one,
    # and the test is far cheaper than the regular expression on every row.
    floats = f"REGEXP_REPLACE({raw}, '^(\\d+)\\.0+$', '\\1')"
    text = f"CASE WHEN contains({raw}, '.') THEN {floats} ELSE {raw} END"
    if spec.zfill:
        text = f"LPAD({text}, CAST(GREATEST({spec.zfill}, LENGTH({text})) AS INTEGER), '0')"
    if spec.take:
        text = f"LEFT({text}, {spec.take})"
    if spec.values:
        return _coded(text, spec, {}, "area")
    return Compiled(text, "NULL")


def _number(raw: str, spec: FieldSpec) -> Compiled:
    value = f"TRY_CAST({raw} AS DOUBLE)"
    problem = f"CASE WHEN {raw} IS NOT NULL AND {value} IS NULL THEN {_NOT_NUMBER} END"
    return Compiled(value, problem)


def _integer(raw: str, spec: FieldSpec) -> Compiled:
    number = f"TRY_CAST({raw} AS DOUBLE)"
    whole = f"TRY_CAST(ROUND({number}) AS BIGINT)"
    problem = (
        f"CASE WHEN {raw} IS NOT NULL AND {number} IS NULL THEN {_NOT_NUMBER} "
        f"WHEN ISNAN({number}) OR ISINF({number}) THEN {_NOT_NUMBER} "
        f"WHEN {number} <> ROUND({number}) THEN {literal(reasons.NOT_WHOLE)} "
        f"WHEN {number} < 0 THEN {literal(reasons.NEGATIVE)} "
        f"WHEN {number} IS NOT NULL AND {whole} IS NULL THEN {literal(reasons.TOO_LARGE)} END"
    )
    return Compiled(whole, problem)


def _positive(raw: str, spec: FieldSpec) -> Compiled:
    number = _number(raw, spec)
    return Compiled(f"({number.value} > 0)", number.problem)


def _age(raw: str, spec: FieldSpec) -> Compiled:
    mapped, known = _lookup(raw, spec, {})
    number = f"TRY_CAST({raw} AS DOUBLE)"
    value = (
        f"CASE WHEN {known} THEN TRY_CAST({mapped} AS INTEGER) "
        f"ELSE TRY_CAST(FLOOR({number}) AS INTEGER) END"
    )
    problem = (
        f"CASE WHEN {known} THEN NULL WHEN {raw} IS NOT NULL AND {number} IS NULL "
        f"THEN {literal(reasons.AGE_NOT_NUMBER)} "
        f"WHEN {number} < 0 OR {number} > 120 THEN {literal(reasons.AGE_OUTSIDE)} END"
    )
    return Compiled(value, problem)


def _age_group(raw: str, spec: FieldSpec) -> Compiled:
    """Canonical label 'lo-hi' or 'lo+'; ovpkit derives age_min/age_max from it."""
    mapped, known = _lookup(raw, spec, {})
    pattern = (
        f"CASE WHEN REGEXP_MATCHES(LOWER({raw}), {literal(AGE_RANGE)}) "
        f"THEN REGEXP_REPLACE(LOWER({raw}), {literal(AGE_RANGE)}, '\\1-\\2') "
        f"WHEN REGEXP_MATCHES(LOWER({raw}), {literal(AGE_OPEN)}) "
        f"THEN REGEXP_REPLACE(LOWER({raw}), {literal(AGE_OPEN)}, '\\1+') END"
    )
    value = f"CASE WHEN {known} THEN {mapped} ELSE {pattern} END"
    reason = reasons.AGE_GROUP
    problem = (
        f"CASE WHEN {raw} IS NOT NULL AND ({value}) IS NULL AND NOT ({known}) "
        f"THEN {literal(reason)} END"
    )
    return Compiled(value, problem)


def _sex(raw: str, spec: FieldSpec) -> Compiled:
    return _coded(raw, spec, SEX_WORDS, "sex")


def _boolean(raw: str, spec: FieldSpec) -> Compiled:
    words: dict[str, str | None] = {w: "true" for w in TRUE_WORDS}
    words.update({w: "false" for w in FALSE_WORDS})
    compiled = _coded(raw, spec, words, "yes/no")
    return Compiled(f"CAST({compiled.value} AS BOOLEAN)", compiled.problem)


def _date(raw: str, spec: FieldSpec) -> Compiled:
    formats = spec.formats or DEFAULT_DATE_FORMATS
    listed = "[" + ", ".join(literal(f) for f in formats) + "]"
    value = f"TRY_STRPTIME({raw}, {listed})"
    reason = literal(reasons.NOT_DATE.format(formats=", ".join(formats)))
    problem = (
        f"CASE WHEN {raw} IS NULL THEN {literal(reasons.MISSING_DATE)} "
        f"WHEN {value} IS NULL THEN {reason} "
        f"WHEN YEAR({value}) < 1900 OR {value} > CURRENT_DATE + INTERVAL 366 DAY "
        f"THEN {literal(reasons.DATE_OUTSIDE)} END"
    )
    return Compiled(value, problem)


_PARSERS = {
    "text": _text,
    "code": _code,
    "integer": _integer,
    "number": _number,
    "positive": _positive,
    "age": _age,
    "age_group": _age_group,
    "sex": _sex,
    "boolean": _boolean,
    "date": _date,
}
