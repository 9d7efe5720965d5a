"""Open an incident file of any supported format as rows of text.

Every reader returns the same thing: the header names, and the rows as text
with their row number in the source (the line in a CSV, the row in a sheet, the
feature in a GeoJSON), so a set-aside row can be found again by a person.
Parquet is not read in Python at all: DuckDB scans it directly, and its numeric
columns are also offered typed (``n<i>``) so number parsers skip the round trip
through text.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]

from ovpkit.diagnosis.mapping import Mapping
from ovpkit.errors import DataError, os_problem
from ovpkit.i18n import _

HEADER_SCAN_ROWS = 60
# Parquet types whose text (DuckDB's CAST to VARCHAR) reads back to the same number.
EXACT_NUMBER_TYPES = frozenset(
    {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER", "DOUBLE"}
)
DELIMITERS = (",", ";", "\t", "|")
FIELD_LIMIT = 2**31 - 1  # the csv module's default, 128 KB, refused long cells with a traceback


@dataclass(frozen=True)
class RawTable:
    """Header names plus either an Arrow table of text (c0..cN, _row) or DuckDB SQL.

    ``types`` gives each column's DuckDB type when the source is typed (Parquet);
    text sources leave it empty.
    """

    names: tuple[str, ...]
    table: pa.Table | None = None
    sql: str | None = None
    types: tuple[str, ...] = ()


def detect_format(path: Path, mapping: Mapping) -> str:
    if mapping.read.format != "auto":
        return mapping.read.format
    suffix = path.suffix.lower()
    formats = {".csv": "csv", ".txt": "csv", ".tsv": "csv", ".xls": "excel", ".xlsx": "excel"}
    formats |= {".parquet": "parquet", ".pq": "parquet", ".geojson": "geojson", ".json": "geojson"}
    if suffix not in formats:
        raise DataError(
            _("cannot tell the format from the suffix '{suffix}'").format(suffix=suffix),
            file=path,
            hint=_("set read.format in the mapping to csv, excel, parquet or geojson"),
        )
    return formats[suffix]


def read_raw(path: Path, mapping: Mapping) -> RawTable:
    """Read ``path`` as text rows, finding the header row and the delimiter."""
    if not path.is_file():
        raise DataError(_("the file does not exist"), file=path, hint=_("check the path"))
    if path.stat().st_size == 0:
        raise DataError(_("the file is empty"), file=path, hint=_("export the data again"))
    kind = detect_format(path, mapping)
    if kind == "parquet":
        return _read_parquet(path)
    if kind == "geojson":
        return _read_geojson(path)
    rows = _excel_rows(path, mapping) if kind == "excel" else _csv_rows(path, mapping)
    return _with_header(rows, path, mapping)


def _normal(name: str) -> str:
    return " ".join(str(name).split()).casefold()


def _find_header(rows: Sequence[tuple[int, list[str | None]]], path: Path, mapping: Mapping) -> int:
    """Index (in ``rows``) of the header: the given row, or the first holding every column."""
    if mapping.read.header_row != "auto":
        wanted = mapping.read.header_row
        for index, (number, _) in enumerate(rows):
            if number == wanted:
                return index
        raise DataError(
            _("the file has no row {n} for the header").format(n=wanted),
            file=path,
            hint=_("set read.header_row in the mapping to the row of the column names"),
        )
    wanted_names = {_normal(c) for c in mapping.columns()}
    best, best_hits = 0, -1
    for index, (_, cells) in enumerate(rows[:HEADER_SCAN_ROWS]):
        hits = len(wanted_names & {_normal(c) for c in cells if c is not None})
        if hits == len(wanted_names):
            return index
        if hits > best_hits:
            best, best_hits = index, hits
    return best


def _with_header(
    rows: list[tuple[int, list[str | None]]], path: Path, mapping: Mapping
) -> RawTable:
    if not rows:
        raise DataError(_("the file is empty"), file=path, hint=_("export the data again"))
    header_at = _find_header(rows, path, mapping)
    names = tuple("" if c is None else str(c).strip() for c in rows[header_at][1])
    body = rows[header_at + 1 :]
    if not body:
        raise DataError(
            _("the file has a header but no data rows"), file=path, record=rows[header_at][0]
        )
    width = len(names)
    columns: list[list[str | None]] = [[] for _ in range(width + 1)]
    numbers: list[int] = []
    for number, cells in body:
        numbers.append(number)
        padded = list(cells[:width]) + [None] * (width - len(cells))
        for i, cell in enumerate(padded):
            columns[i].append(cell)
        extra = [c for c in cells[width:] if c not in (None, "")]
        columns[width].append(str(len(cells)) if extra else None)
    arrays = {f"c{i}": pa.array(col, type=pa.string()) for i, col in enumerate(columns[:width])}
    arrays["_ragged"] = pa.array(columns[width], type=pa.string())
    arrays["_row"] = pa.array(numbers, type=pa.int64())
    return RawTable(names=names, table=pa.table(arrays))


def decode(data: bytes, path: Path, encoding: str) -> str:
    """Bytes to text: the declared encoding, else UTF-8, else charset-normalizer's guess."""
    if encoding != "auto":
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            line = data[: getattr(exc, "start", 0)].count(b"\n") + 1
            raise DataError(
                _encoding_problem(exc, encoding),
                file=path,
                record=_("line {n}").format(n=line),
                hint=_("set read.encoding to the file's real encoding, or 'auto' to detect it"),
            ) from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    text = str(best) if best is not None else None
    if text is None or "\x00" in text:
        raise DataError(
            _("the text encoding cannot be recognised; the file looks damaged or is not text"),
            file=path,
            hint=_("open it in a spreadsheet and export it again as CSV (UTF-8)"),
        )
    return text


