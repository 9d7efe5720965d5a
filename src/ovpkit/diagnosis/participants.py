"""Packed participant lists: one source row that names several people.

The Gun Violence Archive writes the people of an incident in one cell per
attribute: ``participant_type`` "0::Victim||1::Subject-Suspect",
``participant_age`` "0::25". A mapping's ``unpack:`` block names these
columns; here they become one row per kept participant (each victim, say) in
DuckDB SQL over the ``_clean`` view, so no Python loop touches a row.

Each packed cell is split once into two lists, the participants' indices and
their values, kept with the checks on them in the temporary table ``_people``
(DuckDB would otherwise split the cell again for every use of the lists).
Accounting stays per source row: a row with kept participants gives one row
per participant (``_part`` is the participant's index); a row with none, or
with a packed cell that cannot be read, gives one placeholder row that carries
the reason, and the whole source row is set aside.
"""

from __future__ import annotations

from dataclasses import dataclass

from ovpkit.diagnosis import reasons
from ovpkit.diagnosis.mapping import Syntax, Unpack
from ovpkit.diagnosis.parsers import Compiled, literal, one_of

EXCLUDED = reasons.EXCLUDED
UNPACK_VIEWS = ("_unpacked",)
UNPACK_TABLES = ("_people",)


@dataclass(frozen=True)
class Unpacked:
    """The statements that unpack a file, and what the parsing SELECT adds for them.

    ``staged`` maps each packed column's name to its staged column (``c<i>``);
    ``problems`` are the row-level reasons, one per packed column (named
    ``u<i>``), with ``raws`` giving the value shown next to each; ``labels``
    names them in the quarantine table (the source column).
    """

    statements: tuple[str, ...]
    staged: dict[str, str]
    problems: dict[str, Compiled]
    raws: dict[str, str]
    labels: dict[str, str]

    def item(self, column: str) -> str:
        """The participant's item ("2::abc"), shown when its value cannot be read."""
        return f"i{self.staged[column][1:]}"


def unpack_views(unpack: Unpack, staged: dict[str, str]) -> Unpacked:
    """Compile the ``_people`` table (one row per source row) and the ``_unpacked`` view.

    ``staged`` maps each packed column to its ``c<i>`` column in ``_clean``.
    """
    keep = staged[unpack.keep.column]
    cols = [staged[c] for c in unpack.columns]
    lists = [f"{_indices(c, unpack.syntax)} AS _i{c[1:]}" for c in cols]
    lists += [f"{_values(c, unpack.syntax)} AS _v{c[1:]}" for c in cols]
    checks = [_unreadable(c, unpack.syntax) for c in cols]
    checks += [_stray(c, keep) for c in cols if c != keep]
    checks.append(_kept(keep, unpack.keep.equals))
    # Nested SELECTs, so that each list is computed once and only read after.
    packed = f"SELECT *, {', '.join(lists)} FROM _clean"
    checked = f"SELECT *, {', '.join(checks)} FROM ({packed})"
    statements = (
        f"CREATE OR REPLACE TEMP TABLE _people AS SELECT *, {_broken(cols, keep)} FROM ({checked})",
        _unpacked_view(unpack, cols, keep),
    )
    problems = {f"u{c[1:]}": Compiled("NULL", f"_pu{c[1:]}") for c in cols}
    raws = {f"u{c[1:]}": f"_ru{c[1:]}" for c in cols}
    labels = {f"u{staged[name][1:]}": name for name in unpack.columns}
    return Unpacked(statements, dict(staged), problems, raws, labels)


def _per_syntax(cell: str, syntaxes: tuple[Syntax, ...], item: str) -> str:
    """Apply ``item`` (SQL over ``_t``, given the separator ``{x}``) to each item of the cell.

    The cell is read with the first syntax whose index separator it contains;
    a filled cell with none becomes one item without an index (unreadable).
    Empty items (a trailing separator) are no participants.
    """
    whens = []
    for s in syntaxes:
        split = f"list_filter(string_split({cell}, {literal(s.items)}), lambda _t: _t <> '')"
        each = item.format(x=literal(s.index), n=len(s.index))
        whens.append(f"WHEN contains({cell}, {literal(s.index)}) THEN list_transform({split}, "
                     f"lambda _t: {each})")  # fmt: skip
    return f"CASE WHEN {cell} IS NULL THEN NULL {' '.join(whens)} ELSE [NULL] END"


def _indices(cell: str, syntaxes: tuple[Syntax, ...]) -> str:
    """Each item's index: the whole number before the index separator, else NULL."""
    index = "CASE WHEN contains(_t, {x}) THEN TRY_CAST(split_part(_t, {x}, 1) AS BIGINT) END"
    return _per_syntax(cell, syntaxes, index)


def _values(cell: str, syntaxes: tuple[Syntax, ...]) -> str:
    """Each item's text after the index separator, untrimmed (trimmed when read, for speed)."""
    return _per_syntax(cell, syntaxes, "substr(_t, strpos(_t, {x}) + {n})")


