"""Compile a mapping into the SQL that parses a staged file in one pass.

The staged table has text columns ``c0..cN`` (in header order), ``_row`` (the
row number in the source), ``_ragged`` (set when a row has too many cells) and
``_unreadable`` (the reason a CSV line could not be read at all);
a typed source (Parquet) also has ``n<i>`` for its exact numeric columns.
The compiled SELECT yields, per row, the canonical values and one problem
column per field; a row with any problem is set aside, the others are loaded.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path

from ovpkit.diagnosis import reasons
from ovpkit.diagnosis.mapping import DEFAULT_PARSE, FieldSpec, Mapping
from ovpkit.diagnosis.parsers import Compiled, compile_field, literal, one_of, quote_ident
from ovpkit.diagnosis.participants import Unpacked
from ovpkit.diagnosis.readers import EXACT_NUMBER_TYPES
from ovpkit.errors import DataError
from ovpkit.i18n import _

AGE_LO = r"^(\d+)"
AGE_HI = r"-(\d+)$"
NOT_DATA = reasons.NOT_DATA
INTEGER_TYPES = EXACT_NUMBER_TYPES - {"DOUBLE"}
# What DuckDB writes for a number cast to text: a missing-value marker of this
# shape could blank a number, so such files keep numbers on the text path.
NUMBER_TEXT = re.compile(r"-?(\d+(\.\d+)?(e[+-]?\d+)?|nan|inf)")
NUMBER_PARSES = frozenset({"number", "integer", "positive", "age"})


@dataclass(frozen=True)
class Columns:
    """The file's header, resolved against the mapping's column names."""

    names: tuple[str, ...]
    path: Path
    na_values: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    packed: frozenset[int] = frozenset()

    def sql(self, column: str, field: str) -> str:
        """The staged column (``c<i>``) holding this source column's text."""
        return f"c{self.index(column, field)}"

    def number(self, column: str, field: str) -> str | None:
        """The typed column (``n<i>``) when the source stores this column as an exact number.

        Reading it directly gives the same value as parsing its text, which is
        what the text path would do, at a fraction of the cost.
        """
        i = self.index(column, field)
        return f"n{i}" if self._typed(i) else None

    def integer(self, column: str, field: str) -> str | None:
        """The typed column when it holds whole numbers (their text is unique per value)."""
        i = self.index(column, field)
        return f"n{i}" if self._typed(i) and self.types[i] in INTEGER_TYPES else None

    def present(self, staged: str) -> str:
        """SQL true when the cleaned cell of ``c<i>`` has a value."""
        i = int(staged[1:])
        return f"n{i} IS NOT NULL" if self._typed(i) else f"{staged} IS NOT NULL"

    def _typed(self, i: int) -> bool:
        if i >= len(self.types) or self.types[i] not in EXACT_NUMBER_TYPES:
            return False
        if i in self.packed:  # a participant's value is text cut from the cell
            return False
        return not any(NUMBER_TEXT.fullmatch(v) for v in self.na_values)

    def index(self, column: str, field: str) -> int:
        wanted = " ".join(column.split()).casefold()
        for i, name in enumerate(self.names):
            if " ".join(name.split()).casefold() == wanted:
                return i
        shown = ", ".join(f"'{n}'" for n in self.names[:40])
        raise DataError(
            _("the column '{column}' is not in the file (its columns are: {columns})").format(
                column=column, columns=shown
            ),
            file=self.path,
            field=field,
            hint=_("fix the column name in the mapping, or check this is the right file"),
        )

    def clean_select(self, used: list[str]) -> str:
        """Trimmed text of the used columns, empty cells and missing markers as NULL.

        Defined once as the ``_clean`` view so the parsers do not repeat it. The
        text of a typed number needs no cleaning: it has no spaces and cannot be
        a marker (``_typed`` checks that).
        """
        cleaned = []
        for c in dict.fromkeys(used):
            i = int(c[1:])
            if self._typed(i):
                cleaned += [f"CAST(n{i} AS VARCHAR) AS {c}", f"n{i}"]
            else:
                blank = one_of(f"TRIM({c})", self.na_values)
                cleaned.append(f"CASE WHEN {blank} THEN NULL ELSE NULLIF(TRIM({c}), '') END AS {c}")
        return "SELECT _row, _ragged, _unreadable, " + ", ".join(cleaned) + " FROM _staging"

    def raw_json(self) -> str:
        """SQL for the whole source row as JSON, kept with a set-aside row."""
        pairs = ", ".join(
            f"{literal(n or f'column {i + 1}')}, c{i}" for i, n in enumerate(self.names)
        )
        return f"CAST(json_object({pairs}) AS VARCHAR)"