def _encoding_problem(exc: Exception, encoding: str) -> str:
    """Why the declared encoding fails: an unknown name, or a byte it cannot read."""
    if isinstance(exc, UnicodeDecodeError):
        return _("the text is not valid {encoding} (byte {n})").format(
            encoding=encoding, n=exc.start
        )
    return _("'{encoding}' is not the name of a text encoding").format(encoding=encoding)


def _sheet_name(sheet: int | str) -> str:
    """The sheet as a person counts it: the first is 1 (the mapping counts from 0)."""
    return str(sheet + 1) if isinstance(sheet, int) else f"'{sheet}'"


def read_bytes(path: Path) -> bytes:
    """The file's bytes; a file that cannot be read is a clear error, not a traceback."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise DataError(
            _("cannot read the file: {problem}").format(problem=os_problem(exc)), file=path
        ) from exc


def _csv_rows(path: Path, mapping: Mapping) -> list[tuple[int, list[str | None]]]:
    text = decode(read_bytes(path), path, mapping.read.encoding)
    if not text.strip():
        raise DataError(_("the file is empty"), file=path, hint=_("export the data again"))
    delimiter = mapping.read.delimiter
    if delimiter == "auto":
        delimiter = _sniff_delimiter(text, mapping)
    return _parse_csv(text, delimiter)


def _parse_csv(
    text: str, delimiter: str, limit: int | None = None
) -> list[tuple[int, list[str | None]]]:
    csv.field_size_limit(FIELD_LIMIT)  # a long note or narrative is a cell like any other
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str | None]]] = []
    start = 1
    for cells in reader:
        rows.append((start, [c if c != "" else None for c in cells]))
        start = reader.line_num + 1
        if limit is not None and len(rows) >= limit:
            break
    return rows


def _sniff_delimiter(text: str, mapping: Mapping) -> str:
    """The delimiter whose split puts the most mapped column names in one row."""
    wanted = {_normal(c) for c in mapping.columns()}
    head = text[:200_000]
    scores: list[tuple[int, int, str]] = []
    for delimiter in DELIMITERS:
        rows = _parse_csv(head, delimiter, limit=HEADER_SCAN_ROWS)
        hits = max((len(wanted & {_normal(c) for c in r if c}) for _, r in rows), default=0)
        width = max((len(r) for _, r in rows), default=0)
        scores.append((hits, width, delimiter))
    return max(scores)[2]


def _cell_text(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _excel_rows(path: Path, mapping: Mapping) -> list[tuple[int, list[str | None]]]:
    try:
        if path.suffix.lower() == ".xls":
            return list(_xls_rows(path, mapping.read.sheet))
        return list(_xlsx_rows(path, mapping.read.sheet))
    except DataError:
        raise
    except Exception as exc:  # xlrd, openpyxl and zipfile each raise their own types
        raise DataError(
            _("the spreadsheet cannot be opened, or it has no sheet {sheet}").format(
                sheet=_sheet_name(mapping.read.sheet)
            ),
            file=path,
            hint=_("check it opens in a spreadsheet program; save it again as .xlsx"),
        ) from exc


def _xls_rows(path: Path, sheet: int | str) -> Iterable[tuple[int, list[str | None]]]:
    import xlrd

    book = xlrd.open_workbook(str(path), on_demand=True)
    page = book.sheet_by_index(sheet) if isinstance(sheet, int) else book.sheet_by_name(sheet)
    for r in range(page.nrows):
        cells: list[str | None] = []
        for cell in page.row(r):
            if cell.ctype == xlrd.XL_CELL_DATE:
                cells.append(_cell_text(xlrd.xldate_as_datetime(cell.value, book.datemode)))
            else:
                cells.append(_cell_text(cell.value))
        yield r + 1, cells


def _xlsx_rows(path: Path, sheet: int | str) -> Iterable[tuple[int, list[str | None]]]:
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        page = book.worksheets[sheet] if isinstance(sheet, int) else book[sheet]
        for number, values in enumerate(page.iter_rows(values_only=True), start=1):
            yield number, [_cell_text(v) for v in values]
    finally:
        book.close()


def _read_geojson(path: Path) -> RawTable:
    try:
        document = json.loads(decode(read_bytes(path), path, "auto"))
    except json.JSONDecodeError as exc:
        raise DataError(
            _("this is not valid JSON"),
            file=path,
            record=_("line {n}").format(n=exc.lineno),
            hint=_("export the GeoJSON again, or check the brackets and commas near that line"),
        ) from exc
    features = document.get("features") if isinstance(document, dict) else None
    if not isinstance(features, list):
        raise DataError(_("not a GeoJSON FeatureCollection (no 'features' list)"), file=path)
    if not features:
        raise DataError(_("the GeoJSON has no features"), file=path)
    records = [_feature_record(f) for f in features]
    names = list(dict.fromkeys(k for r in records for k in r))
    arrays = {
        f"c{i}": pa.array([r.get(n) for r in records], type=pa.string())
        for i, n in enumerate(names)
    }
    arrays["_ragged"] = pa.array([None] * len(records), type=pa.string())
    arrays["_row"] = pa.array(range(1, len(records) + 1), type=pa.int64())
    return RawTable(names=tuple(names), table=pa.table(arrays))


def _feature_record(feature: Any) -> dict[str, str | None]:
    props = feature.get("properties") or {} if isinstance(feature, dict) else {}
    record = {str(k): _json_text(v) for k, v in props.items()}
    geometry = feature.get("geometry") if isinstance(feature, dict) else None
    coords = geometry.get("coordinates") if isinstance(geometry, dict) else None
    is_point = isinstance(geometry, dict) and geometry.get("type") == "Point"
    lon, lat = (coords[0], coords[1]) if is_point and coords and len(coords) >= 2 else (None, None)
    record["geometry_lon"] = _json_text(lon)
    record["geometry_lat"] = _json_text(lat)
    return record


def _json_text(value: Any) -> str | None:
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return _cell_text(value)


def _read_parquet(path: Path) -> RawTable:
    import duckdb

    where = str(path).replace("'", "''")
    try:
        described = duckdb.execute(f"DESCRIBE SELECT * FROM read_parquet('{where}')").fetchall()
        names = [str(r[0]) for r in described]
        types = [str(r[1]) for r in described]
    except duckdb.Error as exc:
        raise DataError(
            _("this is not a readable Parquet file"),
            file=path,
            hint=_("export the data again as Parquet, or as CSV (UTF-8)"),
        ) from exc
    quoted = ['"' + n.replace('"', '""') + '"' for n in names]
    cols = [f"CAST({q} AS VARCHAR) AS c{i}" for i, q in enumerate(quoted)]
    cols += [f"{q} AS n{i}" for i, q in enumerate(quoted) if types[i] in EXACT_NUMBER_TYPES]
    sql = (
        f"SELECT {', '.join(cols)}, CAST(NULL AS VARCHAR) AS _ragged, "
        "CAST(NULL AS VARCHAR) AS _unreadable, "
        "CAST(file_row_number + 1 AS BIGINT) AS _row "
        f"FROM read_parquet('{where}', file_row_number = true)"
    )
    return RawTable(names=tuple(names), sql=sql, types=tuple(types))