def _separator(cell: str, syntaxes: tuple[Syntax, ...]) -> str:
    """The index separator the cell is read with (to show an item as written)."""
    whens = " ".join(
        f"WHEN contains({cell}, {literal(s.index)}) THEN {literal(s.index)}" for s in syntaxes
    )
    return f"CASE {whens} END"


def _unreadable(cell: str, syntaxes: tuple[Syntax, ...]) -> str:
    """Why a filled cell cannot be read: an item without an index, or an index twice."""
    k = cell[1:]
    written = reasons.either([f"0{s.index}value{s.items}1{s.index}value" for s in syntaxes])
    reason = literal(reasons.NOT_PACKED.format(written=written))
    return (
        f"CASE WHEN _i{k} IS NULL OR list_unique(_i{k}) = len(_i{k}) THEN NULL "
        f"WHEN list_count(_i{k}) < len(_i{k}) THEN {reason} "
        f"ELSE {literal(reasons.INDEX_TWICE)} END AS _bad{k}"
    )


def _stray(cell: str, keep: str) -> str:
    """Indices of a packed column that the keep column does not list (index mismatch).

    An empty keep column lists nobody; an unreadable one is reported itself.
    """
    k, kk = cell[1:], keep[1:]
    ids = f"CASE WHEN {keep} IS NULL THEN [] ELSE _i{kk} END"
    return (
        f"CASE WHEN list_unique(_i{kk}) = len(_i{kk}) OR {keep} IS NULL THEN "
        f"list_filter(_i{k}, lambda _x: NOT list_contains({ids}, _x)) END AS _mm{k}"
    )


def _kept(keep: str, equals: tuple[str, ...]) -> str:
    kk = keep[1:]
    wanted = one_of(f"TRIM(_v{kk}[_p])", equals)
    return f"list_filter(_i{kk}, lambda _x, _p: {wanted}) AS _kept"


def _broken(cols: list[str], keep: str) -> str:
    broken = [f"_bad{c[1:]} IS NOT NULL" for c in cols]
    broken += [f"len(_mm{c[1:]}) > 0" for c in cols if c != keep]
    return f"COALESCE({' OR '.join(broken)}, FALSE) AS _broken"


def _unpacked_view(unpack: Unpack, cols: list[str], keep: str) -> str:
    """One row per kept participant, or one placeholder row carrying the reason."""
    helpers = [f"_{kind}{c[1:]}" for kind in ("i", "v", "bad") for c in cols]
    helpers += [f"_mm{c[1:]}" for c in cols if c != keep] + ["_kept", "_broken"]
    at = {c: f"list_position(_i{c[1:]}, _part)" for c in cols}
    replaced = ", ".join(f"NULLIF(TRIM(_v{c[1:]}[{at[c]}]), '') AS {c}" for c in cols)
    extra = [
        f"CAST(_i{c[1:]}[{at[c]}] AS VARCHAR) || {_separator(c, unpack.syntax)} "
        f"|| TRIM(_v{c[1:]}[{at[c]}]) AS i{c[1:]}"
        for c in cols
    ]
    for c in cols:
        reason, raw = _keep_reason(unpack, c) if c == keep else _column_reason(unpack, c)
        extra += [f"{reason} AS _pu{c[1:]}", f"{raw} AS _ru{c[1:]}"]
    parts = "CASE WHEN _broken OR COALESCE(len(_kept), 0) = 0 THEN [NULL] ELSE _kept END"
    return (
        "CREATE OR REPLACE TEMP VIEW _unpacked AS SELECT * "
        f"EXCLUDE ({', '.join(helpers)}, _part) REPLACE ({replaced}), "
        f"CAST(_part AS BIGINT) AS _part, {', '.join(extra)} "
        f"FROM (SELECT *, UNNEST({parts}) AS _part FROM _people)"
    )


def _keep_reason(unpack: Unpack, cell: str) -> tuple[str, str]:
    k, keep = cell[1:], unpack.keep
    none = literal(reasons.NO_PARTICIPANTS.format(column=keep.column))
    nobody = literal(reasons.NOBODY.format(column=keep.column, values=reasons.either(keep.equals)))
    reason = (
        f"CASE WHEN _bad{k} IS NOT NULL THEN _bad{k} WHEN {cell} IS NULL THEN {none} "
        f"WHEN COALESCE(len(_kept), 0) = 0 THEN {nobody} END"
    )
    return reason, cell


def _column_reason(unpack: Unpack, cell: str) -> tuple[str, str]:
    k = cell[1:]
    stray = literal(reasons.STRAY.format(column=unpack.keep.column))
    reason = f"CASE WHEN _bad{k} IS NOT NULL THEN _bad{k} WHEN len(_mm{k}) > 0 THEN {stray} END"
    at = f"list_position(_i{k}, _mm{k}[1])"
    shown = f"_mm{k}[1] || {_separator(cell, unpack.syntax)} || TRIM(_v{k}[{at}])"
    raw = f"CASE WHEN _bad{k} IS NOT NULL THEN {cell} ELSE {shown} END"
    return reason, raw
