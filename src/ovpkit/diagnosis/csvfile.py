"""Read a CSV file with DuckDB's own reader, streaming, into a temporary Parquet file.

Python reads only the first megabyte, to find the delimiter and the header line
as before (``readers``); DuckDB then parses the whole file in parallel with every
column as text and writes it to Parquet, so memory follows DuckDB's
``memory_limit``, not the file's size, and the later passes (problems, ids,
loaded rows) read the Parquet file instead of parsing the CSV again.

A set-aside row must be found again by its line in the file. DuckDB gives no line
numbers for good rows, so they are derived and checked: the file's lines
(counted while it is hashed) must equal the lines skipped above the first row,
plus the rows read, plus the line breaks inside quoted cells, plus the rows
DuckDB could not read (it gives their line). When they do not add up (blank
lines, a file that is not UTF-8, old Mac line ends) the file goes to the Python
reader, which numbers every line itself. Rows DuckDB cannot read (more cells
than the header allows, a line too long) are set aside with their line.

DuckDB's read buffer is sixteen times the longest line allowed, and threads
share the work by buffer: lines are first allowed 2 MB (so a big file spans
many buffers, read in parallel) and the file is read again with the full limit
only when a line is longer.

Writing millions of distinct strings (ids) to Parquet and parsing them again
in every later pass is much of the cost. So a column the mapping reads as a
number (or as a plain id) whose first rows are whole numbers is copied *typed
where exact*: ``n<i>`` holds the number of every cell whose text is exactly
DuckDB's own text of that number, ``c<i>`` keeps the text of the other
cells. When no cell kept its text, the column is offered typed to the parsers,
as a Parquet source's numbers are; otherwise the text is put back together,
so every cell reads as it was written either way.
"""

from __future__ import annotations

import codecs
import hashlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ovpkit import formats
from ovpkit.diagnosis import readers, reasons
from ovpkit.diagnosis.mapping import DEFAULT_PARSE, Mapping
from ovpkit.diagnosis.parsers import literal
from ovpkit.diagnosis.staging import NUMBER_PARSES
from ovpkit.i18n import _

HEAD_BYTES = 1 << 20
TABLES = ("_csv_shift", "_csv_rejects", "reject_errors", "reject_scans")
SPARE_CELLS = 8  # cells read beyond the header (each costs a column on every row)
MAX_LINE_BYTES = 64 << 20
# DuckDB sizes its read buffer from the longest line allowed (16 times it), and
# splits the work between threads by buffer: with 64 MB lines a 440 MB file was
# one buffer, read by one thread. Lines are first allowed DuckDB's usual 2 MB;
# a file with a longer line is read again with the full limit.
FIRST_LINE_BYTES = 2 << 20
LONG_LINE_MB = MAX_LINE_BYTES >> 20
PROGRESS_EVERY = 2.0  # seconds between two progress lines

Progress = Callable[[str], None]


@dataclass(frozen=True)
class FileScan:
    """What one pass over the bytes tells: the hash, the lines, whether it is UTF-8."""

    digest: str
    lines: int
    utf8: bool
    head: bytes


def scan(path: Path) -> FileScan:
    """Hash the file, count its lines and check it is UTF-8, in one streaming pass."""
    digest = hashlib.sha256()
    decoder = codecs.getincrementaldecoder("utf-8")()
    newlines, utf8, head, last = 0, True, b"", b""
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 22), b""):
            digest.update(block)
            newlines += block.count(b"\n")
            if len(head) < HEAD_BYTES:
                head += block[: HEAD_BYTES - len(head)]
            if utf8:
                try:
                    decoder.decode(block)
                except UnicodeDecodeError:
                    utf8 = False
            last = block
    if utf8:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8 = False
    lines = newlines + (0 if last.endswith(b"\n") else 1)
    return FileScan(digest.hexdigest(), lines, utf8, head)


@dataclass(frozen=True)
class Layout:
    """Where the data start and how wide a row is, found in the file's first megabyte."""

    names: tuple[str, ...]
    delimiter: str
    skip: int  # lines above the first data row (titles and the header)
    numbers: tuple[str, ...] = ()  # per column: "BIGINT" or "" (copied as text)

    def number(self, i: int) -> str:
        """The type column ``i`` is tried as (typed where exact), or "" for text only."""
        return self.numbers[i] if i < len(self.numbers) else ""