@dataclass(frozen=True)
class Compiler:
    """Builds the parsing SELECT for one table (incidents or population)."""

    columns: Columns
    specs: dict[str, FieldSpec]
    mapping: Mapping
    source: str = "_clean"
    raws: dict[str, str] = dataclasses.field(default_factory=dict)

    def field(self, name: str) -> Compiled:
        spec = self.specs[name]
        if spec.column is None:
            return compile_field(name, spec, None)
        parse = spec.parse or DEFAULT_PARSE.get(name, "text")
        if parse in NUMBER_PARSES and not spec.values:
            number = self.columns.number(spec.column, name)
            if number is not None:
                return compile_field(name, spec, number)
        return compile_field(name, spec, self.columns.sql(spec.column, name))

    def raw(self, name: str) -> str:
        if name in self.raws:
            return self.raws[name]
        spec = self.specs.get(name)
        if spec is None or spec.column is None:
            return "NULL"
        return self.columns.sql(spec.column, name)

    def gate(self) -> list[tuple[str, str]]:
        """Row-level reasons that take precedence over field problems."""
        used = {self.columns.sql(c, c) for c in self.mapping.columns()}
        filled = (
            " + ".join(f"CAST({self.columns.present(c)} AS INTEGER)" for c in sorted(used)) or "0"
        )
        threshold = 1 if len(used) > 2 else 0
        gates = [("*", "_unreadable")]  # a line the CSV reader refused (see ``csvfile``)
        gates.append(("*", f"CASE WHEN ({filled}) <= {threshold} THEN {literal(NOT_DATA)} END"))
        before, after = reasons.RAGGED.split("{n}")
        ragged = (
            "CASE WHEN _ragged IS NOT NULL "
            f"THEN {literal(before)} || _ragged || {literal(after)} END"
        )
        gates.append(("*", ragged))
        for rule in self.mapping.exclude:
            col = self.columns.sql(rule.column, rule.column)
            tests = [one_of(f"TRIM({col})", rule.equals)] if rule.equals else []
            if rule.matches:
                tests.append(f"REGEXP_MATCHES(TRIM({col}), {literal(rule.matches)})")
            condition = " OR ".join(tests) or "FALSE"
            gates.append(
                (
                    rule.column,
                    f"CASE WHEN {condition} THEN "
                    f"{literal(reasons.EXCLUDED_BY_RULE.format(reason=rule.reason))} END",
                )
            )
        return gates

    def select(self, outputs: dict[str, str], problems: dict[str, Compiled]) -> str:
        """SELECT with value columns, ``_gate``, one ``p_<field>`` per field and ``_check``.

        ``_check`` is true when the row has any problem. It says the same as
        ``COALESCE(_gate, p_...) IS NOT NULL`` at half the cost, as it does not
        repeat the gate in every field (DuckDB does not share expressions in a
        filter).
        """
        gate = "COALESCE(" + ", ".join(g for _, g in self.gate()) + ", NULL)"
        parts = [f"{expr} AS {quote_ident(name)}" for name, expr in outputs.items()]
        parts.append(f"{gate} AS _gate")
        checks = [f"({gate}) IS NOT NULL"]
        checks += [f"({c.problem}) IS NOT NULL" for c in problems.values()]
        parts.append(f"({' OR '.join(checks)}) AS _check")
        for name, compiled in problems.items():
            parts.append(f"CASE WHEN ({gate}) IS NULL THEN {compiled.problem} END AS p_{name}")
            parts.append(f"CAST({self.raw(name)} AS VARCHAR) AS r_{name}")
        return "SELECT _row, " + ", ".join(parts) + f" FROM {self.source}"