def number_columns(
    mapping: Mapping, names: tuple[str, ...], rows: list[list[str | None]]
) -> tuple[str, ...]:
    """Per column, the number type to copy it as where exact, or "" to keep it as text.

    Only columns the mapping reads as numbers (or a plain id) gain from it, and
    only when the first rows hold whole numbers: a column of other text would
    keep every cell's text and pay for the number too. Decimals (coordinates)
    stay text: checking that a cell is its double's own text means writing the
    double as text, which cost more than it saved (measured: 3.8 s of
    processor time against 3.6 s for 2 million rows).
    """
    wanted = _numeric_columns(mapping)
    found: list[str] = []
    for i, name in enumerate(names):
        cells = [c for r in rows if i < len(r) and (c := r[i])]
        if " ".join(name.split()).casefold() not in wanted or not cells:
            found.append("")
        else:
            found.append("BIGINT" if all(_whole(c) for c in cells) else "")
    return tuple(found)


def _numeric_columns(mapping: Mapping) -> set[str]:
    """The (normalised) columns the mapping parses as numbers, or as a plain text id."""
    packed = set(mapping.unpack.columns) if mapping.unpack is not None else set()
    wanted: set[str] = set()
    for name, spec in mapping.fields.items():
        if spec.column is None or spec.column in packed or spec.values or spec.value is not None:
            continue
        parse = spec.parse or DEFAULT_PARSE.get(name, "text")
        plain_id = name == "id" and parse == "text" and spec.on_unknown in (None, "keep")
        if parse in NUMBER_PARSES or plain_id:
            wanted.add(" ".join(spec.column.split()).casefold())
    return wanted


def _whole(text: str) -> bool:
    """A whole number written as DuckDB writes a BIGINT (no sign, spaces or leading zeros)."""
    body = text[1:] if text.startswith("-") else text
    return body.isascii() and body.isdigit() and len(body) <= 18 and str(int(text)) == text


def _exact(i: int, kind: str) -> tuple[str, str]:
    """SQL for ``c<i>`` (the text where it is not the number's own) and ``n<i>``."""
    number = f"TRY_CAST(c{i} AS {kind})"
    same = f"CAST({number} AS VARCHAR) = c{i}"
    return (
        f"CASE WHEN {same} THEN NULL ELSE c{i} END AS c{i}",
        f"CASE WHEN {same} THEN {number} END AS n{i}",
    )


def copy_to_parquet(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    layout: Layout,
    target: Path,
    say: Progress,
) -> int:
    """Parse the CSV with DuckDB into ``target`` (c0..cN, _ragged); return the rows written."""
    width = len(layout.names)
    names = [f"c{i}" for i in range(width)] + [f"x{i}" for i in range(SPARE_CELLS)]
    columns = "{" + ", ".join(f"'{n}': 'VARCHAR'" for n in names) + "}"
    spare = [f"x{i}" for i in range(SPARE_CELLS)]
    last = " ".join(  # the reader drops cells past the last spare one: their number is unknown
        f"WHEN {x} IS NOT NULL THEN {width + i + 1}" for i, x in reversed(list(enumerate(spare)))
    )
    full = f"x{SPARE_CELLS - 1} IS NOT NULL"
    many = literal(reasons.RAGGED_MANY.format(n=width + SPARE_CELLS - 1))
    cells = ", ".join(
        ", ".join(_exact(i, layout.number(i))) if layout.number(i) else f"c{i}"
        for i in range(width)
    )
    options = (
        f"header = false, auto_detect = false, skip = {layout.skip}, columns = {columns}, "
        f"delim = {literal(layout.delimiter)}, quote = '\"', escape = '\"', "
        f"null_padding = true, strict_mode = false, store_rejects = true, encoding = 'utf-8'"
    )
    select = (
        f"SELECT {cells}, CAST(CASE WHEN {full} THEN NULL {last} END AS VARCHAR) "
        f"AS _ragged, CASE WHEN {full} THEN {many} END AS _unreadable"
    )
    out = literal(str(target))
    for line_bytes in (FIRST_LINE_BYTES, MAX_LINE_BYTES):
        _copy(con, path, f"{select} FROM read_csv({literal(str(path))}, {options}, "
              f"max_line_size = {line_bytes}", out, say)  # fmt: skip
        if line_bytes == MAX_LINE_BYTES or not _too_long(con):
            break
    row = con.execute(f"SELECT COUNT(*) FROM read_parquet({out})").fetchone()
    return int(row[0]) if row else 0


def _copy(con: duckdb.DuckDBPyConnection, path: Path, read: str, out: str, say: Progress) -> None:
    """Run the copy (``read`` lacks its closing parenthesis), in parallel where DuckDB can.

    Null padding with line breaks inside quoted cells needs one thread.
    """
    con.execute("DROP TABLE IF EXISTS reject_errors")
    con.execute("DROP TABLE IF EXISTS reject_scans")
    for parallel in ("true", "false"):
        sql = f"COPY ({read}, parallel = {parallel})) TO {out} (FORMAT parquet, COMPRESSION snappy)"
        try:
            with _reporting(con, path, say):
                con.execute(sql)
            return
        except duckdb.Error as exc:
            if parallel == "false" or "parallel" not in str(exc):
                raise


def _too_long(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether DuckDB refused a line for its length (then the file is read again)."""
    row = con.execute(
        "SELECT COUNT(*) FROM reject_errors WHERE error_type = 'LINE SIZE OVER MAXIMUM'"
    ).fetchone()
    return bool(row and row[0])


def typed_columns(con: duckdb.DuckDBPyConnection, target: Path, lay: Layout) -> tuple[str, ...]:
    """Per column, its number type when every cell of it was copied as a number, else ""."""
    tried = [i for i in range(len(lay.names)) if lay.number(i)]
    if not tried:
        return tuple("" for _ in lay.names)
    counts = ", ".join(f"COUNT(c{i})" for i in tried)
    row = con.execute(f"SELECT {counts} FROM read_parquet({literal(str(target))})").fetchone()
    kept = dict(zip(tried, row or [1] * len(tried), strict=True))
    return tuple(lay.number(i) if kept.get(i) == 0 else "" for i in range(len(lay.names)))


class _reporting:
    """Report DuckDB's progress through the copy every ``PROGRESS_EVERY`` seconds."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: Path, say: Progress) -> None:
        self.con, self.path, self.say = con, path, say
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> None:
        self.start = time.perf_counter()
        self.thread.start()

    def __exit__(self, *_: object) -> None:
        self.done.set()
        self.thread.join()

    def _run(self) -> None:
        size = self.path.stat().st_size
        while not self.done.wait(PROGRESS_EVERY):
            try:
                share = float(self.con.query_progress())
            except duckdb.Error:
                return
            if share < 0:
                continue
            seconds = time.perf_counter() - self.start
            read = share / 100 * size
            self.say(
                _("reading {file}: {share} ({mb} MB, {rate} MB a second)").format(
                    file=self.path.name,
                    share=formats.percent(share / 100),
                    mb=formats.count(round(read / 1e6)),
                    rate=formats.count(round(read / 1e6 / max(seconds, 1e-9))),
                )
            )


def rejected(con: duckdb.DuckDBPyConnection) -> list[tuple[int, str, int]]:
    """The lines DuckDB could not read: (line, reason code, cells), in line order."""
    rows = con.execute(
        "SELECT line, ANY_VALUE(error_type), "
        "MAX(len(string_split(csv_line, (SELECT delimiter FROM reject_scans LIMIT 1)))) "
        "FROM reject_errors GROUP BY line ORDER BY line"
    ).fetchall()
    return [(int(line), str(kind), int(cells or 0)) for line, kind, cells in rows]


def line_breaks(con: duckdb.DuckDBPyConnection, target: Path, width: int) -> list[tuple[int, int]]:
    """Rows (0-based, in file order) whose quoted cells hold line breaks, with how many."""
    count = " + ".join(
        f"COALESCE(length(c{i}) - length(replace(c{i}, chr(10), '')), 0)" for i in range(width)
    )
    rows = con.execute(
        f"SELECT file_row_number, n FROM (SELECT file_row_number, {count} AS n "
        f"FROM read_parquet({literal(str(target))}, file_row_number = true)) WHERE n > 0 "
        "ORDER BY 1"
    ).fetchall()
    return [(int(k), int(n)) for k, n in rows]


def layout(head: bytes, mapping: Mapping, path: Path) -> Layout | None:
    """Delimiter, header and the lines above the data, from the first megabyte (UTF-8 only)."""
    text = head[: head.rfind(b"\n") + 1] if len(head) >= HEAD_BYTES else head
    try:
        decoded = text.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    if not decoded.strip():
        return None
    delimiter = mapping.read.delimiter
    if delimiter == "auto":
        delimiter = readers._sniff_delimiter(decoded, mapping)
    rows = readers._parse_csv(decoded, delimiter, limit=readers.HEADER_SCAN_ROWS + 1)
    if not rows:
        return None
    at = readers._find_header(rows, path, mapping)
    if at + 1 >= len(rows) or not rows[at + 1][1]:
        return None  # no data row in the head, or a blank line after the header
    names = tuple("" if c is None else str(c).strip() for c in rows[at][1])
    numbers = number_columns(mapping, names, [cells for _n, cells in rows[at + 1 :]])
    return Layout(names=names, delimiter=delimiter, skip=rows[at + 1][0] - 1, numbers=numbers)


def staging_sql(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    facts: FileScan,
    lay: Layout,
    target: Path,
    say: Progress,
) -> tuple[str, tuple[str, ...]] | None:
    """SQL of the staged rows (c0..cN, n<i>, _ragged, _unreadable, _row) and each column's type.

    The type is "VARCHAR", or the number type of a column offered typed as
    ``n<i>`` too. None when the lines do not add up (see the module's
    docstring): numbering the rows would then be a guess.
    """
    rows = copy_to_parquet(con, path, lay, target, say)
    bad = rejected(con)
    breaks = (
        line_breaks(con, target, len(lay.names))
        if facts.lines != lay.skip + rows + len(bad)
        else []
    )
    if bad and breaks:
        return None
    if facts.lines != lay.skip + rows + len(bad) + sum(n for _k, n in breaks):
        return None
    shifts = [(k - lay.skip - i, i) for i, (k, _kind, _n) in enumerate(bad, start=1)]
    total = 0
    for k, n in breaks:
        total += n
        shifts.append((k + 1, total))
    con.execute("CREATE OR REPLACE TEMP TABLE _csv_shift (k BIGINT, m BIGINT)")
    if shifts:
        con.executemany("INSERT INTO _csv_shift VALUES (?, ?)", shifts)
    typed = typed_columns(con, target, lay)
    sql = _union(con, lay, target, bad, typed, shifted=bool(shifts))
    return sql, tuple(t or "VARCHAR" for t in typed)


def _cells(lay: Layout, typed: tuple[str, ...], unreadable: bool = False) -> str:
    """The staged cells: the text of each column, and ``n<i>`` for the typed ones.

    A column tried as a number but with some text kept gets its text put back
    together; an unreadable line has no cells.
    """
    cells: list[str] = []
    for i in range(len(lay.names)):
        if unreadable:
            cells.append(f"CAST(NULL AS VARCHAR) AS c{i}")
            cells += [f"CAST(NULL AS {typed[i]}) AS n{i}"] if typed[i] else []
        elif typed[i]:
            cells += [f"CAST(n{i} AS VARCHAR) AS c{i}", f"n{i}"]
        elif lay.number(i):
            cells.append(f"COALESCE(c{i}, CAST(n{i} AS VARCHAR)) AS c{i}")
        else:
            cells.append(f"c{i}")
    return ", ".join(cells)


def _union(
    con: duckdb.DuckDBPyConnection,
    lay: Layout,
    target: Path,
    bad: list[tuple[int, str, int]],
    typed: tuple[str, ...],
    shifted: bool,
) -> str:
    """The good rows numbered by their line, and the unreadable lines with their reason.

    Most files need no shift (one line per row, none refused): their line is the
    row's position plus the lines skipped, with no join, since an ASOF join
    sorts the whole file on every pass.
    """
    cells = _cells(lay, typed)
    rows = f"read_parquet({literal(str(target))}, file_row_number = true)"
    first = lay.skip + 1
    if not shifted:
        good = (
            f"SELECT {cells}, _ragged, _unreadable, file_row_number + {first} AS _row FROM {rows}"
        )
    else:
        good = (
            f"SELECT {cells}, _ragged, _unreadable, "
            f"CAST(p.file_row_number + {first} + COALESCE(s.m, 0) AS BIGINT) AS _row "
            f"FROM {rows} p ASOF LEFT JOIN _csv_shift s ON p.file_row_number >= s.k"
        )
    if not bad:
        return good
    con.execute("CREATE OR REPLACE TEMP TABLE _csv_rejects (line BIGINT, reason VARCHAR)")
    con.executemany(
        "INSERT INTO _csv_rejects VALUES (?, ?)", [(k, _reason(kind, n)) for k, kind, n in bad]
    )
    nulls = _cells(lay, typed, unreadable=True)
    unreadable = f"SELECT {nulls}, CAST(NULL AS VARCHAR), reason, line FROM _csv_rejects"
    return f"{good} UNION ALL {unreadable}"


def _reason(kind: str, cells: int) -> str:
    """The stored (English) reason for a line DuckDB refused, from its error type."""
    if kind == "TOO MANY COLUMNS":
        return reasons.RAGGED.format(n=cells)
    if kind == "LINE SIZE OVER MAXIMUM":
        return reasons.LONG_LINE.format(n=LONG_LINE_MB)
    return reasons.UNREADABLE_LINE