def incident_select(
    columns: Columns,
    mapping: Mapping,
    file_name: str,
    unique_ids: bool = False,
    unpacked: Unpacked | None = None,
) -> tuple[str, list[tuple[str, str]]]:
    """The parsing SELECT for incidents, and its problem columns with their field names.

    With ``unpacked`` it reads one row per participant from ``_unpacked``
    instead of one per source row from ``_clean``.
    """
    raws = {} if unpacked is None else dict(unpacked.raws)
    if unpacked is not None:
        raws |= {n: unpacked.item(s.column) for n, s in mapping.fields.items()
                 if s.column in unpacked.staged}  # fmt: skip
    source = "_clean" if unpacked is None else "_unpacked"
    compiler = Compiler(columns, mapping.fields, mapping, source, raws)
    compiled = {name: compiler.field(name) for name in mapping.fields}
    value = {name: c.value for name, c in compiled.items()}
    stamp = value["date"]
    group = value.get("age_group", "NULL")
    age = value.get("victim_age", "NULL")
    id_sql = value.get("id", "CAST(NULL AS VARCHAR)")
    id_stored = _whole_number_id(columns, mapping) or id_sql  # NULL where id_sql is
    key = _record_key(id_sql, id_stored, file_name, unique_ids, unpacked is not None)
    with_time = mapping.fields["date"].with_time
    time_sql = (
        f"TRY_CAST({value['time']} AS TIME)"
        if "time" in value
        else (f"CAST({stamp} AS TIME)" if with_time else "NULL")
    )
    outputs = {
        "record_key": key,
        "id": id_stored,
        "date": f"CAST({stamp} AS DATE)",
        "time": time_sql,
        "date_precision": literal(mapping.fields["date"].precision),
        "type": value.get("type", "NULL"),
        "fatal": value.get("fatal", "NULL"),
        "area_code": value.get("area_code", "NULL"),
        "area_level": literal(mapping.area_level) if mapping.area_level else "NULL",
        "lat": value.get("lat", "NULL"),
        "lon": value.get("lon", "NULL"),
        "victim_age": age,
        "age_min": (
            f"COALESCE({age}, TRY_CAST(REGEXP_EXTRACT({group}, {literal(AGE_LO)}, 1) AS INTEGER))"
        ),
        "age_max": (
            f"CASE WHEN ({age}) IS NOT NULL THEN {age} WHEN ({group}) LIKE '%+' THEN NULL "
            f"ELSE TRY_CAST(REGEXP_EXTRACT({group}, {literal(AGE_HI)}, 1) AS INTEGER) END"
        ),
        "sex": value.get("sex", "NULL"),
        "weapon": value.get("weapon", "NULL"),
        "count": value.get("count", "1"),
    }
    problems = dict(compiled)
    problems.update(_coordinate_checks(compiled))
    labels = {name: name for name in problems}
    if unpacked is not None:
        problems |= unpacked.problems
        labels |= unpacked.labels
    return compiler.select(outputs, problems), list(labels.items())


def _record_key(id_sql: str, id_stored: str, file_name: str, unique: bool, unpacked: bool) -> str:
    """The record key, NULL where it is the id itself (the incidents view gives the id there).

    The source's id, numbered (``id#2``) when an id repeats, or the file name
    and row when there is no id; ``unique`` skips the numbering pass when the
    ids are known to be unique. An unpacked participant's key is the source
    row's key and the participant's index (``92174/1``): unique and the same
    on every ingest.
    """
    window = "DENSE_RANK" if unpacked else "ROW_NUMBER"  # counts source rows, not participants
    repeat = f"{window}() OVER (PARTITION BY ({id_sql}) ORDER BY _row)"
    numbered = "" if unique else f"WHEN {repeat} > 1 THEN ({id_sql}) || '#' || {repeat} "
    no_id = f"WHEN ({id_stored}) IS NULL THEN {literal(file_name + ':')} || _row "
    if not unpacked:
        return f"CASE {no_id}{numbered}END"
    return f"(CASE {no_id}{numbered}ELSE CAST(({id_sql}) AS VARCHAR) END) || '/' || _part"


def _whole_number_id(columns: Columns, mapping: Mapping) -> str | None:
    """The typed id column when the id is its plain text: stored as the number it is.

    A whole number's text is DuckDB's cast of it, which the incidents view
    applies, so storing the number saves writing ten million strings.
    """
    spec = mapping.fields.get("id")
    plain = spec is not None and spec.value is None and not spec.values
    if not plain or spec is None or spec.column is None:
        return None
    if (spec.parse or "text") != "text" or spec.on_unknown not in (None, "keep"):
        return None
    return columns.integer(spec.column, "id")


def _coordinate_checks(compiled: dict[str, Compiled]) -> dict[str, Compiled]:
    checks: dict[str, Compiled] = {}
    for name, limit in (("lat", 90), ("lon", 180)):
        if name in compiled:
            c = compiled[name]
            outside = f"CASE WHEN ABS({c.value}) > {limit} THEN {literal(reasons.COORDINATE)} END"
            checks[name] = Compiled(c.value, f"COALESCE({c.problem}, {outside})")
    return checks


def population_select(columns: Columns, mapping: Mapping) -> tuple[str, list[tuple[str, str]]]:
    """The parsing SELECT for the denominators the file carries."""
    pop = mapping.population
    assert pop is not None
    specs = {"area_code": pop.area_code, "year": pop.year, "population": pop.population}
    specs |= {k: v for k, v in (("sex", pop.sex), ("age_group", pop.age_group)) if v is not None}
    specs = {k: v.model_copy(update={"required": True}) if k != "sex" and k != "age_group" else v
             for k, v in specs.items()}  # fmt: skip
    compiler = Compiler(columns, specs, mapping)
    compiled = {name: compiler.field(name) for name in specs}
    outputs = {name: compiled[name].value if name in compiled else "NULL"
               for name in ("area_code", "year", "age_group", "sex", "population")}  # fmt: skip
    outputs["area_level"] = literal(mapping.area_level) if mapping.area_level else "NULL"
    return compiler.select(outputs, compiled), [(name, name) for name in compiled]
